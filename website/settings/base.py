"""Settings shared by every environment; every value that differs comes from the environment."""

import os
from pathlib import Path

import environ
import xstatic.pkg.leaflet
import xstatic.pkg.leaflet_markercluster
from django.utils.translation import gettext_lazy as _

from website import plugins

BASE_DIR = Path(__file__).resolve().parent.parent.parent
DATA_DIR = BASE_DIR / "data"

env = environ.Env()

SECRET_KEY = env("SECRET_KEY", default="")
DEBUG = env.bool("DEBUG", default=False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=[])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
CSRF_FAILURE_VIEW = "theme.views.csrf_failure"

# Plugins: PLUGINS unset runs them all, set but empty the core alone (website/plugins.py).
# (Read from os.environ: django-environ takes an empty value for an unset one.)
PLUGINS, PLUGINS_SWITCHED_OFF = plugins.resolve(os.environ.get("PLUGINS"))

INSTALLED_APPS = [
    # The core
    "accounts",
    "outbox",
    "cms_pages",
    "moderation",
    # The plugins, with the apps they bring
    *plugins.installed_apps(PLUGINS),
    "theme",
    "wagtail.contrib.redirects",
    "wagtail.contrib.sitemaps",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail.api.v2",
    "wagtail",
    "modelcluster",
    "taggit",
    "wagtailgeowidget",
    "rest_framework",
    "rules.apps.AutodiscoverRulesConfig",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "django_tasks",
    "django_tasks_db",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sites",
    "django.contrib.sitemaps",
    "django_filters",
    "django_htmx",
    "laces",
    "csp",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "website.security.PermissionsPolicyMiddleware",
    "website.security.SiteCSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Right after the static files: a visitor without a session gets a stored page before
    # any session, language or CSRF work (cms_pages/page_cache).
    "cms_pages.page_cache.middleware.AnonymousPageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "theme.middleware.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # After auth: its 400 page shows who is logged in (theme/bad_input.py).
    "theme.bad_input.BadInputMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "accounts.middleware.StaffTwoFactorMiddleware",
    "accounts.middleware.PrivatePagesNoStoreMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "website.urls"
WSGI_APPLICATION = "website.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "theme.context_processors.site_chrome",
            ],
        },
    },
]

DATA_DIR.mkdir(exist_ok=True)
DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{DATA_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the dev server read while a write is in flight; the timeout waits on locks.
    # Every request is a transaction (ATOMIC_REQUESTS): a deferred one that reads, then
    # writes, cannot upgrade its lock while another writes (« database is locked » at once,
    # whatever the timeout); an immediate one takes the write lock first and waits its turn.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL;",
            "transaction_mode": "IMMEDIATE",
        }
    )
else:
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# A database cache is shared by every worker process, which allauth's rate limits need: the
# cache without Redis, and Redis's stand-in while Redis cannot be reached (website/cache.py).
# `manage.py createcachetable` creates its table.
_database_cache = {
    "BACKEND": "django.core.cache.backends.db.DatabaseCache",
    "LOCATION": "cache_entries",
    # Past this many entries a third are dropped: an attack trying many addresses (a count
    # per IP address and per e-mail address) must not push out the counts (Django's: 300).
    "OPTIONS": {"MAX_ENTRIES": 20_000},
}
REDIS_URL = env("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "website.cache.RedisCacheWithFallback",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env("CACHE_KEY_PREFIX", default="aac"),
            "OPTIONS": {
                "fallback": "database",
                "retry_after": env.float("REDIS_RETRY_AFTER", default=10),
                # A dead Redis costs this once per retry, not on every call.
                "socket_connect_timeout": env.float("REDIS_CONNECT_TIMEOUT", default=0.25),
                "socket_timeout": env.float("REDIS_TIMEOUT", default=0.5),
            },
        },
        "database": _database_cache,
    }
    # The anonymous page cache (cms_pages/page_cache): Redis too, under its own prefix; while
    # Redis cannot be reached, the database's page table stands in, and once Redis answers
    # again every page it holds is made stale (website/cache.py).
    CACHES["pages"] = {
        **CACHES["default"],
        "BACKEND": "website.cache.RedisPageCache",
        "KEY_PREFIX": env("PAGE_CACHE_KEY_PREFIX", default="aac-pages"),
        "OPTIONS": {**CACHES["default"]["OPTIONS"], "fallback": "database-pages"},
    }
else:
    CACHES = {"default": _database_cache}
# A CDN or Varnish in front of the site: Wagtail purges a page's URLs there when it is
# published, unpublished or moved (wagtail.contrib.frontend_cache). Only the page's own URLs
# are purged, not the lists that show it: such a cache should keep pages briefly (README,
# "Page cache").
FRONTEND_CACHE_PURGE_URL = env("FRONTEND_CACHE_PURGE_URL", default="")
if FRONTEND_CACHE_PURGE_URL:
    INSTALLED_APPS.append("wagtail.contrib.frontend_cache")
    WAGTAILFRONTENDCACHE = {
        "purge": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": FRONTEND_CACHE_PURGE_URL,
        }
    }
# The page cache's own table: its entries never push out the rate limits' counts.
CACHES["database-pages"] = {
    "BACKEND": "django.core.cache.backends.db.DatabaseCache",
    "LOCATION": "page_cache_entries",
    "OPTIONS": {"MAX_ENTRIES": 20_000},
}
CACHES.setdefault("pages", CACHES["database-pages"])
PAGE_CACHE_ALIAS = "pages"


def _git_commit():
    """The checked-out commit, read from .git without running git; "" when not found."""
    try:
        head = (BASE_DIR / ".git" / "HEAD").read_text().strip()
        if head.startswith("ref: "):
            return (BASE_DIR / ".git" / head.removeprefix("ref: ")).read_text().strip()
        return head
    except OSError:
        return ""


# Part of every cached page's key: a new deployment (other templates, other translations)
# renders anew. Set RELEASE where the code is not a git checkout.
RELEASE = env("RELEASE", default="") or _git_commit()[:12] or "unknown"
# How long a cached page lives at most. Version keys make it stale as soon as what it shows
# changes; this bounds what only time changes (« il y a 3 minutes », an event now past).
PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=300)
# A response is not stored when a key it depends on was bumped this long before the request
# began: the clocks of several servers may differ by as much.
PAGE_CACHE_CLOCK_SKEW = env.float("PAGE_CACHE_CLOCK_SKEW", default=1.0)

AUTH_USER_MODEL = "accounts.User"
# Sessions in the database, each with its account id: deleting an account ends them all.
SESSION_ENGINE = "accounts.sessions"
AUTHENTICATION_BACKENDS = [
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "accounts:profile"
WAGTAILADMIN_LOGIN_URL = "/comptes/login/"
# One login path: /admin/login/ and /admin/logout/ are allauth's views (website/urls.py), and
# Wagtail's own password reset and account e-mail/password forms are off.
WAGTAIL_PASSWORD_RESET_ENABLED = False
WAGTAIL_PASSWORD_MANAGEMENT_ENABLED = False
WAGTAIL_EMAIL_MANAGEMENT_ENABLED = False

# Accounts (django-allauth): e-mail as the login, verified before first use.
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_SIGNUP_FORM_CLASS = "accounts.forms.SignupForm"
ACCOUNT_USER_DISPLAY = "accounts.models.user_display"
# Same work whether or not the address has an account (accounts/signup.py), and no mail to an
# address without an account on password reset (the page answers the same either way).
ACCOUNT_FORMS = {"signup": "accounts.signup.ConstantWorkSignupForm"}
ACCOUNT_EMAIL_UNKNOWN_ACCOUNTS = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Aux actes citoyens] "
ACCOUNT_DEFAULT_HTTP_PROTOCOL = env("HTTP_PROTOCOL", default="http")
ACCOUNT_RATE_LIMITS = {
    "login_failed": "30/m/ip,5/5m/key",
    "signup": "20/m/ip",
    "reset_password": "20/m/ip,5/m/key",
    "confirm_email": "1/3m/key",
}
# Staff two-factor authentication (accounts/middleware.py requires it for the admin).
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]

# Personal data (RGPD): retention applied by manage.py apply_retention (daily, from cron) and
# told on the privacy notice (/confidentialite/), which renders these values.
# An account unused this many days (no login since; staff excepted) is deleted, after an
# e-mail sent INACTIVE_ACCOUNT_WARNING_DAYS days before.
INACTIVE_ACCOUNT_DAYS = env.int("INACTIVE_ACCOUNT_DAYS", default=3 * 365)
INACTIVE_ACCOUNT_WARNING_DAYS = env.int("INACTIVE_ACCOUNT_WARNING_DAYS", default=30)
# Where citizens write about their data; shown on the privacy notice.
PRIVACY_CONTACT_EMAIL = env("PRIVACY_CONTACT_EMAIL", default="agir@lacooperativedescitoyens.fr")
# How long the web server in front of the site keeps its access logs (IP addresses): the site
# writes none itself; the deployment rotates them within this many days, as the notice says.
SERVER_LOG_RETENTION_DAYS = env.int("SERVER_LOG_RETENTION_DAYS", default=180)
# A citizen's copy of their data, asked for on their profile (accounts/data_export.py): its
# download link works this many days; at most this many requests per account in the window
# (seconds).
PERSONAL_DATA_EXPORT_DAYS = env.int("PERSONAL_DATA_EXPORT_DAYS", default=7)
PERSONAL_DATA_EXPORT_RATE_LIMIT = (3, 24 * 3600)

LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", _("French")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Paris"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "static_collected"
STATICFILES_DIRS = [
    ("vendor/leaflet", xstatic.pkg.leaflet.BASE_DIR),
    ("vendor/leaflet-markercluster", xstatic.pkg.leaflet_markercluster.BASE_DIR),
]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env("MEDIA_ROOT", default=str(BASE_DIR / "media")))
# Where ``manage.py backup`` writes its archives unless told otherwise (git-ignored).
BACKUP_DIR = Path(env("BACKUP_DIR", default=str(BASE_DIR / "backups")))
# They hold everyone's data, deleted accounts' included: manage.py apply_retention deletes
# those older than this many days (the privacy notice says so).
BACKUP_RETENTION_DAYS = env.int("BACKUP_RETENTION_DAYS", default=14)
# Files only their owner may download (a citizen's data export): outside MEDIA_ROOT, so never
# served by the web server; a view checks who asks (accounts/export_views.py).
PRIVATE_MEDIA_ROOT = Path(env("PRIVATE_MEDIA_ROOT", default=str(BASE_DIR / "private_media")))
PRIVATE_STORAGE = {
    "BACKEND": "django.core.files.storage.FileSystemStorage",
    "OPTIONS": {
        "location": PRIVATE_MEDIA_ROOT,
        "file_permissions_mode": 0o600,
        "directory_permissions_mode": 0o700,
    },
}
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "website.storage.StaticFilesStorage"},
    "private": PRIVATE_STORAGE,
}
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# E-mail: every message is written to the outbox table and leaves after the transaction
# commits, through a background task; the real transport is OUTBOX_DELIVERY_BACKEND.
EMAIL_BACKEND = "outbox.backends.OutboxBackend"
OUTBOX_DELIVERY_BACKEND = env(
    "EMAIL_DELIVERY_BACKEND", default="django.core.mail.backends.smtp.EmailBackend"
)
OUTBOX_MAX_ATTEMPTS = env.int("OUTBOX_MAX_ATTEMPTS", default=5)
# Stored e-mails (sent, failed or never sent) are deleted after this many days
# (manage.py apply_retention, daily).
OUTBOX_RETENTION_DAYS = env.int("OUTBOX_RETENTION_DAYS", default=90)
EMAIL_HOST = env("EMAIL_HOST", default="localhost")
EMAIL_PORT = env.int("EMAIL_PORT", default=25)
EMAIL_HOST_USER = env("EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=False)
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=10)
DEFAULT_FROM_EMAIL = env(
    "DEFAULT_FROM_EMAIL", default="Aux actes citoyens <ne-pas-repondre@localhost>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Background work (django-tasks): inline by default, a database queue in production.
TASKS = {
    "default": {
        "BACKEND": env("TASKS_BACKEND", default="django_tasks.backends.immediate.ImmediateBackend")
    }
}

# Wagtail
WAGTAIL_SITE_NAME = "Aux actes citoyens"
MFA_TOTP_ISSUER = WAGTAIL_SITE_NAME  # the name the authenticator app shows
WAGTAILADMIN_BASE_URL = env("BASE_URL", default="http://127.0.0.1:8000")
WAGTAIL_ALLOW_UNICODE_SLUGS = False
WAGTAIL_I18N_ENABLED = False
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_GRAVATAR_PROVIDER_URL = None  # no third-party request: the admin shows its default avatar
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
# Wagtail's database search: on PostgreSQL, a text search configuration that folds accents
# then stems in French (created by the search app's migration); SQLite ignores it.
WAGTAILSEARCH_BACKENDS = {
    "default": {"BACKEND": "wagtail.search.backends.database", "SEARCH_CONFIG": "aac_french"}
}
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 5 * 1024 * 1024
# Image bombs: an uploaded image of more pixels than this is refused from its header, before
# it is decoded (a 13,000 × 13,000 PNG weighs 518 KB and 500 MB once decoded). The admin's
# uploads (Wagtail) and the initiatives' own (initiatives.images) use the same limit.
MAX_IMAGE_PIXELS = 40_000_000
WAGTAILIMAGES_MAX_IMAGE_PIXELS = MAX_IMAGE_PIXELS
WAGTAILDOCS_EXTENSIONS = ["pdf", "odt", "ods", "docx", "xlsx", "csv", "txt"]
WAGTAILAPI_LIMIT_MAX = 50
WAGTAILAPI_BASE_URL = WAGTAILADMIN_BASE_URL
REST_FRAMEWORK = {"DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"]}

# Révoltes and rêves: pre-moderation unless switched to post-moderation.
CONTRIBUTIONS_PREMODERATION = env.bool("CONTRIBUTIONS_PREMODERATION", default=True)
# Per account: at most this many contributions in the window (seconds).
CONTRIBUTIONS_RATE_LIMIT = (10, 3600)
# The same text sent again by the same account on the same target within this many seconds
# (a double submit) is not stored twice: the first one is shown, « Déjà envoyé ».
DUPLICATE_SUBMIT_SECONDS = 120
# Below this zoom level the contributions GeoJSON returns grid clusters computed in SQL.
CONTRIBUTIONS_CLUSTER_BELOW_ZOOM = 13

# Initiatives: a member's change to these fields of a published initiative goes back to the
# Modérateurs before it is published (field names of InitiativePage).
INITIATIVE_RECHECK_FIELDS = env.list("INITIATIVE_RECHECK_FIELDS", default=["title", "image"])
# Someone editing an initiative is shown to the other editors until this many seconds after
# their page last said it was open.
INITIATIVE_PRESENCE_SECONDS = 60
# How often an open edit page tells the server it is still there (seconds).
INITIATIVE_PRESENCE_PING_SECONDS = 20
# Upload limit of an initiative's image (bytes) and its largest side once stored (pixels).
INITIATIVE_IMAGE_MAX_BYTES = 5 * 1024 * 1024
INITIATIVE_IMAGE_MAX_SIDE = 2000
# Per account: at most this many new initiatives, and contact messages, in the window (seconds).
INITIATIVE_CREATION_RATE_LIMIT = (5, 3600)
INITIATIVE_CONTACT_RATE_LIMIT = (5, 3600)
# Per account: requests to join (each e-mails the porteurs) in the window, overall and on one
# initiative; saves of an initiative's edit form; images sent (create and edit forms).
INITIATIVE_JOIN_REQUEST_RATE_LIMIT = (10, 3600)
INITIATIVE_JOIN_REQUESTS_PER_INITIATIVE_LIMIT = (3, 24 * 3600)
INITIATIVE_EDIT_RATE_LIMIT = (60, 3600)
INITIATIVE_IMAGE_RATE_LIMIT = (10, 3600)

SITE_ID = 1  # django.contrib.sites (and django-contrib-comments, which stores it on comments)
# Forums (the plugin brings django-comments-xtd): threaded comments, the project's own model.
if "forums" in PLUGINS:
    COMMENTS_APP = "django_comments_xtd"
    COMMENTS_XTD_MODEL = "forums.models.Comment"
    # Three levels: a comment (0), a reply (1), a reply to a reply (2).
    COMMENTS_XTD_MAX_THREAD_LEVEL = 2
    # django-contrib-comments' own default: another value would alter its migration state.
    COMMENT_MAX_LENGTH = 3000
    # The comment form stays valid this long (seconds): people who type slowly, or come back to a
    # tab the next day, must not lose their text (accessibility rules ask for at least 20 hours).
    COMMENTS_TIMEOUT = 24 * 3600
    # Per account: at most this many comments (and new threads) in the window (seconds).
    COMMENTS_RATE_LIMIT = (10, 300)
    # An account younger than this (days) posting at least FORUM_HOLD_LINKS links waits for a
    # moderator before its comment is shown.
    FORUM_NEW_ACCOUNT_DAYS = 7
    FORUM_HOLD_LINKS = 2
    # This many distinct members flagging a comment hide it until a moderator reviews it.
    FORUM_FLAGS_TO_HIDE = 3
    # Top-level comments per page of a thread; threads per page of a forum.
    FORUM_COMMENTS_PER_PAGE = 20
    FORUM_THREADS_PER_PAGE = 20

# Maps: tiles are the one third-party request; without a URL the maps draw on a plain background.
MAP_TILES_URL = env("MAP_TILES_URL", default="https://tile.openstreetmap.org/{z}/{x}/{y}.png")
MAP_TILES_ATTRIBUTION = env(
    "MAP_TILES_ATTRIBUTION",
    default='&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a>',
)
MAP_DEFAULT_CENTER = {"lat": 47.62, "lng": 6.85}
MAP_DEFAULT_ZOOM = 10
GEO_WIDGET_DEFAULT_LOCATION = MAP_DEFAULT_CENTER
GEO_WIDGET_ZOOM = MAP_DEFAULT_ZOOM
GEO_WIDGET_LEAFLET_TILE_LAYER = MAP_TILES_URL
GEO_WIDGET_LEAFLET_TILE_LAYER_OPTIONS = {
    "attribution": MAP_TILES_ATTRIBUTION,
    "referrerPolicy": "strict-origin-when-cross-origin",
}

# Content-Security-Policy (django-csp 4, website/security.py, README « Security headers »).
# Public pages: no inline script and no nonce (a cached page must not freeze one), no style
# attribute and no <style> element (enjeu colours come from a stylesheet, htmx's indicator
# styles from site.css); data: images for the TOTP QR code; the host of MAP_TILES_URL is added
# to img-src by the middleware. Paths under /admin/ get CONTENT_SECURITY_POLICY_ADMIN instead:
# Wagtail's admin runs inline scripts and styles (and eval in its vendored template code).
# CSP_REPORT_ONLY=1 sends the same policies as Content-Security-Policy-Report-Only instead.
_public_csp = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
CONTENT_SECURITY_POLICY_ADMIN = {
    "DIRECTIVES": {
        **_public_csp["DIRECTIVES"],
        "script-src": ["'self'", "'unsafe-inline'", "'unsafe-eval'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:"],
        "font-src": ["'self'", "data:"],
        "frame-src": ["'self'"],  # the live preview
        "frame-ancestors": ["'self'"],
    }
}
if env.bool("CSP_REPORT_ONLY", default=False):
    CONTENT_SECURITY_POLICY_REPORT_ONLY = _public_csp
else:
    CONTENT_SECURITY_POLICY = _public_csp
# A territory boundary file is at most this size once stored (GeoJSON text, in bytes).
BOUNDARY_MAX_BYTES = 2 * 1024 * 1024

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    # Wagtail and django-tasks log every page save and task at INFO: too chatty for a console.
    "loggers": {
        "wagtail": {"level": "WARNING"},
        "django_tasks": {"level": "WARNING"},
    },
}

# Site search (the search app): the database engine by default; set ELASTICSEARCH_URL to use
# Elasticsearch, which falls back to the database when it fails.
ELASTICSEARCH_URL = env("ELASTICSEARCH_URL", default="")
SEARCH_ENGINE = env("SEARCH_ENGINE", default="elasticsearch" if ELASTICSEARCH_URL else "database")
SEARCH_ELASTICSEARCH_INDEX = env("SEARCH_ELASTICSEARCH_INDEX", default="aac-documents")
SEARCH_ELASTICSEARCH_TIMEOUT = env.float("SEARCH_ELASTICSEARCH_TIMEOUT", default=3.0)
SEARCH_RESULTS_PER_PAGE = 20
SEARCH_QUERY_MAX_LENGTH = 200
