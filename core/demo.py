"""Demo data of the site itself for `seed_demo`: another network's legal pages.

The pages (Impressum, Datenschutz, Barrierefreiheit) come from a data migration with
the Hannover network's text; a demo of another network (core.demo_networks)
speaks of its own city there too.
"""

from core import demo_networks as demo
from core.models import SitePage


def seed(*, stdout, password):
    if demo.current() is demo.HANNOVER:
        return []
    for page in SitePage.objects.all():
        title, body = demo.text(page.title), demo.text(page.body)
        if (title, body) != (page.title, page.body):
            page.title, page.body = title, body
            page.save()
    stdout.write(f"Seiten: Impressum, Datenschutz und Barrierefreiheit für {demo.current().city}.")
    return []
