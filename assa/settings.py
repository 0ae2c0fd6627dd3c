"""Settings for the ASSA site.

Everything that differs between a laptop and production comes from environment
variables (see README.md, "Configuration"). With nothing set, this is a
development site on SQLite under ``var/``. With ``DEBUG`` off it refuses to start
without a real ``SECRET_KEY`` and ``ALLOWED_HOSTS``.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
import dj_email_url
from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    value = value.strip().lower()
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}.")


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    try:
        return int(value)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}.") from exc


DEBUG = env_bool("DEBUG", True)

# The key used on development sites only. Production refuses to start with it.
DEVELOPMENT_SECRET_KEY = "django-insecure-development-only-never-use-in-production"
SECRET_KEY = os.environ.get("SECRET_KEY", "").strip()
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")

if DEBUG:
    SECRET_KEY = SECRET_KEY or DEVELOPMENT_SECRET_KEY
    ALLOWED_HOSTS = ALLOWED_HOSTS or ["localhost", "127.0.0.1", "[::1]", "testserver"]
else:
    if (
        not SECRET_KEY
        or SECRET_KEY == DEVELOPMENT_SECRET_KEY
        or SECRET_KEY.startswith("django-insecure")
        or len(SECRET_KEY) < 50
        or len(set(SECRET_KEY)) < 5
    ):
        raise ImproperlyConfigured(
            "DEBUG is off, so SECRET_KEY must be set to a long random value "
            "(at least 50 characters), for example the output of: "
            "python -c 'import secrets; print(secrets.token_urlsafe(64))'"
        )
    if not ALLOWED_HOSTS:
        raise ImproperlyConfigured(
            "DEBUG is off, so ALLOWED_HOSTS must list the site's host names, "
            "separated by commas (e.g. ALLOWED_HOSTS=assa.example.org)."
        )

CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

# The site's address as readers reach it (scheme and host, no trailing slash), for links
# made without a request: emails, the calendar feed. Required in production.
SITE_URL = os.environ.get("SITE_URL", "").strip().rstrip("/")
if not SITE_URL:
    if not DEBUG:
        raise ImproperlyConfigured(
            "DEBUG is off, so SITE_URL must be set to the site's address, "
            "e.g. SITE_URL=https://assa.example.org (used in emails and feeds)."
        )
    SITE_URL = "http://127.0.0.1:8000"
if not SITE_URL.startswith(("http://", "https://")):
    raise ImproperlyConfigured(f"SITE_URL must start with http:// or https://, not {SITE_URL!r}.")

INSTALLED_APPS = [
    # modeltranslation must come before the admin to patch it.
    "modeltranslation",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    "django_filters",
    "django_prose_editor",
    "axes",
    "core",
    "csp",
    "assa",
    "members",
    "events",
    "documents",
    "news",
    "pages",
    "search",
    "legacy",
    # Backups (django-dbbackup) and the file checks, above every content app.
    "dbbackup",
    "backups",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "core.middleware.PermissionsPolicyMiddleware",
    # Before the session is loaded: a cached page costs no session and no SQL.
    "core.middleware.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    # Before the CSRF check, which is the first to read a POST body.
    "core.middleware.RequestBodyLimitMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes asks: turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "assa.urls"

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
                "django.template.context_processors.i18n",
                "assa.context_processors.site",
                "pages.context_processors.site_pages",
            ],
        },
    },
]

WSGI_APPLICATION = "assa.wsgi.application"

# Database: SQLite under var/ unless DATABASE_URL says otherwise.
# Connections persist (a new PostgreSQL connection per request costs a lot).
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{VAR_DIR / 'assa.sqlite3'}",
        conn_max_age=env_int("CONN_MAX_AGE", 600),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # SQLite keeps one file; persistent connections add nothing but locks.
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"transaction_mode": "IMMEDIATE", "init_command": "PRAGMA journal_mode=WAL;"}
    )

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache: Redis when REDIS_URL is set, else memory of this process.
REDIS_URL = os.environ.get("REDIS_URL", "").strip()
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "assa",
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Sessions: in the database, read through the shared cache when there is one (Redis), so
# a login made on one app server is valid on all of them.
if REDIS_URL:
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

# ---- The worker (issue 17): Celery, Redis as broker ----------------------------------
# Emails (with retries) and the text of PDFs for search run in `celery -A assa worker`
# when CELERY_BROKER_URL is set; without it (development, tests) they run at once, in
# the process that asked for them.
CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", "").strip()
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
# A failing job never fails the request that queued it, even when it runs at once.
CELERY_TASK_EAGER_PROPAGATES = False
CELERY_TASK_IGNORE_RESULT = True
# A job is taken off the queue once done, not when started: a killed worker loses none.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# Queuing a job waits at most this long for the broker; after that the job is logged as
# lost rather than slowing the request (see assa.celery.enqueue_on_commit).
CELERY_TASK_PUBLISH_RETRY_POLICY = {
    "max_retries": 2,
    "interval_start": 0,
    "interval_step": 0.2,
    "interval_max": 0.5,
}
CELERY_BROKER_TRANSPORT_OPTIONS = {"socket_connect_timeout": 2, "socket_timeout": 5}
CELERY_TIMEZONE = os.environ.get("TIME_ZONE", "Asia/Phnom_Penh")
# How many times the worker tries an email again (pauses growing from 30 s to an hour).
MAIL_RETRIES = env_int("MAIL_RETRIES", 8)
# The text of new PDFs is read by the worker after the save (a big PDF takes seconds),
# rather than inside the save's transaction. Off when jobs run at once.
SEARCH_FILE_TEXT_IN_WORKER = env_bool("SEARCH_FILE_TEXT_IN_WORKER", bool(CELERY_BROKER_URL))

# ---- Text recognition (OCR) of scanned documents (issue 20): Tesseract --------------
# The pages of a PDF that have no text of their own, and images sent as documents, are
# read by Tesseract in the worker (documents.ocr). Without Tesseract documents are stored
# as before and the admin says OCR is unavailable.
OCR_TESSERACT_CMD = os.environ.get("OCR_TESSERACT_CMD", "").strip() or "tesseract"
# Tesseract's language models, joined by "+" (Debian: tesseract-ocr-khm, tesseract-ocr-eng).
OCR_LANGUAGES = os.environ.get("OCR_LANGUAGES", "").strip() or "khm+eng"
# Pages are drawn at this resolution for reading: 300 dpi keeps Khmer subscripts apart.
OCR_DPI = env_int("OCR_DPI", 300)
# Tesseract's page segmentation mode: 4, a single column of text of varying sizes (papers,
# letters, minutes), read the generated Khmer pages with a fifth of the errors of 3, the
# automatic layout (which finds columns, and splits Khmer's tall lines); see README.
OCR_PAGE_SEGMENTATION = env_int("OCR_PAGE_SEGMENTATION", 4)
# The most pages of one document read; the rest are left unread, and the admin says so.
OCR_MAX_PAGES = env_int("OCR_MAX_PAGES", 100)
# The most pixels of one page as drawn for reading; a larger page is drawn smaller.
OCR_MAX_PIXELS = env_int("OCR_MAX_PIXELS", 25_000_000)
# The most seconds spent reading one document; pages left when it runs out stay unread.
OCR_MAX_SECONDS = env_int("OCR_MAX_SECONDS", 600)

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Internationalisation: English and Khmer, both prefixed in URLs.
LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("km", "ខ្មែរ")]
# The project's catalogue first, then Django's own strings translated by the project
# (locale/django/, refreshed with `make django-messages`), read before Django's km catalogue.
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "locale" / "django"]
FORMAT_MODULE_PATH = ["assa.formats"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = os.environ.get("TIME_ZONE", "Asia/Phnom_Penh")
LANGUAGE_COOKIE_NAME = "django_language"
LANGUAGE_COOKIE_AGE = 365 * 24 * 60 * 60
LANGUAGE_COOKIE_SAMESITE = "Lax"

# django-modeltranslation: Khmer falls back to English.
MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
MODELTRANSLATION_LANGUAGES = tuple(code for code, _name in LANGUAGES)
MODELTRANSLATION_FALLBACK_LANGUAGES = {"default": ("en",), "en": ("km",)}

# Static files: hashed and compressed by whitenoise in production.
STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", VAR_DIR / "static"))
STATICFILES_DIRS = [
    BASE_DIR / "static",
]
if DEBUG:
    # whitenoise serves from the finders in development; keep it from warning about this folder.
    STATIC_ROOT.mkdir(parents=True, exist_ok=True)
# whitenoise does not know fonts by itself.
WHITENOISE_MIMETYPES = {".ttf": "font/ttf", ".woff2": "font/woff2"}
# Public media: logos, news images, previews of published documents (see core/storage.py).
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
# Private files: documents, earlier versions, previews of unpublished documents. Outside
# MEDIA_ROOT, reached by no URL: only the download views send them, after their checks.
PRIVATE_MEDIA_ROOT = Path(os.environ.get("PRIVATE_MEDIA_ROOT", VAR_DIR / "private"))
# Behind nginx: the prefix of its `internal` location for PRIVATE_MEDIA_ROOT (e.g.
# "/_private/"); downloads then answer with X-Accel-Redirect instead of streaming.
PRIVATE_FILES_ACCEL_REDIRECT = os.environ.get("PRIVATE_FILES_ACCEL_REDIRECT", "").strip()

# Backups of the database and of both storages (manage.py backup_site; see README, "Backups").
BACKUP_DIR = Path(os.environ.get("BACKUP_DIR", VAR_DIR / "backups"))

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "private": {
        "BACKEND": "core.storage.PrivateFileSystemStorage",
        # Its location is PRIVATE_MEDIA_ROOT; it has no URL (base_url None).
        "OPTIONS": {"base_url": None},
    },
    # Where backups go (django-dbbackup's alias): BACKUP_DIR on local disk by default; any
    # Django storage (an S3 bucket of its own, say) by changing this entry.
    "dbbackup": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(BACKUP_DIR), "base_url": None},
    },
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# ---- Object storage (issue 17): media in S3-compatible buckets when S3_BUCKET is set ----
# Public media (the "default" storage) in S3_BUCKET, readable by anyone at its URL; private
# files (the "private" storage) in S3_PRIVATE_BUCKET, or in the same bucket under
# S3_PRIVATE_LOCATION, never public. Unset: the local folders above (development).
S3_BUCKET = os.environ.get("S3_BUCKET", "").strip()
S3_PRIVATE_BUCKET = os.environ.get("S3_PRIVATE_BUCKET", "").strip() or S3_BUCKET
_same_bucket = S3_PRIVATE_BUCKET == S3_BUCKET
# Folders (key prefixes) inside the buckets; one bucket for both needs two different ones.
S3_PUBLIC_LOCATION = os.environ.get("S3_PUBLIC_LOCATION", "public" if _same_bucket else "")
S3_PRIVATE_LOCATION = os.environ.get("S3_PRIVATE_LOCATION", "private" if _same_bucket else "")
S3_ENDPOINT_URL = os.environ.get("S3_ENDPOINT_URL", "").strip() or None
S3_REGION = os.environ.get("S3_REGION", "").strip() or None
# Where browsers fetch public media (a CDN or the bucket's own host), e.g.
# https://media.example.org; by default the bucket's address at S3_ENDPOINT_URL.
S3_PUBLIC_BASE_URL = os.environ.get("S3_PUBLIC_BASE_URL", "").strip().rstrip("/")
# How long a signed link to a private file stays valid, in seconds.
S3_SIGNED_URL_SECONDS = env_int("S3_SIGNED_URL_SECONDS", 300)
# Private files in a bucket: "signed-url" answers an authorised download with a redirect
# to a short-lived signed link; "stream" sends the file through the app.
PRIVATE_FILES_DELIVERY = os.environ.get("PRIVATE_FILES_DELIVERY", "signed-url").strip()
if PRIVATE_FILES_DELIVERY not in {"signed-url", "stream"}:
    raise ImproperlyConfigured("PRIVATE_FILES_DELIVERY must be signed-url or stream.")
if S3_BUCKET and _same_bucket and S3_PUBLIC_LOCATION.strip("/") == S3_PRIVATE_LOCATION.strip("/"):
    raise ImproperlyConfigured(
        "Public and private media share the bucket S3_BUCKET: give them different folders "
        "(S3_PUBLIC_LOCATION, S3_PRIVATE_LOCATION), or the private files a bucket of their "
        "own (S3_PRIVATE_BUCKET)."
    )
if S3_BUCKET:
    _s3_options = {
        "endpoint_url": S3_ENDPOINT_URL,
        "region_name": S3_REGION,
        "access_key": os.environ.get("S3_ACCESS_KEY_ID", "").strip() or None,
        "secret_key": os.environ.get("S3_SECRET_ACCESS_KEY", "").strip() or None,
        "signature_version": "s3v4",
        # MinIO and most other S3 servers want bucket names in the path, not the host.
        "addressing_style": os.environ.get(
            "S3_ADDRESSING_STYLE", "path" if S3_ENDPOINT_URL else "auto"
        ),
        # Like the local folders: a new file never replaces another of the same name.
        "file_overwrite": False,
    }
    _public_options = {
        **_s3_options,
        "bucket_name": S3_BUCKET,
        "location": S3_PUBLIC_LOCATION,
        "querystring_auth": False,
        # Buckets that still use ACLs (not AWS's default) may want "public-read" here.
        "default_acl": os.environ.get("S3_PUBLIC_ACL", "").strip() or None,
    }
    if S3_PUBLIC_BASE_URL:
        _scheme, _slashes, _host = S3_PUBLIC_BASE_URL.partition("//")
        _public_options |= {"custom_domain": _host, "url_protocol": _scheme or "https:"}
    STORAGES["default"] = {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": _public_options}
    STORAGES["private"] = {
        "BACKEND": "core.storage.PrivateS3Storage",
        "OPTIONS": {
            **_s3_options,
            "bucket_name": S3_PRIVATE_BUCKET,
            "location": S3_PRIVATE_LOCATION,
            "querystring_auth": True,
            "querystring_expire": S3_SIGNED_URL_SECONDS,
        },
    }

# Uploads stream to temporary files on disk past this size, never whole in memory.
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
FILE_UPLOAD_TEMP_DIR = os.environ.get("FILE_UPLOAD_TEMP_DIR") or None
FILE_UPLOAD_PERMISSIONS = 0o644
# A form's fields other than files (Django's default): the long bilingual texts of the admin.
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_NUMBER_FIELDS = 1000
# A news gallery may take a few photos at once; nothing needs a hundred.
DATA_UPLOAD_MAX_NUMBER_FILES = 30
# The largest document a member or the secretariat may upload, in megabytes. Upload forms
# of logged-in people accept this plus DATA_UPLOAD_MAX_MEMORY_SIZE (core.middleware).
DOCUMENT_MAX_UPLOAD_MB = env_int("DOCUMENT_MAX_UPLOAD_MB", 50)
# The largest request body anywhere else, and for anyone not logged in, in kilobytes.
REQUEST_MAX_BODY_KB = env_int("REQUEST_MAX_BODY_KB", 512)
# Resumable uploads (the tus protocol, documents.tus): the browser sends a document in
# pieces of this many megabytes (one PATCH each; the largest a logged-in member or staff
# may send at /uploads/, and nginx's client_max_body_size there), and a file sent in part
# is kept this many hours after its last piece arrived, for the sender to resume it.
UPLOAD_CHUNK_MB = env_int("UPLOAD_CHUNK_MB", 2)
UPLOAD_EXPIRY_HOURS = env_int("UPLOAD_EXPIRY_HOURS", 24)
if UPLOAD_CHUNK_MB < 1 or UPLOAD_EXPIRY_HOURS < 1:
    raise ImproperlyConfigured("UPLOAD_CHUNK_MB and UPLOAD_EXPIRY_HOURS must be 1 or more.")
# The largest logo or news image, in megabytes.
IMAGE_MAX_UPLOAD_MB = env_int("IMAGE_MAX_UPLOAD_MB", 5)
# The most pixels (width × height) of an image anyone uploads, checked before it is decoded.
IMAGE_MAX_PIXELS = env_int("IMAGE_MAX_PIXELS", 40_000_000)
# Office files (zips): the most their parts may unpack to, in megabytes.
OFFICE_MAX_UNPACKED_MB = env_int("OFFICE_MAX_UNPACKED_MB", 200)

# Email: EMAIL_URL (e.g. smtp://user:password@host:587?tls=True), else EMAIL_* variables,
# else the console in development.
EMAIL_URL = os.environ.get("EMAIL_URL", "").strip()
if EMAIL_URL:
    _email = dj_email_url.parse(EMAIL_URL)
    EMAIL_BACKEND = _email["EMAIL_BACKEND"]
    EMAIL_HOST = _email["EMAIL_HOST"]
    EMAIL_PORT = _email["EMAIL_PORT"]
    EMAIL_HOST_USER = _email["EMAIL_HOST_USER"]
    EMAIL_HOST_PASSWORD = _email["EMAIL_HOST_PASSWORD"]
    EMAIL_USE_TLS = _email["EMAIL_USE_TLS"]
    EMAIL_USE_SSL = _email["EMAIL_USE_SSL"]
    EMAIL_FILE_PATH = _email.get("EMAIL_FILE_PATH")
elif os.environ.get("EMAIL_HOST"):
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = os.environ["EMAIL_HOST"]
    EMAIL_PORT = env_int("EMAIL_PORT", 587)
    EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
    EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "ASSA Secretariat <noreply@localhost>")
SERVER_EMAIL = os.environ.get("SERVER_EMAIL", DEFAULT_FROM_EMAIL)
# Who hears of each new submission from a member institution.
SECRETARIAT_EMAILS = env_list("SECRETARIAT_EMAILS")

# ---- Login throttling (django-axes) and password-reset limits --------------------------
# Failed logins on the portal and the admin are counted per user name from one address
# (LOGIN_FAILURE_LIMIT) and per address whatever the name (LOGIN_FAILURE_LIMIT_PER_IP,
# higher: one office behind one address has many people). Past either, that client is
# refused, even with the right password, for LOGIN_COOLOFF_MINUTES after its last failure.
# Counting by user name alone is left out on purpose: anyone could then lock anyone out.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5)
LOGIN_FAILURE_LIMIT_PER_IP = env_int("LOGIN_FAILURE_LIMIT_PER_IP", 30)
AXES_FAILURE_LIMIT = LOGIN_FAILURE_LIMIT
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "ip_address"]
AXES_COOLOFF_TIME = timedelta(minutes=env_int("LOGIN_COOLOFF_MINUTES", 15))
AXES_RESET_ON_SUCCESS = True
# A refused attempt during a lockout does not push its end further: the page's time stays true.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
# Counters in the database, so the admin can list and delete them. (The cache handler,
# axes.handlers.cache.AxesCacheHandler, keeps them in Redis but the admin cannot see them.)
AXES_HANDLER = "core.throttling.LoginThrottleHandler"
AXES_LOCKOUT_CALLABLE = "assa.views.login_locked_out"
AXES_CLIENT_IP_CALLABLE = "core.throttling.client_ip"
# The number of proxies (nginx, a load balancer) in front of the site that append the
# client's address to X-Forwarded-For. 0: the header is ignored (anyone can forge it).
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)
# Password-reset emails: at most this many per address and per client address an hour.
PASSWORD_RESET_LIMIT_PER_EMAIL = env_int("PASSWORD_RESET_LIMIT_PER_EMAIL", 3)
PASSWORD_RESET_LIMIT_PER_IP = env_int("PASSWORD_RESET_LIMIT_PER_IP", 10)

LOGIN_URL = "documents:portal_login"
LOGIN_REDIRECT_URL = "documents:portal_dashboard"
LOGOUT_REDIRECT_URL = "documents:portal_login"

# Security. Production (DEBUG off) gets every protection `check --deploy` asks for.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# A translated page of the site, not Django's plain English one.
CSRF_FAILURE_VIEW = "assa.views.csrf_failure"
SESSION_COOKIE_HTTPONLY = True
if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    LANGUAGE_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
    # The preload directive only allows a manual submission to the browsers' list; it submits nothing.
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
    # Behind a reverse proxy that terminates TLS, it tells us the scheme in this header.
    _proxy_header = os.environ.get("SECURE_PROXY_SSL_HEADER", "X-Forwarded-Proto").strip()
    if _proxy_header:
        SECURE_PROXY_SSL_HEADER = (
            "HTTP_" + _proxy_header.upper().replace("-", "_"),
            "https",
        )
    # /healthz is asked over plain HTTP by load balancers and container health checks.
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]

# Content-Security-Policy (django-csp) on every page: scripts, styles, fonts and images
# from our own origin only; no inline scripts, styles or handlers; no plugins; no framing.
# A view that sends files sets its own, stricter policy (sandbox), which this one leaves alone.
# NONCE: the prose editor's import map is an inline <script type="importmap">; the admin's
# change forms that show the editor give it the request's nonce, and allow Tiptap's inline
# stylesheet by its hash (core.admin.ProseEditorAdminMixin). A page that does not ask for a
# nonce gets none in its header.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        # Public media is served from this origin too; add its host here if it moves to a CDN.
        "img-src": [SELF],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
# Public media in a bucket: pictures come from its host (a CDN, or the S3 endpoint).
if S3_BUCKET:
    _media_origin = S3_PUBLIC_BASE_URL or S3_ENDPOINT_URL or "https://*.amazonaws.com"
    _scheme, _slashes, _rest = _media_origin.partition("//")
    CONTENT_SECURITY_POLICY["DIRECTIVES"]["img-src"].append(
        f"{_scheme}//{_rest.split('/')[0]}" if _rest else _media_origin
    )
# Permissions-Policy (core.middleware): the site uses none of these browser features.
PERMISSIONS_POLICY = {
    feature: []
    for feature in [
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "encrypted-media",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "picture-in-picture",
        "publickey-credentials-get",
        "screen-wake-lock",
        "serial",
        "usb",
        "xr-spatial-tracking",
    ]
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "INFO"},
    },
}

SITE_NAME = _("ASEAN Social Security Association")

# ---- Speed (issue 18): the page cache and what it keeps --------------------------------
# Whole public pages for anonymous visitors (core.middleware.PageCacheMiddleware), the
# filters' choices and the home page's data (core.caching), all made stale at once when
# content changes. Without REDIS_URL each process keeps its own copy: a change shows at
# once in the process that made it, in the others within PAGE_CACHE_SECONDS.
PAGE_CACHE = env_bool("PAGE_CACHE", True)
# The longest a stored page or list of choices lives, changes or not.
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 300)
# How long browsers and proxies may reuse an anonymous public page without asking.
PAGE_CACHE_MAX_AGE = env_int("PAGE_CACHE_MAX_AGE", 0)
# Saving or deleting any model of these apps makes the cached pages stale.
PAGE_CACHE_APPS = frozenset({"members", "events", "documents", "news", "pages"})
# Django reads a form's drop-down (ModelChoiceField) through QuerySet.iterator(), which
# on PostgreSQL opens a server-side cursor: DECLARE, FETCH, CLOSE, three round trips for
# a few dozen small rows. Nothing here streams a large table with iterator(), so plain
# cursors are cheaper (and work behind PgBouncer's transaction pooling).
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"]["DISABLE_SERVER_SIDE_CURSORS"] = True

# ---- Backups (issue 21): django-dbbackup, plus one archive of both storages (backups) ----
# How many backups of each kind (database, files) are kept; older ones are deleted.
BACKUP_KEEP = env_int("BACKUP_KEEP", 14)
DBBACKUP_CLEANUP_KEEP = BACKUP_KEEP
DBBACKUP_CLEANUP_KEEP_MEDIA = BACKUP_KEEP
# The name in the backups' file names: fixed, not the container's changing host name.
DBBACKUP_HOSTNAME = os.environ.get("BACKUP_NAME", "").strip() or "assa"
# SQLite restored into the open connection (see backups.connectors), not over its file.
DBBACKUP_CONNECTOR_MAPPING = {"django.db.backends.sqlite3": "backups.connectors.SqliteConnector"}
# A GPG key id or e-mail: when set, every backup is encrypted to that public key (its
# private key, kept away from the server, is needed to restore).
BACKUP_GPG_RECIPIENT = os.environ.get("BACKUP_GPG_RECIPIENT", "").strip()
DBBACKUP_GPG_RECIPIENT = BACKUP_GPG_RECIPIENT or None
DBBACKUP_GPG_ALWAYS_TRUST = env_bool("BACKUP_GPG_ALWAYS_TRUST", False)
# The admin's panel warns when the last good backup is older than this.
BACKUP_MAX_AGE_HOURS = env_int("BACKUP_MAX_AGE_HOURS", 26)
