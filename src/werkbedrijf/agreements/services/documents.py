"""The DVO administrator's template of the general articles, per DVO version."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from werkbedrijf.access import policy
from werkbedrijf.access.policy import AccessDenied
from werkbedrijf.utils.exceptions import ConflictError

from ..models import AgreementStatus, AgreementVersion, DocumentTemplate
from ..policies import documents as rules
from .common import invalid


def _named(names) -> str:
    return ", ".join("{{ " + name + " }}" for name in names)


@transaction.atomic
def save_document_template(
    *, actor, agreement: AgreementVersion, text: str, expected_version: int | None = None
) -> DocumentTemplate:
    """Save the general articles with their placeholders. A placeholder the generator does not
    know is refused, naming it and the ones that exist; so is a change of an adopted agreement's
    text (that is a change of the whole agreement, art. 16.2). ``expected_version``: the
    template's lock_version as the form was loaded; changed since: ConflictError."""
    if not policy.can_edit_document_template(actor):
        raise AccessDenied
    agreement = AgreementVersion.objects.select_for_update().get(pk=agreement.pk)
    template = DocumentTemplate.objects.select_for_update().filter(agreement=agreement).first()
    current = template.lock_version if template else 0
    if expected_version is not None and expected_version != current:
        raise ConflictError
    errors = []
    if agreement.status == AgreementStatus.ADOPTED:
        errors.append(
            invalid(
                _(
                    "%(agreement)s is adopted: its text changes only by a change of the whole "
                    "agreement with the consent of all parties (art. 16.2)."
                )
                % {"agreement": agreement.title},
                "adopted",
            )
        )
    if not (text or "").strip():
        errors.append(invalid(_("Enter the text of the general articles."), "required"))
    unknown = rules.unknown_placeholders(text)
    if unknown:
        errors.append(
            invalid(
                _(
                    "The template uses a placeholder that does not exist: %(unknown)s. "
                    "Known placeholders: %(known)s."
                )
                % {
                    "unknown": _named(unknown),
                    "known": _named(rules.PLACEHOLDERS),
                },
                "unknown_placeholder",
            )
        )
    misplaced = rules.misplaced_blocks(text)
    if misplaced:
        errors.append(
            invalid(
                _("Put %(names)s on a line of its own.") % {"names": _named(misplaced)},
                "block_not_alone",
            )
        )
    if errors:
        raise ValidationError({"text": errors}, code="invalid_template")
    if template is None:
        template = DocumentTemplate(agreement=agreement)
    else:
        template.lock_version += 1
    template.text = text.strip() + "\n"
    template.updated_by = actor
    template.save()
    return template
