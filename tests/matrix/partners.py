from django.core.files.base import ContentFile
from django.utils import timezone

from partners.models import Contact
from tests.matrix import COORDINATORS, LOGGED_IN, PUBLIC, Row, expect

# Admin pages refused even to coordinators: a declaration is never added, changed
# or deleted by hand (its change page is a read-only view), and an organisation is
# never deleted (it leaves; its declarations and history stay).
ADMIN_REFUSED = {
    "admin:partners_declaration_add",
    "admin:partners_declaration_delete",
    "admin:partners_organisation_delete",
    # The results of the seal check are written by verify_declarations only.
    "admin:partners_sealcheck_add",
    "admin:partners_sealcheck_delete",
    # A Berichtigung (netzwerk.Correction, here of a declaration) is written by the
    # service only and never deleted.
    "admin:netzwerk_correction_add",
    "admin:netzwerk_correction_delete",
}

# Representatives of partner_org only; the speaker represents another organisation.
OWN_REPRESENTATIVE = expect(302, 403, 403, 200, 404, 403)
ALL_REDIRECT = expect(302, 302, 302, 302, 302, 302)


def _org(world):
    return {"slug": world.partner_org.slug}


ROWS = [
    Row("partners:list", PUBLIC),
    Row("partners:list", PUBLIC, query="?q=Linden&district=mitte&field=bildung"),
    Row("partners:detail", PUBLIC, kwargs=_org),
    Row("partners:logo", PUBLIC, kwargs=_org),
    Row("partners:sponsor_logo", PUBLIC, kwargs=lambda w: {"pk": w.sponsor.pk}),
    Row("partners:join", PUBLIC),
    Row("partners:join_organisation", LOGGED_IN),
    Row("partners:join_sign", ALL_REDIRECT, note="without an application: back to step 2"),
    Row("partners:join_done", ALL_REDIRECT, note="without a signed application: back to start"),
    Row(
        "partners:my_network",
        LOGGED_IN,
        note="anyone logged in reads where they stand; applicants are sent to their status page",
    ),
    Row(
        "partners:declaration_pdf",
        expect(302, 404, 200, 200, 404, 200),
        kwargs=lambda w: {"pk": w.declaration.pk},
    ),
    Row(
        "partners:contact_consent",
        expect(302, 403, 302, 404, 404, 404),
        kwargs=lambda w: {"pk": w.partner_contact_contact.pk},
        method="post",
        data={"consent": "1"},
    ),
    Row(
        "partners:profile_edit",
        expect(302, 403, 200, 200, 404, 404),
        kwargs=_org,
        note="contacts of another organisation get 404",
    ),
    Row("partners:contact_invite", OWN_REPRESENTATIVE, kwargs=_org),
    Row(
        "partners:contact_remove",
        OWN_REPRESENTATIVE,
        kwargs=lambda w: {"slug": w.partner_org.slug, "pk": w.removable_contact.pk},
    ),
    Row("partners:sign", OWN_REPRESENTATIVE, kwargs=_org),
    Row("partners:exit", OWN_REPRESENTATIVE, kwargs=_org),
    Row(
        "partners:exit_withdraw",
        OWN_REPRESENTATIVE,
        kwargs=_org,
        note="the confirmation page; without a declared exit it says so",
    ),
    Row("partners:application", COORDINATORS, kwargs=lambda w: {"slug": w.applicant.slug}),
    Row(
        "partners:approve",
        expect(302, 403, 403, 403, 403, 302),
        kwargs=lambda w: {"slug": w.applicant.slug},
        method="post",
    ),
    Row("partners:reject", COORDINATORS, kwargs=lambda w: {"slug": w.applicant.slug}),
    Row("partners:agreement_publish", COORDINATORS),
    Row("partners:resign_list", COORDINATORS),
    Row(
        "partners:declaration_correct",
        COORDINATORS,
        kwargs=lambda w: {"pk": w.declaration.pk},
    ),
    Row("partners:agreement_correct", COORDINATORS, kwargs=lambda w: {"number": 1}),
    Row("partners:exit_confirm", COORDINATORS, kwargs=lambda w: {"slug": w.leaving.slug}),
    Row("partners:export_partners", COORDINATORS),
    Row("partners:export_declarations", COORDINATORS),
]


def build(world):
    from tests.factories import ContactFactory, OrganisationFactory
    from tests.partners.factories import SponsorFactory, png_bytes, sign, signed_application

    world.partner_org.logo.save("logo.png", ContentFile(png_bytes()), save=True)
    world.sponsor = SponsorFactory()
    world.sponsor.logo.save("sponsor.png", ContentFile(png_bytes()), save=True)
    world.declaration = sign(world.partner_org, world.users["representative"])
    # A Berichtigung of the declaration (the admin rows need a Correction too).
    from core.services import record_correction

    world.declaration_correction = record_correction(
        record=world.declaration,
        changes={"place": "Hannover-Linden"},
        reason="Ort falsch übernommen",
        by=world.users["coordinator"],
    )
    from partners.services import check_seals

    world.seal_check = check_seals()
    world.partner_contact_contact = Contact.objects.get(
        organisation=world.partner_org, user=world.users["partner_contact"]
    )
    world.removable_contact = ContactFactory(
        organisation=world.partner_org, user=None, name="Ehemalige Kraft", email="alt@example.org"
    )
    world.applicant, _ = signed_application()
    world.leaving = OrganisationFactory(name="Abschied Hannover")
    world.leaving.exit_declared_at = timezone.now()
    world.leaving.exit_on = timezone.localdate()
    world.leaving.save()
