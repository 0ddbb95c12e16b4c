"""Loaded with `-p` before pytest-django configures Django: test-only environment."""

import os

os.environ.setdefault("SECRET_KEY", "test-secret-key-only-for-the-test-suite-0123456789abcdef")
os.environ.setdefault(
    "DECLARATION_SEAL_KEY", "test-seal-key-only-for-the-test-suite-fedcba9876543210"
)
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
os.environ["SECURE_SSL_REDIRECT"] = "false"
