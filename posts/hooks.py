from core.fragments import LaterValues, later
from core.roles import get_roles
from posts.models import Post


def home_sections(request):
    return [
        {
            "template": "posts/includes/_home_section.html",
            "order": 40,
            # Read only when the section's fragment is rendered afresh (core/fragments.py).
            "posts": later(
                lambda: list(Post.objects.published().select_related("organisation")[:3])
            ),
            "depends": "posts partners",
        }
    ]


def coordination_panels(request):
    def queue():
        posts = Post.objects.awaiting_moderation().select_related("organisation")
        return {"posts": list(posts[:10]), "count": posts.count()}

    # Read only when the panel's fragment is rendered afresh (core/fragments.py).
    return [
        LaterValues(
            queue,
            template="posts/includes/_coordination_panel.html",
            order=60,
            depends="posts partners",
            may_moderate=get_roles(request.user).is_coordinator,
        )
    ]


def profile_sections(request, organisation):
    return [
        {
            "template": "posts/includes/_profile_section.html",
            "order": 50,
            # Read only when the section's fragment is rendered afresh (core/fragments.py).
            "posts": later(
                lambda: list(Post.objects.published().filter(organisation=organisation)[:5])
            ),
            "depends": "posts partners",
            "organisation": organisation,
        }
    ]


def my_network_sections(request):
    if not get_roles(request.user).is_partner_contact:
        return []
    open_count = (
        Post.objects.of_user(request.user)
        .filter(status__in=[Post.Status.DRAFT, Post.Status.SUBMITTED, Post.Status.REJECTED])
        .count()
    )
    return [
        {
            "template": "posts/includes/_my_network_section.html",
            "order": 50,
            "open_count": open_count,
        }
    ]


def personal_data(user):
    return {
        "beitraege": [
            {
                "titel": post.title,
                "organisation": post.organisation.name,
                "status": post.status,
                "angelegt_am": post.created_at.isoformat(),
            }
            for post in Post.objects.filter(author=user).select_related("organisation")
        ]
    }
