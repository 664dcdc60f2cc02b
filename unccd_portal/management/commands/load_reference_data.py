"""Load (or refresh) the portal's reference data; safe to run any number of times."""

from django.core.management.base import BaseCommand

from accounts.services import roles_ensure_groups
from regions.services import regions_load_reference_data
from reporting.services import reporting_load_reference_data
from workprogramme.services import (
    frameworks_load_reference_data,
    languages_load_reference_data,
    national_indicators_load_reference_data,
    regional_functions_load_reference_data,
)


class Command(BaseCommand):
    help = "Load annexes, Parties, units, results frameworks, roles and finance classifications."

    def handle(self, *args, **options):
        roles_ensure_groups()
        for label, loader in (
            ("regions", regions_load_reference_data),
            ("results frameworks", frameworks_load_reference_data),
            ("regional functions", regional_functions_load_reference_data),
            ("national reporting tables", national_indicators_load_reference_data),
            ("UN languages", languages_load_reference_data),
            ("finance and staffing", reporting_load_reference_data),
        ):
            counts = loader()
            summary = ", ".join(f"{value} {key}" for key, value in counts.items())
            if options["verbosity"] > 0:
                self.stdout.write(f"Loaded {label}: {summary}")
