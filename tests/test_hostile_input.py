"""Every form the URL resolver can reach is fed hostile input and answers with a
form error, a redirect or 400/403/404 — never a 500, never unescaped markup.

The forms are found by walking the permission matrix: each page is opened as the
most privileged role that may see it, its POST forms are parsed, and each is sent
with hostile values in every field. Search pages also get hostile query strings.
"""

from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from tests.matrix import all_rows

PRIVILEGE = ["coordinator", "representative", "speaker", "partner_contact", "stranger", "anonymous"]
SCRIPT = '<script>alert("xss")</script><img src=x onerror=alert(1)>'
HOSTILE = {
    "oversized": "x" * 100_000,
    "control": "a\x00b\x01c\x1f\u202e",
    "markup": SCRIPT + '"><a href="javascript:alert(1)">x</a>',
    "sql": "' OR 1=1; DROP TABLE partners_organisation; --",
    "types": "-1e999",
}
# Forms in the site layout that every page carries; tested once on their own.
LAYOUT_FORM_ACTIONS = {"/konto/logout/", "/i18n/setlang/"}
OK_STATUSES = {200, 302, 400, 403, 404, 405}


class FormParser(HTMLParser):
    def __init__(self):
        super().__init__()
        self.forms = []
        self._form = None
        self._select = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self._form = {
                "action": attrs.get("action") or "",
                "method": (attrs.get("method") or "get").lower(),
                "fields": [],
                "enctype": attrs.get("enctype", ""),
            }
            self.forms.append(self._form)
        elif self._form is not None and attrs.get("name"):
            if tag == "input":
                self._form["fields"].append(
                    (attrs["name"], attrs.get("type", "text"), attrs.get("value", ""))
                )
            elif tag == "textarea":
                self._form["fields"].append((attrs["name"], "textarea", ""))
            elif tag == "select":
                self._select = [attrs["name"], "select", None]
                self._form["fields"].append(self._select)
        if tag == "option" and self._select is not None and self._select[2] is None:
            self._select[2] = attrs.get("value", "")

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "select":
            self._select = None


def _url(row, world):
    kwargs = row.resolve_kwargs(world)
    return (
        reverse(row.name, args=kwargs["args"])
        if "args" in kwargs
        else reverse(row.name, kwargs=kwargs)
    )


def _pages(world):
    for row in all_rows():
        if row.method != "get" or row.name.startswith("admin:"):
            continue
        role = next((r for r in PRIVILEGE if row.expected[r] == 200), None)
        if role is not None:
            yield row, role


def _payload(fields, value):
    data = {}
    for name, kind, default in fields:
        if name == "csrfmiddlewaretoken":
            continue
        if kind in {"submit", "button", "image", "reset"}:
            continue
        if kind == "file":
            data[name] = SimpleUploadedFile(
                "bild.png", f"<html>{SCRIPT}</html>".encode(), "image/png"
            )
        elif kind in {"checkbox", "radio"}:
            data[name] = default or "on"
        elif kind == "hidden":
            data[name] = value if name not in {"next"} else default
        else:
            data[name] = value
    return data


def _assert_safe(response, context):
    assert response.status_code in OK_STATUSES, f"{context}: status {response.status_code}"
    if response.status_code == 200 and response.get("Content-Type", "").startswith("text/html"):
        body = response.content.decode(errors="replace")
        assert SCRIPT not in body, f"{context}: hostile markup echoed unescaped"
        assert 'href="javascript:' not in body, f"{context}: javascript: link echoed"


@pytest.mark.parametrize("variant", sorted(HOSTILE))
def test_forms_survive_hostile_input(variant, world, client_as):
    value = HOSTILE[variant]
    checked = 0
    for row, role in _pages(world):
        client = client_as(role)
        url = _url(row, world)
        response = client.get(url)
        if response.status_code != 200 or not response.get("Content-Type", "").startswith(
            "text/html"
        ):
            continue
        parser = FormParser()
        parser.feed(response.content.decode(errors="replace"))
        for form in parser.forms:
            action = urlsplit(form["action"]).path or url
            if action in LAYOUT_FORM_ACTIONS:
                continue
            data = _payload(form["fields"], value)
            if form["method"] == "post":
                result = client_as(role).post(action, data)
            else:
                result = client_as(role).get(
                    action, {k: v for k, v in data.items() if isinstance(v, str)}
                )
            _assert_safe(result, f"{form['method'].upper()} {action} as {role} ({variant})")
            checked += 1
        # Lists with search and filters also get hostile query strings.
        _assert_safe(
            client.get(url, {"q": value, "page": value, "sort": value}),
            f"GET {url}?q= as {role} ({variant})",
        )
    assert checked, "no forms found"


def test_layout_forms_survive_hostile_input(db):
    client = Client()
    for value in HOSTILE.values():
        _assert_safe(client.post("/i18n/setlang/", {"language": value, "next": value}), "setlang")
        _assert_safe(client.post("/konto/logout/", {"next": value}), "logout")


def test_forms_refuse_posts_without_csrf_token(world):
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.users["coordinator"])
    refused = 0
    for row, role in _pages(world):
        if role != "coordinator":
            continue
        url = _url(row, world)
        response = client.get(url)
        if (
            response.status_code != 200
            or not response.get("Content-Type", "").startswith("text/html")
            or b'method="post"' not in response.content
        ):
            continue
        assert client.post(url, {}).status_code == 403, f"{url} accepted a POST without CSRF token"
        refused += 1
    assert refused
