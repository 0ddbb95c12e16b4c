"""Every date and text of a post is bounded server-side: a German form error, never a 500."""

from http import HTTPStatus

import pytest
from django.urls import reverse

from posts.models import Post
from tests.posts.factories import PostFactory

pytestmark = pytest.mark.django_db

YEARS = "Bitte geben Sie ein Datum zwischen 2000 und 2100 an."


def _event(client, partner_org, **dates):
    return client.post(
        reverse("posts:create"),
        {
            "organisation": partner_org.pk,
            "kind": "event",
            "title": "Lesung im Stadtteil",
            "teaser": "Wir lesen vor.",
            **dates,
        },
    )


@pytest.mark.parametrize(
    ("dates", "field", "message"),
    [
        ({"starts_at": "0001-01-01T00:00"}, "starts_at", YEARS),
        ({"starts_at": "9999-12-31T23:59"}, "starts_at", YEARS),
        (
            {"starts_at": "2027-05-01T18:00", "ends_at": "0001-01-01T00:00"},
            "ends_at",
            YEARS,
        ),
        (
            {"starts_at": "2027-05-01T18:00", "ends_at": "2027-05-01T17:00"},
            "ends_at",
            "Das Ende darf nicht vor dem Beginn liegen.",
        ),
    ],
)
def test_an_event_with_dates_out_of_bounds_gets_a_form_error(
    client_as, partner_org, dates, field, message
):
    response = _event(client_as("partner_contact"), partner_org, **dates)
    assert response.status_code == HTTPStatus.OK
    assert response.context["form"].errors[field] == [message]
    assert not Post.objects.exists()


def test_an_event_within_bounds_is_saved(client_as, partner_org):
    response = _event(
        client_as("partner_contact"),
        partner_org,
        starts_at="2027-05-01T18:00",
        ends_at="2027-05-01T20:00",
    )
    assert response.status_code == HTTPStatus.FOUND
    assert Post.objects.get().starts_at.year == 2027


def test_editing_a_draft_into_year_one_is_refused(client_as, partner_org, partner_contact):
    post = PostFactory(organisation=partner_org, author=partner_contact)
    response = client_as("partner_contact").post(
        reverse("posts:update", kwargs={"slug": post.slug}),
        {
            "kind": "event",
            "title": post.title,
            "teaser": post.teaser,
            "starts_at": "0001-01-01T00:00",
        },
    )
    assert response.status_code == HTTPStatus.OK
    assert response.context["form"].errors["starts_at"] == [YEARS]


def test_admin_edit_of_a_published_event_into_year_one_is_a_form_error(
    client_as, partner_org, partner_contact
):
    post = PostFactory(organisation=partner_org, author=partner_contact, published=True)
    response = client_as("coordinator").post(
        reverse("admin:posts_post_change", args=[post.pk]),
        {
            "kind": "event",
            "title": "Neuer Titel",
            "teaser": post.teaser,
            "body": post.body,
            "image_alt": "",
            "starts_at_0": "01.01.0001",
            "starts_at_1": "00:00:00",
            "ends_at_0": "",
            "ends_at_1": "",
            "place": "",
        },
    )
    assert response.status_code == HTTPStatus.OK
    assert YEARS in response.text
    post.refresh_from_db()
    assert post.title != "Neuer Titel"


def test_coordinator_edits_a_published_post_in_the_admin_through_the_service(
    client_as, partner_org, partner_contact
):
    post = PostFactory(organisation=partner_org, author=partner_contact, published=True)
    response = client_as("coordinator").post(
        reverse("admin:posts_post_change", args=[post.pk]),
        {"kind": "news", "title": "Berichtigter Titel", "teaser": post.teaser, "body": ""},
    )
    assert response.status_code == HTTPStatus.FOUND
    post.refresh_from_db()
    assert post.title == "Berichtigter Titel"
    assert post.status == Post.Status.PUBLISHED
    delete = client_as("coordinator").post(
        reverse("admin:posts_post_delete", args=[post.pk]), {"post": "yes"}
    )
    assert delete.status_code == HTTPStatus.FORBIDDEN
    assert Post.objects.filter(pk=post.pk).exists()


def test_a_rejection_reason_is_bounded(client_as, partner_org, partner_contact):
    post = PostFactory(organisation=partner_org, author=partner_contact, submitted=True)
    response = client_as("coordinator").post(
        reverse("posts:reject", kwargs={"slug": post.slug}), {"reason": "x" * 2001}
    )
    assert response.status_code == HTTPStatus.OK
    assert response.context["form"].errors["reason"]
    post.refresh_from_db()
    assert post.status == Post.Status.SUBMITTED
