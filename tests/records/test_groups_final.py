"""The walk of the final records of workgroups, posts and materials over every write path.

A closed working group, published (or accepted) seal terms and a seal acceptance are
final: every view, admin page, service, save(), QuerySet.update() and delete() refuses
to change them, and only `record_correction` does, keeping the original visible
where the record is shown. Posts are news, not final records (posts/policies.py).
"""

import datetime
from http import HTTPStatus

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from core.models import Correction
from core.records import FinalRecordError
from core.services import record_correction
from materials import services as materials_services
from materials.models import SealAcceptance, SealTerms
from partners.models import Contact
from tests.materials.factories import SealTermsFactory
from tests.meetings.factories import berlin
from tests.workgroups.factories import member_group
from workgroups import policies as workgroup_policies
from workgroups import services as workgroup_services
from workgroups.models import WorkingGroup

pytestmark = pytest.mark.django_db

GOVERNED = [WorkingGroup, SealTerms, SealAcceptance]


@pytest.fixture
def closed_group(clock, partner_org, representative, coordinator):
    clock(berlin(2026, 6, 1, 10))
    group = member_group(
        lead=partner_org,
        name="Digitale Beteiligung",
        slug="digitale-beteiligung",
        lead_contact=Contact.objects.get(user=representative),
        founded_on=datetime.date(2025, 3, 12),
    )
    workgroup_services.close_group(group=group, by=coordinator)
    group.refresh_from_db()
    assert group.is_final()
    return group


@pytest.fixture
def published_terms(db):
    terms = SealTermsFactory(valid_from=datetime.date(2025, 1, 1))
    assert terms.is_final()
    return terms


@pytest.fixture
def acceptance(published_terms, partner_org, representative):
    made = materials_services.accept_seal_terms(
        organisation=partner_org, terms=published_terms, by=representative
    )
    assert made.is_final()
    return made


def _refuses_model_writes(record, field, value):
    model = type(record)
    setattr(record, field, value)
    with pytest.raises(FinalRecordError):
        record.save()
    with pytest.raises(FinalRecordError):
        model.objects.filter(pk=record.pk).update(**{field: value})
    with pytest.raises(FinalRecordError):
        model.objects.filter(pk=record.pk).delete()
    stored = model.objects.get(pk=record.pk)
    with pytest.raises(FinalRecordError):
        stored.delete()
    assert model.objects.filter(pk=record.pk).exists()


# The closed working group ---------------------------------------------------------------


def test_closed_group_refuses_its_views(client_as, closed_group):
    slug = closed_group.slug
    lead = client_as("representative")
    edit = lead.post(
        reverse("workgroups:edit", kwargs={"slug": slug}),
        {"topic": "Anders", "description": "Neu", "access": "request"},
    )
    assert edit.status_code == HTTPStatus.OK
    assert "Die Arbeitsgruppe ist geschlossen." in edit.text
    coordinator = client_as("coordinator")
    close = coordinator.post(reverse("workgroups:close", kwargs={"slug": slug}), follow=True)
    assert "Die Arbeitsgruppe ist geschlossen." in close.text
    join = client_as("partner_contact").post(
        reverse("workgroups:join", kwargs={"slug": slug}), follow=True
    )
    assert "Die Arbeitsgruppe ist geschlossen." in join.text
    upload = lead.get(reverse("workgroups:document_upload", kwargs={"slug": slug}))
    assert upload.status_code == HTTPStatus.OK
    stored = WorkingGroup.objects.get(pk=closed_group.pk)
    assert (stored.topic, stored.description, stored.access) == (
        closed_group.topic,
        closed_group.description,
        closed_group.access,
    )


def test_closed_group_refuses_the_admin(client_as, closed_group):
    client = client_as("coordinator")
    change = client.post(
        reverse("admin:workgroups_workinggroup_change", args=[closed_group.pk]),
        {"name": "Umbenannt", "topic": "x", "access": "open"},
    )
    assert change.status_code == HTTPStatus.FORBIDDEN
    delete = client.post(
        reverse("admin:workgroups_workinggroup_delete", args=[closed_group.pk]), {"post": "yes"}
    )
    assert delete.status_code == HTTPStatus.FORBIDDEN
    assert WorkingGroup.objects.get(pk=closed_group.pk).name == "Digitale Beteiligung"


def test_closed_group_refuses_its_services(closed_group, coordinator, representative, partner_org):
    with pytest.raises(ValidationError):
        workgroup_services.update_group(group=closed_group, by=coordinator, description="x")
    with pytest.raises(ValidationError):
        workgroup_services.close_group(group=closed_group, by=coordinator)
    with pytest.raises(ValidationError):
        workgroup_services.set_lead(group=closed_group, organisation=partner_org, by=coordinator)
    with pytest.raises(ValidationError):
        workgroup_services.send_group_message(
            group=closed_group, subject="x", body="y", by=coordinator
        )
    with pytest.raises(PermissionDenied):
        workgroup_services.close_group(group=closed_group, by=representative)


def test_closed_group_refuses_save_update_and_delete(closed_group):
    _refuses_model_writes(closed_group, "name", "Umbenannt")


def test_founding_fields_of_an_active_group_are_locked(partner_org, coordinator):
    group = member_group(lead=partner_org, name="Offen", founded_on=datetime.date(2025, 3, 12))
    assert not group.is_final()
    group.founded_on = datetime.date(2025, 1, 1)
    with pytest.raises(FinalRecordError):
        group.save()
    with pytest.raises(FinalRecordError):
        WorkingGroup.objects.filter(pk=group.pk).update(founded_on=datetime.date(2025, 1, 1))
    # Nor is the founding resolution taken away afterwards (a group always has one).
    assert group.founding_resolution.is_adopted
    group = WorkingGroup.objects.get(pk=group.pk)
    group.founding_resolution = None
    with pytest.raises(FinalRecordError):
        group.save()
    with pytest.raises(FinalRecordError):
        WorkingGroup.objects.filter(pk=group.pk).update(founding_resolution=None)
    # What is not locked still changes, in bulk too.
    WorkingGroup.objects.filter(pk=group.pk).update(description="Neu beschrieben")
    with pytest.raises(FinalRecordError):
        WorkingGroup.objects.get(pk=group.pk).delete()


def test_correction_of_a_closed_group_keeps_the_original_and_is_shown(
    client_as, closed_group, coordinator
):
    page = client_as("coordinator").post(
        reverse("workgroups:correct", kwargs={"slug": closed_group.slug}),
        {
            "name": "Digitale Beteiligung",
            "topic": "Online-Beteiligung",
            "description": closed_group.description,
            "founded_on": "2025-03-12",
            "founding_note": "",
            "closed_on": closed_group.closed_on.isoformat(),
            "reason": "Das Thema war falsch übertragen.",
        },
    )
    assert page.status_code == HTTPStatus.FOUND
    correction = Correction.objects.of(closed_group).get()
    assert correction.original == {"topic": closed_group.topic}
    assert correction.corrected == {"topic": "Online-Beteiligung"}
    assert correction.corrected_by == coordinator
    public = client_as("anonymous").get(closed_group.get_absolute_url()).text
    assert "Das Thema war falsch übertragen." in public
    assert closed_group.topic in public  # the original stays visible
    assert WorkingGroup.objects.get(pk=closed_group.pk).topic == "Online-Beteiligung"


def test_correction_refuses_a_date_out_of_bounds(client_as, closed_group):
    response = client_as("coordinator").post(
        reverse("workgroups:correct", kwargs={"slug": closed_group.slug}),
        {
            "name": closed_group.name,
            "topic": closed_group.topic,
            "description": closed_group.description,
            "founded_on": "0001-01-01",
            "closed_on": closed_group.closed_on.isoformat(),
            "reason": "Test",
        },
    )
    assert response.status_code == HTTPStatus.OK
    assert "Bitte geben Sie ein Datum zwischen 2000 und 2100 an." in response.text
    assert not Correction.objects.exists()


def test_partners_cannot_correct_a_group(client_as, closed_group, representative):
    url = reverse("workgroups:correct", kwargs={"slug": closed_group.slug})
    assert client_as("representative").get(url).status_code == HTTPStatus.FORBIDDEN
    with pytest.raises(PermissionDenied):
        record_correction(
            record=closed_group,
            changes={"topic": "x"},
            reason="x",
            by=representative,
            policy=workgroup_policies.can_correct_group,
        )


# Published seal terms -----------------------------------------------------------------


def test_published_terms_refuse_the_admin(client_as, published_terms):
    client = client_as("coordinator")
    change = client.post(
        reverse("admin:materials_sealterms_change", args=[published_terms.pk]),
        {"number": 1, "text": "Heimlich geändert.", "valid_from": "2025-01-01"},
    )
    assert change.status_code == HTTPStatus.FORBIDDEN
    delete = client.post(
        reverse("admin:materials_sealterms_delete", args=[published_terms.pk]), {"post": "yes"}
    )
    assert delete.status_code == HTTPStatus.FORBIDDEN
    assert SealTerms.objects.get(pk=published_terms.pk).text == published_terms.text


def test_terms_not_yet_published_nor_accepted_are_edited_in_the_admin(clock, client_as):
    clock(berlin(2026, 6, 1, 10))
    draft = SealTermsFactory(number=2, valid_from=datetime.date(2026, 9, 1))
    assert not draft.is_final()
    response = client_as("coordinator").post(
        reverse("admin:materials_sealterms_change", args=[draft.pk]),
        {"number": 2, "text": "Neue Fassung.", "valid_from": "2026-09-01"},
    )
    assert response.status_code == HTTPStatus.FOUND
    assert SealTerms.objects.get(pk=draft.pk).text == "Neue Fassung."
    bounded = client_as("coordinator").post(
        reverse("admin:materials_sealterms_change", args=[draft.pk]),
        {"number": 2, "text": "Neue Fassung.", "valid_from": "0001-01-01"},
    )
    assert bounded.status_code == HTTPStatus.OK
    assert "Bitte geben Sie ein Datum zwischen 2000 und 2100 an." in bounded.text


def test_published_terms_refuse_save_update_and_delete(published_terms):
    _refuses_model_writes(published_terms, "text", "Heimlich geändert.")


def test_accepted_future_terms_are_final_too(clock, partner_org, representative):
    clock(berlin(2026, 6, 1, 10))
    SealTermsFactory(valid_from=datetime.date(2026, 1, 1))
    future = SealTermsFactory(number=2, valid_from=datetime.date(2026, 9, 1))
    assert not future.is_final()
    materials_services.accept_seal_terms(organisation=partner_org, terms=future, by=representative)
    assert SealTerms.objects.get(pk=future.pk).is_final()


def test_correction_of_terms_keeps_the_original_and_is_shown(client_as, published_terms):
    response = client_as("coordinator").post(
        reverse("materials:terms_correct", kwargs={"pk": published_terms.pk}),
        {
            "text": published_terms.text + " (Tippfehler berichtigt)",
            "valid_from": "2025-01-01",
            "reason": "Ein Tippfehler im Text.",
        },
    )
    assert response.status_code == HTTPStatus.FOUND
    correction = Correction.objects.of(published_terms).get()
    assert correction.original == {"text": published_terms.text}
    page = client_as("anonymous").get(reverse("materials:seal")).text
    assert "Ein Tippfehler im Text." in page
    assert "(Tippfehler berichtigt)" in page


# Seal acceptances -------------------------------------------------------------------------


def test_acceptance_refuses_the_site_and_the_admin(client_as, acceptance, partner_org):
    again = client_as("representative").post(
        reverse("materials:accept_terms"), {"organisation": partner_org.pk, "confirm": "on"}
    )
    assert again.status_code == HTTPStatus.OK
    assert SealAcceptance.objects.count() == 1
    client = client_as("coordinator")
    change = client.post(
        reverse("admin:materials_sealacceptance_change", args=[acceptance.pk]),
        {"name": "Jemand anderes"},
    )
    assert change.status_code == HTTPStatus.FORBIDDEN
    delete = client.post(
        reverse("admin:materials_sealacceptance_delete", args=[acceptance.pk]), {"post": "yes"}
    )
    assert delete.status_code == HTTPStatus.FORBIDDEN
    assert SealAcceptance.objects.get(pk=acceptance.pk).name == acceptance.name


def test_acceptance_refuses_its_service(acceptance, partner_org, representative):
    with pytest.raises(ValidationError):
        materials_services.accept_seal_terms(
            organisation=partner_org, terms=acceptance.terms, by=representative
        )


def test_acceptance_refuses_save_update_and_delete(acceptance):
    _refuses_model_writes(acceptance, "name", "Jemand anderes")


def test_correction_of_an_acceptance_keeps_the_original_and_is_shown(
    client_as, acceptance, partner_org
):
    response = client_as("coordinator").post(
        reverse("materials:acceptance_correct", kwargs={"pk": acceptance.pk}),
        {"name": "Rita Richtig", "function": acceptance.function, "reason": "Name verschrieben."},
    )
    assert response.status_code == HTTPStatus.FOUND
    correction = Correction.objects.of(acceptance).get()
    assert correction.original == {"name": acceptance.name}
    page = client_as("partner_contact").get(reverse("materials:list")).text
    assert "Name verschrieben." in page
    assert acceptance.name in page


def test_deleting_the_accepting_account_keeps_the_acceptance(acceptance, representative):
    representative.delete()
    kept = SealAcceptance.objects.get(pk=acceptance.pk)
    assert kept.accepted_by is None
    assert kept.name == acceptance.name
