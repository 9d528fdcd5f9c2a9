"""Pure rules about employers: the KvK number. No database."""


def is_valid_kvk(number: str) -> bool:
    """A KvK number has eight digits (no check digit since 2016's numbering)."""
    return (
        isinstance(number, str) and len(number) == 8 and number.isdigit() and number != "00000000"
    )
