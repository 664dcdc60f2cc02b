"""Settings shared by every environment, read from the environment.

With nothing set, the portal runs embedded: a SQLite file in the project folder and
Celery tasks executed eagerly in the web process. `DATABASE_URL` switches to
PostgreSQL, `REDIS_URL` to a Redis broker (and cache) with real workers.
"""

from datetime import timedelta
from pathlib import Path

import environ
from csp.constants import NONE, SELF
from kombu import Queue

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()

DEBUG = env.bool("DJANGO_DEBUG", default=False)
SECRET_KEY = env("SECRET_KEY", default="")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    # modeltranslation must come before the admin so that it can patch it.
    "modeltranslation",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "knox",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "axes",
    "allauth",
    "allauth.account",
    "allauth.socialaccount",
    "allauth.socialaccount.providers.openid_connect",
    "allauth.mfa",
    "csp",
    "simple_history",
    "core",
    "unccd_portal",
    "accounts",
    "regions",
    "workprogramme",
    "reporting",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "core.middleware.ApiBodyLimitMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Public pages and API reads go to the replica when DATABASE_REPLICA_URL is set.
    "unccd_portal.db_router.ReplicaReadMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "accounts.middleware.TwoFactorRequiredMiddleware",
    "accounts.sessions.SessionRefreshMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Axes must be last so that it sees the outcome of authentication.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "unccd_portal.urls"
WSGI_APPLICATION = "unccd_portal.wsgi.application"
ASGI_APPLICATION = "unccd_portal.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "unccd_portal.navigation.navigation",
                "accounts.sessions.session_keeper",
            ],
        },
    },
]


def database(url: str, *, pool: bool, conn_max_age: int) -> dict:
    """One DATABASES entry: PostgreSQL through psycopg 3's pool, or persistent connections.

    Django's pool and persistent connections exclude each other: with the pool, a connection
    goes back to it at the end of each request (CONN_MAX_AGE 0); without it, each thread keeps
    its connection for `conn_max_age` seconds. Either way a connection is checked before it is
    reused (CONN_HEALTH_CHECKS), so a restarted database costs a reconnect, not a failed request.
    """
    config = env.db_url_config(url)
    config.update(ATOMIC_REQUESTS=False, CONN_HEALTH_CHECKS=True, CONN_MAX_AGE=conn_max_age)
    if pool and config["ENGINE"] == "django.db.backends.postgresql":
        config["CONN_MAX_AGE"] = 0
        config.setdefault("OPTIONS", {})["pool"] = {
            "min_size": env.int("DATABASE_POOL_MIN_SIZE", default=2),
            "max_size": env.int("DATABASE_POOL_MAX_SIZE", default=8),
            # Seconds a request waits for a free connection before it fails.
            "timeout": env.float("DATABASE_POOL_TIMEOUT", default=10.0),
        }
    return config


def databases(*, pool: bool, conn_max_age: int) -> dict:
    """`default` from DATABASE_URL and, with DATABASE_REPLICA_URL, a read `replica` (db_router.py).

    DATABASE_POOL and DATABASE_CONN_MAX_AGE override the defaults given here (production: the
    pool in the web processes; Celery workers run with DATABASE_POOL=false and persistent
    connections).
    """
    pool = env.bool("DATABASE_POOL", default=pool)
    conn_max_age = env.int("DATABASE_CONN_MAX_AGE", default=conn_max_age)
    entries = {
        "default": database(
            env("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
            pool=pool,
            conn_max_age=conn_max_age,
        )
    }
    if replica_url := env("DATABASE_REPLICA_URL", default=""):
        entries["replica"] = database(replica_url, pool=pool, conn_max_age=conn_max_age)
        # Tests create no database on the replica: it mirrors the test database.
        entries["replica"]["TEST"] = {"MIRROR": "default"}
    return entries


DATABASES = databases(pool=False, conn_max_age=0)
# Off: every read goes to the primary even with a replica configured.
DATABASE_REPLICA_READS = env.bool("DATABASE_REPLICA_READS", default=True)
DATABASE_ROUTERS = ["unccd_portal.db_router.PrimaryReplicaRouter"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

REDIS_URL = env("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env("CACHE_KEY_PREFIX", default="unccd"),
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "accounts:home"
LOGOUT_REDIRECT_URL = "home"

# Proxies in front of the portal whose X-Forwarded-For entry is trusted (0: use REMOTE_ADDR).
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)

# Login lockout (accounts/lockout.py): five failures lock a username from one address,
# LOGIN_FAILURE_LIMIT_PER_ADDRESS failures (any usernames) lock the address, for 15 minutes.
AXES_HANDLER = "accounts.lockout.PairAndAddressLockoutHandler"
AXES_FAILURE_LIMIT = 5
LOGIN_FAILURE_LIMIT_PER_ADDRESS = env.int("LOGIN_FAILURE_LIMIT_PER_ADDRESS", default=50)
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_CLIENT_IP_CALLABLE = "core.http.client_ip"
AXES_RESET_ON_SUCCESS = True
# A refused attempt during a lockout answers "locked" (429) and does not extend the lockout.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"

# --- Sign-in (accounts/README section "Sign-in and API access") -----------------------------
# django-allauth runs the login stages behind the portal's own login page: two-factor
# authentication (allauth.mfa) and OpenID Connect single sign-on for staff (socialaccount).
ACCOUNT_ADAPTER = "accounts.adapters.PortalAccountAdapter"
SOCIALACCOUNT_ADAPTER = "accounts.adapters.StaffSignOnAdapter"
ACCOUNT_LOGIN_METHODS = {"username"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "username*"]
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_LOGOUT_REDIRECT_URL = LOGOUT_REDIRECT_URL
SOCIALACCOUNT_AUTO_SIGNUP = True
SOCIALACCOUNT_LOGIN_ON_GET = False
SOCIALACCOUNT_STORE_TOKENS = False
# A staff member's existing local account is found by the e-mail address the identity
# provider vouches for (`email_verified`), and linked to it.
SOCIALACCOUNT_EMAIL_AUTHENTICATION = True
SOCIALACCOUNT_EMAIL_AUTHENTICATION_AUTO_CONNECT = True

# OpenID Connect single sign-on for secretariat and GM staff: off unless all three are set.
OIDC_ISSUER_URL = env("OIDC_ISSUER_URL", default="")
OIDC_CLIENT_ID = env("OIDC_CLIENT_ID", default="")
OIDC_CLIENT_SECRET = env("OIDC_CLIENT_SECRET", default="")
OIDC_PROVIDER_ID = "staff"  # the redirect URI is {PORTAL_BASE_URL}/accounts/oidc/staff/login/callback/
OIDC_PROVIDER_NAME = env("OIDC_PROVIDER_NAME", default="UN staff sign-in")
# Who gets which role: identity-provider groups (in the OIDC_GROUPS_CLAIM claim of the ID token
# or userinfo), or the domain of a verified e-mail address. Nobody else may sign in by SSO.
OIDC_GROUPS_CLAIM = env("OIDC_GROUPS_CLAIM", default="groups")
OIDC_SECRETARIAT_GROUPS = env.list("OIDC_SECRETARIAT_GROUPS", default=[])
OIDC_GM_GROUPS = env.list("OIDC_GM_GROUPS", default=[])
OIDC_SECRETARIAT_EMAIL_DOMAINS = env.list("OIDC_SECRETARIAT_EMAIL_DOMAINS", default=[])
OIDC_GM_EMAIL_DOMAINS = env.list("OIDC_GM_EMAIL_DOMAINS", default=[])
SOCIALACCOUNT_PROVIDERS = {
    "openid_connect": {
        "OAUTH_PKCE_ENABLED": True,
        "APPS": (
            [
                {
                    "provider_id": OIDC_PROVIDER_ID,
                    "name": OIDC_PROVIDER_NAME,
                    "client_id": OIDC_CLIENT_ID,
                    "secret": OIDC_CLIENT_SECRET,
                    "settings": {"server_url": OIDC_ISSUER_URL, "fetch_userinfo": True},
                }
            ]
            if OIDC_ISSUER_URL and OIDC_CLIENT_ID and OIDC_CLIENT_SECRET
            else []
        ),
    }
}

# Two-factor authentication: an authenticator app (TOTP) with recovery codes, and security
# keys or passkeys (WebAuthn). Required of secretariat and GM accounts when
# TWO_FACTOR_REQUIRED_FOR_STAFF is on (production's default); optional for everyone else.
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes", "webauthn"]
MFA_PASSKEY_LOGIN_ENABLED = True
MFA_TOTP_ISSUER = "UNCCD portal"
MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = False  # development allows http://127.0.0.1
TWO_FACTOR_REQUIRED_FOR_STAFF = env.bool("TWO_FACTOR_REQUIRED_FOR_STAFF", default=False)
# Whether a single sign-on counts as the second factor (the identity provider enforces its own).
SSO_COUNTS_AS_TWO_FACTOR = env.bool("SSO_COUNTS_AS_TWO_FACTOR", default=False)

# API tokens (django-rest-knox, accounts.APIToken): stored hashed, several per user, expiring.
KNOX_TOKEN_MODEL = "accounts.APIToken"
# knox's own token table is swapped for accounts.APIToken, but knox's migrations would still
# create it, and its foreign key to the users would stop the test runner from emptying the
# database on PostgreSQL (TRUNCATE). The swapped model needs no table: no knox migrations.
MIGRATION_MODULES = {"knox": None}
API_TOKEN_DAYS = env.int("API_TOKEN_DAYS", default=30)  # personal tokens
API_CLIENT_TOKEN_DAYS = env.int("API_CLIENT_TOKEN_DAYS", default=90)  # API clients' tokens
REST_KNOX = {
    "TOKEN_TTL": timedelta(days=API_TOKEN_DAYS),
    "TOKEN_PREFIX": "unccd_",  # recognisable by secret scanners
    "AUTH_HEADER_PREFIX": "Token",
}

LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", "English"),
    ("zh-hans", "中文"),
    ("fr", "Français"),
    ("es", "Español"),
    ("ru", "Русский"),
    ("ar", "العربية"),
]
MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
MODELTRANSLATION_FALLBACK_LANGUAGES = ("en",)
LOCALE_PATHS = [BASE_DIR / "locale"]
FORMAT_MODULE_PATH = ["unccd_portal.formats"]
TIME_ZONE = "Europe/Berlin"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 12 * 1024 * 1024
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

EMAIL_BACKEND = env("EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="portal@unccd.int")

REST_FRAMEWORK = {
    "DEFAULT_VERSIONING_CLASS": "rest_framework.versioning.URLPathVersioning",
    "DEFAULT_VERSION": "v1",
    "ALLOWED_VERSIONS": ["v1"],
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "accounts.authentication.ExpiringTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["core.api.permissions.PortalPermission"],
    "DEFAULT_PAGINATION_CLASS": "core.api.pagination.CappedPageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_FILTER_BACKENDS": [
        "core.api.filters.StrictFilterBackend",
        "core.api.filters.StrictOrderingFilter",
    ],
    "DEFAULT_PARSER_CLASSES": [
        "core.api.parsers.PortalJSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "DEFAULT_SCHEMA_CLASS": "core.api.schema.PortalAutoSchema",
    "EXCEPTION_HANDLER": "core.api.exceptions.json_exception_handler",
    "DEFAULT_THROTTLE_RATES": {"token": "10/minute"},
    "NUM_PROXIES": TRUSTED_PROXY_COUNT,
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "UNCCD regional coordination portal API",
    "DESCRIPTION": "Regional coordination mechanism, results frameworks, country "
    "progress submissions and biennial performance reports.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    # Request bodies get their own components (`…Request`): what a client sends (files as binary,
    # text that may not be blank) differs from what it reads back.
    "COMPONENT_SPLIT_REQUEST": True,
    # Background jobs (reports, observation exports) share one set of states.
    "ENUM_NAME_OVERRIDES": {
        "StatusEnum": "reporting.choices.ReportStatus",
        "NotificationKindEnum": "accounts.choices.NotificationKind",
        "KindEnum": "reporting.choices.ReportKind",
    },
}

# Celery: eager in the web process unless a broker is configured.
CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = REDIS_URL or "cache+memory://"
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_TIME_LIMIT = 15 * 60
CELERY_TASK_SOFT_TIME_LIMIT = 14 * 60
# A task unacknowledged for longer than any task may run belongs to a worker that died: Redis
# redelivers it then (kombu's default is an hour). The Redis result backend keeps no unacknowledged
# messages, so it needs no such option.
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": CELERY_TASK_TIME_LIMIT + 60}
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_RESULT_EXPIRES = timedelta(days=1)
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TIMEZONE = TIME_ZONE
# Report compiles (reporting/tasks.py): time limits; a running compile writes a heartbeat every
# REPORT_HEARTBEAT_INTERVAL seconds; the watchdog (beat, every REPORT_WATCHDOG_INTERVAL seconds)
# requeues a running compile silent for REPORT_HEARTBEAT_TIMEOUT seconds, or a queued one that no
# worker took within REPORT_QUEUED_TIMEOUT seconds, up to REPORT_COMPILE_MAX_ATTEMPTS attempts,
# then marks it failed ("the worker died") with a retry for staff.
REPORT_COMPILE_SOFT_TIME_LIMIT = env.int("REPORT_COMPILE_SOFT_TIME_LIMIT", default=300)
REPORT_COMPILE_TIME_LIMIT = env.int("REPORT_COMPILE_TIME_LIMIT", default=330)
REPORT_HEARTBEAT_INTERVAL = env.int("REPORT_HEARTBEAT_INTERVAL", default=15)
REPORT_HEARTBEAT_TIMEOUT = env.int("REPORT_HEARTBEAT_TIMEOUT", default=120)
REPORT_QUEUED_TIMEOUT = env.int("REPORT_QUEUED_TIMEOUT", default=30 * 60)
REPORT_COMPILE_MAX_ATTEMPTS = env.int("REPORT_COMPILE_MAX_ATTEMPTS", default=3)
REPORT_WATCHDOG_INTERVAL = env.int("REPORT_WATCHDOG_INTERVAL", default=60)

# Four queues, so that a long compile never holds up a password mail: workers are started per
# queue in production (docker-compose.yml); a worker started without -Q consumes all of them.
CELERY_TASK_DEFAULT_QUEUE = "default"
CELERY_TASK_QUEUES = [Queue(name) for name in ("default", "compile", "mail", "housekeeping")]
CELERY_TASK_ROUTES = {
    "reporting.compile_report": {"queue": "compile"},
    "accounts.send_password_link": {"queue": "mail"},
    "accounts.send_notification_email": {"queue": "mail"},
    "workprogramme.send_deadline_reminder": {"queue": "mail"},
    "workprogramme.send_deadline_reminders": {"queue": "housekeeping"},
    "reporting.requeue_stalled_compiles": {"queue": "housekeeping"},
}
CELERY_BEAT_SCHEDULE = {
    # Deadline reminders to countries with open drafts (14 and 3 days before, the day after).
    "workprogramme-deadline-reminders": {
        "task": "workprogramme.send_deadline_reminders",
        "schedule": timedelta(hours=24),
    },
    # Compiles whose worker died: requeue them or mark them failed.
    "reporting-compile-watchdog": {
        "task": "reporting.requeue_stalled_compiles",
        "schedule": timedelta(seconds=REPORT_WATCHDOG_INTERVAL),
    },
}

# Content security policy: everything from our own origin, no inline scripts.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF, "data:"],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
    }
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
# A session ends this long after the user's last activity (accounts/sessions.py); pages warn
# SESSION_WARNING_SECONDS before and offer to extend it. The session is refreshed at most every
# SESSION_REFRESH_INTERVAL seconds (each refresh writes the session).
SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=8 * 60 * 60)
SESSION_REFRESH_INTERVAL = env.int("SESSION_REFRESH_INTERVAL", default=5 * 60)
SESSION_WARNING_SECONDS = env.int("SESSION_WARNING_SECONDS", default=5 * 60)
# A submission's edit page saves the draft this often while the user types (0: never).
SUBMISSION_AUTOSAVE_SECONDS = env.int("SUBMISSION_AUTOSAVE_SECONDS", default=60)
CSRF_FAILURE_VIEW = "unccd_portal.views.csrf_failure"
CSRF_COOKIE_HTTPONLY = False

# An expected refusal (403) logs one line, without a traceback (core.logging).
REQUEST_LOG_FILTERS = {"expected_refusal": {"()": "core.logging.ExpectedRefusalFilter"}}
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": REQUEST_LOG_FILTERS,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    "loggers": {"axes": {"level": "WARNING"}, "django.request": {"filters": ["expected_refusal"]}},
}

PORTAL_NAME = "UNCCD Regional Coordination Portal"
# Where the portal is reached: used in links that e-mails carry.
# By default the address `make run` serves on (`PORT`, as runserver and gunicorn use it).
PORTAL_BASE_URL = env("PORTAL_BASE_URL", default=f"http://127.0.0.1:{env('PORT', default='8000')}")
# The demo command creates accounts with a shared password: never in production.
DEMO_ACCOUNTS_ALLOWED = False
