"""The admin's view of second factors: who has which, never the secrets.

allauth registers its Authenticator admin with every field, the TOTP secret and the
recovery-code seed among them; coordinators hold every model permission in the admin
(core.roles.CoordinatorBackend) and would read each other's secrets. Here the
admin lists and shows only the person, the type and the dates; only a superuser deletes
a factor (for someone who lost theirs); nobody adds one in the admin.
"""

from allauth.mfa.admin import AuthenticatorAdmin as AllauthAuthenticatorAdmin
from allauth.mfa.models import Authenticator
from django.contrib import admin


class AuthenticatorAdmin(AllauthAuthenticatorAdmin):
    fields = ["user", "type", "created_at", "last_used_at"]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser and super().has_delete_permission(request, obj)


def register():
    if admin.site.is_registered(Authenticator):
        admin.site.unregister(Authenticator)
    admin.site.register(Authenticator, AuthenticatorAdmin)
