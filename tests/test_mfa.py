"""A second factor for those who hold power (issue 15).

Coordinators and admin users (superusers, staff) reach /koordination/, /admin/ and the
coordinators' powers only once they have a second factor (allauth.mfa: an
authenticator app or a security key/passkey); everyone else may set one up. The
suite runs with DEBUG off, so MFA_REQUIRED_FOR_COORDINATORS is on here as in
production; codes are computed with allauth's own TOTP helpers.
"""

import re
import time
from http import HTTPStatus

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse

from core.roles import get_roles, make_coordinator, require_coordinator
from partners.models import Organisation
from partners.services import approve_application
from tests.factories import (
    PASSWORD,
    TOTP_SECRET,
    OrganisationFactory,
    UserFactory,
    give_second_factor,
    totp_code,
)

pytestmark = pytest.mark.django_db

SETUP = reverse("mfa_index")


@pytest.fixture
def bare_coordinator(db):
    """A coordinator who has not set up a second factor yet."""
    user = UserFactory(email="neu-koordination@example.org", name="Nele Neu")
    make_coordinator(user)
    return user


def _logged_in(user):
    client = Client()
    client.force_login(user)
    return client


def _password_login(client, user):
    return client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})


def _confirm_password(client):
    """allauth asks for the password again before a second factor is added."""
    response = client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    assert response.status_code == HTTPStatus.FOUND


def _other_period_code(secret=TOTP_SECRET):
    """A code that is wrong now: the one of an hour ago (and not today's by chance)."""
    now = totp_code(secret)
    for hours in range(1, 24):
        code = totp_code(secret, at=time.time() - 3600 * hours)
        if code != now:
            return code
    raise AssertionError("no wrong code found")


def test_coordinator_without_second_factor_is_sent_to_set_one_up(bare_coordinator):
    client = _logged_in(bare_coordinator)

    for path in ["/koordination/", "/admin/", "/admin/partners/organisation/"]:
        response = client.get(path)
        assert response.status_code == HTTPStatus.FOUND, path
        assert response.url.startswith(SETUP), path
        assert f"next={path}" in response.url, path

    page = client.get("/koordination/", follow=True)
    assert page.request["PATH_INFO"] == SETUP
    text = page.text
    assert "Zweiter Faktor für die Anmeldung" in text
    assert "öffnen sich erst, wenn Sie einen zweiten Faktor eingerichtet haben" in text
    assert "Authenticator-App" in text
    assert "Passkey" in text
    assert reverse("mfa_activate_totp") in text
    assert reverse("mfa_add_webauthn") in text


def test_coordinator_without_second_factor_holds_no_powers(bare_coordinator):
    """Not only the two pages: the services refuse, and the admin grants no permission."""
    applicant = OrganisationFactory(status=Organisation.Status.APPLICANT)
    with pytest.raises(PermissionDenied):
        require_coordinator(bare_coordinator)
    with pytest.raises(PermissionDenied):
        approve_application(organisation=applicant, by=bare_coordinator)
    assert not bare_coordinator.has_perm("partners.change_organisation")
    applicant.refresh_from_db()
    assert applicant.status == Organisation.Status.APPLICANT

    give_second_factor(bare_coordinator)
    assert get_roles(bare_coordinator).is_coordinator
    assert bare_coordinator.has_perm("partners.change_organisation")


@pytest.mark.parametrize(
    "flags",
    [{"is_staff": True, "is_superuser": True}, {"is_staff": True}],
    ids=["superuser", "staff"],
)
def test_admin_user_without_second_factor_cannot_open_the_admin(flags):
    admin = UserFactory(email="admin@example.org", **flags)
    client = _logged_in(admin)
    for path in ["/admin/", "/admin/login/", "/koordination/"]:
        response = client.get(path)
        assert response.status_code == HTTPStatus.FOUND, path
        assert response.url.startswith(SETUP), path

    give_second_factor(admin)
    client = _logged_in(admin)
    expected = HTTPStatus.OK if flags.get("is_superuser") else HTTPStatus.FORBIDDEN
    # With a factor the superuser is in; mere staff is no coordinator: refused, not redirected.
    assert client.get("/admin/").status_code == expected


def test_activating_an_authenticator_app_opens_coordination_and_admin(bare_coordinator):
    client = Client()
    assert _password_login(client, bare_coordinator).status_code == HTTPStatus.FOUND
    assert client.get("/koordination/").url.startswith(SETUP)

    assert client.get(reverse("mfa_activate_totp")).url.startswith(
        reverse("account_reauthenticate")
    )
    _confirm_password(client)
    page = client.get(reverse("mfa_activate_totp"))
    assert page.status_code == HTTPStatus.OK
    secret = client.session["mfa.totp.secret"]
    assert secret in page.text  # shown beside the QR code, to type in by hand

    refused = client.post(reverse("mfa_activate_totp"), {"code": _other_period_code(secret)})
    assert refused.status_code == HTTPStatus.OK
    assert not Authenticator.objects.filter(user=bare_coordinator).exists()

    response = client.post(reverse("mfa_activate_totp"), {"code": totp_code(secret)})
    assert response.status_code == HTTPStatus.FOUND
    assert response.url == reverse("mfa_view_recovery_codes")
    assert Authenticator.objects.filter(
        user=bare_coordinator, type=Authenticator.Type.TOTP
    ).exists()

    assert client.get("/koordination/").status_code == HTTPStatus.OK
    assert client.get("/admin/").status_code == HTTPStatus.OK
    overview = client.get(SETUP).text
    assert "Ihr Konto ist mit einem zweiten Faktor geschützt." in overview


def test_with_an_authenticator_app_the_login_asks_for_the_code(coordinator):
    client = Client()
    response = _password_login(client, coordinator)
    assert response.status_code == HTTPStatus.FOUND
    assert response.url == reverse("mfa_authenticate")
    # The password alone has not logged in.
    assert client.get("/koordination/").url.startswith(reverse("account_login"))
    stage = client.get(reverse("mfa_authenticate"))
    assert stage.status_code == HTTPStatus.OK
    assert re.search(r'<label\s+for="id_code"', stage.text)

    wrong = client.post(reverse("mfa_authenticate"), {"code": _other_period_code()})
    assert wrong.status_code == HTTPStatus.OK
    assert client.get("/koordination/").status_code == HTTPStatus.FOUND

    right = client.post(reverse("mfa_authenticate"), {"code": totp_code()})
    assert right.status_code == HTTPStatus.FOUND
    assert client.get("/koordination/").status_code == HTTPStatus.OK
    assert client.get("/admin/").status_code == HTTPStatus.OK


def test_recovery_codes_work_once_each(coordinator):
    recovery = Authenticator.objects.get(user=coordinator, type=Authenticator.Type.RECOVERY_CODES)
    first, second = RecoveryCodes(recovery).get_unused_codes()[:2]

    client = Client()
    _password_login(client, coordinator)
    assert client.post(reverse("mfa_authenticate"), {"code": first}).status_code == HTTPStatus.FOUND
    assert client.get("/koordination/").status_code == HTTPStatus.OK

    again = Client()
    _password_login(again, coordinator)
    refused = again.post(reverse("mfa_authenticate"), {"code": first})
    assert refused.status_code == HTTPStatus.OK
    assert again.get("/koordination/").status_code == HTTPStatus.FOUND
    assert again.post(reverse("mfa_authenticate"), {"code": second}).status_code == (
        HTTPStatus.FOUND
    )
    assert again.get("/koordination/").status_code == HTTPStatus.OK

    recovery.refresh_from_db()
    unused = RecoveryCodes(recovery).get_unused_codes()
    assert first not in unused
    assert second not in unused


def test_an_ordinary_partner_is_not_forced_but_may_set_up_a_second_factor(representative):
    client = Client()
    response = _password_login(client, representative)
    assert response.url == reverse("home")  # no code asked, no set-up demanded
    assert client.get(reverse("partners:my_network")).status_code == HTTPStatus.OK
    account = client.get(reverse("account_overview")).text
    assert reverse("mfa_index") in account
    assert "für die Koordination erforderlich" not in account
    setup = client.get(SETUP).text
    assert "öffnen sich erst" not in setup

    _confirm_password(client)
    client.get(reverse("mfa_activate_totp"))
    secret = client.session["mfa.totp.secret"]
    client.post(reverse("mfa_activate_totp"), {"code": totp_code(secret)})
    assert "eingerichtet" in client.get(reverse("account_overview")).text

    later = Client()
    assert _password_login(later, representative).url == reverse("mfa_authenticate")


def test_the_account_page_tells_a_coordinator_the_factor_is_required(bare_coordinator):
    client = _logged_in(bare_coordinator)
    home = client.get("/").text
    assert 'href="/koordination/"' in home  # the way to the set-up page stays visible
    account = client.get(reverse("account_overview")).text
    assert "für die Koordination erforderlich" in account


def test_with_enforcement_off_the_demo_coordinator_needs_no_second_factor(
    settings, bare_coordinator
):
    """`make run` (DEBUG on) keeps the demo logins password-only."""
    settings.MFA_REQUIRED_FOR_COORDINATORS = False
    client = _logged_in(bare_coordinator)
    assert client.get("/koordination/").status_code == HTTPStatus.OK
    assert client.get("/admin/").status_code == HTTPStatus.OK


def test_enforcement_follows_debug_unless_set(monkeypatch):
    """The default: required whenever DEBUG is off; MFA_REQUIRED_FOR_COORDINATORS overrides."""
    import subprocess
    import sys

    def read(**env):
        code = "from django.conf import settings; print(settings.MFA_REQUIRED_FOR_COORDINATORS)"
        result = subprocess.run(
            [sys.executable, "-c", f"import django; django.setup(); {code}"],
            env={
                "PATH": "/usr/bin:/bin",
                "DJANGO_SETTINGS_MODULE": "netzwerk.settings",
                "SECRET_KEY": "x" * 50,
                "DECLARATION_SEAL_KEY": "y" * 50,
                **env,
            },
            capture_output=True,
            text=True,
            check=True,
        )
        return result.stdout.strip()

    assert read(DEBUG="false") == "True"
    assert read(DEBUG="true") == "False"
    assert read(DEBUG="true", MFA_REQUIRED_FOR_COORDINATORS="true") == "True"


def test_the_pages_of_the_set_up_and_the_login_are_valid_html(bare_coordinator, tmp_path):
    """The matrix checks the pages that open with a GET (tests/test_html_validity.py);
    these open only along the way: activation, recovery codes, passkeys, the code stage."""
    import json
    import subprocess

    from tests.test_html_validity import VNU_JAR, _checker

    java = _checker()
    pages = {}
    folder = tmp_path / "pages"  # tmp_path also holds the test's MEDIA_ROOT
    folder.mkdir()

    def keep(client, name):
        response = client.get(reverse(name))
        assert response.status_code == HTTPStatus.OK, name
        path = folder / f"{len(pages):02d}.html"
        path.write_bytes(response.content)
        pages[path.name] = name

    client = Client()
    keep(client, "account_login")
    _password_login(client, bare_coordinator)
    keep(client, "mfa_index")
    keep(client, "account_reauthenticate")
    _confirm_password(client)
    keep(client, "mfa_activate_totp")
    keep(client, "mfa_add_webauthn")
    client.post(
        reverse("mfa_activate_totp"), {"code": totp_code(client.session["mfa.totp.secret"])}
    )
    keep(client, "mfa_view_recovery_codes")
    keep(client, "mfa_generate_recovery_codes")
    keep(client, "mfa_deactivate_totp")
    keep(client, "mfa_list_webauthn")
    keep(client, "mfa_index")

    stage = Client()
    _password_login(stage, bare_coordinator)
    keep(stage, "mfa_authenticate")

    result = subprocess.run(
        [java, "-jar", str(VNU_JAR), "--errors-only", "--format", "json", str(folder)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    messages = json.loads(result.stderr or result.stdout or '{"messages": []}')["messages"]
    errors = [
        f"{pages.get(m.get('url', '').rsplit('/', 1)[-1])}:{m.get('lastLine')}: {m.get('message')}"
        for m in messages
        if m.get("type") == "error"
    ]
    assert len(pages) == 11
    assert not errors, "\n".join(errors)


def test_the_admin_shows_who_has_a_second_factor_but_never_the_secret(client_as, coordinator):
    totp = Authenticator.objects.get(user=coordinator, type=Authenticator.Type.TOTP)
    client = client_as("coordinator")
    listing = client.get(reverse("admin:mfa_authenticator_changelist"))
    assert listing.status_code == HTTPStatus.OK
    assert "Kim Koordination" in listing.text or coordinator.email in listing.text
    page = client.get(reverse("admin:mfa_authenticator_change", args=[totp.pk]))
    assert page.status_code == HTTPStatus.OK
    assert TOTP_SECRET not in page.text
    delete = reverse("admin:mfa_authenticator_delete", args=[totp.pk])
    assert client.post(delete, {"post": "yes"}).status_code == HTTPStatus.FORBIDDEN
    assert Authenticator.objects.filter(pk=totp.pk).exists()

    superuser = give_second_factor(
        UserFactory(email="admin@example.org", is_staff=True, is_superuser=True)
    )
    admin = _logged_in(superuser)
    assert admin.post(delete, {"post": "yes"}).status_code == HTTPStatus.FOUND
    assert not Authenticator.objects.filter(pk=totp.pk).exists()
    # Without the factor the coordinator is sent to set one up again.
    assert _logged_in(coordinator).get("/koordination/").url.startswith(SETUP)
