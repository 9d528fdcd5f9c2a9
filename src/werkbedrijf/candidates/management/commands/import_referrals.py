"""Refer the residents in a CSV or XLSX file from the command line: the upload screen's import."""

from contextlib import suppress
from pathlib import Path
from uuid import UUID

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db.models import Q
from django.utils import translation
from django.utils.translation import gettext as _

from werkbedrijf.access.policy import AccessDenied
from werkbedrijf.candidates import imports
from werkbedrijf.organisations.models import Organisation, OrganisationKind


class Command(BaseCommand):
    help = (
        "Refer every valid row of a CSV or XLSX file to WerkBedrijf, as the upload screen does, "
        "and print a report per row. The rows are stored in chunks of up to 2,000, each "
        "chunk one transaction: an interrupted import leaves whole referrals only, and running "
        "it again with the same file stores the rest and nothing twice."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="The CSV or XLSX file, with the column names on row 1.")
        parser.add_argument(
            "--municipality",
            required=True,
            help="The municipality of residence: its name, CBS code (GM0268) or uuid.",
        )
        parser.add_argument(
            "--user",
            required=True,
            help="The staff account that refers (it needs the right to refer for the "
            "municipality; the processing log names it).",
        )

    def handle(self, *args, file, municipality, user, **options):
        translation.activate("nl")
        actor = _user(user)
        place = _municipality(municipality)
        path = Path(file)
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise CommandError(_("The file %(file)s cannot be read.") % {"file": file}) from exc
        try:
            report = imports.import_referrals(
                actor=actor, municipality=place, uploaded_file_bytes=data, filename=path.name
            )
        except AccessDenied as exc:
            raise CommandError(
                _("%(user)s may not refer residents of %(municipality)s.")
                % {"user": actor.username, "municipality": place.name}
            ) from exc
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        self.stdout.write(_report(report, place))


def _user(username: str):
    found = get_user_model().objects.filter(username=username, is_active=True).first()
    if found is None:
        raise CommandError(_("There is no active staff account %(user)s.") % {"user": username})
    return found


def _municipality(value: str) -> Organisation:
    municipalities = Organisation.objects.filter(kind=OrganisationKind.MUNICIPALITY)
    match = Q(name__iexact=value) | Q(cbs_code__iexact=value)
    with suppress(ValueError):  # not a uuid: then a name or a CBS code
        match |= Q(uuid=UUID(value))
    found = list(municipalities.filter(match)[:2])
    if len(found) != 1:
        raise CommandError(
            _("There is no municipality %(municipality)s.") % {"municipality": value}
        )
    return found[0]


def _report(report: imports.ImportReport, municipality) -> str:
    labels = dict(imports.RowStatus.choices)
    lines = [
        _("Referrals from %(file)s for %(municipality)s:")
        % {"file": report.filename, "municipality": municipality.name}
    ]
    for row in report.rows:
        line = _("Row %(row)s: %(status)s") % {
            "row": row.number,
            "status": labels.get(row.status, row.status),
        }
        lines.append(f"{line} – {row.name}" if row.name else line)
        for column, messages in sorted(row.errors.items()):
            label = _("whole row") if column == imports.ROW else column
            lines.extend(f"    {label}: {message}" for message in messages)
    lines.append(
        _(
            "%(created)s referred, %(already)s already referred, %(errors)s not stored, "
            "%(empty)s empty rows skipped."
        )
        % {
            "created": report.created,
            "already": report.already_referred,
            "errors": report.errors,
            "empty": report.empty,
        }
    )
    return "\n".join(lines)
