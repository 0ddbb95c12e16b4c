"""Circulars: coordinators write and send; recipients (and, if public, everyone) read."""

from circulars import services
from circulars.mail import unsubscribe_token
from tests.circulars.factories import draft, sent
from tests.matrix import COORDINATORS, LOGGED_IN, PUBLIC, Row, expect

DRAFT = lambda w: {"pk": w.circular_draft.pk}  # noqa: E731
# POST-only actions: the coordinator is sent back to the circular's page.
POSTED = expect(302, 403, 403, 403, 403, 302)
POSTED_LIST = POSTED
# A circular that is not public: its recipient (partner_contact) and the coordinators.
RECIPIENT = expect(404, 404, 200, 404, 404, 200)
# The world's working group is led by the representative; the coordinators allow leads
# to write. A lead's own circular: that lead and the coordinators.
LEAD = expect(302, 403, 403, 200, 403, 200)
LEAD_DRAFT = lambda w: {"pk": w.circular_group_draft.pk}  # noqa: E731
GROUP = lambda w: {"slug": w.workgroup.slug}  # noqa: E731

# Circulars are written on the site (audience, preview, test mail), never added in the admin.
ADMIN_REFUSED = {"admin:circulars_circular_add"}

ROWS = [
    Row("circulars:list", COORDINATORS),
    Row("circulars:create", COORDINATORS),
    Row("circulars:detail", COORDINATORS, kwargs=DRAFT),
    Row("circulars:detail", COORDINATORS, kwargs=lambda w: {"pk": w.circular_public.pk}),
    Row("circulars:update", COORDINATORS, kwargs=DRAFT),
    Row("circulars:preview", COORDINATORS, kwargs=DRAFT),
    Row("circulars:send", COORDINATORS, kwargs=DRAFT),
    Row("circulars:test", POSTED, kwargs=DRAFT, method="post"),
    Row(
        "circulars:cancel",
        POSTED,
        kwargs=DRAFT,
        method="post",
        note="a draft is not running: back to its page with the reason",
    ),
    Row(
        "circulars:resume",
        POSTED,
        kwargs=DRAFT,
        method="post",
        note="a draft is not running: back to its page with the reason",
    ),
    Row("circulars:public", POSTED, kwargs=DRAFT, method="post", data={"public": "1"}),
    Row("circulars:read", PUBLIC, kwargs=lambda w: {"pk": w.circular_public.pk}),
    Row("circulars:read", RECIPIENT, kwargs=lambda w: {"pk": w.circular_private.pk}),
    Row(
        "circulars:read",
        expect(404, 404, 404, 404, 404, 404),
        kwargs=DRAFT,
        note="a draft is read on its coordination page only",
    ),
    Row(
        "circulars:unsubscribe",
        PUBLIC,
        kwargs=lambda w: {"token": unsubscribe_token(w.users["partner_contact"].email)},
    ),
    Row(
        "circulars:unsubscribe",
        expect(400, 400, 400, 400, 400, 400),
        kwargs={"token": "kaputt"},
        note="a forged token: a page that says so, no 500",
    ),
    Row("circulars:preferences", LOGGED_IN),
    Row(
        "circulars:leads_may_write",
        POSTED_LIST,
        method="post",
        data={"leads_may_write": "1"},
        note="the coordinators' switch for the working groups' leads",
    ),
    Row("circulars:group_list", LEAD, kwargs=GROUP),
    Row("circulars:group_create", LEAD, kwargs=GROUP),
    Row("circulars:detail", LEAD, kwargs=LEAD_DRAFT, note="a lead's circular to the group"),
    Row("circulars:update", LEAD, kwargs=LEAD_DRAFT),
    Row("circulars:preview", LEAD, kwargs=LEAD_DRAFT),
    Row("circulars:send", LEAD, kwargs=LEAD_DRAFT),
    Row("circulars:test", expect(302, 403, 403, 302, 403, 302), kwargs=LEAD_DRAFT, method="post"),
]


def build(world):
    from materials.models import Document
    from tests.materials.factories import DocumentFactory

    coordinator = world.users["coordinator"]
    recipient = world.users["partner_contact"]
    flyer = DocumentFactory(title="Flyer des Netzwerks", audience=Document.Audience.PUBLIC)
    world.circular_draft = draft(
        coordinator, subject_en="Invitation to the network meeting", attachments=[flyer]
    )
    world.circular_public = sent(
        coordinator,
        recipients=[recipient],
        public=True,
        subject="Aufruf: Projekte gesucht",
        attachments=[flyer],
    )
    world.circular_private = sent(coordinator, recipients=[recipient], subject="Nur für Partner")
    services.set_leads_may_write(by=coordinator, allowed=True)
    world.circular_group_draft = services.create_group_circular(
        group=world.workgroup,
        by=world.users["representative"],
        subject="Nächstes Treffen der Arbeitsgruppe",
        body="Wir treffen uns im *Stadtteilzentrum*.",
    )
