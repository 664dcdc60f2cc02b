"""Reference data of the workprogramme app: frameworks, regional objectives and functions."""

import json
from pathlib import Path

from django.db import transaction

from ..choices import (
    UN_LANGUAGES,
    IndicatorAggregation,
    IndicatorReporter,
    IndicatorValueType,
    ObjectiveKind,
)
from ..models import (
    RESPONSIBLE_FIELDS,
    Dimension,
    DimensionMember,
    Indicator,
    IndicatorDimension,
    Language,
    Objective,
    Outcome,
    RegionalFunction,
    ResultsFramework,
)

DATA_DIR = Path(__file__).resolve().parent.parent / "data"


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


def _regional_objectives(strategy: ResultsFramework) -> int:
    """RO.1-RO.5, the regional operational objectives mirroring OO1-OO5 (seed 000 §45)."""
    operational = Objective.objects.filter(framework=strategy, kind=ObjectiveKind.OPERATIONAL).order_by(
        "order"
    )
    for number, objective in enumerate(operational, start=1):
        Objective.objects.update_or_create(
            framework=strategy,
            code=f"RO.{number}",
            defaults={
                "kind": ObjectiveKind.REGIONAL,
                "title_en": f"Regional operational objective {number}: {objective.title_en}",
                "title_zh_hans": f"区域业务目标 {number}：{objective.title_zh_hans or objective.title_en}",
                "order": 10 + number,
                "mirrors": objective,
            },
        )
    return operational.count()


@transaction.atomic
def regional_functions_load_reference_data(*, data_dir: Path = DATA_DIR) -> dict:
    """Seed 000's table of regional functions per Strategy outcome, and RO.1-RO.5 (idempotent)."""
    strategy = ResultsFramework.objects.get(code="strategy-2008-2018")
    objectives = _regional_objectives(strategy)
    outcomes = {
        outcome.code: outcome
        for outcome in Outcome.objects.filter(
            objective__framework=strategy, objective__kind=ObjectiveKind.OPERATIONAL
        )
    }
    table = json.loads((data_dir / "regional_functions.json").read_text(encoding="utf-8"))
    functions = 0
    for row in table:
        outcome = outcomes[row["outcome"]]
        for item in row["functions"]:
            responsible = set(item["responsible"])
            unknown = responsible - set(RESPONSIBLE_FIELDS)
            if unknown:
                raise ValueError(f"Outcome {row['outcome']}: unknown responsible bodies {sorted(unknown)}.")
            RegionalFunction.objects.update_or_create(
                outcome=outcome,
                order=item["order"],
                defaults={
                    "text_en": item["text_en"],
                    "text_zh_hans": item["text_zh"],
                    **{name: name in responsible for name in RESPONSIBLE_FIELDS},
                },
            )
            functions += 1
    return {"regional objectives": objectives, "regional functions": functions}


@transaction.atomic
def languages_load_reference_data() -> dict:
    """Create or update the six official UN languages (idempotent)."""
    for order, (code, name_en, name_zh) in enumerate(UN_LANGUAGES, start=1):
        Language.objects.update_or_create(
            code=code, defaults={"name_en": name_en, "name_zh_hans": name_zh, "order": order}
        )
    return {"languages": len(UN_LANGUAGES)}


def _load_dimensions(dimensions: list[dict]) -> dict[str, Dimension]:
    loaded = {}
    for order, data in enumerate(dimensions, start=1):
        dimension, _ = Dimension.objects.update_or_create(
            code=data["code"],
            defaults={"name_en": data["name_en"], "name_zh_hans": data["name_zh"], "order": order},
        )
        for member_order, (code, name_en, name_zh) in enumerate(data["members"], start=1):
            DimensionMember.objects.update_or_create(
                dimension=dimension,
                code=code,
                defaults={"name_en": name_en, "name_zh_hans": name_zh, "order": member_order},
            )
        loaded[dimension.code] = dimension
    return loaded


AGGREGATION_BY_VALUE_TYPE = {
    IndicatorValueType.NUMBER: IndicatorAggregation.SUM,
    IndicatorValueType.PERCENTAGE: IndicatorAggregation.AVERAGE,
    IndicatorValueType.TEXT: IndicatorAggregation.COUNT_REPORTING,
    IndicatorValueType.YES_NO: IndicatorAggregation.COUNT_YES,
}


@transaction.atomic
def national_indicators_load_reference_data(*, data_dir: Path = DATA_DIR) -> dict:
    """Dimensions and the national reporting tables of the 2018-2030 framework (PRAIS), idempotent."""
    data = json.loads((data_dir / "national_indicators.json").read_text(encoding="utf-8"))
    dimensions = _load_dimensions(data["dimensions"])
    framework = ResultsFramework.objects.get(code="sf-2018-2030")
    indicators = 0
    for group in data["objectives"]:
        objective = Objective.objects.get(framework=framework, code=group["objective"])
        outcome, _ = Outcome.objects.update_or_create(
            objective=objective,
            code=group["outcome_code"],
            defaults={"text_en": group["outcome_en"], "text_zh_hans": group["outcome_zh"], "order": 90},
        )
        for order, item in enumerate(group["indicators"], start=1):
            indicator, _ = Indicator.objects.update_or_create(
                outcome=outcome,
                code=item["code"],
                defaults={
                    "text_en": item["text_en"],
                    "text_zh_hans": item["text_zh"],
                    "unit": item["unit"],
                    "unit_code": item["unit_code"],
                    "value_type": item["value_type"],
                    "aggregation": AGGREGATION_BY_VALUE_TYPE[item["value_type"]],
                    "reported_by": IndicatorReporter.COUNTRY,
                    "prais_table": item["prais_table"],
                    "sdg_series": item.get("sdg_series", ""),
                    "time_periods": item["time_periods"],
                    "order": order,
                },
            )
            IndicatorDimension.objects.filter(indicator=indicator).exclude(
                dimension__code__in=item["dimensions"]
            ).delete()
            for dimension_order, code in enumerate(item["dimensions"], start=1):
                IndicatorDimension.objects.update_or_create(
                    indicator=indicator, dimension=dimensions[code], defaults={"order": dimension_order}
                )
            indicators += 1
    return {"dimensions": len(dimensions), "national indicators": indicators}
