from django.core.exceptions import PermissionDenied
from django.db import transaction

from netzwerk import registry


def personal_data(*, user):
    """Everything the platform stores about a person, as JSON-ready data."""
    data = {
        "konto": {
            "email": user.email,
            "name": user.name,
            "registriert_am": user.date_joined.isoformat(),
            "letzte_anmeldung": user.last_login.isoformat() if user.last_login else None,
            "email_adressen": [
                {"email": a.email, "bestaetigt": a.verified, "primaer": a.primary}
                for a in user.emailaddress_set.all()
            ],
        }
    }
    data.update(registry.merge("personal_data", user))
    return data


@transaction.atomic
def delete_account(*, user, by):
    """Delete the account and the person's contacts; organisations' records stay."""
    if by.pk != user.pk:
        raise PermissionDenied
    for module in registry.hook_modules():
        hook = getattr(module, "before_account_deleted", None)
        if hook is not None:
            hook(user)
    user.delete()
