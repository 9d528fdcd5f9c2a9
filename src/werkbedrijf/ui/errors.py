"""From a service's refusal to the errors of the form the user filled in: its ValidationError next
to the fields, and a stale save (someone else saved first) above the form."""

from __future__ import annotations

from collections.abc import Callable

from django.core.exceptions import ValidationError


def add_service_errors(form, exc: ValidationError) -> None:
    """Put a service's messages next to the fields they are about; the rest above the form."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


def save_form(form, save: Callable[[dict], object]) -> bool:
    """Whether the form is valid and ``save`` (the call of a service, given the cleaned data)
    accepted it. When not, the form carries the messages, the service's included. A ConflictError
    is not caught: what to say about a stale save is the caller's (see ``refuse_stale``)."""
    if not form.is_valid():
        return False
    try:
        save(form.cleaned_data)
    except ValidationError as exc:
        add_service_errors(form, exc)
        return False
    return True


def refuse_stale(form, message: str, field: str, current) -> None:
    """Someone else saved after the user opened the page, so nothing was written: say so above the
    form, keep what the user typed, and let the form carry ``current`` (the state just shown) in
    ``field``, so that saving again is a deliberate choice and not a silent overwrite."""
    form.add_error(None, message)
    form.data = form.data.copy()
    form.data[form.add_prefix(field)] = current
