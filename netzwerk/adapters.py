from allauth.account.adapter import DefaultAccountAdapter


class AccountAdapter(DefaultAccountAdapter):
    """Policy hooks for allauth; sign-up is open, because organisations join online."""

    def is_open_for_signup(self, request):
        return True
