"""Load reference data and the demo data set; running it twice gives the same data."""

from importlib import import_module

from django.core.management import call_command
from django.core.management.base import BaseCommand

from accounts import demo as demo_accounts

# Each app's demo module has a `load()`; they run in this order.
APP_DEMO_MODULES = ["regions.demo", "workprogramme.demo", "reporting.demo"]


class Command(BaseCommand):
    help = "Load reference data, demo accounts (password 'unccd-demo') and demo records."

    def handle(self, *args, **options):
        call_command("load_reference_data", stdout=self.stdout)
        accounts = demo_accounts.load()
        for module_name in APP_DEMO_MODULES:
            try:
                module = import_module(module_name)
            except ModuleNotFoundError as exc:
                if exc.name != module_name:
                    raise
                continue
            self.stdout.write(f"Demo data {module_name}: {module.load()}")
        self.stdout.write(self.style.SUCCESS(f"Demo accounts (password: {demo_accounts.DEMO_PASSWORD}):"))
        for username, role in accounts:
            self.stdout.write(f"  {username:<20} {role}")
