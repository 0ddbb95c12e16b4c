from allauth.account.adapter import DefaultAccountAdapter
from allauth.mfa.adapter import DefaultMFAAdapter
from django.utils.encoding import force_str


class AccountAdapter(DefaultAccountAdapter):
    """Policy hooks for allauth; sign-up is open, because organisations join online."""

    def is_open_for_signup(self, request):
        return True

    def format_email_subject(self, subject):
        """allauth's mails start with the network's name, as the platform's own do."""
        from core.mail import subject_prefix

        return subject_prefix() + force_str(subject)


class MFAAdapter(DefaultMFAAdapter):
    def get_totp_issuer(self):
        """The authenticator app lists the code under the network's name (its settings)."""
        from core.network import get_network

        return get_network().brand
