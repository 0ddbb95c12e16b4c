"""What the sponsorship app contributes: read by the registry, called by other apps' pages."""

from core.mail import send_templated_mail
from core.roles import get_roles
from partners.models import Organisation


def coordination_panels(request):
    if not get_roles(request.user).is_coordinator:
        return []
    waiting = Organisation.objects.filter(status=Organisation.Status.APPLICANT).count()
    return [{"template": "plugin_app/_panel.html", "order": 5, "waiting": waiting}]


def home_sections(request):
    return [{"template": "plugin_app/_home.html", "order": 5}]


def welcome_with_a_sponsor(event):
    """A new partner gets a sponsor from the network: its contacts hear whom to ask."""
    send_templated_mail(
        template="plugin_app/email/sponsor",
        context={"organisation": event.organisation},
        to=event.organisation.contacts.values_list("email", flat=True),
    )
