"""Reference data of the reporting app: grades, funds, objects of expenditure, budget holders."""

import json
from pathlib import Path

from django.db import transaction

from regions.models import OrganisationalUnit

from ..models import BudgetHolder, FundingSource, ObjectOfExpenditure, StaffGrade

DATA_DIR = Path(__file__).resolve().parent.parent / "data"


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
                defaults={
                    "name_en": item["name_en"],
                    "name_zh_hans": item["name_zh"],
                    "order": item["order"],
                },
            )
    units = {unit.code: unit for unit in OrganisationalUnit.objects.all()}
    for holder in data["budget_holders"]:
        BudgetHolder.objects.update_or_create(
            code=holder["code"],
            defaults={
                "name_en": holder["name_en"],
                "name_zh_hans": holder["name_zh"],
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
