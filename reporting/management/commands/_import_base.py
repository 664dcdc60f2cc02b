"""Shared by import_finance and import_posts: arguments, reading the file, reporting bad rows."""

from datetime import date
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from reporting.imports import ImportRejected
from reporting.services import snapshot_import


class ImportCommand(BaseCommand):
    what = ""
    snapshot_model = None

    def add_arguments(self, parser):
        parser.add_argument("--biennium", required=True, help="e.g. 2018-2019")
        parser.add_argument("--cutoff", required=True, type=date.fromisoformat, help="YYYY-MM-DD")
        parser.add_argument("file", type=Path, help="CSV (UTF-8) or XLSX file")

    def handle(self, *args, **options):
        path: Path = options["file"]
        if not path.is_file():
            raise CommandError(f"No such file: {path}")
        try:
            snapshot = snapshot_import(
                user=None,  # the operator at the command line acts for no account
                snapshot_model=self.snapshot_model,
                biennium=options["biennium"],
                cutoff_date=options["cutoff"],
                content=path.read_bytes(),
                name=path.name,
            )
        except ImportRejected as error:
            for problem in error.errors:
                self.stderr.write(str(problem))
            raise CommandError(
                f"{path.name} refused ({len(error.errors)} problems); nothing was imported."
            ) from None
        except ValidationError as error:
            raise CommandError("; ".join(error.messages)) from None
        self.stdout.write(self.style.SUCCESS(f"Imported {self.what} from {path.name} into {snapshot}."))
