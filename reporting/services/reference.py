"""Reference data of the reporting app: grades, funds, objects of expenditure, budget holders."""

import json
from pathlib import Path

from django.db import transaction

from regions.models import OrganisationalUnit

from ..models import BudgetHolder, FundingSource, ObjectOfExpenditure, StaffGrade

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
# The data file's language suffixes and the translated fields' (django-modeltranslation).
LANGUAGE_FIELDS = {"en": "en", "zh": "zh_hans", "fr": "fr", "es": "es", "ru": "ru", "ar": "ar"}


def _names(item: dict) -> dict:
    """`name_en`, `name_zh_hans`, `name_fr`… from the row; a missing language stays empty (None), so the
    page shows the English and `manage.py translation_gaps` lists it."""
    return {f"name_{suffix}": item.get(f"name_{code}") or None for code, suffix in LANGUAGE_FIELDS.items()}


@transaction.atomic
def reporting_load_reference_data(*, data_dir: Path = DATA_DIR) -> dict:
    """Create or update grades, funds, objects of expenditure and budget holders (idempotent)."""
    data = json.loads((data_dir / "finance_reference.json").read_text(encoding="utf-8"))
    for grade in data["grades"]:
        StaffGrade.objects.update_or_create(
            code=grade["code"], defaults={"category": grade["category"], "order": grade["order"]}
        )
    for model, key in ((FundingSource, "funding_sources"), (ObjectOfExpenditure, "objects_of_expenditure")):
        for item in data[key]:
            model.objects.update_or_create(
                code=item["code"],
                defaults={**_names(item), "order": item["order"]},
            )
    units = {unit.code: unit for unit in OrganisationalUnit.objects.all()}
    for holder in data["budget_holders"]:
        BudgetHolder.objects.update_or_create(
            code=holder["code"],
            defaults={
                **_names(holder),
                "kind": holder["kind"],
                "letter": holder["letter"],
                "group": holder["group"],
                "counts_in_core_total": holder["counts_in_core_total"],
                "unit": units.get(holder["unit"]) if holder["unit"] else None,
                "order": holder["order"],
            },
        )
    return {
        key: len(data[key])
        for key in ("grades", "funding_sources", "objects_of_expenditure", "budget_holders")
    }
