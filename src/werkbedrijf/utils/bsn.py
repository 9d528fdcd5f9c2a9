"""The Dutch citizen service number (BSN) and its 11-proef."""

from collections.abc import Iterator


def bsn_digits(value: str | None) -> str:
    """A BSN as typed, with its spaces, dots and other separators dropped."""
    return "".join(c for c in (value or "") if c.isdigit())


def is_valid_bsn(value: str) -> bool:
    if not isinstance(value, str) or len(value) != 9 or not value.isdigit():
        return False
    digits = [int(c) for c in value]
    total = sum(d * w for d, w in zip(digits[:8], range(9, 1, -1), strict=True)) - digits[8]
    return total % 11 == 0 and value != "000000000"


def valid_bsns(start: int, count: int) -> Iterator[str]:
    """The first ``count`` numbers from ``start`` upwards that pass the 11-proef, in order.

    Of every 8-digit prefix at most one check digit passes (the weighted sum modulo 11; none when
    that is 10), so the numbers are found by prefix rather than by trying all ten endings."""
    prefix, produced = start // 10, 0
    weights = range(9, 1, -1)
    while produced < count:
        digits = str(prefix).zfill(8)
        check = sum(int(d) * w for d, w in zip(digits, weights, strict=True)) % 11
        if check < 10:
            number = digits + str(check)
            if int(number) >= start and is_valid_bsn(number):
                produced += 1
                yield number
        prefix += 1


TEST_RANGE_START = 999990000  # 9999 9xxxx: numbers used in tests only


def nth_test_bsn(n: int) -> str:
    """The n-th (from 0) valid BSN of the test range."""
    *_, last = valid_bsns(TEST_RANGE_START, n + 1)
    return last
