from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.auth_backends import AuthenticationBackend as AllauthBackend
from allauth.mfa.adapter import DefaultMFAAdapter
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils.encoding import force_str

from core.compiled import CompiledQuery

# The person of a session, read on every request of someone logged in.
_user_by_pk = CompiledQuery(lambda pk: get_user_model()._default_manager.filter(pk=pk))


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


class AuthenticationBackend(AllauthBackend):
    """allauth's backend (logging in by e-mail address, its rate limits), with the
    person of a session read by a query compiled once (core.compiled): the same row,
    from the database on every request, without building Django's query each time."""

    def get_user(self, user_id):
        try:
            pk = get_user_model()._meta.pk.to_python(user_id)
        except ValidationError:
            return None
        found = _user_by_pk(pk)
        user = found[0] if found else None
        return user if user is not None and self.user_can_authenticate(user) else None
