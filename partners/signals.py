"""Linking invited contacts to accounts: a decoupled side concern of allauth's events."""

from allauth.account.signals import email_confirmed
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

from partners import services


@receiver(email_confirmed)
def link_contacts_on_confirmation(sender, request, email_address, **kwargs):
    services.link_contacts_to_user(user=email_address.user, email=email_address.email)


@receiver(user_logged_in)
def link_contacts_on_login(sender, request, user, **kwargs):
    for address in user.emailaddress_set.filter(verified=True):
        services.link_contacts_to_user(user=user, email=address.email)
