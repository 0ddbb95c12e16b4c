import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from core.roles import get_roles
from partners.models import Organisation

pytestmark = pytest.mark.django_db


def test_seed_demo_refuses_with_debug_off(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("seed_demo")


def test_seed_demo_builds_the_network_once_and_prints_the_logins(settings, capsys):
    settings.DEBUG = True
    call_command("seed_demo")
    out = capsys.readouterr().out
    assert "koordination@example.org" in out
    assert "partner@example.org" in out
    assert "demo-passwort" in out
    count = Organisation.objects.count()
    assert count >= 40
    assert Organisation.objects.coordinating().count() == 2
    call_command("seed_demo")
    assert Organisation.objects.count() == count

    User = get_user_model()
    coordinator = User.objects.get(email="koordination@example.org")
    assert coordinator.check_password("demo-passwort")
    # `make run` (DEBUG on) asks no second factor of the demo logins (docs/security-mfa.md);
    # where one is required, the demo coordinator must set one up first.
    assert get_roles(coordinator).needs_second_factor
    settings.MFA_REQUIRED_FOR_COORDINATORS = False
    coordinator._netzwerk_roles = None
    assert get_roles(coordinator).is_coordinator
    partner = User.objects.get(email="partner@example.org")
    assert get_roles(partner).is_representative


@pytest.mark.parametrize(
    "today", ["2026-12-06 12:00", "2027-01-01 00:30", "2028-02-29 12:00"], ids=str
)
def test_demo_network_met_three_times_in_every_past_year(settings, clock, today):
    # The working groups' founding plenaries lie years back; the years they fall in are
    # full years of the network, not "verfehlt" on the coordinators' overview.
    import datetime

    from meetings.models import BERLIN, Meeting, YearCheck

    settings.DEBUG = True
    clock(datetime.datetime.fromisoformat(today).replace(tzinfo=BERLIN))
    call_command("seed_demo")
    years = {m.year for m in Meeting.objects.plenary()}
    checks = Meeting.objects.yearly_checks(years)
    current = datetime.datetime.fromisoformat(today).year
    missed = [
        c.summary for c in checks if c.year < current and c.state != YearCheck.State.FULFILLED
    ]
    assert len(years) >= 4
    assert not missed


def test_demo_shows_a_correction_beside_the_original_in_the_register(settings, client, clock):
    import datetime

    from django.urls import reverse

    from core.models import Correction
    from meetings.models import BERLIN

    settings.DEBUG = True
    clock(datetime.datetime(2026, 12, 6, 12, tzinfo=BERLIN))
    call_command("seed_demo")
    correction = Correction.objects.get()
    page = client.get(reverse("meetings:resolutions")).content.decode()
    assert correction.reason in page
    assert "ursprünglich „25“, jetzt „24“" in page


def test_the_demo_has_a_login_in_every_state_of_an_organisation(settings, client, clock):
    # Issue 17: the state pages (partners/standing.py) can be seen on the demo network.
    import datetime

    from django.urls import reverse

    from meetings.models import BERLIN
    from partners import standing
    from partners.models import Contact

    settings.DEBUG = True
    clock(datetime.datetime(2026, 12, 6, 12, tzinfo=BERLIN))
    call_command("seed_demo")
    User = get_user_model()
    expected = {
        "bewerbung@example.org": standing.PENDING,
        "abgelehnt@example.org": standing.REJECTED,
        "partner@example.org": standing.ACTIVE,
        "austritt@example.org": standing.EXIT_DECLARED,
        "ausgetreten@example.org": standing.LEFT,
    }
    pages = {
        standing.REJECTED: "abgelehnt. Begründung: Die Initiative hat noch keinen Sitz",
        standing.EXIT_DECLARED: "Der Austritt von Lesepaten Herrenhausen zum 6. März 2027 ist erklärt.",
        standing.LEFT: "Inklusionsnetz Hannover ist am 6. Dezember 2026 aus dem Netzwerk ausgetreten.",
    }
    for email, state in expected.items():
        user = User.objects.get(email=email)
        assert [s.state for s in standing.standings_of(user)] == [state], email
        assert user.check_password("demo-passwort")
        client.force_login(user)
        account = client.get(reverse("account_overview"))
        assert account.status_code == 200
        if state in pages:
            assert pages[state] in " ".join(account.text.split()), email
            assert client.get(reverse("partners:my_network")).status_code == 200
    contacts = Contact.objects.count()
    call_command("seed_demo")
    assert Contact.objects.count() == contacts


def test_a_demo_seeded_before_the_states_existed_gets_them(settings):
    from partners.models import Contact

    settings.DEBUG = True
    call_command("seed_demo")
    # (The rejected application's signed declaration is final, so it stays.)
    emails = ["austritt@example.org", "ausgetreten@example.org"]
    Contact.objects.filter(email__in=emails).delete()
    get_user_model().objects.filter(email__in=emails).delete()
    call_command("seed_demo")
    assert Contact.objects.filter(email__in=emails, user__isnull=False).count() == 2
