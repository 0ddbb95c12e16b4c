"""Contributions of the partners app to shared pages (see netzwerk.registry)."""


def personal_data(user):
    return {
        "ansprechpersonen": [
            {
                "organisation": c.organisation.name,
                "name": c.name,
                "email": c.email,
                "telefon": c.phone,
                "funktion": c.function,
                "vertretungsberechtigt": c.is_representative,
                "einwilligung_veroeffentlichung": c.public_consent_at,
            }
            for c in user.contacts.select_related("organisation")
        ]
    }


def before_account_deleted(user):
    # Contacts go with the account (cascade); declarations keep the typed name.
    user.contacts.all().delete()
