"""Load reference data and the demo data set; running it twice gives the same data."""

from django.core.management import call_command
from django.core.management.base import BaseCommand

from unccd_portal.demo import accounts, regions, reporting, workprogramme

# Each app's demo module has a `load()`; they run in this order, after the accounts.
APP_DEMOS = [("regions", regions), ("workprogramme", workprogramme), ("reporting", reporting)]


class Command(BaseCommand):
    help = "Load reference data, demo accounts (password 'unccd-demo') and demo records."

    def handle(self, *args, **options):
        call_command("load_reference_data", stdout=self.stdout)
        created = accounts.load()
        for label, module in APP_DEMOS:
            self.stdout.write(f"Demo data {label}: {module.load()}")
        self.stdout.write(self.style.SUCCESS(f"Demo accounts (password: {accounts.DEMO_PASSWORD}):"))
        for username, role in created:
            self.stdout.write(f"  {username:<20} {role}")
        token = accounts.load_api_client()
        self.stdout.write(
            f"API client '{accounts.DEMO_API_CLIENT}' (account api-reader), a new token: {token}\n"
            f"  send it as 'Authorization: Token {token}'; the secretariat manages clients at "
            "/accounts/api-clients/, everyone their own tokens at /accounts/tokens/."
        )
