"""Circulars: coordinators write and send; recipients (and, if public, everyone) read."""

from circulars.mail import unsubscribe_token
from tests.circulars.factories import draft, sent
from tests.matrix import COORDINATORS, LOGGED_IN, PUBLIC, Row, expect

DRAFT = lambda w: {"pk": w.circular_draft.pk}  # noqa: E731
# POST-only actions: the coordinator is sent back to the circular's page.
POSTED = expect(302, 403, 403, 403, 403, 302)
# A circular that is not public: its recipient (partner_contact) and the coordinators.
RECIPIENT = expect(404, 404, 200, 404, 404, 200)

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
]


def build(world):
    coordinator = world.users["coordinator"]
    recipient = world.users["partner_contact"]
    world.circular_draft = draft(coordinator, subject_en="Invitation to the network meeting")
    world.circular_public = sent(
        coordinator, recipients=[recipient], public=True, subject="Aufruf: Projekte gesucht"
    )
    world.circular_private = sent(coordinator, recipients=[recipient], subject="Nur für Partner")
