from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from core.mail import send_templated_mail
from core.roles import coordinator_emails
from materials.models import may_carry_seal
from posts import policies
from posts.bounds import BODY_MAX_LENGTH, REASON_MAX_LENGTH, check_dates
from posts.models import Post

# Paths under /aktuelles/ that a post's slug must not shadow.
RESERVED_SLUGS = {"feed", "neu", "meine", "moderation", "termine-ics"}

POST_FIELDS = [
    "kind",
    "title",
    "teaser",
    "body",
    "image",
    "image_alt",
    "starts_at",
    "ends_at",
    "place",
    "carries_seal",
]


def _unique_slug(title):
    base = slugify(title)[:200] or "beitrag"
    slug, number = base, 1
    while slug in RESERVED_SLUGS or Post.objects.filter(slug=slug).exists():
        number += 1
        slug = f"{base}-{number}"
    return slug


def _apply(post, fields):
    for name in POST_FIELDS:
        if name in fields:
            value = fields[name]
            # A cleared image comes from the form as False.
            setattr(post, name, "" if name == "image" and value is False else value)


def check_content(post):
    """Refuse what no post may say (ValidationError by field); clears event fields of news."""
    if post.carries_seal and not may_carry_seal(post.organisation):
        raise ValidationError(
            {
                "carries_seal": _(
                    "Ihre Organisation darf das Gütesiegel erst tragen, wenn eine "
                    "vertretungsberechtigte Person die Nutzungsbedingungen angenommen hat."
                )
            }
        )
    if post.is_event and not post.starts_at:
        raise ValidationError({"starts_at": _("Eine Veranstaltung braucht einen Beginn.")})
    errors = check_dates(post.starts_at, post.ends_at)
    if len(post.body or "") > BODY_MAX_LENGTH:
        errors["body"] = ValidationError(
            _("Der Text darf höchstens %(limit)d Zeichen lang sein."),
            params={"limit": BODY_MAX_LENGTH},
        )
    if errors:
        raise ValidationError(errors)
    if not post.is_event:
        post.starts_at = post.ends_at = None
        post.place = ""


@transaction.atomic
def create_post(*, organisation, by, **fields):
    """Create a draft of the organisation's post, written by a contact of it."""
    policies.can_create_post(by, organisation).enforce()
    post = Post(organisation=organisation, author=by, status=Post.Status.DRAFT)
    _apply(post, fields)
    check_content(post)
    post.slug = _unique_slug(post.title)
    post.save()
    return post


@transaction.atomic
def update_post(*, post, by, **fields):
    """Change a draft or rejected post of the user's organisation."""
    post = Post.objects.select_for_update().get(pk=post.pk)
    policies.can_edit_post(by, post).enforce()
    _apply(post, fields)
    check_content(post)
    post.save()
    return post


@transaction.atomic
def submit_post(*, post, by):
    """Hand a draft (or a corrected rejected post) to the coordinators for moderation."""
    post = Post.objects.select_for_update().select_related("organisation").get(pk=post.pk)
    policies.can_submit_post(by, post).enforce()
    check_content(post)
    post.status = Post.Status.SUBMITTED
    post.submitted_at = timezone.now()
    post.rejection_reason = ""
    post.save()
    send_templated_mail(
        template="posts/email/post_submitted",
        context={"post": post},
        to=coordinator_emails(),
    )
    return post


@transaction.atomic
def publish_post(*, post, by):
    """Publish a submitted post on the homepage and tell its author."""
    post = Post.objects.select_for_update().get(pk=post.pk)
    policies.can_publish_post(by, post).enforce()
    post.status = Post.Status.PUBLISHED
    post.published_at = timezone.now()
    post.moderated_by = by
    post.save()
    if post.author:
        send_templated_mail(
            template="posts/email/post_published",
            context={"post": post},
            to=[post.author.email],
        )
    return post


@transaction.atomic
def reject_post(*, post, by, reason):
    """Reject a submitted post and send the reason to its author."""
    post = Post.objects.select_for_update().get(pk=post.pk)
    policies.can_reject_post(by, post).enforce()
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Bitte geben Sie einen Grund an.")})
    if len(reason) > REASON_MAX_LENGTH:
        raise ValidationError(
            {
                "reason": _("Der Grund darf höchstens %(limit)d Zeichen lang sein.")
                % {"limit": REASON_MAX_LENGTH}
            }
        )
    post.status = Post.Status.REJECTED
    post.rejection_reason = reason
    post.moderated_by = by
    post.save()
    if post.author:
        send_templated_mail(
            template="posts/email/post_rejected",
            context={"post": post, "reason": reason},
            to=[post.author.email],
        )
    return post


@transaction.atomic
def delete_post(*, post, by):
    """Delete a draft or rejected post of the user's organisation; published ones stay."""
    post = Post.objects.select_for_update().get(pk=post.pk)
    policies.can_delete_post(by, post).enforce()
    if post.image:
        post.image.delete(save=False)
    post.delete()


@transaction.atomic
def edit_post(*, post, by, **fields):
    """A coordinator's edit of a post's content in any state (the admin); bounds still apply."""
    post = Post.objects.select_for_update().select_related("organisation").get(pk=post.pk)
    policies.can_change_post(by, post).enforce()
    _apply(post, fields)
    check_content(post)
    post.save()
    return post
