"""Writes of the workprogramme app."""

import json
from pathlib import Path

from django.db import transaction

from .models import Indicator, Objective, Outcome, ResultsFramework

DATA_DIR = Path(__file__).resolve().parent / "data"


def _load_outcome_indicators(outcome: Outcome, indicators: list[dict]) -> None:
    for order, item in enumerate(indicators, start=1):
        Indicator.objects.update_or_create(
            outcome=outcome,
            code=item["code"],
            defaults={
                "text_en": item["text_en"],
                "text_zh_hans": item["text_zh"],
                "unit": item.get("unit", ""),
                "value_type": item["value_type"],
                "aggregation": item["aggregation"],
                "reported_by": item["reported_by"],
                "order": order,
            },
        )


@transaction.atomic
def frameworks_load_reference_data(*, data_dir: Path = DATA_DIR) -> dict:
    """Create or update the results frameworks with objectives, outcomes, indicators (idempotent)."""
    frameworks = json.loads((data_dir / "frameworks.json").read_text(encoding="utf-8"))
    counts = {"frameworks": 0, "objectives": 0, "outcomes": 0, "indicators": 0}
    for data in frameworks:
        framework, _ = ResultsFramework.objects.update_or_create(
            code=data["code"].lower(),
            defaults={
                "name_en": data["name_en"],
                "name_zh_hans": data["name_zh"],
                "start_year": data["start_year"],
                "end_year": data["end_year"],
            },
        )
        counts["frameworks"] += 1
        for objective_data in data["objectives"]:
            objective, _ = Objective.objects.update_or_create(
                framework=framework,
                code=objective_data["code"],
                defaults={
                    "kind": objective_data["kind"],
                    "title_en": objective_data["title_en"],
                    "title_zh_hans": objective_data["title_zh"],
                    "order": objective_data["order"],
                },
            )
            counts["objectives"] += 1
            for outcome_data in objective_data["outcomes"]:
                outcome, _ = Outcome.objects.update_or_create(
                    objective=objective,
                    code=outcome_data["code"],
                    defaults={
                        "text_en": outcome_data["text_en"],
                        "text_zh_hans": outcome_data["text_zh"],
                        "order": outcome_data["order"],
                    },
                )
                counts["outcomes"] += 1
                indicators = outcome_data.get("indicators", [])
                _load_outcome_indicators(outcome, indicators)
                counts["indicators"] += len(indicators)
    return counts
