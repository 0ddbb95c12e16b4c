"""A mail backend for tests that answers like a real SMTP server refusing some addresses.

Addresses containing "voll" get 452 (mailbox full: temporary), those containing
"unbekannt" get 550 (no such user: permanent); everything else goes to the locmem outbox.
"""

import smtplib

from django.core.mail.backends.locmem import EmailBackend


class RefusingBackend(EmailBackend):
    def send_messages(self, messages):
        for message in messages:
            for address in message.to:
                if "voll" in address:
                    raise smtplib.SMTPRecipientsRefused({address: (452, b"4.2.2 Mailbox full")})
                if "unbekannt" in address:
                    raise smtplib.SMTPRecipientsRefused({address: (550, b"5.1.1 No such user")})
        return super().send_messages(messages)
