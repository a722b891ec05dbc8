"""BatchTrack settings: everything comes from the environment (see .env.example)."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote

import environ
from celery.schedules import crontab

from batchtrack.devservices import require_service_urls
from batchtrack.logging_config import logging_config
from batchtrack.storage import workspace_file_storage

BASE_DIR = Path(__file__).resolve().parent.parent
env = environ.Env()

DEBUG = env.bool("DEBUG", default=False)
SECRET_KEY = env("SECRET_KEY", default="dev-only-insecure-key" if DEBUG else environ.Env.NOTSET)
BASE_DOMAIN = env("BASE_DOMAIN", default="localhost")
# Folder holding DejaVuSans.ttf and DejaVuSans-Bold.ttf, the Unicode font of printed labels
# (Debian and Ubuntu: the fonts-dejavu-core package).
LABEL_FONT_DIR = env("LABEL_FONT_DIR", default="/usr/share/fonts/truetype/dejavu")
# Scheme and port used to build absolute links between the public host and workspace hosts.
SITE_SCHEME = env("SITE_SCHEME", default="http" if DEBUG else "https")
SITE_PORT = env("SITE_PORT", default="")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=[BASE_DOMAIN, f".{BASE_DOMAIN}"])

# --- Apps -------------------------------------------------------------------------------------
SHARED_APPS = [
    "django_tenants",
    "tenants",
    "billing",
    "library",
    "outbox",
    # The public site: landing, pricing, legal pages, help center, waitlist, robots and sitemap.
    "publicsite",
    # The free maker calculators at /tools/ (see tools/__init__.py).
    "tools",
    "django.contrib.contenttypes",
    "django.contrib.auth",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.admin",
    "django.contrib.humanize",
    # Search: the trigram lookups (`trigram_word_similar`) and full-text search (batchtrack/search.py).
    "django.contrib.postgres",
    "allauth",
    "allauth.account",
    "allauth.socialaccount",
    "allauth.socialaccount.providers.google",
    "allauth.mfa",
    "djstripe",
    "django_htmx",
    "bootstrap",
    "django_guid",
    # Support access: django-hijack's sign-in-as mechanics under staff's policy (staff/services/support.py).
    "hijack",
    # The platform staff console: support access, flags, error inbox, lifecycle (staff/__init__.py).
    "staff",
    # The public API's framework and its OpenAPI schema; the reference page's files come from the
    # sidecar package (no CDN). No models of their own.
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    # The project itself, last: it joins tenants and billing (see batchtrack/apps.py).
    "batchtrack",
]
TENANT_APPS = [
    "django.contrib.contenttypes",
    "inventory",
    "recipes",
    "batches",
    "products",
    # Customers, orders and the money reports (see sales/__init__.py).
    "sales",
    # Export and import jobs and their files, per workspace (see reports/__init__.py).
    "reports",
    # Suppliers, purchase receipts with landed cost, documents, reorder help (purchasing/__init__.py).
    "purchasing",
    # The maker's workspace UI: dashboard, onboarding and its sample-data jobs, guided flows, charts.
    "workspace",
    # The public REST API and its keys (see api/__init__.py); outgoing webhooks (webhooks/__init__.py).
    "api",
    "webhooks",
    # Alerts and digests (a tenant app: see notifications/__init__.py). Last, so its demo seed runs
    # after the other apps' data exists.
    "notifications",
]
INSTALLED_APPS = SHARED_APPS + [app for app in TENANT_APPS if app not in SHARED_APPS]

TENANT_MODEL = "tenants.Organization"
TENANT_DOMAIN_MODEL = "tenants.Domain"
# Migrate only tenant apps for real in a new schema; shared apps are recorded, not replayed (see the command).
TENANT_BASE_MIGRATE_COMMAND = "tenants.management.commands.tenant_migrate.Command"
PUBLIC_SCHEMA_URLCONF = "batchtrack.urls_public"
ROOT_URLCONF = "batchtrack.urls_tenant"
DEFAULT_NOT_FOUND_TENANT_VIEW = "tenants.views.public.unknown_workspace"
AUTH_USER_MODEL = "tenants.User"

MIDDLEWARE = [
    # The request id for every log line of the request (LOGGING below), and in every response's
    # X-Request-ID header, health checks included (so first; it touches nothing else).
    "django_guid.middleware.guid_middleware",
    # Then: /healthz and /readyz answer the load balancer over plain http, by IP (batchtrack/health.py).
    "batchtrack.health.HealthCheckMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Ahead of the tenant lookup, so static files cost no query.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "batchtrack.security.ContentSecurityPolicyMiddleware",
    "tenants.middleware.HostRoutingMiddleware",
    # Workspace hosts: noindex on every answer, and a robots.txt that disallows all.
    "publicsite.middleware.WorkspaceNoIndexMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "django_ratelimit.middleware.RatelimitMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "tenants.middleware.WorkspaceAccessMiddleware",
    # Support sessions: banner data, read-only unless granted, every page and change audited.
    "staff.middleware.SupportSessionMiddleware",
    # Marks a workspace active on a successful write, at most hourly (staff dashboard).
    "staff.middleware.WorkspaceActivityMiddleware",
    "tenants.middleware.UserTimezoneMiddleware",
    "billing.middleware.BillingAccessMiddleware",
    "tenants.middleware.UnconfiguredSignInProviderMiddleware",
]

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "tenants.context_processors.workspace",
            ],
            # The glossary's tags on every page without a {% load %}: {% term "lot" %}.
            "builtins": ["batchtrack.glossary_tags"],
        },
    }
]
WSGI_APPLICATION = "batchtrack.wsgi.application"

# --- Data stores ------------------------------------------------------------------------------
require_service_urls()  # every process (web, worker, beat, commands) stops here without them
# django-tenants' backend with the search path sent inside each transaction (batchtrack/db_backend):
# safe behind PgBouncer's transaction pooling, and no SET round trip before every statement.
DATABASES = {"default": env.db_url("DATABASE_URL", engine="batchtrack.db_backend")}
# A Unix-socket host arrives percent-encoded in the URL (the embedded dev server uses one).
DATABASES["default"]["HOST"] = unquote(DATABASES["default"]["HOST"])
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
# Server-side cursors outlive transactions, which a transaction-pooling PgBouncer cannot follow.
DATABASES["default"]["DISABLE_SERVER_SIDE_CURSORS"] = True
DATABASE_ROUTERS = ["django_tenants.routers.TenantSyncRouter"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env("REDIS_URL")
# Seconds to connect to Redis and to wait for each answer, for the cache, the rate limits and the
# broker alike. A hung Redis costs one call this long; then the server's circuit
# (batchtrack/redis_circuit.py) skips it for a few seconds, so a request pays it at most once.
REDIS_TIMEOUT = env.float("REDIS_TIMEOUT", default=0.3)
_redis_options = {
    "SOCKET_CONNECT_TIMEOUT": REDIS_TIMEOUT,
    "SOCKET_TIMEOUT": REDIS_TIMEOUT,
    "REDIS_CLIENT_CLASS": "batchtrack.redis_circuit.CircuitRedis",
}
CACHES = {
    "default": {
        "BACKEND": "batchtrack.cache.FailOpenRedisCache",
        "LOCATION": REDIS_URL,
        # Every key is prefixed with the active schema, so workspaces never share cache entries.
        "KEY_FUNCTION": "django_tenants.cache.make_key",
        "REVERSE_KEY_FUNCTION": "django_tenants.cache.reverse_key",
        "OPTIONS": {**_redis_options, "IGNORE_EXCEPTIONS": True},
    },
    # Not tenant-scoped: for limits that must hold across every host (signup per IP, ...).
    "global": {
        "BACKEND": "batchtrack.cache.FailOpenRedisCache",
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": "global",
        "OPTIONS": {**_redis_options, "IGNORE_EXCEPTIONS": True},
    },
}
# The circuit logs one warning when Redis goes and one when it is back, not a traceback per call.
DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = False
RATELIMIT_FAIL_OPEN = True
# Our named limits (batchtrack/ratelimits.py) count in the global alias; a workspace-scoped limit puts
# the workspace's schema into its counter's name.
RATELIMIT_USE_CACHE = "global"
RATELIMIT_VIEW = "tenants.views.public.rate_limited"
# The client IP as allauth derives it (TRUSTED_PROXY_COUNT), so both kinds of limit agree on it.
RATELIMIT_IP_META_KEY = (
    env("RATELIMIT_IP_META_KEY", default=None) or "batchtrack.ratelimits.client_ip"
)

# Sessions read from Redis, written through to the database: no session query per request, and with
# Redis unavailable they load from the database as before. The global alias, as sessions are not
# a workspace's data.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
SESSION_CACHE_ALIAS = "global"
# Seconds the workspace-by-host and the user's memberships stay cached for every request
# (tenants/request_cache.py; dropped sooner whenever they change). 0 turns that cache off.
TENANCY_CACHE_TTL = env.int("TENANCY_CACHE_TTL", default=60)

# --- Auth (allauth) ---------------------------------------------------------------------------
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_UNIQUE_EMAIL = True
# Never tell a stranger whether an address has an account: sign-up with a taken address emails
# that address instead of saying so on the page (tenants.forms.SignupForm), password reset answers
# the same for every address, and a failed sign-in never says which half was wrong.
ACCOUNT_PREVENT_ENUMERATION = True
# Optional: the maker lands in the new workspace at once; a banner asks them to confirm the address.
ACCOUNT_EMAIL_VERIFICATION = "optional"
ACCOUNT_CHANGE_EMAIL = True
ACCOUNT_LOGIN_ON_PASSWORD_RESET = False
ACCOUNT_LOGOUT_REDIRECT_URL = "/"
ACCOUNT_ADAPTER = "tenants.adapters.AccountAdapter"
# Without the sites framework allauth would prefix subjects with the request's host.
ACCOUNT_EMAIL_SUBJECT_PREFIX = "BatchTrack: "
ACCOUNT_FORMS = {"signup": "tenants.forms.SignupForm", "login": "tenants.forms.LoginForm"}
ACCOUNT_RATE_LIMITS = {
    "login": "30/m/ip",
    "login_failed": "10/m/ip,5/300s/key",
    "signup": "20/m/ip",
    "reset_password": "20/m/ip,5/m/key",
    "change_email": "1/m/user",
}
ALLAUTH_TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "workspace_chooser"
GOOGLE_CLIENT_ID = env("GOOGLE_CLIENT_ID", default="")
GOOGLE_CLIENT_SECRET = env("GOOGLE_CLIENT_SECRET", default="")
SOCIALACCOUNT_PROVIDERS = {
    "google": {
        "APPS": [{"client_id": GOOGLE_CLIENT_ID, "secret": GOOGLE_CLIENT_SECRET, "key": ""}]
        if GOOGLE_CLIENT_ID
        else [],
        "SCOPE": ["profile", "email"],
        "AUTH_PARAMS": {"access_type": "online"},
        "EMAIL_AUTHENTICATION": True,
    }
}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "BatchTrack"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# --- Email ------------------------------------------------------------------------------------
EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="BatchTrack <hello@batchtrack.local>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Stripe (dj-stripe) -----------------------------------------------------------------------
STRIPE_LIVE_MODE = env.bool("STRIPE_LIVE_MODE", default=False)
STRIPE_TEST_SECRET_KEY = env("STRIPE_TEST_SECRET_KEY", default="")
STRIPE_LIVE_SECRET_KEY = env("STRIPE_LIVE_SECRET_KEY", default="")
STRIPE_TEST_PUBLIC_KEY = env("STRIPE_TEST_PUBLIC_KEY", default="")
STRIPE_LIVE_PUBLIC_KEY = env("STRIPE_LIVE_PUBLIC_KEY", default="")
DJSTRIPE_FOREIGN_KEY_TO_FIELD = "id"
DJSTRIPE_SUBSCRIBER_MODEL = "tenants.Organization"
DJSTRIPE_USE_NATIVE_JSONFIELD = True
# dj-stripe trusts an X-Djstripe-Webhook-Secret request header when DEBUG is on (for `stripe listen`);
# billing.receivers drops that header unless a DEBUG machine also opts in here.
STRIPE_CLI_SECRET_HEADER = DEBUG and env.bool("STRIPE_CLI_SECRET_HEADER", default=False)

# --- Celery -----------------------------------------------------------------------------------
CELERY_BROKER_URL = env("CELERY_BROKER_URL", default=REDIS_URL)
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# The same timeouts as the cache, and no retries when sending: a send that fails leaves its work in
# the outbox (or, for beat, a run to catch up: tenants/scheduler.py), which retry it later.
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "socket_timeout": REDIS_TIMEOUT,
    "socket_connect_timeout": REDIS_TIMEOUT,
    "retry_on_timeout": False,
}
CELERY_BROKER_CONNECTION_TIMEOUT = REDIS_TIMEOUT
CELERY_TASK_PUBLISH_RETRY = False
# No results are stored (CELERY_TASK_IGNORE_RESULT); a Redis result backend would get these too.
CELERY_RESULT_BACKEND = env("CELERY_RESULT_BACKEND", default=None)
CELERY_REDIS_SOCKET_TIMEOUT = CELERY_REDIS_SOCKET_CONNECT_TIMEOUT = REDIS_TIMEOUT
CELERY_REDIS_RETRY_ON_TIMEOUT = False
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=False)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TIMEZONE = "UTC"
CELERY_BEAT_SCHEDULE = {
    # Fanned out to each active workspace (tenants.scheduler); re-reads its Stripe subscription.
    "billing-reconcile": {
        "task": "billing.tasks.reconcile_subscriptions",
        "schedule": crontab(hour=3, minute=30),
    },
    # Alerts (notifications/tasks.py), fanned out to each active workspace. Re-runs are harmless:
    # an alert is raised once per (kind, subject, day) and stays open while its condition holds.
    "alerts-low-stock": {
        "task": "notifications.tasks.scan_low_stock",
        "schedule": crontab(minute=10),
    },
    "alerts-lots-expiring": {
        "task": "notifications.tasks.scan_expiring_lots",
        "schedule": crontab(minute=20),
    },
    "alerts-lots-expired": {
        "task": "notifications.tasks.scan_expired_lots",
        "schedule": crontab(minute="*/15"),
    },
    "alerts-timers-due": {
        "task": "notifications.tasks.scan_due_timers",
        "schedule": 120,
    },
    # Emails platform staff (and logs) when a workspace's ledger and balances disagree.
    "ledger-audit": {
        "task": "notifications.tasks.audit_ledger",
        "schedule": crontab(hour=2, minute=45),
    },
    # Hourly: sends the daily digest to members for whom 7:00 (their zone, else the workspace's) has
    # passed since the previous run (missed runs are caught up until noon) and who have not had today's.
    "email-digests": {
        "task": "notifications.tasks.dispatch_digests",
        "schedule": crontab(minute=0),
    },
    # Purges workspaces whose deletion grace period is over (staff/services/lifecycle.py).
    "staff-purge-deleted-workspaces": {
        "task": "staff.tasks.purge_deleted_workspaces",
        "schedule": crontab(hour=5, minute=15),
        "tenant_schemas": ["public"],
    },
    # Removes export files after a week and import files a month after the import (the rows stay).
    "reports-purge-files": {
        "task": "reports.tasks.purge_old_files",
        "schedule": crontab(hour=4, minute=15),
    },
    # dj-stripe's webhook requests and events older than 90 days (billing/services/retention.py).
    "billing-purge-webhooks": {
        "task": "billing.tasks.purge_webhook_history",
        "schedule": crontab(hour=4, minute=45),
        "tenant_schemas": ["public"],
    },
    # Webhook retries whose scheduled send was lost with the broker's queue (webhooks/tasks.py).
    "webhooks-send-overdue": {
        "task": "webhooks.tasks.send_overdue",
        "schedule": crontab(minute="*/10"),
    },
    # Sends background work that could not be queued (Redis down); see outbox/services.py.
    "outbox-flush": {
        "task": "outbox.tasks.flush_outbox",
        "schedule": 60,
        "tenant_schemas": ["public"],
    },
    # Keeps SPARE_SCHEMAS workspace schemas built ahead of sign-ups (tenants/services/spare_schemas.py);
    # also run after each sign-up that took one.
    "spare-schemas-refill": {
        "task": "tenants.tasks.refill_spare_schemas",
        "schedule": 300,
        "tenant_schemas": ["public"],
    },
}
# How many workspace schemas to keep built ahead of sign-ups; 0 builds each one at sign-up.
SPARE_SCHEMAS = env.int("SPARE_SCHEMAS", default=3)

# --- I18N / time ------------------------------------------------------------------------------
LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

# --- Static files -----------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
MEDIA_ROOT = env("MEDIA_ROOT", default=str(BASE_DIR / "media"))
MEDIA_URL = "/media/"
MULTITENANT_RELATIVE_MEDIA_ROOT = "%s"
# Workspace files (exports, imports, supplier documents): each workspace's MEDIA_ROOT folder, or
# S3-compatible storage shared by every machine when STORAGE_URL=s3://... (batchtrack/storage.py).
WORKSPACE_FILES = workspace_file_storage(
    env("STORAGE_URL", default=""),
    {
        "endpoint_url": env("AWS_S3_ENDPOINT_URL", default=None),
        "region_name": env("AWS_S3_REGION_NAME", default=None),
        "access_key": env("AWS_ACCESS_KEY_ID", default=None),
        "secret_key": env("AWS_SECRET_ACCESS_KEY", default=None),
    },
)
STORAGES = {
    "default": WORKSPACE_FILES,
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = DEBUG

# --- Security ---------------------------------------------------------------------------------
CSRF_TRUSTED_ORIGINS = env.list(
    "CSRF_TRUSTED_ORIGINS",
    default=[f"{SITE_SCHEME}://{BASE_DOMAIN}", f"{SITE_SCHEME}://*.{BASE_DOMAIN}"]
    + (
        [
            f"{SITE_SCHEME}://{BASE_DOMAIN}:{SITE_PORT}",
            f"{SITE_SCHEME}://*.{BASE_DOMAIN}:{SITE_PORT}",
        ]
        if SITE_PORT
        else []
    ),
)
SECURE_PROXY_SSL_HEADER = (
    ("HTTP_X_FORWARDED_PROTO", "https") if env.bool("BEHIND_TLS_PROXY", default=False) else None
)
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = env.bool("SECURE_COOKIES", default=not DEBUG)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=not DEBUG)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Content-Security-Policy (django-csp 4): no inline scripts or styles anywhere (htmx's indicator style
# is turned off in base.html). Forms may also post to (and be redirected across) the public host and
# the workspace hosts; batchtrack.security adds those from BASE_DOMAIN per request, plus Google sign-in
# and Stripe's hosted pages below.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": [
            "'self'",
            "https://accounts.google.com",
            "https://checkout.stripe.com",
            "https://billing.stripe.com",
        ],
    },
}
SESSION_COOKIE_HTTPONLY = True

# JSON lines with the request id in production, text in development (batchtrack/logging_config.py).
LOG_FORMAT = env("LOG_FORMAT", default="text" if DEBUG else "json")
DJANGO_GUID = {"GUID_HEADER_NAME": "X-Request-ID", "VALIDATE_GUID": True}
LOGGING = logging_config(log_format=LOG_FORMAT, level=env("LOG_LEVEL", default="INFO"))
# Celery's worker and beat log through LOGGING too, rather than replacing the root logger's handlers.
CELERY_WORKER_HIJACK_ROOT_LOGGER = False

# Support access (staff/services/support.py): hijack may sign staff in as a member only into a session
# our policy opened; our own banner replaces hijack's injected one.
HIJACK_PERMISSION_CHECK = "staff.services.support.may_hijack"
HIJACK_INSERT_BEFORE = None
# Server errors also go to Sentry when this is set (staff/sentry.py); the error inbox works without.
SENTRY_DSN = env("SENTRY_DSN", default="")
if SENTRY_DSN:
    from staff.sentry import init_sentry

    init_sentry(dsn=SENTRY_DSN, environment=env("SENTRY_ENVIRONMENT", default="production"))
# --- Public API (api/) ---------------------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "api.auth.ApiKeyAuthentication",
        "api.auth.MemberSessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["api.permissions.EndpointPermission"],
    "DEFAULT_THROTTLE_CLASSES": [],
    "DEFAULT_PAGINATION_CLASS": "api.pagination.IdCursorPagination",
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["api.parsers.SafeJSONParser"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "api.exceptions.handle",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
    "COERCE_DECIMAL_TO_STRING": True,
}
# A request body above this is refused before it is parsed (api/base.py).
API_MAX_BODY_BYTES = env.int("API_MAX_BODY_BYTES", default=64 * 1024)
SPECTACULAR_SETTINGS = {
    "TITLE": "BatchTrack API",
    "DESCRIPTION": (
        "Stock, recipes, batches, products and orders of one workspace. Authenticate with "
        "`Authorization: Api-Key <key>` (keys are made on the workspace's Settings > API keys "
        "page). Errors are JSON: a stable `code`, a plain `message` and the `field`."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    "COMPONENT_SPLIT_REQUEST": True,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    # No deep links: Swagger UI puts each as a link inside the operation's toggle button (a focusable
    # inside a focusable, and a target too small to hit), which fails WCAG 2.2 in axe.
    "SWAGGER_UI_SETTINGS": {"deepLinking": False},
    "REDOC_DIST": "SIDECAR",
    "APPEND_COMPONENTS": {
        "securitySchemes": {
            "ApiKey": {"type": "apiKey", "in": "header", "name": "Authorization"},
        }
    },
    "SECURITY": [{"ApiKey": []}],
    "ENUM_NAME_OVERRIDES": {
        "RecipeVersionStatus": "recipes.models.RecipeVersion.Status",
        "BatchStatus": "batches.models.Batch.Status",
        "BatchLineStatus": "batches.models.BatchLine.Status",
        "OrderStatus": "sales.models.Order.Status",
        "HoldStatus": "inventory.models.Reservation.Status",
        "StockCheckStatus": ["ok", "low", "short", "error"],
    },
    "AUTHENTICATION_WHITELIST": [],
}

# Outgoing webhooks (webhooks/transport.py) refuse hosts on private networks unless this is on
# (development and tests, whose receivers run on this machine).
WEBHOOKS_ALLOW_PRIVATE_HOSTS = env.bool("WEBHOOKS_ALLOW_PRIVATE_HOSTS", default=DEBUG)

# Handoff links move a signed-in user from the public host to a workspace host without a shared cookie.
HANDOFF_MAX_AGE_SECONDS = 60
INVITATION_VALID_DAYS = 7
