"""The development server as bin/start runs it: Django's runserver without its English start
banner, with one Dutch line that gives the address once the server listens. Request logs, warnings
and errors still show (on stderr)."""

import logging
import os

from django.contrib.staticfiles.management.commands.runserver import Command as RunserverCommand
from django.core.management.base import OutputWrapper


class Command(RunserverCommand):
    help = (
        "runserver for the demo (bin/start): the same options, a Dutch start line instead of "
        "Django's English banner."
    )

    def handle(self, *args, **options):
        self.shown = self.stdout
        # Django writes its banner (checks, version, address, how to quit, the production warning)
        # to stdout; findings of the checks and errors go to stderr and stay visible.
        self.stdout = OutputWrapper(open(os.devnull, "w"))  # noqa: SIM115 (lives as long as the server)
        logging.getLogger("django.utils.autoreload").setLevel(logging.WARNING)
        super().handle(*args, **options)

    def on_bind(self, server_port):
        self.shown.write(
            f"De server draait: {self.protocol}://{self.addr}:{server_port}/  (stoppen: Ctrl+C)"
        )
