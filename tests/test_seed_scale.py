"""`seed_scale` builds a large network through the apps' services (issue 8), here small."""

import pytest
from django.core.management import CommandError, call_command

from elections.models import Election
from meetings.models import Meeting
from partners.models import Declaration, Organisation
from posts.models import Post
from workgroups.models import WorkingGroup

SMALL = {
    "partners": 30,
    "through_services": 5,
    "meetings": 6,
    "elections": 2,
    "posts": 10,
    "groups": 3,
}


def _counts():
    return (
        Organisation.objects.active().count(),
        Declaration.objects.count(),
        Meeting.objects.count(),
        Election.objects.count(),
        Post.objects.count(),
        WorkingGroup.objects.count(),
    )


@pytest.mark.django_db
def test_seed_scale_builds_the_network_once(settings):
    settings.DEBUG = True
    call_command("seed_scale", **SMALL, stdout=None)
    first = _counts()
    active, declarations, meetings, elections, posts, groups = first
    assert active >= 30
    assert declarations >= 30
    # The bulk-created declarations are sealed like signed ones.
    assert all(d.verify() for d in Declaration.objects.select_related("agreement_version"))
    assert meetings >= 6 and elections >= 2 and posts >= 10 and groups >= 3
    # Every scale partner signed the current declaration and has a representative.
    scale = Organisation.objects.active().filter(contacts__is_representative=True).distinct()
    assert scale.count() >= 30
    # Every group, the bulk ones too, is founded on an adopted resolution of a held plenary.
    assert not WorkingGroup.objects.exclude(
        founding_resolution__outcome="adopted",
        founding_resolution__agenda_item__meeting__status="held",
        founding_resolution__agenda_item__meeting__kind="plenary",
    ).exists()
    call_command("seed_scale", **SMALL, stdout=None)
    assert _counts() == first


@pytest.mark.django_db
def test_seed_scale_refuses_to_run_in_production(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("seed_scale", **SMALL)
