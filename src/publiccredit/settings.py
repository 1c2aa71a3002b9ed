"""Django settings, read from the environment (see docs/configuration.md)."""

import os
from pathlib import Path

import dj_database_url
from celery.schedules import crontab

from .config import env_bool, env_list, instance_home, persistent_secret

BASE_DIR = instance_home()
VAR_DIR = BASE_DIR / "var"
VAR_DIR.mkdir(parents=True, exist_ok=True)

SECRET_KEY = persistent_secret(VAR_DIR, "secret_key", "PUBLICCREDIT_SECRET_KEY", 32)
# Master key for citizen-ID encryption (SM4) and lookup hashing (HMAC-SM3); 32 bytes as hex.
DATA_KEY = persistent_secret(VAR_DIR, "data_key", "PUBLICCREDIT_DATA_KEY", 32)

DEBUG = env_bool("PUBLICCREDIT_DEBUG", False)
ALLOWED_HOSTS = env_list("PUBLICCREDIT_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]", "testserver"])
CSRF_TRUSTED_ORIGINS = env_list("PUBLICCREDIT_CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "publiccredit.core",
    "publiccredit.audit",
    "publiccredit.events",
    "publiccredit.workdays",
    "publiccredit.organizations",
    "publiccredit.accounts",
    "publiccredit.subjects",
    "publiccredit.catalog",
    "publiccredit.casework",
    "publiccredit.collection",
    "publiccredit.backoffice",
    "publiccredit.demo",
    "publiccredit.search",
    "publiccredit.publicity",
    "publiccredit.lists",
    "publiccredit.sanctions",
    "publiccredit.evaluation",
    "publiccredit.repair",
    "publiccredit.objections",
    "publiccredit.registrations",
    "publiccredit.inspections",
    "publiccredit.rectification",
    "publiccredit.education",
    "publiccredit.commitments",
    "publiccredit.associations",
    "publiccredit.reports",
    "publiccredit.selfservice",
    "publiccredit.notifications",
    "django_ratelimit",
    "csp",
    "publiccredit.portal",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "publiccredit.audit.middleware.AuditChannelMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "publiccredit.urls"
WSGI_APPLICATION = "publiccredit.wsgi.application"

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
                "publiccredit.portal.context_processors.site",
                "publiccredit.notifications.context_processors.unread",
            ],
        },
    },
]

_default_sqlite = f"sqlite:///{VAR_DIR / 'publiccredit.sqlite3'}"
DATABASES = {"default": dj_database_url.parse(os.environ.get("DATABASE_URL") or _default_sqlite, conn_max_age=60)}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # IMMEDIATE transactions avoid "database is locked" upgrades; WAL lets readers run beside one writer.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 30,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    # Tests use a file too: an in-memory database has table locks that never wait, unlike production's file.
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / "test-publiccredit.sqlite3")}
else:
    # No JIT: PostgreSQL compiles any query its planner costs above jit_above_cost, and for the platform's reads of a
    # few hundred thousand rows (a chunk of the evaluation's facts) the compiling took 3.4 s of a 3.2 s query
    # (docs/operations.md, "PostgreSQL settings").
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c jit=off"
    # Test databases are cloned from a template whose LC_CTYPE is C.UTF-8 (pg_trgm needs it for Chinese).
    DATABASES["default"]["TEST"] = {"TEMPLATE": os.environ.get("PUBLICCREDIT_TEST_DB_TEMPLATE", "template0")}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "publiccredit.accounts.backends.RoleModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "publiccredit.accounts.passwords.ChineseMinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "admin:login"
LOGIN_REDIRECT_URL = "backoffice:dashboard"

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文")]  # one language: the UI is Chinese whatever the browser asks for
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)
MEDIA_ROOT = VAR_DIR / "media"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = env_bool("PUBLICCREDIT_STATIC_FROM_APPS", True)

# An API batch holds up to 5,000 records of up to a few KB each.
DATA_UPLOAD_MAX_MEMORY_SIZE = 32 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 8 * 1024 * 1024
UPLOAD_MAX_BYTES = int(os.environ.get("PUBLICCREDIT_UPLOAD_MAX_MB", "512")) * 1024 * 1024
# Limits of one delivered file, stated on the upload page and in docs/collection.md: rows per file (Excel's own sheet
# holds 1,048,575 data rows), an XLSX unpacked (a small zip can inflate to gigabytes), errors listed per batch (the
# rest are counted).
# Signed checkpoints of the audit chain's head, outside the database (docs/operations.md "审计链"): in production a
# path on other storage than the database's (a write-once share), so that one intruder cannot rewrite both.
AUDIT_CHECKPOINT_FILE = os.environ.get("PUBLICCREDIT_AUDIT_CHECKPOINT_FILE") or None
# Named in list decisions as the remedies (docs/lists.md "文书"): where to ask for reconsideration and to sue.
RECONSIDERATION_BODY = os.environ.get("PUBLICCREDIT_RECONSIDERATION_BODY", "上饶市人民政府")
ADMINISTRATIVE_COURT = os.environ.get("PUBLICCREDIT_ADMINISTRATIVE_COURT", "上饶市信州区人民法院")
# Uploaded files are kept encrypted this many days after their import, then deleted (docs/collection.md).
# SM2 keys that sign credit reports (docs/reports.md): <id>.key.pem and <id>.pub.pem; the id named by
# PUBLICCREDIT_REPORT_KEY_ID (or written in "current") signs, every other one still verifies its old reports
REPORT_KEY_DIR = Path(os.environ.get("PUBLICCREDIT_REPORT_KEY_DIR") or VAR_DIR / "report-keys")
REPORT_KEY_ID = os.environ.get("PUBLICCREDIT_REPORT_KEY_ID", "")
SOURCE_RETENTION_DAYS = int(os.environ.get("PUBLICCREDIT_SOURCE_RETENTION_DAYS", "180"))
UPLOAD_MAX_ROWS = int(os.environ.get("PUBLICCREDIT_UPLOAD_MAX_ROWS", "1000000"))
XLSX_MAX_UNPACKED_BYTES = int(os.environ.get("PUBLICCREDIT_XLSX_MAX_UNPACKED_MB", "1024")) * 1024 * 1024
MAX_LISTED_ERRORS = int(os.environ.get("PUBLICCREDIT_MAX_LISTED_ERRORS", "10000"))

# Production defaults are safe (docs/configuration.md "生产部署"): cookies only over HTTPS and HSTS unless in debug;
# the plain-HTTP demo (make run) turns Secure cookies off explicitly.
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env_bool("PUBLICCREDIT_SECURE_COOKIES", not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SECURE_HSTS_SECONDS = int(os.environ.get("PUBLICCREDIT_HSTS_SECONDS", "0" if DEBUG else "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("PUBLICCREDIT_HSTS_INCLUDE_SUBDOMAINS", False)
SECURE_HSTS_PRELOAD = env_bool("PUBLICCREDIT_HSTS_PRELOAD", False)
SECURE_SSL_REDIRECT = env_bool("PUBLICCREDIT_SSL_REDIRECT", False)  # usually the TLS proxy redirects
if env_bool("PUBLICCREDIT_BEHIND_TLS_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_REFERRER_POLICY = "same-origin"
# Content-Security-Policy (django-csp): nothing runs or loads from elsewhere; no inline script anywhere (print
# buttons use static/portal/print.js). Inline styles stay allowed for the document templates WeasyPrint shares.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "worker-src": ["'self'", "blob:"],  # ReDoc's search worker
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "publiccredit.accounts.authentication.BearerTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_RENDERER_CLASSES": ["publiccredit.core.api.BeijingTimeJSONRenderer",
                                 "rest_framework.renderers.BrowsableAPIRenderer"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "publiccredit.core.api.exception_handler",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
# Rates of the public forms and look-ups ("count/unit", unit s, m, h or d), per client address (or account).
RATE_LIMITS = {
    "objection": os.environ.get("PUBLICCREDIT_RATE_OBJECTION", "20/h"),
    "repair": os.environ.get("PUBLICCREDIT_RATE_REPAIR", "20/h"),
    "progress": os.environ.get("PUBLICCREDIT_RATE_PROGRESS", "60/h"),
    "register": os.environ.get("PUBLICCREDIT_RATE_REGISTER", "10/h"),
    "login": os.environ.get("PUBLICCREDIT_RATE_LOGIN", "30/h"),
    "staff_login": os.environ.get("PUBLICCREDIT_RATE_STAFF_LOGIN", "10/h"),
    "binding_code": os.environ.get("PUBLICCREDIT_RATE_BINDING_CODE", "20/h"),
    "objection_code": os.environ.get("PUBLICCREDIT_RATE_OBJECTION_CODE", "10/h"),
    "registration": os.environ.get("PUBLICCREDIT_RATE_REGISTRATION", "20/h"),
}
RATELIMIT_IP_META_KEY = "publiccredit.core.ratelimits.client_ip"
# Reverse proxies whose X-Forwarded-For is believed (addresses or networks, comma-separated); nobody else's is.
TRUSTED_PROXIES = [entry for entry in os.environ.get("PUBLICCREDIT_TRUSTED_PROXIES", "").split(",") if entry.strip()]
SPECTACULAR_SETTINGS = {
    "TITLE": "上饶市公共信用信息平台 API",
    "DESCRIPTION": "信用信息归集、查询、共享接口。部门系统以 Bearer 令牌访问（publiccredit issue-token）。",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # every operation documents its error answers (core/schema.py); the enum hook stays as by default
    "POSTPROCESSING_HOOKS": ["drf_spectacular.hooks.postprocess_schema_enums",
                             "publiccredit.core.schema.add_error_responses"],
}

# Background work: Celery with a broker when configured, otherwise tasks run inline in the caller.
CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", "")
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULE = {
    "drain-outbox": {"task": "events.drain_outbox", "schedule": 60.0},
    "expire-list-entries": {"task": "lists.expire_entries", "schedule": 6 * 3600.0},
    "retry-failed-notifications": {"task": "notifications.retry_failed", "schedule": 600.0},
    "remind-deadlines": {"task": "notifications.remind_deadlines", "schedule": crontab(hour=8, minute=30)},
    "check-records": {"task": "collection.check_records", "schedule": crontab(hour=3, minute=15)},
    "accept-overdue-objections": {"task": "objections.accept_overdue", "schedule": 3600.0},
    "audit-checkpoint": {"task": "audit.checkpoint", "schedule": 3600.0},
    "prune-source-files": {"task": "collection.prune_sources", "schedule": crontab(hour=3, minute=45)},
    # every active model over the whole city: nightly (the quarterly grade is the run of the quarter's last day)
    "grade-city": {"task": "evaluation.grade_city", "schedule": crontab(hour=2, minute=0)},
    "sweep-rectifications": {"task": "rectification.sweep", "schedule": crontab(hour=7, minute=30)},
}

if os.environ.get("REDIS_CACHE_URL"):
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache",
                          "LOCATION": os.environ["REDIS_CACHE_URL"]}}
# django-ratelimit knows django-redis but not Django's own Redis cache, which also increments atomically (W001).
# Without REDIS_CACHE_URL the embedded default runs one process whose local-memory cache all its threads share (E003);
# several processes need the shared cache for the limits to hold.
SILENCED_SYSTEM_CHECKS = ["django_ratelimit.W001"] + ([] if os.environ.get("REDIS_CACHE_URL") else ["django_ratelimit.E003"])

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"mask_identifiers": {"()": "publiccredit.core.logging.MaskIdentifiersFilter"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler", "filters": ["mask_identifiers"]},
    },
    "root": {"handlers": ["console"], "level": os.environ.get("PUBLICCREDIT_LOG_LEVEL", "INFO")},
    # django.server (runserver's request lines) has its own handler by default: replaced so its lines are masked too.
    "loggers": {"django": {"handlers": ["console"], "level": "INFO", "propagate": False},
                "django.server": {"handlers": ["console"], "level": "INFO", "propagate": False},
                # WeasyPrint reports each rendering step at INFO ("Step 5 - Creating layout"): noise in every log
                "weasyprint.progress": {"level": "WARNING"}},
}

# Notifications. The embedded default writes SMS and e-mail to files under var/ (nothing leaves the machine);
# production sets the city's SMS gateway and SMTP server (docs/configuration.md).
SITE_URL = os.environ.get("PUBLICCREDIT_SITE_URL", "http://127.0.0.1:8000")
SMS_BACKEND = os.environ.get("PUBLICCREDIT_SMS_BACKEND", "sms.backends.filebased.SmsBackend")
SMS_FILE_PATH = str(VAR_DIR / "outbox" / "sms")
SMS_SIGNATURE = os.environ.get("PUBLICCREDIT_SMS_SIGNATURE", "上饶信用")
SMS_GATEWAY_URL = os.environ.get("PUBLICCREDIT_SMS_GATEWAY_URL", "")
SMS_GATEWAY_TOKEN = os.environ.get("PUBLICCREDIT_SMS_GATEWAY_TOKEN", "")
DEFAULT_FROM_SMS = os.environ.get("PUBLICCREDIT_SMS_SENDER", "")
EMAIL_BACKEND = os.environ.get("PUBLICCREDIT_EMAIL_BACKEND", "django.core.mail.backends.filebased.EmailBackend")
EMAIL_FILE_PATH = str(VAR_DIR / "outbox" / "mail")
EMAIL_HOST = os.environ.get("PUBLICCREDIT_EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("PUBLICCREDIT_EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("PUBLICCREDIT_EMAIL_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("PUBLICCREDIT_EMAIL_PASSWORD", "")
EMAIL_USE_TLS = env_bool("PUBLICCREDIT_EMAIL_TLS", False)
DEFAULT_FROM_EMAIL = os.environ.get("PUBLICCREDIT_EMAIL_FROM", "noreply@credit.zgsr.gov.cn")

PLATFORM_NAME = "上饶市公共信用信息平台"
PORTAL_NAME = "信用中国（江西上饶）"
CITY_REGION_CODE = "361100"
