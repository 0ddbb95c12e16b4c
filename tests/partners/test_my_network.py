import re
from http import HTTPStatus

import pytest
from django.db import connection
from django.template import Template
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from partners.models import Contact, Organisation
from tests.factories import ContactFactory, OrganisationFactory, UserFactory
from tests.partners.factories import png_upload, representative_of, sign

pytestmark = pytest.mark.django_db

PROFILE = {
    "name": "Nachbarschaft Linden",
    "legal_form": "e. V.",
    "district": "linden-limmer",
    "street": "Limmerstraße 1",
    "postal_code": "30451",
    "city": "Hannover",
    "website": "https://nachbarschaft-linden.example.org/",
    "email": "",
    "phone": "",
    "description": "Neu beschrieben.",
    "fields": [],
}


def test_my_network_lists_declarations_and_contacts(
    partner_org, representative, partner_contact, client_as
):
    declaration = sign(partner_org, representative)
    response = client_as("representative").get(reverse("partners:my_network"))
    assert reverse("partners:declaration_pdf", kwargs={"pk": declaration.pk}) in response.text
    assert "contact@example.org" in response.text  # the colleague, for representatives
    assert reverse("partners:contact_invite", kwargs={"slug": partner_org.slug}) in response.text


def test_plain_contact_does_not_manage_contacts(partner_org, client_as):
    response = client_as("partner_contact").get(reverse("partners:my_network"))
    assert reverse("partners:contact_invite", kwargs={"slug": partner_org.slug}) not in (
        response.text
    )
    assert "vertretung@example.org" not in response.text


def test_my_network_renders_other_apps_sections(client_as):
    from core import registry

    def my_network_sections(request):
        return [{"template": Template("<section><h2>Einladungen</h2></section>")}]

    with registry.contributing("test_app", my_network_sections=my_network_sections):
        response = client_as("partner_contact").get(reverse("partners:my_network"))
    assert "<h2>Einladungen</h2>" in response.text


def test_contact_edits_own_profile_with_logo(partner_org, client_as):
    client = client_as("partner_contact")
    url = reverse("partners:profile_edit", kwargs={"slug": partner_org.slug})
    response = client.post(url, {**PROFILE, "logo": png_upload()})
    assert response.status_code == HTTPStatus.FOUND
    partner_org.refresh_from_db()
    assert partner_org.description == "Neu beschrieben."
    assert partner_org.district == "linden-limmer"
    assert partner_org.logo


def test_contacts_of_another_organisation_cannot_edit_the_profile(partner_org, client):
    other = OrganisationFactory(name="Andere Initiative")
    client.force_login(representative_of(other))
    url = reverse("partners:profile_edit", kwargs={"slug": partner_org.slug})
    assert client.get(url).status_code == HTTPStatus.NOT_FOUND
    assert client.post(url, PROFILE).status_code == HTTPStatus.NOT_FOUND
    for name in ["contact_invite", "sign", "exit"]:
        url = reverse(f"partners:{name}", kwargs={"slug": partner_org.slug})
        assert client.get(url).status_code == HTTPStatus.NOT_FOUND


def test_profile_refuses_a_postal_code_without_five_digits(partner_org, client_as):
    response = client_as("partner_contact").post(
        reverse("partners:profile_edit", kwargs={"slug": partner_org.slug}),
        {**PROFILE, "postal_code": "3045"},
    )
    assert response.status_code == HTTPStatus.OK
    assert "Bitte geben Sie eine fünfstellige Postleitzahl an." in response.text
    partner_org.refresh_from_db()
    assert partner_org.postal_code != "3045"


def test_admin_refuses_a_postal_code_without_five_digits(partner_org, client_as):
    client = client_as("coordinator")
    url = reverse("admin:partners_organisation_change", args=[partner_org.pk])
    data = {
        **PROFILE,
        "slug": partner_org.slug,
        "postal_code": "3045",
        "contacts-TOTAL_FORMS": "0",
        "contacts-INITIAL_FORMS": "0",
        "declarations-TOTAL_FORMS": "0",
        "declarations-INITIAL_FORMS": "0",
    }
    response = client.post(url, data)
    assert response.status_code == HTTPStatus.OK
    assert "Bitte geben Sie eine fünfstellige Postleitzahl an." in response.text
    partner_org.refresh_from_db()
    assert partner_org.postal_code != "3045"


def test_renaming_to_an_existing_organisation_is_a_form_error(partner_org, client_as):
    OrganisationFactory(name="Schon Da")
    response = client_as("partner_contact").post(
        reverse("partners:profile_edit", kwargs={"slug": partner_org.slug}),
        {**PROFILE, "name": "schon da"},
    )
    assert response.status_code == HTTPStatus.OK
    assert "bereits im Netzwerk" in response.text


def test_representative_invites_a_colleague_who_is_linked_after_verifying(
    partner_org, client_as, client, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client_as("representative").post(
            reverse("partners:contact_invite", kwargs={"slug": partner_org.slug}),
            {"name": "Neue Kollegin", "email": "kollegin@example.org", "function": "Projekte"},
        )
    assert response.status_code == HTTPStatus.FOUND
    contact = Contact.objects.get(email="kollegin@example.org")
    assert contact.user is None
    invitation = mailoutbox[-1]
    assert invitation.to == ["kollegin@example.org"]
    signup = re.search(r"https?://[^/\s]+(/konto/signup/\S*)", invitation.body).group(1)

    client.post(
        signup,
        {
            "email": "kollegin@example.org",
            "password1": "ein-gutes-passwort-42",
            "password2": "ein-gutes-passwort-42",
        },
    )
    confirm = re.search(r"https?://[^/\s]+(/\S+)", mailoutbox[-1].body).group(1)
    client.post(confirm)
    contact.refresh_from_db()
    assert contact.user.email == "kollegin@example.org"
    assert client.get(reverse("partners:my_network")).status_code == HTTPStatus.OK


@pytest.mark.parametrize(
    ("account_name", "contact_name", "named"),
    [
        ("Rita Vertretung", "R. Vertretung", "Rita Vertretung (vertretung@example.org)"),
        ("", "Rita aus dem Vorstand", "Rita aus dem Vorstand (vertretung@example.org)"),
        ("", "", "vertretung@example.org"),
    ],
)
def test_the_contact_invitation_names_who_invites(
    partner_org,
    client,
    mailoutbox,
    django_capture_on_commit_callbacks,
    account_name,
    contact_name,
    named,
):
    user = UserFactory(email="vertretung@example.org", name=account_name)
    ContactFactory(organisation=partner_org, user=user, is_representative=True, name=contact_name)
    client.force_login(user)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("partners:contact_invite", kwargs={"slug": partner_org.slug}),
            {"name": "Neue Kollegin", "email": "kollegin@example.org", "function": "Projekte"},
        )
    body = mailoutbox[-1].body
    assert f"{named} hat Sie als Ansprechperson von {partner_org.name}" in body


def test_invited_person_with_an_account_is_linked_on_login(partner_org, client_as, client):
    from tests.factories import PASSWORD

    user = UserFactory(email="schon@example.org")
    client_as("representative").post(
        reverse("partners:contact_invite", kwargs={"slug": partner_org.slug}),
        {"name": "Schon Registriert", "email": "schon@example.org", "function": ""},
    )
    assert Contact.objects.get(email="schon@example.org").user == user
    Contact.objects.filter(email="schon@example.org").update(user=None)
    client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    assert Contact.objects.get(email="schon@example.org").user == user


def test_inviting_an_existing_contact_is_a_form_error(partner_org, partner_contact, client_as):
    response = client_as("representative").post(
        reverse("partners:contact_invite", kwargs={"slug": partner_org.slug}),
        {"name": "Doppelt", "email": "contact@example.org", "function": ""},
    )
    assert response.status_code == HTTPStatus.OK
    assert "bereits Ansprechperson" in response.text


def test_representative_removes_a_contact_after_confirming(partner_org, client_as):
    colleague = ContactFactory(organisation=partner_org, user=None, email="weg@example.org")
    client = client_as("representative")
    url = reverse("partners:contact_remove", kwargs={"slug": partner_org.slug, "pk": colleague.pk})
    response = client.get(url)
    assert "nicht mehr Ansprechperson" in response.text
    assert Contact.objects.filter(pk=colleague.pk).exists()
    client.post(url)
    assert not Contact.objects.filter(pk=colleague.pk).exists()


def test_last_representative_cannot_be_removed(partner_org, representative, client):
    client.force_login(representative)
    own = Contact.objects.get(user=representative)
    response = client.post(
        reverse("partners:contact_remove", kwargs={"slug": partner_org.slug, "pk": own.pk}),
        follow=True,
    )
    assert "letzte vertretungsberechtigte Person" in response.text
    assert Contact.objects.filter(pk=own.pk).exists()


def test_contact_gives_and_withdraws_public_consent_with_date(partner_org, client_as):
    client = client_as("partner_contact")
    contact = Contact.objects.get(user=client.user)
    url = reverse("partners:contact_consent", kwargs={"pk": contact.pk})
    client.post(url, {"consent": "1"})
    contact.refresh_from_db()
    assert contact.public_consent_at is not None
    assert contact.email in client.get(partner_org.get_absolute_url()).text
    client.post(url, {"consent": "0"})
    contact.refresh_from_db()
    assert contact.public_consent_at is None


def test_nobody_sets_consent_for_someone_else(partner_org, partner_contact, client_as):
    contact = Contact.objects.get(organisation=partner_org, is_representative=False)
    response = client_as("representative").post(
        reverse("partners:contact_consent", kwargs={"pk": contact.pk}), {"consent": "1"}
    )
    assert response.status_code == HTTPStatus.NOT_FOUND


def test_left_organisation_contacts_keep_only_their_declarations(partner_org, client_as):
    # After the exit, /mein-netzwerk/ shows the signed declarations and the way to the
    # personal data, nothing to act on (it was a 403, which hid the declarations).
    Organisation.objects.filter(pk=partner_org.pk).update(status=Organisation.Status.LEFT)
    response = client_as("partner_contact").get(reverse("partners:my_network"))
    assert response.status_code == 200
    assert "ausgetreten" in response.text
    assert reverse("account_overview") in response.text
    assert reverse("partners:profile_edit", kwargs={"slug": partner_org.slug}) not in response.text


def test_more_organisations_cost_no_more_queries(partner_org, representative, client_as):
    # Declarations and contacts come for all the person's organisations at once.
    client = client_as("representative")
    sign(partner_org, representative)
    client.get(reverse("partners:my_network"))
    with CaptureQueriesContext(connection) as one:
        client.get(reverse("partners:my_network"))
    for name in ["Zweite Initiative", "Dritte Initiative"]:
        other = OrganisationFactory(name=name)
        ContactFactory(organisation=other, user=representative, is_representative=True)
        ContactFactory(organisation=other, name=f"Kollegin {name}", email="k@example.org")
        sign(other)
    with CaptureQueriesContext(connection) as three:
        response = client.get(reverse("partners:my_network"))
    assert "Kollegin Zweite Initiative" in response.text
    assert "Kollegin Dritte Initiative" in response.text
    assert len(three) <= len(one)
