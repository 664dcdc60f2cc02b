"""Production settings: refuse to start without the secrets and hosts they need."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import databases, env

# REDIS_URL too: without it the cache (throttles, /healthz status) would live in each process and
# Celery would run tasks inside the web request. Web processes keep nothing between requests:
# sessions in the database, cache and broker in Redis, media on a volume shared by every
# container (MEDIA_ROOT).
for _required in ("SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL", "REDIS_URL"):
    if not env(_required, default=""):
        raise ImproperlyConfigured(f"Production settings need the {_required} environment variable.")

# The web processes share connections through psycopg's pool (one pool per gunicorn worker, its
# threads take turns); Celery workers set DATABASE_POOL=false and keep one persistent connection
# per process for DATABASE_CONN_MAX_AGE seconds. See docs/SCALING.md for the measurements.
DATABASES = databases(pool=True, conn_max_age=60)

DEBUG = False
DEMO_ACCOUNTS_ALLOWED = False
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
# Secretariat and GM accounts sign in with a second factor (or by SSO when it counts as one).
TWO_FACTOR_REQUIRED_FOR_STAFF = env.bool("TWO_FACTOR_REQUIRED_FOR_STAFF", default=True)
MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = False
# Outgoing mail (reminders, password links): EMAIL_URL such as smtp+tls://user:pass@host:587.
_email = env.email_url("EMAIL_URL", default="smtp://localhost:25")
EMAIL_BACKEND = env("EMAIL_BACKEND", default=_email["EMAIL_BACKEND"])
EMAIL_HOST = _email["EMAIL_HOST"]
EMAIL_PORT = _email["EMAIL_PORT"]
EMAIL_HOST_USER = _email["EMAIL_HOST_USER"]
EMAIL_HOST_PASSWORD = _email["EMAIL_HOST_PASSWORD"]
EMAIL_USE_TLS = _email.get("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = _email.get("EMAIL_USE_SSL", False)
