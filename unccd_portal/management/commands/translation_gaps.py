"""List the translations that are still missing, for the translators.

Reference data is loaded in the languages its data files give; a missing language is left empty
(the pages then show the English) rather than filled with English. This command counts, for every
field translated with django-modeltranslation, the rows with an English text and no text in each
of the other five UN languages, and with `--csv` writes one line per missing translation (model,
row, code, field, language, English text) for the translators to fill in.
"""

import csv
import sys

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db.models import Q
from modeltranslation.translator import translator
from modeltranslation.utils import build_localized_fieldname

CODE_FIELDS = ("code", "iso3", "slug")


def _empty(name: str) -> Q:
    return Q(**{f"{name}__isnull": True}) | Q(**{name: ""})


def translation_gaps() -> list[dict]:
    """One row per model, field and language: how many rows lack a translation, and which."""
    languages = [code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]
    gaps = []
    for model in sorted(translator.get_registered_models(abstract=False), key=lambda m: m._meta.label):
        fields = translator.get_options_for_model(model).get_field_names()
        code_field = next((name for name in CODE_FIELDS if hasattr(model, name)), None)
        for field in fields:
            english = build_localized_fieldname(field, settings.LANGUAGE_CODE)
            for language in languages:
                localized = build_localized_fieldname(field, language)
                missing = (
                    model._base_manager.exclude(_empty(english)).filter(_empty(localized)).order_by("pk")
                )
                columns = ["pk", code_field, english] if code_field else ["pk", english]
                rows = [
                    (row[0], row[1] if code_field else "", row[-1]) for row in missing.values_list(*columns)
                ]
                gaps.append({"model": model._meta.label, "field": field, "language": language, "rows": rows})
    return gaps


class Command(BaseCommand):
    help = "Count the missing translations per model, field and language; --csv lists each one."

    def add_arguments(self, parser):
        parser.add_argument(
            "--csv",
            dest="csv_path",
            metavar="PATH",
            help="write every missing translation to PATH ('-': stdout)",
        )
        parser.add_argument(
            "--all", dest="every_field", action="store_true", help="list the fields without gaps too"
        )

    def handle(self, *args, csv_path: str | None = None, every_field: bool = False, **options):
        gaps = translation_gaps()
        if csv_path:
            self._write_csv(gaps, csv_path)
            if csv_path == "-":
                return
        total = 0
        self.stdout.write(f"{'model':<36} {'field':<10} {'language':<8} missing")
        for gap in gaps:
            total += len(gap["rows"])
            if gap["rows"] or every_field:
                self.stdout.write(
                    f"{gap['model']:<36} {gap['field']:<10} {gap['language']:<8} {len(gap['rows'])}"
                )
        self.stdout.write(f"{total} translations missing.")

    def _write_csv(self, gaps: list[dict], path: str) -> None:
        handle = sys.stdout if path == "-" else open(path, "w", newline="", encoding="utf-8")  # noqa: SIM115
        try:
            writer = csv.writer(handle)
            writer.writerow(["model", "id", "code", "field", "language", "english"])
            for gap in gaps:
                for pk, code, english in gap["rows"]:
                    writer.writerow([gap["model"], pk, code, gap["field"], gap["language"], english])
        finally:
            if handle is not sys.stdout:
                handle.close()
