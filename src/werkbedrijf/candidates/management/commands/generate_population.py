"""Generate the clearly labelled synthetic population: demo, region or national size. It reports
in Dutch with Dutch number formats, like everything a user of the demo reads."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from werkbedrijf.candidates import synthetic
from werkbedrijf.utils.numbers import quantity


class Command(BaseCommand):
    help = (
        "Generate synthetic candidates with their journeys, contact persons and activities "
        "(synthetic=True, BSNs from 900000000 upwards). demo: 300, region: 60,000, national: "
        "1,000,000 candidates. Does nothing when a synthetic population exists, unless --replace."
    )

    def add_arguments(self, parser):
        parser.add_argument("--size", choices=sorted(synthetic.SIZES), default="demo")
        parser.add_argument("--seed", type=int, default=2026)
        parser.add_argument("--batch", type=int, default=5000, help="Candidates per transaction.")
        parser.add_argument(
            "--replace", action="store_true", help="Delete the synthetic population first."
        )
        parser.add_argument(
            "--count", type=int, default=None, help="Override the number of candidates."
        )
        parser.add_argument(
            "--include-existing-consultants",
            action="store_true",
            help="Also make this database's own WerkBedrijf consultants contact persons.",
        )
        parser.add_argument(
            "--allow-production",
            action="store_true",
            help="Needed to run with the production settings.",
        )

    def handle(self, *args, size, seed, batch, replace, count, **options):
        if settings.SETTINGS_MODULE.endswith(".production") and not options["allow_production"]:
            raise CommandError("Refusing to generate synthetic people in production settings.")
        if batch < 1 or (count is not None and count < 0):
            raise CommandError("--batch must be positive and --count not negative.")
        result = synthetic.generate_population(
            size,
            seed=seed,
            batch=batch,
            replace=replace,
            count=count,
            include_existing_consultants=options["include_existing_consultants"],
            progress=lambda message: (
                self.stdout.write(message) if options["verbosity"] > 1 else None
            ),
        )
        if result.skipped:
            self.stdout.write(
                "Er bestaat al een synthetische populatie; niets aangemaakt (opnieuw: --replace)."
            )
            return
        n = quantity
        self.stdout.write(
            self.style.SUCCESS(
                f"Synthetische populatie '{size}' aangemaakt in {n(round(result.seconds, 1))} s: "
                f"{n(result.candidates)} kandidaten, {n(result.trajectories)} trajecten, "
                f"{n(result.steps)} stappen, {n(result.activities)} activiteiten, "
                f"{n(result.placements)} plaatsingen bij {n(result.employers)} werkgevers, "
                f"{n(result.instruments)} voorzieningen, "
                f"{n(result.contacts)} toewijzingen van contactpersonen."
            )
        )
