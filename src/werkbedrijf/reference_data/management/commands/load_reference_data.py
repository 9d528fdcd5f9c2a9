from django.core.management.base import BaseCommand

from werkbedrijf.reference_data.loader import load_reference_data


class Command(BaseCommand):
    help = "Load the region, organisations and DVO reference data from the source documents."

    def handle(self, *args, **options):
        load_reference_data()
        self.stdout.write(self.style.SUCCESS("Referentiegegevens geladen."))
