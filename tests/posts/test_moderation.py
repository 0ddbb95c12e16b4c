from http import HTTPStatus

import pytest
from django.urls import reverse

from posts.models import Post
from tests.factories import ContactFactory, OrganisationFactory, UserFactory
from tests.posts.factories import PostFactory

pytestmark = pytest.mark.django_db


def _write_and_submit(client, **extra):
    data = {
        "organisation": extra.pop("organisation", ""),
        "kind": "news",
        "title": "Sommerfest im Lindener Eck",
        "teaser": "Wir feiern mit der Nachbarschaft.",
        "body": "Es gibt **Kuchen**.",
        **extra,
    }
    response = client.post(reverse("posts:create"), data)
    assert response.status_code == HTTPStatus.FOUND, (
        getattr(response, "context", None) and response.context["form"].errors
    )
    post = Post.objects.get(title=data["title"])
    response = client.post(reverse("posts:submit", kwargs={"slug": post.slug}))
    assert response.status_code == HTTPStatus.FOUND
    post.refresh_from_db()
    return post


def test_partner_contact_submits_and_coordinator_publishes_post_on_list_home_and_feed(
    client_as, partner_org, coordinator, mailoutbox, django_capture_on_commit_callbacks
):
    author = client_as("partner_contact")
    with django_capture_on_commit_callbacks(execute=True):
        post = _write_and_submit(author, organisation=partner_org.pk)
    assert post.status == Post.Status.SUBMITTED
    assert post.author == author.user

    # Not public while it waits.
    assert "Sommerfest im Lindener Eck" not in client_as("anonymous").get("/aktuelles/").text

    moderator = client_as("coordinator")
    queue = moderator.get(reverse("posts:moderation"))
    assert "Sommerfest im Lindener Eck" in queue.text
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = moderator.post(reverse("posts:publish", kwargs={"slug": post.slug}))
    assert response.status_code == HTTPStatus.FOUND
    post.refresh_from_db()
    assert post.status == Post.Status.PUBLISHED
    assert post.moderated_by == coordinator
    assert [m.to for m in mailoutbox] == [[author.user.email]]

    visitor = client_as("anonymous")
    assert "Sommerfest im Lindener Eck" in visitor.get("/aktuelles/").text
    assert "Sommerfest im Lindener Eck" in visitor.get("/").text
    assert "Sommerfest im Lindener Eck" in visitor.get("/aktuelles/feed/").text
    detail = visitor.get(post.get_absolute_url())
    assert "<strong>Kuchen</strong>" in detail.text


def test_rejected_post_stays_hidden_and_author_gets_the_reason(
    client_as, partner_org, mailoutbox, django_capture_on_commit_callbacks
):
    author = client_as("partner_contact")
    post = _write_and_submit(author, organisation=partner_org.pk)
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client_as("coordinator").post(
            reverse("posts:reject", kwargs={"slug": post.slug}),
            {"reason": "Bitte nennen Sie Ort und Uhrzeit."},
        )
    assert response.status_code == HTTPStatus.FOUND
    post.refresh_from_db()
    assert post.status == Post.Status.REJECTED
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == [author.user.email]
    assert "Bitte nennen Sie Ort und Uhrzeit." in mailoutbox[0].body

    visitor = client_as("anonymous")
    for path in ["/aktuelles/", "/", "/aktuelles/feed/"]:
        assert "Sommerfest im Lindener Eck" not in visitor.get(path).text
    assert visitor.get(post.get_absolute_url()).status_code == HTTPStatus.NOT_FOUND


def test_rejection_needs_a_reason(client_as, partner_org):
    post = PostFactory(organisation=partner_org, submitted=True)
    response = client_as("coordinator").post(
        reverse("posts:reject", kwargs={"slug": post.slug}), {"reason": "  "}
    )
    assert response.status_code == HTTPStatus.OK
    post.refresh_from_db()
    assert post.status == Post.Status.SUBMITTED


def test_author_can_correct_and_resubmit_a_rejected_post(client_as, partner_org, partner_contact):
    post = PostFactory(
        organisation=partner_org,
        author=partner_contact,
        status=Post.Status.REJECTED,
        rejection_reason="Zu kurz.",
    )
    client = client_as("partner_contact")
    response = client.post(
        reverse("posts:update", kwargs={"slug": post.slug}),
        {"kind": "news", "title": post.title, "teaser": "Jetzt ausführlicher.", "body": ""},
    )
    assert response.status_code == HTTPStatus.FOUND
    client.post(reverse("posts:submit", kwargs={"slug": post.slug}))
    post.refresh_from_db()
    assert post.status == Post.Status.SUBMITTED
    assert post.teaser == "Jetzt ausführlicher."
    assert post.rejection_reason == ""


@pytest.mark.parametrize("status", [Post.Status.SUBMITTED, Post.Status.PUBLISHED])
def test_submitted_and_published_posts_cannot_be_edited_by_the_partner(
    client_as, partner_org, status
):
    post = PostFactory(organisation=partner_org, status=status)
    client = client_as("partner_contact")
    assert client.get(reverse("posts:update", kwargs={"slug": post.slug})).status_code == 404
    assert client.post(reverse("posts:submit", kwargs={"slug": post.slug})).status_code == 404


def test_partner_cannot_touch_another_organisations_draft(client_as, partner_org):
    other = PostFactory(organisation=OrganisationFactory(name="Andere Initiative"))
    client = client_as("partner_contact")
    for name in ["posts:update", "posts:submit", "posts:detail"]:
        assert client.get(reverse(name, kwargs={"slug": other.slug})).status_code == 404
    assert client.post(reverse("posts:submit", kwargs={"slug": other.slug})).status_code == 404
    other.refresh_from_db()
    assert other.status == Post.Status.DRAFT


def test_partner_cannot_create_a_post_for_another_organisation(client_as, partner_org):
    other = OrganisationFactory(name="Andere Initiative")
    response = client_as("partner_contact").post(
        reverse("posts:create"),
        {"organisation": other.pk, "kind": "news", "title": "Fremd", "teaser": "x"},
    )
    assert response.status_code == HTTPStatus.OK
    assert "Sie können nur für Ihre eigene Organisation Beiträge schreiben." in response.text
    assert not Post.objects.filter(title="Fremd").exists()


def test_a_post_with_another_organisations_id_says_why_when_choosing(
    client_as, partner_org, partner_contact
):
    ContactFactory(organisation=OrganisationFactory(name="Zweite Initiative"), user=partner_contact)
    other = OrganisationFactory(name="Andere Initiative")
    response = client_as("partner_contact").post(
        reverse("posts:create"),
        {"organisation": other.pk, "kind": "news", "title": "Fremd", "teaser": "x"},
    )
    assert response.status_code == HTTPStatus.OK
    assert "Sie können nur für Ihre eigene Organisation Beiträge schreiben." in response.text
    assert not Post.objects.filter(title="Fremd").exists()


def test_a_heading_in_a_post_renders_as_a_heading_below_the_page_title(client):
    post = PostFactory(published=True, body="# Programm\n\nMusik\n\n##### Kleingedrucktes")
    page = client.get(post.get_absolute_url()).text
    body = page.split('<div class="post-body">', 1)[1].split("</div>", 1)[0]
    assert "<h2>Programm</h2>" in body
    assert "<h4>Kleingedrucktes</h4>" in body
    assert "<h1" not in body


@pytest.mark.parametrize("action", ["posts:publish", "posts:reject"])
def test_only_submitted_posts_can_be_moderated(client_as, partner_org, action):
    draft = PostFactory(organisation=partner_org)
    response = client_as("coordinator").post(
        reverse(action, kwargs={"slug": draft.slug}), {"reason": "x"}
    )
    assert response.status_code == HTTPStatus.NOT_FOUND
    draft.refresh_from_db()
    assert draft.status == Post.Status.DRAFT


def test_published_post_cannot_be_published_or_rejected_again():
    post = PostFactory(published=True)
    assert not post.can_publish()
    assert not post.can_reject()
    assert not post.can_submit()
    assert not post.can_edit()


def test_moderation_queue_lists_the_oldest_first(client_as, partner_org):
    from django.utils import timezone

    now = timezone.now()
    newer = PostFactory(organisation=partner_org, submitted=True, title="Neuer Beitrag")
    older = PostFactory(organisation=partner_org, submitted=True, title="Älterer Beitrag")
    Post.objects.filter(pk=older.pk).update(submitted_at=now - timezone.timedelta(days=3))
    Post.objects.filter(pk=newer.pk).update(submitted_at=now - timezone.timedelta(days=1))
    text = client_as("coordinator").get(reverse("posts:moderation")).text
    assert text.index("Älterer Beitrag") < text.index("Neuer Beitrag")
    overview = client_as("coordinator").get(reverse("coordination")).text
    assert overview.index("Älterer Beitrag") < overview.index("Neuer Beitrag")
    assert reverse("posts:publish", kwargs={"slug": older.slug}) in overview


def test_submission_notifies_the_coordinators(
    client_as, partner_org, coordinator, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _write_and_submit(client_as("partner_contact"), organisation=partner_org.pk)
    assert [m.to for m in mailoutbox] == [[coordinator.email]]
    assert "Sommerfest im Lindener Eck" in mailoutbox[0].subject


def test_contact_of_a_left_organisation_can_no_longer_write(client_as, partner_org):
    client = client_as("partner_contact")
    partner_org.status = partner_org.Status.LEFT
    partner_org.left_on = partner_org.joined_on
    partner_org.save()
    assert client.get(reverse("posts:create")).status_code == HTTPStatus.FORBIDDEN


def test_partner_with_two_organisations_chooses_one(client_as, partner_org, partner_contact):
    second = OrganisationFactory(name="Zweite Initiative")
    ContactFactory(organisation=second, user=partner_contact)
    response = client_as("partner_contact").get(reverse("posts:create"))
    assert 'type="hidden" name="organisation"' not in response.text
    assert "Zweite Initiative" in response.text


def test_stranger_and_coordinator_without_organisation_cannot_write(client_as):
    assert client_as("stranger").get(reverse("posts:create")).status_code == 403
    assert UserFactory  # the coordinator fixture belongs to no organisation
    assert client_as("coordinator").get(reverse("posts:create")).status_code == 403


def test_partner_deletes_a_draft_after_confirming(client_as, partner_org):
    draft = PostFactory(organisation=partner_org, with_image=True)
    client = client_as("partner_contact")
    confirm = client.get(reverse("posts:delete", kwargs={"slug": draft.slug}))
    assert "endgültig löschen" in confirm.text
    assert Post.objects.filter(pk=draft.pk).exists()
    response = client.post(reverse("posts:delete", kwargs={"slug": draft.slug}))
    assert response.status_code == HTTPStatus.FOUND
    assert not Post.objects.filter(pk=draft.pk).exists()


def test_published_posts_cannot_be_deleted_by_the_partner(client_as, partner_org):
    post = PostFactory(organisation=partner_org, published=True)
    response = client_as("partner_contact").post(
        reverse("posts:delete", kwargs={"slug": post.slug})
    )
    assert response.status_code == HTTPStatus.NOT_FOUND
    assert Post.objects.filter(pk=post.pk).exists()


def test_an_event_ending_before_it_starts_gets_a_plain_german_error(client_as, partner_org):
    response = client_as("partner_contact").post(
        reverse("posts:create"),
        {
            "kind": "event",
            "title": "Lesung im Garten",
            "teaser": "Wir lesen vor.",
            "body": "Mit Tee.",
            "starts_at": "2027-06-12T18:00",
            "ends_at": "2027-06-12T16:00",
        },
    )
    assert response.status_code == HTTPStatus.OK
    text = response.content.decode()
    assert "Das Ende darf nicht vor dem Beginn liegen." in text
    assert "post_ends_after_start" not in text
    assert not Post.objects.filter(title="Lesung im Garten").exists()
