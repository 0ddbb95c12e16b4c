"""django-allauth's pages under /konto/, its second-factor pages (allauth.mfa) among them."""

from tests.matrix import LOGGED_IN, PUBLIC, Row, expect

LOGGED_OUT_ONLY = expect(200, 302, 302, 302, 302, 302)
# Changing a second factor asks for the password (or the factor) again first: a
# force_login'd session has not just authenticated, so it is sent to reauthenticate.
REAUTHENTICATE = expect(302, 302, 302, 302, 302, 302)
# Pages about an authenticator app / recovery codes the account has: only the
# coordinator fixture has them (404 for the others), and it must reauthenticate first.
OWN_FACTOR = expect(302, 404, 404, 404, 404, 302)

# Second factors in the admin (core.mfa_admin): coordinators see who has which,
# never the secrets; only a superuser deletes one, nobody adds one there.
ADMIN_REFUSED = {"admin:mfa_authenticator_add", "admin:mfa_authenticator_delete"}

ROWS = [
    Row("account_login", LOGGED_OUT_ONLY),
    Row("account_signup", LOGGED_OUT_ONLY),
    Row("account_logout", expect(302, 200, 200, 200, 200, 200)),
    Row("account_inactive", PUBLIC),
    Row("account_reauthenticate", LOGGED_IN),
    Row("account_email", LOGGED_IN),
    Row("account_email_verification_sent", PUBLIC),
    Row("account_change_password", LOGGED_IN),
    Row("account_set_password", expect(302, 302, 302, 302, 302, 302)),
    Row("account_reset_password", PUBLIC),
    Row("account_reset_password_done", PUBLIC),
    Row("account_reset_password_from_key", PUBLIC, kwargs={"uidb36": "1", "key": "falsch"}),
    Row("account_reset_password_from_key_done", PUBLIC),
    Row("account_confirm_email", PUBLIC, kwargs={"key": "unbekannt"}),
    Row("account_confirm_login_code", expect(302, 302, 302, 302, 302, 302)),
    # Second factor: the walk-through page and the list of keys open to every account.
    Row("mfa_index", LOGGED_IN),
    Row("mfa_list_webauthn", LOGGED_IN),
    Row("mfa_activate_totp", REAUTHENTICATE),
    Row("mfa_add_webauthn", REAUTHENTICATE),
    Row("mfa_generate_recovery_codes", REAUTHENTICATE),
    Row("mfa_edit_webauthn", REAUTHENTICATE, kwargs={"pk": 999}),
    Row("mfa_remove_webauthn", REAUTHENTICATE, kwargs={"pk": 999}),
    Row("mfa_deactivate_totp", OWN_FACTOR),
    Row("mfa_view_recovery_codes", OWN_FACTOR),
    Row("mfa_download_recovery_codes", OWN_FACTOR),
    # Only the coordinator has a factor to reauthenticate with; the others are sent to
    # the password form.
    Row("mfa_reauthenticate", expect(302, 302, 302, 302, 302, 200)),
    Row("mfa_reauthenticate_webauthn", REAUTHENTICATE),
    # Stages of a login in progress: without one, logged-in users go home.
    Row("mfa_authenticate", REAUTHENTICATE),
    Row("mfa_login_webauthn", REAUTHENTICATE),
]
