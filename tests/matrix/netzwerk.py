from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from core.models import DEFAULT_DISTRICTS, Correction, NetworkSettings, SitePage
from tests.matrix import COORDINATION_READ, COORDINATORS, LOGGED_IN, PUBLIC, Row, expect

ROWS = [
    Row("home", PUBLIC),
    Row("netzwerk", PUBLIC),
    Row("impressum", PUBLIC),
    Row("datenschutz", PUBLIC),
    Row("barrierefreiheit", PUBLIC),
    Row("leichte_sprache", PUBLIC),
    Row("coordination", COORDINATION_READ),
    Row("network_settings", COORDINATORS),
    Row(
        "network_settings",
        expect(302, 403, 403, 403, 403, 302),
        method="post",
        data=lambda w: {
            "name": "Netzwerk Bürgerbeteiligung Musterstadt",
            "short_name": "Netzwerk Musterstadt",
            "brand": "Netzwerk Bürgerbeteiligung",
            "city": "Musterstadt",
            "contact_email": "koordination@example.org",
            "contact_address": "Marktplatz 1\n12345 Musterstadt",
            # Every district an organisation of the world stores stays.
            "districts": "\n".join(f"{slug} | {name}" for slug, name in DEFAULT_DISTRICTS),
            "coordinating": [w.coordinating_org.pk],
        },
        note="saved through the service: back to the page",
    ),
    Row("health", PUBLIC),
    # Redirects everyone to the static icon.
    Row("favicon", expect(302, 302, 302, 302, 302, 302)),
    Row("account_overview", LOGGED_IN),
    Row("account_data", LOGGED_IN),
    Row("account_delete", LOGGED_IN),
    # set_language is POST only and redirects back.
    Row(
        "set_language", expect(302, 302, 302, 302, 302, 302), method="post", data={"language": "en"}
    ),
]


# Queued e-mail is a record of what happened: the admin shows it read-only.
ADMIN_REFUSED = {
    "admin:django_tasks_database_dbtaskresult_add",
    "admin:django_tasks_database_dbtaskresult_delete",
    # Corrections are written by the services and never changed or deleted.
    "admin:netzwerk_correction_add",
    "admin:netzwerk_correction_delete",
    # The network's settings are changed on /koordination/netzwerk/; one row, never deleted.
    "admin:netzwerk_networksettings_add",
    "admin:netzwerk_networksettings_delete",
}


def build(world):
    # Pages come from a data migration, which records no history: edit one.
    page = SitePage.objects.get(slug=SitePage.Slug.IMPRESSUM)
    page.save()
    world.site_page = page
    # The settings row, too: its history page needs a version (recorded without a save,
    # which would keep the settings out of the cache for the rest of the test).
    NetworkSettings.history.bulk_history_create(
        [NetworkSettings.objects.get_or_create(pk=NetworkSettings.SINGLETON_PK)[0]]
    )
    world.mail_task = DBTaskResult.objects.create(
        args_kwargs={"args": [[]], "kwargs": {}},
        task_path="core.tasks.deliver_mail",
        queue_name="mail",
        backend_name="database",
        run_after=timezone.now(),
    )
    world.correction = Correction.objects.create(
        record=page,
        original={"title": "Impresum"},
        corrected={"title": "Impressum"},
        reason="Tippfehler im Titel",
        corrected_by=world.users["coordinator"],
    )
