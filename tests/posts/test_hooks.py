import pytest
from django.template.loader import render_to_string
from django.urls import reverse

from posts import hooks
from posts.models import Post
from tests.posts.factories import PostFactory

pytestmark = pytest.mark.django_db


def _render(items):
    return "".join(render_to_string(i["template"], {"section": i, "panel": i}) for i in items)


def test_my_network_counts_the_organisations_open_posts(rf, partner_org, partner_contact):
    PostFactory(organisation=partner_org)
    PostFactory(organisation=partner_org, submitted=True)
    PostFactory(organisation=partner_org, published=True)
    request = rf.get("/")
    request.user = partner_contact
    html = _render(hooks.my_network_sections(request))
    assert "2 Beiträge Ihrer Organisation" in html
    assert reverse("posts:create") in html


def test_my_network_has_nothing_for_strangers(rf, stranger):
    request = rf.get("/")
    request.user = stranger
    assert hooks.my_network_sections(request) == []


def test_speaker_group_reads_the_queue_without_moderation_links(client_as, partner_org):
    post = PostFactory(organisation=partner_org, submitted=True, title="Wartender Beitrag")
    text = client_as("speaker").get(reverse("coordination")).text
    assert "Wartender Beitrag" in text
    assert reverse("posts:publish", kwargs={"slug": post.slug}) not in text


def test_posts_of_an_organisation_that_left_leave_the_moderation_queue(client_as, partner_org):
    post = PostFactory(organisation=partner_org, submitted=True, title="Vor dem Austritt")
    partner_org.status = partner_org.Status.LEFT
    partner_org.left_on = partner_org.joined_on
    partner_org.save()
    assert post not in Post.objects.awaiting_moderation()
    assert "Vor dem Austritt" not in client_as("coordinator").get(reverse("posts:moderation")).text


def test_personal_data_lists_the_authors_posts(partner_org, partner_contact):
    PostFactory(organisation=partner_org, author=partner_contact, title="Mein Text")
    data = hooks.personal_data(partner_contact)
    assert [p["titel"] for p in data["beitraege"]] == ["Mein Text"]


def test_deleting_the_authors_account_keeps_the_post(client_as, partner_org, partner_contact):
    post = PostFactory(organisation=partner_org, author=partner_contact, published=True)
    partner_contact.delete()
    post.refresh_from_db()
    assert post.author is None
    assert client_as("anonymous").get(post.get_absolute_url()).status_code == 200
