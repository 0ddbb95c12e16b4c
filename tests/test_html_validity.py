"""Every HTML page every role can open passes the W3C Nu Html Checker without errors.

The pages are the permission matrix's rows with an expected 200, so a new page is
checked as soon as it has its row. The checker (npm's vnu-jar) runs offline on the
machine's Java; `.ci/run` installs it. Without it the test skips locally, never in CI.
"""

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from django.urls import reverse

from tests.matrix import ROLES, all_rows

ROOT = Path(__file__).resolve().parent.parent
VNU_JAR = Path(
    os.environ.get(
        "VNU_JAR",
        ROOT / ".cache" / "vnu" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar",
    )
)

# Django's own UserAdmin templates carry two validity errors (a stray </p> in the
# password form, `disabled` on a div in the password widget); not our markup.
DJANGO_ADMIN_MARKUP = {"admin:auth_user_password_change", "admin:netzwerk_user_change"}


def _checker():
    java = shutil.which("java")
    if java and VNU_JAR.exists():
        return java
    reason = f"W3C Nu Html Checker fehlt (java und {VNU_JAR})"
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"{reason}: in CI ist die HTML-Prüfung Pflicht.")
    pytest.skip(reason)


def checker_errors(java, folder, pages, timeout=300):
    """The checker's errors for the HTML files in `folder`, each named by its page.

    `pages` maps a file's name to what to call it in the message (its URL).
    """
    result = subprocess.run(
        [java, "-jar", str(VNU_JAR), "--errors-only", "--format", "json", str(folder)],
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    messages = json.loads(result.stderr or result.stdout or '{"messages": []}')["messages"]
    return [
        f"{pages.get(m.get('url', '').rsplit('/', 1)[-1], m.get('url'))}:{m.get('lastLine')}: {m.get('message')}"
        for m in messages
        if m.get("type") == "error"
    ]


@pytest.mark.parametrize("role", ROLES)
def test_pages_are_valid_html(role, world, client_as, tmp_path):
    java = _checker()
    client = client_as(role)
    pages = {}
    # tmp_path also holds the test's MEDIA_ROOT: check only the pages' own folder.
    folder = tmp_path / "pages"
    folder.mkdir()
    for row in all_rows():
        if row.method != "get" or row.expected[role] != 200 or row.name in DJANGO_ADMIN_MARKUP:
            continue
        kwargs = row.resolve_kwargs(world)
        url = (
            reverse(row.name, args=kwargs["args"])
            if "args" in kwargs
            else reverse(row.name, kwargs=kwargs)
        )
        url += row.query
        response = client.get(url)
        if response.status_code != 200 or not response.get("Content-Type", "").startswith(
            "text/html"
        ):
            continue
        path = folder / f"{len(pages):03d}.html"
        path.write_bytes(response.content)
        pages[path.name] = url
    assert pages, f"no HTML pages for {role}"
    errors = checker_errors(java, folder, pages)
    assert not errors, f"{len(errors)} HTML errors as {role}:\n" + "\n".join(errors[:40])
