from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from werkbedrijf.costs.synthetic import generate_cost_data


class Command(BaseCommand):
    help = "Synthetische kostengegevens voor de demo: uurtarieven, geschreven uren, directe kosten."

    def handle(self, *args, **options):
        if settings.SETTINGS_MODULE.endswith(".production"):
            raise CommandError("Geen synthetische gegevens in productie.")
        written = generate_cost_data()
        self.stdout.write(f"{written} urenregels geschreven.")
