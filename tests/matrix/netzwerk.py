from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from netzwerk.models import Correction, SitePage
from tests.matrix import COORDINATION_READ, LOGGED_IN, PUBLIC, Row, expect

ROWS = [
    Row("home", PUBLIC),
    Row("netzwerk", PUBLIC),
    Row("impressum", PUBLIC),
    Row("datenschutz", PUBLIC),
    Row("barrierefreiheit", PUBLIC),
    Row("leichte_sprache", PUBLIC),
    Row("coordination", COORDINATION_READ),
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
}


def build(world):
    # Pages come from a data migration, which records no history: edit one.
    page = SitePage.objects.get(slug=SitePage.Slug.IMPRESSUM)
    page.save()
    world.site_page = page
    world.mail_task = DBTaskResult.objects.create(
        args_kwargs={"args": [[]], "kwargs": {}},
        task_path="netzwerk.tasks.deliver_mail",
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
