"""One call for the screens: a municipality's copy of the DVO as PDF or DOCX."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from ..models import AgreementStatus, MunicipalAgreement
from . import content, pdf, word

FORMATS = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


def agreement_document(
    user, ma: MunicipalAgreement, fmt: str, *, signed: bool = False
) -> tuple[bytes, str, str]:
    """(content, content type, file name). The caller obtained ``ma`` through a scoped selector,
    so the document holds only municipal agreements the user may see. A signed copy exists only
    of an adopted agreement the municipality signed."""
    if fmt not in FORMATS:
        raise ValidationError(_("Unknown document format."), code="unknown_format")
    if signed and ma.agreement.status != AgreementStatus.ADOPTED:
        raise ValidationError(
            _(
                "%(agreement)s is not adopted: a signature can only be on an adopted agreement, "
                "so there is no signed copy."
            )
            % {"agreement": ma.agreement.title},
            code="not_adopted",
        )
    if signed and ma.signed_on is None:
        raise ValidationError(
            _("%(municipality)s has not signed %(agreement)s yet.")
            % {"municipality": ma.municipality.name, "agreement": ma.agreement.title},
            code="not_signed",
        )
    document = content.build(user, ma, signed=signed)
    rendered = pdf.render(document) if fmt == "pdf" else word.render(document)
    return rendered, FORMATS[fmt], f"{document.filename}.{fmt}"
