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
# The data files' language suffixes and the translated fields' (django-modeltranslation).
LANGUAGE_FIELDS = {"en": "en", "zh": "zh_hans", "fr": "fr", "es": "es", "ru": "ru", "ar": "ar"}


def translated(item: dict, field: str, key: str | None = None) -> dict:
    """`text_en`, `text_zh_hans`, `text_fr`… from a data row's `text_en`, `text_zh`, `text_fr`…
    (`key` when the file names the field otherwise, e.g. `outcome`). A language the row lacks is
    stored empty (None): the page shows the English and `manage.py translation_gaps` lists it."""
    key = key or field
    return {
        f"{field}_{suffix}": item.get(f"{key}_{code}") or None for code, suffix in LANGUAGE_FIELDS.items()
    }


def _load_outcome_indicators(outcome: Outcome, indicators: list[dict]) -> None:
    for order, item in enumerate(indicators, start=1):
        Indicator.objects.update_or_create(
            outcome=outcome,
            code=item["code"],
            defaults={
                **translated(item, "text"),
                "unit": item.get("unit", ""),
                "unit_code": item.get("unit_code", ""),
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
                **translated(data, "name"),
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
                    **translated(objective_data, "title"),
                    "order": objective_data["order"],
                },
            )
            counts["objectives"] += 1
            for outcome_data in objective_data["outcomes"]:
                outcome, _ = Outcome.objects.update_or_create(
                    objective=objective,
                    code=outcome_data["code"],
                    defaults={**translated(outcome_data, "text"), "order": outcome_data["order"]},
                )
                counts["outcomes"] += 1
                indicators = outcome_data.get("indicators", [])
                _load_outcome_indicators(outcome, indicators)
                counts["indicators"] += len(indicators)
    return counts


# "Regional operational objective N: <the operational objective's title>", per language.
REGIONAL_OBJECTIVE_TITLES = {
    "en": "Regional operational objective {number}: {title}",
    "zh_hans": "区域业务目标 {number}：{title}",
    "fr": "Objectif opérationnel régional {number} : {title}",
    "es": "Objetivo operacional regional {number}: {title}",
    "ru": "Региональная оперативная цель {number}: {title}",
    "ar": "الهدف التنفيذي الإقليمي {number}: {title}",
}


def _regional_objectives(strategy: ResultsFramework) -> int:
    """RO.1-RO.5, the regional operational objectives mirroring OO1-OO5 (seed 000 §45)."""
    operational = Objective.objects.filter(framework=strategy, kind=ObjectiveKind.OPERATIONAL).order_by(
        "order"
    )
    for number, objective in enumerate(operational, start=1):
        titles = {
            suffix: pattern.format(number=number, title=getattr(objective, f"title_{suffix}"))
            for suffix, pattern in REGIONAL_OBJECTIVE_TITLES.items()
            if getattr(objective, f"title_{suffix}")
        }
        Objective.objects.update_or_create(
            framework=strategy,
            code=f"RO.{number}",
            defaults={
                "kind": ObjectiveKind.REGIONAL,
                **{f"title_{suffix}": titles.get(suffix) for suffix in REGIONAL_OBJECTIVE_TITLES},
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
    from babel import Locale

    for order, (code, name_en, name_zh) in enumerate(UN_LANGUAGES, start=1):
        # French, Spanish, Russian and Arabic names from CLDR (Babel), as the UN writes them.
        others = {suffix: Locale.parse(suffix).languages[code] for suffix in ("fr", "es", "ru", "ar")}
        Language.objects.update_or_create(
            code=code,
            defaults={
                "name_en": name_en,
                "name_zh_hans": name_zh,
                **{f"name_{suffix}": name for suffix, name in others.items()},
                "order": order,
            },
        )
    return {"languages": len(UN_LANGUAGES)}


def _load_dimensions(dimensions: list[dict]) -> dict[str, Dimension]:
    loaded = {}
    for order, data in enumerate(dimensions, start=1):
        dimension, _ = Dimension.objects.update_or_create(
            code=data["code"],
            defaults={**translated(data, "name"), "order": order},
        )
        for member_order, (code, *names) in enumerate(data["members"], start=1):
            named = dict(
                zip(("name_en", "name_zh", "name_fr", "name_es", "name_ru", "name_ar"), names, strict=False)
            )
            DimensionMember.objects.update_or_create(
                dimension=dimension,
                code=code,
                defaults={**translated(named, "name"), "order": member_order},
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
            defaults={**translated(group, "text", key="outcome"), "order": 90},
        )
        for order, item in enumerate(group["indicators"], start=1):
            indicator, _ = Indicator.objects.update_or_create(
                outcome=outcome,
                code=item["code"],
                defaults={
                    **translated(item, "text"),
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
