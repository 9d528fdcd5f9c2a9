"""The Dutch citizen service number (BSN) and its 11-proef."""


def is_valid_bsn(value: str) -> bool:
    if not isinstance(value, str) or len(value) != 9 or not value.isdigit():
        return False
    digits = [int(c) for c in value]
    total = sum(d * w for d, w in zip(digits[:8], range(9, 1, -1), strict=True)) - digits[8]
    return total % 11 == 0 and value != "000000000"
