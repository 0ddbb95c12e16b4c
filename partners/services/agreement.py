"""New versions of the Kooperationsvereinbarung."""

from django.db import transaction
from django.db.models import Max
from django.urls import reverse

from core.mail import send_templated_mail
from core.roles import require_coordinator
from partners.models import AgreementVersion, Contact


@transaction.atomic
def publish_agreement_version(*, by, title, text, valid_from):
    """Publish a new agreement version and ask every active partner to sign it."""
    require_coordinator(by)
    # Lock the table's newest row so two coordinators cannot take the same number.
    latest = AgreementVersion.objects.select_for_update().order_by("-number").first()
    number = (latest.number if latest else 0) + 1
    version = AgreementVersion.objects.create(
        number=number, title=title.strip(), text=text.strip(), valid_from=valid_from
    )
    recipients = (
        Contact.objects.of_active_partners().representatives().values_list("email", flat=True)
    )
    send_templated_mail(
        template="partners/email/agreement_published",
        context={"version": version, "my_network_url": reverse("partners:my_network")},
        to=list(recipients),
    )
    return version


def next_agreement_number():
    return (AgreementVersion.objects.aggregate(n=Max("number"))["n"] or 0) + 1
