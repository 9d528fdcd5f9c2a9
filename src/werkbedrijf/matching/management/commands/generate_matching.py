"""Generate synthetic vacancies and work profiles on top of the synthetic population."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from werkbedrijf.matching import synthetic


class Command(BaseCommand):
    help = (
        "Generate synthetic vacancies of the synthetic employers (demo 40, region 1,000, national "
        "50,000), a work profile for every synthetic candidate with an active trajectory, and the "
        "certificates obtained in completed certifying trainings. Run "
        "generate_population first."
    )

    def add_arguments(self, parser):
        parser.add_argument("--size", choices=sorted(synthetic.VACANCIES), default="demo")
        parser.add_argument("--seed", type=int, default=2026)
        parser.add_argument("--vacancies", type=int, default=None)
        parser.add_argument("--replace", action="store_true")
        parser.add_argument(
            "--once",
            action="store_true",
            help="Nothing when synthetic vacancies exist already (bin/start, safe to run again).",
        )

    def handle(self, *args, size, seed, vacancies, replace, **options):
        if settings.SETTINGS_MODULE.endswith(".production"):
            raise CommandError("Niet in productie.")
        from werkbedrijf.matching.models import Vacancy

        if options["once"] and not replace and Vacancy.objects.filter(synthetic=True).exists():
            # Certificates came later than the vacancies: an existing demo gets them too.
            certificates = synthetic.generate_certificates(seed)
            self.stdout.write(
                f"Synthetische vacatures bestaan al; {certificates} behaalde certificaten gemaakt."
            )
            return
        if replace:
            synthetic.delete_synthetic_matching()
        try:
            made = synthetic.generate_vacancies(vacancies or synthetic.VACANCIES[size], seed)
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        profiles = synthetic.generate_work_profiles(seed)
        proposals = synthetic.generate_proposals(seed=seed)
        certificates = synthetic.generate_certificates(seed)
        self.stdout.write(
            f"{made} vacatures, {profiles} werkprofielen, {proposals} voorstellen en "
            f"{certificates} behaalde certificaten gemaakt."
        )
