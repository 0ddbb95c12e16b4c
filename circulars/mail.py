"""One circular as the mail one recipient gets: text and HTML from the same Markdown.

The HTML part is the Markdown rendered and sanitised exactly as posts are
(core.markup.render_markdown); the text part is the Markdown itself, which reads
as plain text. Documents of the materials chosen as attachments are linked (title and
download address), not attached: the mail stays small. Every mail says why the recipient gets it; a newsletter carries a
signed one-click unsubscribe link and the RFC 8058 headers
(`List-Unsubscribe`, `List-Unsubscribe-Post: List-Unsubscribe=One-Click`).
"""

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from circulars.audience import reason_text
from core.mail import subject_prefix

UNSUBSCRIBE_SALT = "circulars.unsubscribe"


def unsubscribe_token(email):
    """A signed token naming one address: it unsubscribes that address and no other."""
    return signing.dumps(email.strip().lower(), salt=UNSUBSCRIBE_SALT)


def address_from_token(token):
    """The address a token names; raises signing.BadSignature for a forged or broken one."""
    address = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    if not isinstance(address, str) or "@" not in address:
        raise signing.BadSignature("no address")
    return address


def unsubscribe_url(email):
    path = reverse("circulars:unsubscribe", kwargs={"token": unsubscribe_token(email)})
    return settings.SITE_URL.rstrip("/") + path


def _language(language):
    return language if language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


def attachment_links(circular, site_url=None):
    """The linked documents of the materials: title, type and the absolute download URL."""
    if not circular.pk:
        return []
    site_url = (site_url or settings.SITE_URL).rstrip("/")
    return [
        {"title": document.title, "extension": document.extension, "url": site_url + url}
        for document in circular.attachments.order_by("title", "pk")
        for url in [document.get_absolute_url()]
    ]


def mail_context(circular, *, email, name="", organisation_name="", language="de"):
    """What the mail's templates show one recipient (the reason in their language)."""
    site_url = settings.SITE_URL.rstrip("/")
    context = {
        "circular": circular,
        "name": name,
        "site_url": site_url,
        "read_url": site_url + circular.get_read_url() if circular.pk else "",
        "preferences_url": site_url + reverse("circulars:preferences"),
        "unsubscribe_url": unsubscribe_url(email) if circular.is_newsletter else "",
        "attachments": attachment_links(circular, site_url),
    }
    with translation.override(_language(language)):
        context["reason"] = reason_text(circular.kind, circular.audience, organisation_name)
    return context


def build_message(circular, *, email, name="", organisation_name="", language="de", to=None):
    """The EmailMultiAlternatives for one recipient (`to` overrides the address: a test)."""
    language = _language(language)
    context = mail_context(
        circular, email=email, name=name, organisation_name=organisation_name, language=language
    )
    headers = {}
    if context["unsubscribe_url"]:
        headers["List-Unsubscribe"] = f"<{context['unsubscribe_url']}>"
        headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    with translation.override(language):
        subject = subject_prefix() + " ".join(circular.subject_for(language).split())
        text = render_to_string("circulars/email/circular_message.txt", context)
        html = render_to_string(
            "circulars/email/circular_message.html", {**context, "mail": context}
        )
    message = EmailMultiAlternatives(
        subject, text, settings.DEFAULT_FROM_EMAIL, [to or email], headers=headers
    )
    message.attach_alternative(html, "text/html")
    return message


def build_for_delivery(delivery):
    return build_message(
        delivery.circular,
        email=delivery.email,
        name=delivery.name,
        organisation_name=delivery.organisation_name,
        language=delivery.language,
    )
