"""Keep BSNs out of log lines: any nine-digit number that passes the 11-proef is masked."""

import logging
import re

from werkbedrijf.utils.bsn import is_valid_bsn

_NINE_DIGITS = re.compile(r"(?<!\d)(\d{9})(?!\d)")


def redact_bsn(text: str) -> str:
    return _NINE_DIGITS.sub(lambda m: "*********" if is_valid_bsn(m.group(1)) else m.group(1), text)


class RedactBsnFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        redacted = redact_bsn(message)
        if redacted != message:
            record.msg, record.args = redacted, None
        return True
