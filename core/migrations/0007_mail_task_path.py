"""The mail task moved with the ground floor: `netzwerk.tasks.deliver_mail` is
`core.tasks.deliver_mail` now. Mails waiting in the queue (and their retries) must
still run, and failed ones must still show on /koordination/."""

from django.db import migrations

OLD, NEW = "netzwerk.tasks.deliver_mail", "core.tasks.deliver_mail"


def forwards(apps, schema_editor):
    apps.get_model("django_tasks_database", "DBTaskResult").objects.filter(task_path=OLD).update(
        task_path=NEW
    )


def backwards(apps, schema_editor):
    apps.get_model("django_tasks_database", "DBTaskResult").objects.filter(task_path=NEW).update(
        task_path=OLD
    )


class Migration(migrations.Migration):
    dependencies = [
        ("netzwerk", "0006_network_settings_row"),
        ("django_tasks_database", "0021_conditional_partial_index_ordering"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
