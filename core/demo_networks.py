"""The demo networks `seed_demo` loads: Hannover (the default) and made-up others.

Every app's demo module builds the same demo (partners, meetings, elections, …) for
whichever network is chosen with `seed_demo --network=<slug>`. A network other than
Hannover brings its settings (names, city, contact, districts) and says how the demo's
Hannover words read there: `text()` rewrites a demo string, `district()` maps one of
Hannover's districts to one of its own. For Hannover both return what they are given.
"""

from contextlib import contextmanager
from dataclasses import dataclass, field

from core.models import (
    DEFAULT_BRAND,
    DEFAULT_CITY,
    DEFAULT_NAME,
    DEFAULT_SHORT_NAME,
    default_districts,
)


@dataclass(frozen=True)
class DemoNetwork:
    slug: str
    name: str
    short_name: str
    brand: str
    city: str
    districts: list
    contact_email: str = ""
    contact_address: str = ""
    # (Hannover's words, this network's), applied in order: longer phrases first.
    replacements: tuple = ()
    # Hannover district slug → this network's.
    district_map: dict = field(default_factory=dict)

    def settings(self):
        return {
            "name": self.name,
            "short_name": self.short_name,
            "brand": self.brand,
            "city": self.city,
            "contact_email": self.contact_email,
            "contact_address": self.contact_address,
            "districts": [list(pair) for pair in self.districts],
        }


HANNOVER = DemoNetwork(
    slug="hannover",
    name=DEFAULT_NAME,
    short_name=DEFAULT_SHORT_NAME,
    brand=DEFAULT_BRAND,
    city=DEFAULT_CITY,
    districts=default_districts(),
)

MUSTERSTADT = DemoNetwork(
    slug="musterstadt",
    name="Netzwerk Bürgerbeteiligung Musterstadt",
    short_name="Netzwerk Bürgerbeteiligung Musterstadt",
    brand="Netzwerk Bürgerbeteiligung",
    city="Musterstadt",
    districts=[
        ["altstadt", "Altstadt"],
        ["nordviertel", "Nordviertel"],
        ["suedviertel", "Südviertel"],
        ["westend", "Westend"],
        ["ostpark", "Ostpark"],
    ],
    contact_email="koordination@example.org",
    contact_address="Stadt Musterstadt, Büro für Bürgerbeteiligung\nMarktplatz 1\n12345 Musterstadt",
    replacements=(
        (
            "Netzwerks Bürgermitwirkung in der Stadt Hannover",
            "Netzwerks Bürgerbeteiligung Musterstadt",
        ),
        (
            "Netzwerk Bürgermitwirkung in der Stadt Hannover",
            "Netzwerk Bürgerbeteiligung Musterstadt",
        ),
        ("Netzwerk Bürgermitwirkung Hannover", "Netzwerk Bürgerbeteiligung Musterstadt"),
        ("Bürgermitwirkung", "Bürgerbeteiligung"),
        ("Landeshauptstadt Hannover", "Stadt Musterstadt"),
        ("Freiwilligenzentrum Hannover", "Freiwilligenagentur Musterstadt"),
        ("Freiwilligenzentrum", "Freiwilligenagentur"),
        ("Karmarschstraße 30/32, 30159 Hannover", "Marktplatz 1, 12345 Musterstadt"),
        ("Karmarschstraße 30/32", "Marktplatz 1"),
        ("Karmarschstraße 30", "Marktplatz 1"),
        ("Stadt Hannover", "Stadt Musterstadt"),
        ("Hannover", "Musterstadt"),
        ("Maschsee", "Stadtsee"),
        ("Leine", "Muster"),
    ),
    district_map={
        "mitte": "altstadt",
        "vahrenwald-list": "nordviertel",
        "bothfeld-vahrenheide": "nordviertel",
        "herrenhausen-stoecken": "nordviertel",
        "nord": "nordviertel",
        "buchholz-kleefeld": "ostpark",
        "misburg-anderten": "ostpark",
        "kirchrode-bemerode-wuelferode": "suedviertel",
        "suedstadt-bult": "suedviertel",
        "doehren-wuelfel": "suedviertel",
        "ricklingen": "westend",
        "linden-limmer": "westend",
        "ahlem-badenstedt-davenstedt": "westend",
    },
)

NETWORKS = {network.slug: network for network in (HANNOVER, MUSTERSTADT)}

_active = [HANNOVER]


def current():
    """The demo network being seeded (Hannover unless `seed_demo --network` chose another)."""
    return _active[-1]


@contextmanager
def seeding(network):
    _active.append(network)
    try:
        yield network
    finally:
        _active.pop()


def text(value):
    """A demo string as it reads in the network being seeded."""
    for before, after in current().replacements:
        value = value.replace(before, after)
    return value


def district(slug):
    """One of Hannover's districts (the demo's) as a district of the network being seeded."""
    return current().district_map.get(str(slug), str(slug))
