"""Import a CSV or XLSX file of default values per country (see workprogramme/services/defaults.py)."""

from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.management.base import BaseCommand, CommandError

from workprogramme.services.defaults import default_dataset_import


class Command(BaseCommand):
    help = (
        "Import default data from a CSV/XLSX file (columns country, indicator, time_period, dimensions or "
        "one column per dimension, value; dataset, version, licence as columns or options): all rows or none."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--dataset", default="", help="The dataset's name (its code is made from it).")
        parser.add_argument(
            "--dataset-version", dest="dataset_version", default="", help="The dataset's version."
        )
        parser.add_argument("--licence", default="", help="The dataset's licence.")
        parser.add_argument("--name", default="", help="A longer name (default: --dataset).")
        parser.add_argument("--link", default="", help="The dataset's web page.")
        parser.add_argument("--fictitious", action="store_true", help="Mark the data as not real.")
        parser.add_argument("--dry-run", action="store_true", help="Check the file; save nothing.")

    def handle(self, *args, **options):
        path: Path = options["file"]
        if not path.is_file():
            raise CommandError(f"No such file: {path}")
        with path.open("rb") as handle:
            try:
                result = default_dataset_import(
                    user=None,
                    file=File(handle, name=path.name),
                    dry_run=options["dry_run"],
                    dataset=options["dataset"],
                    version=options["dataset_version"],
                    licence=options["licence"],
                    name=options["name"],
                    link=options["link"],
                    is_fictitious=options["fictitious"],
                )
            except ValidationError as error:
                raise CommandError(
                    "Nothing was imported:\n" + "\n".join(f"  {message}" for message in error.messages)
                ) from None
        verb = "Saved" if result.saved else "Checked (nothing saved)"
        replaces = f", replacing version {result.replaces}" if result.replaces else ""
        self.stdout.write(
            f"{verb}: {result.name} {result.version} ({result.licence}){replaces}: {result.values} values "
            f"for {result.countries} countries, indicators {', '.join(result.indicators)}; "
            f"{result.draft_cells_updated} cells of open drafts brought up to the new defaults."
        )
