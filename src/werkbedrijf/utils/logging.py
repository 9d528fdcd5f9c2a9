"""Keep BSNs out of log lines and error reports: any nine-digit number that passes the 11-proef is
masked, also when written with spaces or dots (``1234.56.782``).

Three layers, because a BSN can reach a log by several roads:

- ``configure_logging`` (settings.LOGGING_CONFIG) installs a log-record factory that masks the
  message and the traceback text of every record when it is made, so every handler sees the masked
  record: the console, the admins' mail, a test's caplog, whatever is added later;
- ``RedactBsnFilter`` masks once more at the console handler;
- ``BsnSafeExceptionReporterFilter`` and ``BsnRedactingExceptionReporter`` (the error reports that
  Django mails to ADMINS or shows with DEBUG) hide POST parameters named like ``bsn``, local
  variables named like that, and mask any BSN left in the report, such as one quoted in a
  database error ("Key (bsn)=(...) already exists").
"""

from __future__ import annotations

import logging
import logging.config
import re
import traceback

from django.views.debug import ExceptionReporter, SafeExceptionReporterFilter

from werkbedrijf.utils.bsn import is_valid_bsn

MASK = "*********"
# Nine digits, optionally grouped by single spaces or dots, not part of a longer number.
# Nine digits written together, or in the groups people write a BSN in (1234.56.789, 123 45 6789,
# 123 456 789) with one kind of separator. Not any nine digits with a space somewhere: an access
# log's "200 123456" (status and bytes) is no BSN.
_NINE_DIGITS = re.compile(
    r"(?<![\d.])(\d{9}|\d{4}([ .])\d{2}\2\d{3}|\d{3}([ .])\d{2}\3\d{4}|\d{3}([ .])\d{3}\4\d{3})"
    r"(?![\d]|\.\d)"
)
_BSN_NAME = re.compile(r"bsn", re.IGNORECASE)


def _mask(match: re.Match) -> str:
    digits = re.sub(r"\D", "", match.group(1))
    return MASK if is_valid_bsn(digits) else match.group(1)


def redact_bsn(text: str) -> str:
    return _NINE_DIGITS.sub(_mask, text)


def _redact_record(record: logging.LogRecord) -> None:
    try:
        message = record.getMessage()
    except Exception:  # noqa: BLE001 - a malformed record is logging's business, not ours
        message = str(record.msg)
    redacted = redact_bsn(message)
    if redacted != message:
        record.msg, record.args = redacted, None
    if record.exc_info and not record.exc_text:
        # Formatters use exc_text when it is set, so the traceback is formatted (masked) once here.
        record.exc_text = "".join(traceback.format_exception(*record.exc_info)).rstrip("\n")
    if record.exc_text:
        record.exc_text = redact_bsn(record.exc_text)
    if record.stack_info:
        record.stack_info = redact_bsn(record.stack_info)


class RedactBsnFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        _redact_record(record)
        return True


def _redacting_factory(original):
    def factory(*args, **kwargs):
        record = original(*args, **kwargs)
        _redact_record(record)
        return record

    factory.redacts_bsn = True
    return factory


def install_record_redaction() -> None:
    """Mask BSNs in every log record as it is made (idempotent)."""
    current = logging.getLogRecordFactory()
    if not getattr(current, "redacts_bsn", False):
        logging.setLogRecordFactory(_redacting_factory(current))


def configure_logging(logging_settings: dict) -> None:
    """settings.LOGGING_CONFIG: the standard dictConfig, after installing the record redaction."""
    install_record_redaction()
    logging.config.dictConfig(logging_settings)


class BsnSafeExceptionReporterFilter(SafeExceptionReporterFilter):
    """Django's filter for error reports, also hiding every BSN (settings
    DEFAULT_EXCEPTION_REPORTER_FILTER)."""

    def get_post_parameters(self, request):
        params = super().get_post_parameters(request)
        if not params:
            return params
        cleansed = params.copy()
        for key in cleansed:
            if _BSN_NAME.search(key):
                cleansed[key] = self.cleansed_substitute
            else:
                values = cleansed.getlist(key) if hasattr(cleansed, "getlist") else [cleansed[key]]
                redacted = [redact_bsn(v) if isinstance(v, str) else v for v in values]
                if redacted != values:
                    if hasattr(cleansed, "setlist"):
                        cleansed.setlist(key, redacted)
                    else:
                        cleansed[key] = redacted[-1]
        return cleansed

    def get_safe_request_meta(self, request):
        return {
            key: redact_bsn(value) if isinstance(value, str) else value
            for key, value in super().get_safe_request_meta(request).items()
        }

    def get_traceback_frame_variables(self, request, tb_frame):
        variables = []
        for name, value in super().get_traceback_frame_variables(request, tb_frame):
            if _BSN_NAME.search(name):
                value = self.cleansed_substitute
            else:
                try:
                    text = repr(value)
                except Exception:  # noqa: BLE001 - Django's reporter copes with broken reprs too
                    text = ""
                if redact_bsn(text) != text:
                    value = redact_bsn(text)
            variables.append((name, value))
        return variables


class BsnRedactingExceptionReporter(ExceptionReporter):
    """Django's error report (the admins' mail, the DEBUG page) with every BSN masked, including
    one quoted in the exception's own message (settings DEFAULT_EXCEPTION_REPORTER)."""

    def get_traceback_text(self):
        return redact_bsn(super().get_traceback_text())

    def get_traceback_html(self):
        return redact_bsn(super().get_traceback_html())
