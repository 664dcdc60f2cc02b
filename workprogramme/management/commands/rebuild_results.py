"""Rebuild the results read model (the table of GET /api/v1/observations/) from the validated submissions."""

import time

from django.core.management.base import BaseCommand

from workprogramme.services.results import results_rebuild, results_tidy


class Command(BaseCommand):
    help = "Rebuild the results read model from every validated submission, in one transaction."

    def handle(self, *args, **options):
        started = time.perf_counter()
        rows = results_rebuild()
        results_tidy()
        seconds = time.perf_counter() - started
        self.stdout.write(f"Results read model rebuilt: {rows} validated observations in {seconds:.1f} s.")
