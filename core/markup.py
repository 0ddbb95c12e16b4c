"""Markdown for user-written text: rendered, then sanitised with nh3."""

import functools
import re
import threading

import markdown
import nh3
from django.utils.safestring import mark_safe

ALLOWED_TAGS = {
    "a",
    "abbr",
    "blockquote",
    "br",
    "code",
    "em",
    "h2",
    "h3",
    "h4",
    "hr",
    "li",
    "ol",
    "p",
    "pre",
    "strong",
    "table",
    "tbody",
    "td",
    "th",
    "thead",
    "tr",
    "ul",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}}


# The page has its own <h1>; a text's headings sit below it: "# Title" becomes an h2
# like "## Title", "###" and "####" stay h3 and h4, deeper ones become h4 — the page
# outline keeps its one h1 and the site pages' "##" sections stay h2.
HEADING_LEVEL = {"1": "2", "2": "2", "3": "3", "4": "4", "5": "4", "6": "4"}
HEADING_TAG = re.compile(r"<(/?)h([1-6])\b", re.IGNORECASE)


def demote_headings(html):
    """Headings of user text within h2–h4: h1 becomes h2, h5 and h6 become h4."""
    return HEADING_TAG.sub(lambda m: f"<{m.group(1)}h{HEADING_LEVEL[m.group(2)]}", html)


# Building a Markdown converter costs as much as converting a post; one per thread
# (a converter keeps state while it converts), reset before each text.
_converters = threading.local()


def _converter():
    converter = getattr(_converters, "markdown", None)
    if converter is None:
        converter = _converters.markdown = markdown.Markdown(extensions=["tables", "sane_lists"])
    return converter.reset()


def render_markdown(text):
    """Return safe HTML for Markdown text: no scripts, handlers or javascript: links."""
    text = text or ""
    html = _remembered(text) if len(text) <= REMEMBER_UP_TO else _render(text)
    # _render has sanitised it with nh3.
    return mark_safe(html)  # noqa: S308  # nosec B308 B703


# The result depends on the text alone, so it is kept by the text: a page rendered
# afresh after a write converts only the texts that changed (posts, minutes, pages).
# Long texts are converted each time, so the memory this takes stays small.
REMEMBER_UP_TO = 20_000


def _render(text):
    html = demote_headings(_converter().convert(text))
    cleaned = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto", "tel"},
        link_rel="noopener noreferrer nofollow",
    )
    # nh3 has removed every tag, attribute and URL scheme not allowed above.
    return cleaned


_remembered = functools.lru_cache(maxsize=2048)(_render)
