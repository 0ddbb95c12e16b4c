"""The network's settings row, with the Hannover network's values.

The districts were a fixed list in code (partners.models.District); they are data now.
Every district an organisation already stores is kept: a slug not in the default list
is added with its slug as its name, so no organisation loses its district.
"""

from django.db import migrations

from core.models import (
    DEFAULT_BRAND,
    DEFAULT_CITY,
    DEFAULT_NAME,
    DEFAULT_SHORT_NAME,
    default_districts,
)


def create_row(apps, schema_editor):
    NetworkSettings = apps.get_model("netzwerk", "NetworkSettings")
    Organisation = apps.get_model("partners", "Organisation")
    districts = default_districts()
    known = {slug for slug, _name in districts}
    for slug in Organisation.objects.order_by().values_list("district", flat=True).distinct():
        if slug and slug not in known:
            districts.append([slug, slug])
            known.add(slug)
    if not NetworkSettings.objects.filter(pk=1).exists():
        NetworkSettings.objects.create(
            pk=1,
            name=DEFAULT_NAME,
            short_name=DEFAULT_SHORT_NAME,
            brand=DEFAULT_BRAND,
            city=DEFAULT_CITY,
            districts=districts,
        )


class Migration(migrations.Migration):
    dependencies = [
        ("netzwerk", "0005_network_settings"),
        ("partners", "0010_exit_declared_index"),
    ]

    operations = [migrations.RunPython(create_row, migrations.RunPython.noop)]
