"""The one settings module, configured from GONGKAI_* environment variables.

Development defaults are safe: without GONGKAI_DEBUG or GONGKAI_DEMO the process refuses to
start unless a secret key, an encryption key and the allowed hosts are given.
"""

import ipaddress
import os
import re
import secrets
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name: str, default: int, minimum: int = 0) -> int:
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    if not value.isdigit() or int(value) < minimum:
        raise ImproperlyConfigured(f"{name} must be a whole number of at least {minimum}, not {value!r}")
    return int(value)


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


BASE_DIR = Path(__file__).resolve().parent
DATA_DIR = Path(os.environ.get("GONGKAI_DATA_DIR", "./var")).resolve()
DEBUG = env_bool("GONGKAI_DEBUG")
DEMO = env_bool("GONGKAI_DEMO")
TESTING = env_bool("GONGKAI_TESTING")


def _key_from_env_or_file(var: str, filename: str) -> str:
    """Return the key named by VAR; in debug or demo mode, generate one into the data dir."""
    value = os.environ.get(var, "")
    if value:
        return value
    if env_bool("GONGKAI_EPHEMERAL_KEYS"):  # set by the CLI for commands that read no secret (`gongkai help`)
        return secrets.token_urlsafe(50)
    if not (DEBUG or DEMO or TESTING):
        raise ImproperlyConfigured(
            f"{var} must be set when GONGKAI_DEBUG is off (see docs/operator-guide.md)"
        )
    path = DATA_DIR / filename
    if path.exists():
        return path.read_text().strip()
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(50)
    path.write_text(key)
    path.chmod(0o600)
    return key


SECRET_KEY = _key_from_env_or_file("GONGKAI_SECRET_KEY", "secret_key")
ENCRYPTION_KEY = _key_from_env_or_file("GONGKAI_ENCRYPTION_KEY", "encryption_key")
# A command that reads no secret runs with throw-away keys, which no database's check value matches.
EPHEMERAL_KEYS = env_bool("GONGKAI_EPHEMERAL_KEYS") and not os.environ.get("GONGKAI_ENCRYPTION_KEY")
ALLOWED_HOSTS = env_list("GONGKAI_ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = env_list("GONGKAI_CSRF_TRUSTED_ORIGINS", "")
# The public base URL, used for QR codes and feeds so that pages do not vary by Host header.
PUBLIC_URL = os.environ.get("GONGKAI_PUBLIC_URL", "").rstrip("/")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    "huey.contrib.djhuey",
    "gongkai.core",
    "gongkai.portal",
    "gongkai.publishing",
    "gongkai.applications",
    "gongkai.records",
    "gongkai.enforcement",
    "gongkai.matters",
    "gongkai.indicators",
    "gongkai.procurement",
    "gongkai.land",
    "gongkai.credit",
    "gongkai.search",
    "gongkai.reports",
    "gongkai.finance",
    "gongkai.concerns",
    "gongkai.participation",
    "gongkai.oversight",
    "gongkai.sitecheck",
    "gongkai.lottery",
    "gongkai.housing",
    "gongkai.workbench",
    "gongkai.api",
    "gongkai.demo",
]

# The county's reverse proxies (addresses or networks, comma-separated): only requests from them have
# their X-Forwarded-For / X-Forwarded-Proto believed (core/clientip.py). Empty: no proxy is trusted.
TRUSTED_PROXIES = env_list("GONGKAI_TRUSTED_PROXIES", "")
for _proxy in TRUSTED_PROXIES:
    try:
        ipaddress.ip_network(_proxy, strict=False)
    except ValueError:
        raise ImproperlyConfigured(
            f"GONGKAI_TRUSTED_PROXIES: {_proxy!r} is not an IP address or network"
        ) from None

MIDDLEWARE = [
    "gongkai.core.clientip.ProxyMiddleware",
    "gongkai.core.middleware.FrontCacheStampMiddleware",  # outside the page cache: stamps stored pages too
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.middleware.http.ConditionalGetMiddleware",  # ETag and 304 on public pages
    "gongkai.core.pagecache.PageCacheMiddleware",  # anonymous public pages, before any session or query
    "gongkai.core.replica.ReplicaMiddleware",  # their reads from a caught-up replica, when there is one
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "gongkai.core.middleware.StaffSessionMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "gongkai.urls"
WSGI_APPLICATION = "gongkai.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "gongkai.portal.context.site",
                "gongkai.workbench.context.staff",
            ],
        },
    }
]

REPLICA_ALIAS = "replica"


def databases(url: str, replica_url: str = "", *, data_dir: Path, testing: bool = False) -> dict[str, dict]:
    """Return DATABASES: PostgreSQL at URL (else SQLite in DATA_DIR) and, when REPLICA_URL is given, a
    streaming replica under REPLICA_ALIAS that anonymous public reads may use (core/replica.py, decision
    0038). In the tests the replica is a mirror of the default database, so they see the same rows."""
    if url:
        default = dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True)
    else:
        default = {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(data_dir / "gongkai.sqlite3"),
            "OPTIONS": {
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
            },
        }
    found = {"default": default}
    if replica_url:
        replica = dj_database_url.parse(replica_url, conn_max_age=60, conn_health_checks=True)
        if not ("postgresql" in default["ENGINE"] and "postgresql" in replica["ENGINE"]):
            raise ImproperlyConfigured(
                "GONGKAI_REPLICA_DATABASE_URL: a PostgreSQL streaming replica of GONGKAI_DATABASE_URL's "
                "PostgreSQL database is needed (see docs/operator-guide.md, Production)"
            )
        # A replica that went away must cost a request seconds, not the system's TCP timeout.
        replica.setdefault("OPTIONS", {}).setdefault("connect_timeout", 2)
        if testing:
            replica["TEST"] = {"MIRROR": "default"}
        found[REPLICA_ALIAS] = replica
    return found


DATABASE_URL = os.environ.get("GONGKAI_DATABASE_URL", "")
REPLICA_DATABASE_URL = os.environ.get("GONGKAI_REPLICA_DATABASE_URL", "")
DATABASES = databases(DATABASE_URL, REPLICA_DATABASE_URL, data_dir=DATA_DIR, testing=TESTING)
# Writes, staff, the worker and commands use the default database; only anonymous public reads the replica.
DATABASE_ROUTERS = ["gongkai.core.replica.ReplicaRouter"] if REPLICA_DATABASE_URL else []
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "core.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "workbench:login"
LOGIN_REDIRECT_URL = "workbench:dashboard"

# Staff sessions end after this many idle seconds (sliding: every request renews them).
SESSION_COOKIE_AGE = int(os.environ.get("GONGKAI_SESSION_IDLE_SECONDS", "1800"))
SESSION_SAVE_EVERY_REQUEST = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = env_bool("GONGKAI_SECURE_COOKIES", default=not (DEBUG or DEMO or TESTING))
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE

# Roles that must use TOTP two-factor sign-in (comma-separated).
TWO_FACTOR_ROLES = env_list("GONGKAI_2FA_ROLES", "admin,office")
OTP_TOTP_ISSUER = os.environ.get("GONGKAI_OTP_ISSUER", "Gongkai")
# The admin site never shows a staff member's TOTP secret or its QR code (a stolen admin session must
# not clone anyone's second factor); django-otp's views for them then refuse, never fail.
OTP_ADMIN_HIDE_SENSITIVE_DATA = True

# django-axes: lock an address, and a username from any address, after repeated failures.
AXES_FAILURE_LIMIT = int(os.environ.get("GONGKAI_LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = float(os.environ.get("GONGKAI_LOGIN_COOLOFF_HOURS", "0.5"))
# A username is locked out from the address that failed with it, not everywhere: five failures under
# any names from one address (or from the proxy's, were it not resolved) lock no one else out.
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_CLIENT_IP_CALLABLE = "gongkai.core.clientip.client_ip"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "gongkai.workbench.views.locked_out"
AXES_VERBOSE = False

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文")]
TIME_ZONE = os.environ.get(
    "GONGKAI_TIME_ZONE", "Asia/Shanghai"
)  # the county's clock: pages, deadlines, tasks
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
MEDIA_ROOT = DATA_DIR / "media"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = DEBUG or TESTING
WHITENOISE_MAX_AGE = 3600

# One installation may serve several counties (decision 0037): each site runs its own processes with
# its own database, data directory and keys; what sites share (one Redis) is kept apart by the site key.
SITE_KEY = os.environ.get("GONGKAI_SITE_KEY", "gongkai")
if not re.fullmatch(r"[a-z0-9][a-z0-9-]{0,39}", SITE_KEY):
    raise ImproperlyConfigured("GONGKAI_SITE_KEY: use 1-40 lower-case letters, digits or '-'")

# Page cache (issue #24, decision 0030): anonymous public pages are kept at most this many seconds
# (0: off; off in the tests unless a test turns it on), invalidated at once by any public change.
PAGE_CACHE_SECONDS = env_int("GONGKAI_PAGE_CACHE_SECONDS", 0 if TESTING else 600)
PAGE_CACHE_ENTRIES = env_int("GONGKAI_PAGE_CACHE_ENTRIES", 1000, minimum=1)  # per process, without Redis

REDIS_URL = os.environ.get("GONGKAI_REDIS_URL", "")
if REDIS_URL:
    _redis = {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
    CACHES = {
        "default": {**_redis, "KEY_PREFIX": SITE_KEY},
        "pages": {**_redis, "KEY_PREFIX": f"{SITE_KEY}:pages"},
        "shared": {**_redis, "KEY_PREFIX": f"{SITE_KEY}:shared"},
    }
else:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        # Each process keeps its own pages; the generation that makes them current is shared by all
        # processes on the machine (app server workers and the task worker) through a file.
        "pages": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "pages",
            "OPTIONS": {"MAX_ENTRIES": PAGE_CACHE_ENTRIES},
        },
        "shared": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(DATA_DIR / "cache"),
        },
    }

if REDIS_URL:
    HUEY = {
        "huey_class": "huey.RedisHuey",
        "name": SITE_KEY,  # each site's queue apart in a shared Redis
        "url": REDIS_URL,
        "immediate": TESTING,
        "utc": False,
    }
else:
    HUEY = {
        "huey_class": "huey.SqliteHuey",
        "name": "gongkai",
        "filename": str(DATA_DIR / "tasks.sqlite3"),
        "immediate": TESTING,
        "utc": False,  # periodic tasks keep the county's clock (TIME_ZONE, which Django sets as the process's)
    }
if env_bool("GONGKAI_EPHEMERAL_KEYS"):  # a command that stores nothing (`gongkai help`): no queue file either
    HUEY = {"huey_class": "huey.MemoryHuey", "name": "gongkai", "immediate": True}

CSRF_FAILURE_VIEW = "gongkai.portal.errors.csrf_failure"

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "style-src": ["'self'"],
        "script-src": ["'self'"],
        "frame-ancestors": ["'self'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"  # no page of ours is framed, not even by ourselves
# HTTPS (issue #23 item 10): in production, behind the configured TLS proxy (which says https through
# X-Forwarded-Proto, core/clientip.py), http is redirected to https and HSTS sent for a year; the
# operator may turn either off. Without a trusted proxy the redirect stays off by default (the app
# could not tell https from http, and would loop), and `check --deploy` warns of it (W008).
# Off in debug, demo and tests (http://127.0.0.1:8000).
_PRODUCTION = not (DEBUG or DEMO or TESTING)
SECURE_SSL_REDIRECT = env_bool("GONGKAI_SSL_REDIRECT", default=_PRODUCTION and bool(TRUSTED_PROXIES))
SECURE_HSTS_SECONDS = env_int("GONGKAI_HSTS_SECONDS", 31536000 if _PRODUCTION else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("GONGKAI_HSTS_SUBDOMAINS", default=False)
# Monitoring asks the app server itself over http (no proxy, no X-Forwarded-Proto): never redirected.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"stderr": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["stderr"], "level": os.environ.get("GONGKAI_LOG_LEVEL", "INFO")},
    "loggers": {
        "axes": {"level": "WARNING"},
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
        "httpx": {"level": "WARNING"},
    },
}

# Catalog: attachment size limit and the 索引号 scheme ({prefix}, {year}, {serial}).
ATTACHMENT_MAX_MB = int(os.environ.get("GONGKAI_ATTACHMENT_MAX_MB", "50"))
INDEX_NUMBER_FORMAT = os.environ.get("GONGKAI_INDEX_FORMAT", "{prefix}/{year}-{serial:05d}")
# Bulk import from the staff desk (工作台 › 批量导入): the largest file accepted, in MB (a zip of fiscal
# tables may expand to five times this).
IMPORT_MAX_MB = env_int("GONGKAI_IMPORT_MAX_MB", 20, minimum=1)
# Rows per committed transaction of a bulk import: SQLite's one write lock is free between batches, and a
# rerun after a crash resumes after the last whole batch (decision 0032).
IMPORT_BATCH_ROWS = env_int("GONGKAI_IMPORT_BATCH_ROWS", 200, minimum=1)
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
# Attachment text is extracted in a child process under these limits (core/extract.py).
EXTRACT_MEMORY_MB = env_int("GONGKAI_EXTRACT_MEMORY_MB", 768, minimum=128)
EXTRACT_CPU_SECONDS = env_int("GONGKAI_EXTRACT_CPU_SECONDS", 20, minimum=1)
EXTRACT_TIMEOUT_SECONDS = env_int("GONGKAI_EXTRACT_TIMEOUT_SECONDS", 30, minimum=1)
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
# The most characters the personal-data guard scans while a request waits (about 0.1 s): a longer
# document body or scan request is refused, naming the field; a longer attachment text is scanned by
# the task queue, and its document cannot be approved or published until that scan is in.
PRIVACY_SCAN_MAX_CHARS = env_int("GONGKAI_PRIVACY_SCAN_MAX_CHARS", 200_000, minimum=1_000)

# Applications: whether a fee notice pauses the reply clock (LAW.md §3, unverified: default paused),
# and the working days an applicant is given to supplement an unclear application.
FEE_PAUSES_CLOCK = env_bool("GONGKAI_FEE_PAUSES_CLOCK", default=True)
SUPPLEMENT_DAYS = int(os.environ.get("GONGKAI_SUPPLEMENT_DAYS", "15"))

# Mail (reminders to handlers). Without GONGKAI_SMTP_HOST mail is written to the log.
EMAIL_HOST = os.environ.get("GONGKAI_SMTP_HOST", "")
EMAIL_PORT = int(os.environ.get("GONGKAI_SMTP_PORT", "465"))
EMAIL_HOST_USER = os.environ.get("GONGKAI_SMTP_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("GONGKAI_SMTP_PASSWORD", "")
EMAIL_USE_SSL = EMAIL_PORT == 465
EMAIL_BACKEND = (
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend"
)
DEFAULT_FROM_EMAIL = os.environ.get("GONGKAI_MAIL_FROM", "gongkai@localhost")

# Site identity shown in every page's header and footer until an admin edits the site profile.
SITE_NAME_DEFAULT = _("县人民政府")

# 双公示 (LAW.md §2, marked [P]: the periods follow the rule in force, so they are settings).
# Natural persons' names on public pages: "mask" (张*三), "full", or "hide" ("自然人").
PERSON_NAME_DISPLAY = os.environ.get("GONGKAI_PERSON_NAME_DISPLAY", "mask")
# Penalty display period by severity, "severity=min-max" in months from the decision date: the record
# is shown for max months; 信用修复 (early removal) is possible once min months have passed.
PENALTY_DISPLAY_MONTHS = os.environ.get(
    "GONGKAI_PENALTY_DISPLAY_MONTHS", "minor=0-3,general=3-12,serious=12-36"
)
PUBLISH_MINOR_PENALTIES = env_bool("GONGKAI_PUBLISH_MINOR_PENALTIES", default=False)

# Search: "embedded" (tantivy index under the data dir, default) or "postgres" (full text in the
# database, for PostgreSQL-only deployments with several app servers).
SEARCH_BACKEND = os.environ.get("GONGKAI_SEARCH_BACKEND", "embedded")
SEARCH_INDEX_DIR = Path(os.environ.get("GONGKAI_SEARCH_INDEX_DIR", str(DATA_DIR / "search-index")))
# Shards of the embedded index, searched in parallel; each scores with its own statistics, so alike
# items in different shards do not tie (decision 0013). One was as fast at 1,000,000 items.
SEARCH_SHARDS = env_int("GONGKAI_SEARCH_SHARDS", 1, minimum=1)

# 部门预算/决算 are published within this many days of their approval (《预算法》第十四条: 二十日内) [U].
FINANCE_BUDGET_DAYS = env_int("GONGKAI_FINANCE_BUDGET_DAYS", 20, minimum=1)
FINANCE_FINAL_DAYS = env_int("GONGKAI_FINANCE_FINAL_DAYS", 20, minimum=1)
# Procurement in OCDS: every ocid starts with the county's prefix, registered with the Open Contracting
# Partnership (the placeholder is for development and the demo; `check --deploy` warns of it).
GONGKAI_OCDS_PREFIX = os.environ.get("GONGKAI_OCDS_PREFIX", "ocds-xxxxxx")

# Website census (sitecheck, LAW.md §6). Deduction points are unverified [U]: "indicator=points/cap",
# e.g. "broken_link=1/10,search=5/5" overrides the defaults in sitecheck/indicators.py.
SITECHECK_POINTS = os.environ.get("GONGKAI_SITECHECK_POINTS", "")
SITECHECK_BUDGET = env_int("GONGKAI_SITECHECK_BUDGET", 300, minimum=10)  # requests per host and run
SITECHECK_DELAY_MS = env_int("GONGKAI_SITECHECK_DELAY_MS", 500)  # between two requests to one host
SITECHECK_CONCURRENCY = env_int("GONGKAI_SITECHECK_CONCURRENCY", 2, minimum=1)  # requests to one host at once
SITECHECK_MAX_PAGES = env_int("GONGKAI_SITECHECK_MAX_PAGES", 40, minimum=1)  # pages read besides the homepage
SITECHECK_MAX_EXTERNAL = env_int("GONGKAI_SITECHECK_MAX_EXTERNAL", 30)  # links off the site asked per run
# 服务不实用 (a veto) when more than this percentage of the public 办事指南 lack an element; LAW.md names
# the veto without a threshold [U] (0: any incomplete guide fails).
SITECHECK_GUIDE_VETO_PERCENT = env_int("GONGKAI_SITECHECK_GUIDE_VETO_PERCENT", 5)
SITECHECK_ALERT_DAYS = env_int("GONGKAI_SITECHECK_ALERT_DAYS", 10, minimum=1)  # warn before the 14-day veto
# The demo and the tests never send a request off the loopback address.
SITECHECK_LOOPBACK_ONLY = env_bool("GONGKAI_SITECHECK_LOOPBACK_ONLY", default=DEMO or TESTING)
# Accessibility warnings (axe-core in headless Chromium through Playwright, when both are installed).
# Off in the tests unless a test turns it on (it launches a browser).
SITECHECK_ACCESSIBILITY = env_bool("GONGKAI_SITECHECK_ACCESSIBILITY", default=not TESTING)
SITECHECK_CHROMIUM = os.environ.get("GONGKAI_SITECHECK_CHROMIUM", "/usr/bin/chromium")
SITECHECK_AXE_PAGES = env_int("GONGKAI_SITECHECK_AXE_PAGES", 5)  # pages besides the homepage
SITECHECK_AXE_IMPACTS = os.environ.get("GONGKAI_SITECHECK_AXE_IMPACTS", "serious,critical")

# Consultations (participation app, decision 0027): the default comment moderation of a new
# consultation ("pre": held until a person publishes it; "post": public at once unless personal data
# is found), the shortest period of a 重大行政决策 draft without a recorded reason (LAW.md §5), comments
# per client address an hour, and readers' reports that take a public comment back to moderation.
CONSULTATION_MODERATION = os.environ.get("GONGKAI_CONSULTATION_MODERATION", "pre")
CONSULTATION_MIN_DAYS = env_int("GONGKAI_CONSULTATION_MIN_DAYS", 30, minimum=1)
# 行政规范性文件 drafts: ≥ 7 working days (LAW.md §5, unverified [U]: configurable, this default)
CONSULTATION_NORMATIVE_MIN_WORKDAYS = env_int("GONGKAI_CONSULTATION_NORMATIVE_MIN_WORKDAYS", 7, minimum=1)
CONSULTATION_COMMENTS_PER_HOUR = env_int("GONGKAI_CONSULTATION_COMMENTS_PER_HOUR", 10, minimum=1)
CONSULTATION_REPORTS_TO_HIDE = env_int("GONGKAI_CONSULTATION_REPORTS_TO_HIDE", 3, minimum=1)
