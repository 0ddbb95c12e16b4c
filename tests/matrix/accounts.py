"""django-allauth's pages under /konto/."""

from tests.matrix import LOGGED_IN, PUBLIC, Row, expect

LOGGED_OUT_ONLY = expect(200, 302, 302, 302, 302, 302)

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
]
