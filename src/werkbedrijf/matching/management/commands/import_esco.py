"""Import an ESCO CSV export (occupations or skills, UTF-8) into the competence catalogue."""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from werkbedrijf.matching.catalogue import import_esco


class Command(BaseCommand):
    help = "Import an ESCO CSV export (occupations_nl.csv or skills_nl.csv) into the catalogue."

    def add_arguments(self, parser):
        parser.add_argument("path", help="The CSV file exported from ESCO, in UTF-8.")
        parser.add_argument(
            "--sector-group",
            default="",
            help="Sector group given to concepts new to the catalogue.",
        )

    def handle(self, *args, path, sector_group, **options):
        try:
            with open(path, "rb") as handle:
                content = handle.read()
        except OSError as exc:
            raise CommandError(_("The file cannot be read: %(path)s") % {"path": path}) from exc
        try:
            result = import_esco(content, sector_group)
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        self.stdout.write(
            self.style.SUCCESS(
                _("Imported: %(occupations)s occupations, %(competences)s competences.")
                % {"occupations": result.occupations, "competences": result.competences}
            )
        )
