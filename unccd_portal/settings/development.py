"""Development settings: the embedded default (SQLite, eager Celery, DEBUG on)."""

import secrets

from .base import *  # noqa: F403
from .base import BASE_DIR, env

DEBUG = env.bool("DJANGO_DEBUG", default=True)


def _dev_secret_key() -> str:
    """A secret generated once per checkout and kept out of git."""
    path = BASE_DIR / ".dev-secret-key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(50))
    return path.read_text().strip()


SECRET_KEY = env("SECRET_KEY", default="") or _dev_secret_key()
DEMO_ACCOUNTS_ALLOWED = True
# Security keys and passkeys over plain http on 127.0.0.1 (WebAuthn otherwise needs https).
MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = True
