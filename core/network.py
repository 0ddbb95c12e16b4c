"""The network's identity (core.models.NetworkSettings), read from one place.

`get_network()` returns a `Network`: the settings as plain values, cached in the
default cache (shared by all processes) and read again after every save. Pages, mails,
PDFs, feeds, calendars and OParl take the network's name and city from here; the
context processor `core.context_processors.site` hands it to every template as
`network`.
"""

from dataclasses import dataclass, field

from django.apps import apps
from django.core.cache import cache
from django.db import DatabaseError, transaction
from django.utils.translation import gettext, pgettext

CACHE_KEY = "network-settings:v1"
# Set on the database connection (to its outermost atomic block) while a transaction
# has changed the settings; reset when it commits.
WRITTEN = "network_settings_written"
# What such a transaction reads: ((its outermost atomic block, savepoints), the Network).
MEMO = "network_settings_memo"


@dataclass(frozen=True)
class Network:
    """The network's identity; the display properties translate the default names."""

    name: str
    short_name: str
    brand: str
    city: str
    contact_email: str = ""
    contact_address: str = ""
    districts: tuple = field(default_factory=tuple)

    # A name that is the default has an English translation; another reads as entered.
    @property
    def name_display(self):
        return gettext(self.name)

    @property
    def short_name_display(self):
        return gettext(self.short_name)

    @property
    def brand_display(self):
        return gettext(self.brand)

    @property
    def city_display(self):
        return gettext(self.city)

    def district_choices(self):
        """(slug, name) of the districts, names as a person reads them."""
        return [(slug, pgettext("district", name)) for slug, name in self.districts]

    def district_name(self, slug):
        """A district's name (translated); an unknown slug reads as stored."""
        for known, name in self.districts:
            if known == slug:
                return pgettext("district", name)
        return slug or ""

    def district_slugs(self):
        return [slug for slug, _name in self.districts]


def _settings_model():
    # Through the app registry: core.models imports this module (saving the settings
    # invalidates the cache), so this one does not import core.models back.
    return apps.get_model("netzwerk", "NetworkSettings")


def _load():
    NetworkSettings = _settings_model()  # noqa: N806 - a model class
    row = NetworkSettings.objects.filter(pk=NetworkSettings.SINGLETON_PK).first()
    return _network_of(row or NetworkSettings())  # no row yet: the defaults, unsaved


def _network_of(row):
    return Network(
        name=row.name,
        short_name=row.short_name,
        brand=row.brand,
        city=row.city,
        contact_email=row.contact_email,
        contact_address=row.contact_address,
        districts=tuple((str(slug), str(name)) for slug, name in row.districts),
    )


def get_network():
    """The network's identity, from the cache or the database."""
    if _written_in_this_transaction():
        # This transaction changed the settings: not shared through the cache (were it
        # rolled back, the cache would keep what never was), remembered for it alone.
        # Keyed by the savepoints open now, so a savepoint rolled back is read again.
        connection = transaction.get_connection()
        key = (connection.atomic_blocks[0], tuple(connection.savepoint_ids))
        memo = getattr(connection, MEMO, None)
        if memo is not None and memo[0][0] is key[0] and memo[0][1] == key[1]:
            return memo[1]
        network = _load()
        setattr(connection, MEMO, (key, network))
        return network
    network = cache.get(CACHE_KEY)
    if network is None:
        try:
            network = _load()
        except DatabaseError:
            # No database (the error page while it is down, a fresh install before
            # migrate): the defaults, not cached.
            return _defaults()
        cache.set(CACHE_KEY, network, None)
    return network


def _defaults():
    return _network_of(_settings_model()())


def invalidate():
    """Forget the cached identity now and once the transaction commits."""
    connection = transaction.get_connection()
    cache.delete(CACHE_KEY)
    setattr(connection, MEMO, None)
    if connection.in_atomic_block and connection.atomic_blocks:
        setattr(connection, WRITTEN, connection.atomic_blocks[0])

    def committed():
        setattr(connection, WRITTEN, None)
        setattr(connection, MEMO, None)
        cache.delete(CACHE_KEY)

    transaction.on_commit(committed)


def _written_in_this_transaction():
    """Whether the transaction open now (its outermost block) changed the settings."""
    connection = transaction.get_connection()
    written = getattr(connection, WRITTEN, None)
    return bool(
        written is not None
        and connection.in_atomic_block
        and connection.atomic_blocks
        and connection.atomic_blocks[0] is written
    )


def default_city():
    """The default of an organisation's city: the network's city."""
    return get_network().city
