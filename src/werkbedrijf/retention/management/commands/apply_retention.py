from django.core.management.base import BaseCommand

from werkbedrijf.retention.services import run_retention


class Command(BaseCommand):
    help = (
        "Destroy or anonymise records past their retention term (Archiefwet). "
        "Run daily from cron or a systemd timer; --dry-run only lists what would go."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true")

    def handle(self, *args, **options):
        report = run_retention(dry_run=options["dry_run"], run_by="apply_retention")
        mode = "Proefrun" if report.dry_run else "Vernietiging"
        self.stdout.write(f"{mode} {report.reference_date:%d-%m-%Y}, rapport {report.uuid}")
        for kind, count in report.counts.items():
            self.stdout.write(f"  {kind}: {count}")
