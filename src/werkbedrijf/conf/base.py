"""Settings shared by every environment; environment files override a few of them."""

from pathlib import Path

from celery.schedules import crontab
from django.utils.translation import gettext_lazy as _

from .env import config

BASE_DIR = Path(__file__).resolve().parent.parent  # src/werkbedrijf
PROJECT_DIR = BASE_DIR.parent.parent

SECRET_KEY = config(
    "SECRET_KEY",
    "dev-only-insecure-key-change-me",
    help_text="Django's secret key. Must be a long random string in production.",
    group="Beveiliging",
)
DEBUG = config("DEBUG", False, help_text="Show debug pages. Never in production.")
ALLOWED_HOSTS = config(
    "ALLOWED_HOSTS",
    ["localhost", "127.0.0.1", "testserver"],
    help_text="Comma-separated host names the application answers to.",
)

DATABASE_URL_HELP = "Database engine: 'postgresql' (production) or 'sqlite' (embedded default)."
DB_ENGINE = config("DB_ENGINE", "sqlite", help_text=DATABASE_URL_HELP, group="Database")
DB_NAME = config(
    "DB_NAME",
    str(PROJECT_DIR / "var" / "werkbedrijf.sqlite3"),
    help_text="Database name (PostgreSQL) or file path (SQLite).",
    group="Database",
)
DB_HOST = config("DB_HOST", "127.0.0.1", help_text="PostgreSQL host.", group="Database")
DB_PORT = config("DB_PORT", 5432, help_text="PostgreSQL port.", group="Database")
DB_USER = config("DB_USER", "postgres", help_text="PostgreSQL user.", group="Database")
DB_PASSWORD = config("DB_PASSWORD", "", help_text="PostgreSQL password.", group="Database")

if DB_ENGINE == "postgresql":
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": DB_NAME,
            "HOST": DB_HOST,
            "PORT": DB_PORT,
            "USER": DB_USER,
            "PASSWORD": DB_PASSWORD,
            "ATOMIC_REQUESTS": False,
            "CONN_MAX_AGE": 60,
            # psycopg's rule for statements bound on the server: only utils.prepared's cursors
            # are (Django's bind on the client and are never prepared), and those prepare at
            # their first run. None would switch prepared statements off (a transaction pooler).
            "OPTIONS": {"prepare_threshold": 5},
        }
    }
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": DB_NAME,
            "OPTIONS": {"timeout": 20},
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

INSTALLED_APPS = [
    "werkbedrijf.admin_apps.WerkbedrijfAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "drf_spectacular",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "django_htmx",
    "werkbedrijf.organisations",
    "werkbedrijf.accounts",
    "werkbedrijf.processing_log",
    "werkbedrijf.access",
    "werkbedrijf.agreements",
    "werkbedrijf.employers",
    "werkbedrijf.candidates",
    "werkbedrijf.reporting",
    "werkbedrijf.matching",
    "werkbedrijf.retention",
    "werkbedrijf.privacy",
    "werkbedrijf.api",
    "werkbedrijf.ui",
    "werkbedrijf.start",
    "werkbedrijf.jobs",
    "werkbedrijf.costs",
    "werkbedrijf.satisfaction",
    "werkbedrijf.reference_data",
    "werkbedrijf.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "werkbedrijf.accounts.middleware.VerifiedDeviceMiddleware",
    "werkbedrijf.accounts.middleware.RequireTwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "werkbedrijf.ui.csp.SettingsPolicyCSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "werkbedrijf.api.middleware.ApiVersionMiddleware",
    "axes.middleware.AxesMiddleware",
    # DEBUG only (development): our 404 page instead of Django's technical one. Last, so every
    # other middleware still handles the page it answers.
    "werkbedrijf.ui.error_pages.NotFoundPageMiddleware",
]

ROOT_URLCONF = "werkbedrijf.urls"
WSGI_APPLICATION = "werkbedrijf.wsgi.application"

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
                "werkbedrijf.ui.context_processors.navigation",
            ],
        },
    }
]

# Django's widget templates, with inputs, selects and text areas written in Python (the same
# markup): the screens render hundreds of widgets and options per page.
FORM_RENDERER = "werkbedrijf.ui.form_renderer.PythonWidgets"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "werkbedrijf.accounts.backends.StaffBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "start:home"
LOGOUT_REDIRECT_URL = "accounts:login"

# Two factors for every staff account. Only the dev settings may relax this, never production.
TWO_FACTOR_REQUIRED = True
OTP_TOTP_ISSUER = "WerkBedrijf DVO"
# The admin never shows a second-factor secret or its QR code (also not to administrators).
OTP_ADMIN_HIDE_SENSITIVE_DATA = True

AXES_FAILURE_LIMIT = config(
    "AXES_FAILURE_LIMIT",
    5,
    help_text="Failed logins before an account is locked.",
    group="Beveiliging",
)
AXES_COOLOFF_TIME = (
    config(
        "AXES_COOLOFF_MINUTES",
        30,
        help_text="Minutes an account stays locked.",
        group="Beveiliging",
    )
    / 60
)
# Lock the account, not the address: municipal staff share a few NAT addresses, so locking by IP
# would lock out a whole town hall after one person's typos.
AXES_LOCKOUT_PARAMETERS = ["username"]
SILENCED_SYSTEM_CHECKS = ["axes.W006"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_VERBOSE = False

SESSION_COOKIE_AGE = config(
    "SESSION_AGE_SECONDS",
    8 * 3600,
    help_text="Maximum session length in seconds.",
    group="Beveiliging",
)
SESSION_IDLE_SECONDS = config(
    "SESSION_IDLE_SECONDS",
    30 * 60,
    help_text="Idle time after which a session expires.",
    group="Beveiliging",
)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
CSRF_FAILURE_VIEW = "werkbedrijf.ui.error_pages.csrf_failure"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

# Read here so every variable is registered in one place; only production applies it.
PRODUCTION_SSL_REDIRECT = config(
    "SECURE_SSL_REDIRECT",
    True,
    help_text="Production only: redirect HTTP to HTTPS (switch off only behind a TLS proxy).",
    group="Beveiliging",
)

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

OIDC_ENABLED = config(
    "OIDC_ENABLED",
    False,
    help_text="Enable single sign-on by OpenID Connect. Which organisation uses which provider "
    "is configured per organisation in the admin.",
    group="Single sign-on",
)
OIDC_RP_CLIENT_SECRET = config(
    "OIDC_RP_CLIENT_SECRET",
    "",
    help_text="Client secret at the identity provider, for every organisation whose client id "
    "has no entry in OIDC_RP_CLIENT_SECRETS.",
    group="Single sign-on",
)
OIDC_RP_CLIENT_SECRETS = config(
    "OIDC_RP_CLIENT_SECRETS",
    [],
    help_text="Client secrets per provider, comma-separated as client_id=secret (the client id "
    "as entered at the organisation in the admin).",
    group="Single sign-on",
)
OIDC_RP_SIGN_ALGO = config(
    "OIDC_RP_SIGN_ALGO",
    "RS256",
    help_text="Algorithm the providers sign ID tokens with (keys from their JWKS endpoint).",
    group="Single sign-on",
)
OIDC_MFA_AMR_VALUES = config(
    "OIDC_MFA_AMR_VALUES",
    ["mfa"],
    help_text="Comma-separated 'amr' values (RFC 8176) that prove the provider checked more than "
    "one factor; only then the code step of this application is skipped.",
    group="Single sign-on",
)
OIDC_MFA_ACR_VALUES = config(
    "OIDC_MFA_ACR_VALUES",
    ["http://schemas.openid.net/pape/policies/2007/06/multi-factor"],
    help_text="Comma-separated 'acr' values that prove multi-factor authentication at the "
    "provider.",
    group="Single sign-on",
)
# The provider is chosen per organisation (accounts/oidc.py); these configure the code flow.
OIDC_RP_SCOPES = "openid email profile"
OIDC_USE_PKCE = True
OIDC_CREATE_USER = False
OIDC_TIMEOUT = 10
OIDC_AUTHENTICATION_CALLBACK_URL = "accounts:oidc_callback"
# Inert unless OIDC_ENABLED: it only answers the provider's callback.
AUTHENTICATION_BACKENDS.append("werkbedrijf.accounts.oidc.OrganisationOIDCBackend")

# Always Dutch, whatever the browser's Accept-Language says: no LocaleMiddleware. The English
# message ids stay, so a deliberate language choice can be added later as a form that sets it.
LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Dutch")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True
FORMAT_MODULE_PATH = ["werkbedrijf.formats"]

STATIC_URL = "/static/"
STATIC_ROOT = config(
    "STATIC_ROOT", str(PROJECT_DIR / "var" / "static"), help_text="Where collectstatic writes."
)
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = config(
    "MEDIA_ROOT",
    str(PROJECT_DIR / "var" / "media"),
    help_text="Where uploaded documents (consents, opinions) are stored; never served directly.",
)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DOCUMENT_MAX_BYTES = 20 * 1024 * 1024

# --- the task queue (Celery with Redis) -----------------------------------------------------------
CELERY_BROKER_URL = config(
    "CELERY_BROKER_URL",
    "redis://127.0.0.1:6379/0",
    help_text="Broker of the task queue (Redis). Workers on other machines use the same URL.",
    group="Taakwachtrij",
)
CELERY_TASK_DEFAULT_QUEUE = config(
    "CELERY_QUEUE",
    "werkbedrijf",
    help_text="Queue the application's jobs go to and its workers take them from; installations "
    "that share one Redis each need their own.",
    group="Taakwachtrij",
)
CELERY_TASK_ALWAYS_EAGER = config(
    "CELERY_TASK_ALWAYS_EAGER",
    False,
    help_text="Run background jobs inside the request instead of in a worker (tests only).",
    group="Taakwachtrij",
)
CELERY_TASK_ACKS_LATE = True  # a job whose worker dies is handed to another worker
CELERY_WORKER_PREFETCH_MULTIPLIER = 1  # long jobs: one at a time per worker process
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = "Europe/Amsterdam"
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# Periodic work (celery beat): each app adds its own entries here.
CELERY_BEAT_SCHEDULE: dict = {
    "jobs-remove-old-results": {"task": "jobs.remove_old_results", "schedule": 6 * 3600},
}
SITE_URL = config(
    "SITE_URL",
    "http://127.0.0.1:8000",
    help_text="The address of this installation, for links in e-mails (questionnaires).",
)
CELERY_BEAT_SCHEDULE["satisfaction-invite-due"] = {
    "task": "satisfaction.invite_due",
    "schedule": 24 * 3600,
}
# How long a finished job's result file is kept before the cleanup removes it.
JOB_RESULT_DAYS = config(
    "JOB_RESULT_DAYS", 7, help_text="Days a finished job's file is kept.", group="Taakwachtrij"
)

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "werkbedrijf.api.authentication.TwoFactorSessionAuthentication",
        "werkbedrijf.api.authentication.HashedTokenAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["werkbedrijf.api.permissions.IsStaffMember"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "werkbedrijf.api.problems.exception_handler",
    "DEFAULT_PAGINATION_CLASS": None,
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
    "COERCE_DECIMAL_TO_STRING": True,
}
API_VERSION = "1.0.0"
SPECTACULAR_SETTINGS = {
    "TITLE": "WerkBedrijf DVO API",
    "DESCRIPTION": "API voor dienstverleningsovereenkomsten, keuzekaarten, budgetten en lokale keuzes "
    "van de gemeenten in Rijk van Nijmegen en WerkBedrijf. Volgt de NL GOV API Design Rules.",
    "VERSION": API_VERSION,
    # NL GOV API Design Rules /core/doc-openapi-contact: who answers questions about this API.
    "CONTACT": {
        "name": "Functioneel beheer DVO-API, WerkBedrijf Rijk van Nijmegen",
        "url": "https://werkbedrijf.example/api",
        "email": "dvo-api@werkbedrijf.example",
    },
    # The paths carry the major version (/api/v1/...), so the server is the host that serves the
    # document; a relative URL, because every environment has its own host (ALLOWED_HOSTS).
    "SERVERS": [
        {"url": "/", "description": "De omgeving die dit document serveert; paden met /api/v1."}
    ],
    # Every tag an operation uses, declared with what it groups (Spectral: operation-tag-defined).
    # The DVO operations take the first path segment as tag, the candidate operations name theirs.
    "TAGS": [
        {"name": "organisations", "description": "De regio, WerkBedrijf, de MGR en de gemeenten."},
        {"name": "agreements", "description": "DVO-versies en hun cyclus."},
        {"name": "catalogues", "description": "Keuzekaarten: de diensten met prijzen per jaar."},
        {
            "name": "municipal-agreements",
            "description": "De DVO van één gemeente: budgetten, lokale keuzes, de budgetcheck, "
            "geaccepteerde afwijkingen, zienswijzen en tussentijdse wijzigingen.",
        },
        {"name": "choices", "description": "Eén lokale keuze van een gemeente."},
        {
            "name": "opinions",
            "description": "Eén zienswijze, wens van de raad of advies van de cliëntenraad.",
        },
        {
            "name": "cycle-steps",
            "description": "De stappen van de DVO-cyclus met termijnen en wie aan zet is.",
        },
        {"name": "verwijzingen", "description": "Kandidaten verwijzen, één voor één of in bulk."},
        {"name": "kandidaten", "description": "Kandidaten zoeken en inzien, contactpersoon."},
        {"name": "trajecten", "description": "Het traject van een kandidaat en wat erin gebeurt."},
        {
            "name": "inkomen",
            "description": "Voor Inkomen: terugmeldingen, sanctiesignalen en driegesprekken.",
        },
        {"name": "realisatie", "description": "De realisatie van de lokale keuzes."},
        {"name": "werkgevers", "description": "Werkgevers en hun contactpersonen."},
        {
            "name": "werkgeversdienstverlening",
            "description": "Locaties, contactmomenten, events en wensen voor werkbaar werk van "
            "werkgevers, en het werkgeversbereik.",
        },
        {
            "name": "vacatures en matching",
            "description": "Vacatures, de competentiecatalogus, werkprofielen, matchlijsten "
            "met onderbouwing en de voorstellen waarover een consulent beslist.",
        },
        {"name": "privacy", "description": "Inzageverzoeken van betrokkenen (AVG art. 15)."},
        {
            "name": "indicatoren",
            "description": "De indicatoren van het Informatieprotocol met hun waarden en normen "
            "(art. 13); alleen totalen, kleine groepen als '< 5'.",
        },
        {"name": "taken", "description": "Achtergrondtaken: status, voortgang en resultaat."},
        {"name": "kosten", "description": "Kosten per taak en per gemeente; uren schrijven."},
        {"name": "tevredenheid", "description": "Klanttevredenheid: papieren vragenlijsten."},
        {
            "name": "ketenpartners",
            "description": "Voor Buurtteam, Zorg en Leerrecht: is een inwoner in dienst bij "
            "WerkBedrijf, in welke fase, en wie is het aanspreekpunt.",
        },
    ],
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {
        # The DVO API (werkbedrijf.agreements.api) uses these choice sets under several field names.
        "AgreementStatusEnum": "werkbedrijf.agreements.models.AgreementStatus",
        "EffectiveStatusEnum": "werkbedrijf.agreements.api.serializers.agreements.EFFECTIVE_STATUSES",
        "OrganisationKindEnum": "werkbedrijf.organisations.models.OrganisationKind",
        "OpinionKindEnum": "werkbedrijf.agreements.models.OpinionKind",
        "StepKindEnum": "werkbedrijf.agreements.models.StepKind",
        "UnitKindEnum": "werkbedrijf.agreements.models.UnitKind",
        "PriceUnitEnum": "werkbedrijf.agreements.models.PriceUnit",
        "FindingKindEnum": "werkbedrijf.agreements.api.serializers.check.FINDING_KINDS",
        "FindingSeverityEnum": "werkbedrijf.agreements.api.serializers.check.FINDING_SEVERITIES",
        # The candidate API uses these choice sets under several field names ("kind", "phase").
        "PhaseEnum": "werkbedrijf.candidates.models.Phase",
        "SectorGroupEnum": "werkbedrijf.employers.models.SectorGroup",
        "ActivityKindEnum": "werkbedrijf.candidates.models.ActivityKind",
        "ActivityStatusEnum": "werkbedrijf.candidates.models.ActivityStatus",
        "InstrumentKindEnum": "werkbedrijf.candidates.models.InstrumentKind",
        "DiagnosisKindEnum": "werkbedrijf.candidates.models.DiagnosisKind",
        "EmploymentFormEnum": "werkbedrijf.candidates.models.EmploymentForm",
        "IntakeThemeEnum": "werkbedrijf.candidates.models.IntakeTheme",
        "IndicatorUnitEnum": "werkbedrijf.reporting.policies.Unit",
        "BreakdownEnum": "werkbedrijf.reporting.policies.Breakdown",
        # By code only, as the API's focus-group fields list them.
        "FocusGroupEnum": "werkbedrijf.candidates.models.FocusGroup.values",
        # Employer services ("kind" and "status" of contacts, events and wishes).
        "ContactKindEnum": "werkbedrijf.employers.models.ContactKind",
        "EventKindEnum": "werkbedrijf.employers.models.EventKind",
        "EventStatusEnum": "werkbedrijf.employers.models.EventStatus",
        "WishKindEnum": "werkbedrijf.employers.models.WishKind",
        "WishStatusEnum": "werkbedrijf.employers.models.WishStatus",
        "SizeClassEnum": "werkbedrijf.employers.models.SizeClass",
        "ReportKindEnum": "werkbedrijf.reporting.policies.ReportKind",
        "ReportStatusEnum": "werkbedrijf.reporting.models.ReportStatus",
        # The matching API (werkbedrijf.matching.api) uses these under several field names.
        "DrivingLicenceEnum": "werkbedrijf.matching.models.DrivingLicence",
        "PhysicalDemandEnum": "werkbedrijf.matching.models.PhysicalDemand",
        "VacancyStatusEnum": "werkbedrijf.matching.models.VacancyStatus",
    },
    "POSTPROCESSING_HOOKS": ["drf_spectacular.hooks.postprocess_schema_enums"],
}

RETENTION_CANDIDATE_FILE_YEARS = config(
    "RETENTION_CANDIDATE_FILE_YEARS",
    7,
    help_text="Years a candidate's file is kept after its last trajectory closed (docs/retention.md).",
    group="Bewaartermijnen",
)
RETENTION_PROCESSING_LOG_YEARS = config(
    "RETENTION_PROCESSING_LOG_YEARS",
    7,
    help_text="Years a processing-log entry is kept.",
    group="Bewaartermijnen",
)
RETENTION_INACTIVE_STAFF_YEARS = config(
    "RETENTION_INACTIVE_STAFF_YEARS",
    2,
    help_text="Years after the last login before a deactivated staff account is anonymised.",
    group="Bewaartermijnen",
)

# No BSN in a log line or an error report (werkbedrijf.utils.logging): every log record is masked
# when it is made, and Django's error reports hide BSN parameters and mask what is left.
LOGGING_CONFIG = "werkbedrijf.utils.logging.configure_logging"
DEFAULT_EXCEPTION_REPORTER = "werkbedrijf.utils.logging.BsnRedactingExceptionReporter"
DEFAULT_EXCEPTION_REPORTER_FILTER = "werkbedrijf.utils.logging.BsnSafeExceptionReporterFilter"
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"redact_bsn": {"()": "werkbedrijf.utils.logging.RedactBsnFilter"}},
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "plain",
            "filters": ["redact_bsn"],
        }
    },
    "root": {
        "handlers": ["console"],
        "level": config("LOG_LEVEL", "INFO", help_text="Log level of the application log."),
    },
}

SMALL_COUNT_THRESHOLD = config(
    "SMALL_COUNT_THRESHOLD",
    5,
    help_text="A figure about fewer people than this (but at least one) is shown as '< N' to roles "
    "that may not see the persons behind it: start pages, dashboards, reports, exports and "
    "satisfaction figures (docs/reporting.md).",
    group="Privacy",
)
# The DVO cycle's reminders (issue 12): how many days before a deadline whoever must act gets an
# e-mail, once per step; the sender of those e-mails.
DVO_REMINDER_DAYS = config(
    "DVO_REMINDER_DAYS",
    14,
    help_text="Days before a deadline of the DVO cycle that a reminder is e-mailed (a step may "
    "set its own).",
    group="E-mail",
)
DEFAULT_FROM_EMAIL = config(
    "DEFAULT_FROM_EMAIL",
    "werkbedrijf@localhost",
    help_text="Sender address of the e-mails the application sends (reminders of deadlines).",
    group="E-mail",
)
EMAIL_BACKEND = config(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend",
    help_text="Django e-mail backend; development uses the console backend.",
    group="E-mail",
)
EMAIL_HOST = config("EMAIL_HOST", "localhost", help_text="SMTP server.", group="E-mail")
EMAIL_PORT = config("EMAIL_PORT", 25, help_text="SMTP port.", group="E-mail")

# Periodic work of the task queue (celery beat). The agreements' reminders run every morning.
CELERY_BEAT_SCHEDULE["dvo-deadline-reminders"] = {
    "task": "agreements.send_due_reminders",
    "schedule": crontab(hour=7, minute=0),
}
