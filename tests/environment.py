"""Loaded with `-p` before pytest-django configures Django: test-only environment."""

import os

os.environ.setdefault("SECRET_KEY", "test-secret-key-only-for-the-test-suite-0123456789abcdef")
os.environ.setdefault(
    "DECLARATION_SEAL_KEY", "test-seal-key-only-for-the-test-suite-fedcba9876543210"
)
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
os.environ["SECURE_SSL_REDIRECT"] = "false"

# The default file cache (no CACHE_URL) in a directory of this test run, so two runs
# side by side do not clear each other's cache.
if "CACHE_DIR" not in os.environ:
    import atexit
    import shutil
    import tempfile

    os.environ["CACHE_DIR"] = tempfile.mkdtemp(prefix="netzwerk-test-cache-")
    atexit.register(shutil.rmtree, os.environ["CACHE_DIR"], ignore_errors=True)
