"""Demo data: biennia, seed 001's 2010-2011 joint work programme, the 2018-2019 reporting cycle
(141 of 197 Parties reported, as in seed 002 §1.2), the 2022 cycle of national tables validated
for most Parties, fictitious default data (`workprogramme_tables`) and an open 2026-2027 cycle for
the demo NFPs.

Idempotent: rows are keyed by natural keys (codes, cycle + country, indicator).
"""

import datetime
import json
from decimal import Decimal

from django.db import transaction
from django.db.models import Count
from django.utils import timezone

from accounts.models import User
from core.demo import update_or_create_if_changed
from regions.models import Country, Region
from workprogramme.choices import ReportingCycleState, SubmissionState, TargetLevel, WorkProgrammeKind
from workprogramme.models import (
    Biennium,
    ExpectedAccomplishment,
    Indicator,
    Objective,
    Observation,
    Output,
    PerformanceData,
    PerformanceIndicator,
    ReportingCycle,
    ReportingCycleIndicator,
    Submission,
    SubmissionIndicator,
    SubmissionTransition,
    Target,
    WorkProgramme,
)
from workprogramme.services import (
    submission_return_for_correction,
    submission_save_draft,
    submission_start,
    submission_submit,
)
from workprogramme.services.reference import DATA_DIR

from . import workprogramme_capacity as demo_capacity
from . import workprogramme_tables as demo_tables

SF = "sf-2018-2030"
CYCLE_INDICATORS = ["1.1", "1.2", "2.2", "3.1", "5.2"]
# Seed 002 §1.2: 141 Parties reported; the headline figures below come out of the validated values.
HANDED_IN = 141
STATES_2018 = (
    [SubmissionState.VALIDATED] * 130
    + [SubmissionState.RESUBMITTED] * 4
    + [SubmissionState.SUBMITTED] * 4
    + [SubmissionState.RETURNED] * 3
)
YES_COUNTS_2018 = {"1.1": 84, "1.2": 120, "2.2": 60, "3.1": 71}  # of the 130 validated
PROJECT_COUNTRIES_2018 = 24  # seed 002: the GM supported 24 transformative projects


def _biennia() -> dict[str, Biennium]:
    rows = {
        "2010-2011": ("closed", datetime.date(2010, 1, 1), datetime.date(2011, 12, 31)),
        "2018-2019": ("closed", datetime.date(2018, 1, 1), datetime.date(2019, 12, 31)),
        "2022-2023": ("closed", datetime.date(2022, 1, 1), datetime.date(2023, 12, 31)),
        "2026-2027": ("running", datetime.date(2026, 1, 1), datetime.date(2027, 12, 31)),
    }
    return {
        code: Biennium.objects.update_or_create(
            code=code, defaults={"state": state, "start_date": start, "end_date": end}
        )[0]
        for code, (state, start, end) in rows.items()
    }


# Titles of the demo's work programmes and cycles in the six languages ({code}: the biennium).
JOINT_TITLES = {
    "en": "Joint work programme of the secretariat and the Global Mechanism {code}",
    "zh_hans": "秘书处和全球机制 {code} 年联合工作方案",
    "fr": "Programme de travail conjoint du secrétariat et du Mécanisme mondial pour {code}",
    "es": "Programa de trabajo conjunto de la secretaría y el Mecanismo Mundial para {code}",
    "ru": "Совместная программа работы секретариата и Глобального механизма на {code} годы",
    "ar": "برنامج العمل المشترك للأمانة والآلية العالمية للفترة {code}",
}
REGIONAL_TITLES = {
    "en": "Regional work programme {code}: {office}",
    "zh_hans": "{code} 年区域工作方案：{office}",
    "fr": "Programme de travail régional {code} : {office}",
    "es": "Programa de trabajo regional {code}: {office}",
    "ru": "Региональная программа работы на {code} годы: {office}",
    "ar": "برنامج العمل الإقليمي للفترة {code}: {office}",
}
CYCLE_TITLES = {
    "en": "National reports {year} (PRAIS)",
    "zh_hans": "{year} 年国家报告(PRAIS)",
    "fr": "Rapports nationaux {year} (PRAIS)",
    "es": "Informes nacionales {year} (PRAIS)",
    "ru": "Национальные доклады за {year} год (PRAIS)",
    "ar": "التقارير الوطنية لعام {year} (PRAIS)",
}


def _titles(patterns: dict, **values) -> dict:
    return {f"title_{suffix}": pattern.format(**values) for suffix, pattern in patterns.items()}


def _joint_work_programme_2010(biennium: Biennium) -> int:
    data = json.loads((DATA_DIR / "jwp_2010_2011.json").read_text(encoding="utf-8"))
    programme, _ = WorkProgramme.objects.update_or_create(
        biennium=biennium,
        kind=WorkProgrammeKind.JOINT,
        defaults={
            **_titles(JOINT_TITLES, code=biennium.code),
            "title_en": data["title_en"],
            "title_zh_hans": data["title_zh"],
            "status_as_at": datetime.date(2011, 5, 31),
        },
    )
    objectives = {o.code: o for o in Objective.objects.filter(framework__code="strategy-2008-2018")}
    order = 0
    for section in data["sections"]:
        for item in section["expected_accomplishments"]:
            order += 1
            accomplishment, _ = ExpectedAccomplishment.objects.update_or_create(
                work_programme=programme,
                code=item["code"],
                defaults={
                    "objective": objectives.get(section["objective"]),
                    "text_en": item["text_en"],
                    "text_zh_hans": item["text_zh"],
                    "order": order,
                },
            )
            for number, indicator in enumerate(item["indicators"], start=1):
                PerformanceIndicator.objects.update_or_create(
                    expected_accomplishment=accomplishment,
                    code=indicator["code"],
                    defaults={
                        "text_en": indicator["text_en"],
                        "text_zh_hans": indicator["text_zh"],
                        "order": number,
                    },
                )
            for number, performance in enumerate(item["performance_data"], start=1):
                PerformanceData.objects.update_or_create(
                    expected_accomplishment=accomplishment,
                    order=number,
                    defaults={"text_en": performance["text_en"], "text_zh_hans": performance["text_zh"]},
                )
    return order


def _joint_work_programme_2018(biennium: Biennium, indicators: dict[str, Indicator]) -> None:
    """The 2018-2019 narratives that seed 002 reports per key outcome, linked to their indicators."""
    programme, _ = WorkProgramme.objects.update_or_create(
        biennium=biennium,
        kind=WorkProgrammeKind.JOINT,
        defaults={
            **_titles(JOINT_TITLES, code=biennium.code),
            "title_en": "Joint work programme of the secretariat and the GM 2018-2019",
        },
    )
    so1 = Objective.objects.get(framework__code=SF, code="SO1")
    accomplishment, _ = ExpectedAccomplishment.objects.update_or_create(
        work_programme=programme,
        code="1.1",
        defaults={"objective": so1, "text_en": "Countries set and pursue voluntary LDN targets.", "order": 1},
    )
    narratives = [
        (
            indicators["1.1"],
            "122 countries had joined the GM-led LDN target setting programme; 84 had set "
            "voluntary LDN targets; 67 had planned ideas for transformative LDN projects and programmes.",
            None,
        ),
        (
            indicators["1.3"],
            "The SPI produced two peer-reviewed technical reports guiding LDN implementation "
            "(soil organic carbon; the enabling environment).",
            Decimal(2),
        ),
        (
            indicators["1.2"],
            "141 of 197 Parties (71.6 %) handed in national reports; about 92 % of them reported "
            "quantitative data on the three land indicators.",
            None,
        ),
    ]
    for order, (indicator, text, figure) in enumerate(narratives, start=1):
        PerformanceData.objects.update_or_create(
            expected_accomplishment=accomplishment,
            order=order,
            defaults={"indicator": indicator, "text_en": text, "figure": figure},
        )
    # get_or_create: a second load writes nothing, so that the audit history records no change.
    Target.objects.get_or_create(
        indicator=indicators["1.3"], biennium=biennium, level=TargetLevel.GLOBAL, defaults={"value": 2}
    )
    _targets_2018(biennium, indicators)


# Targets of the country-reported indicators for 2018-2019: a global one, and each annex's share of
# it in proportion to its Parties (the dashboard sets the validated values against them).
GLOBAL_TARGETS_2018 = {"1.1": 100, "1.2": 150, "2.2": 80, "3.1": 80, "5.2": 30}


def _targets_2018(biennium: Biennium, indicators: dict[str, Indicator]) -> None:
    parties = dict(Region.objects.values_list("pk").annotate(count=Count("countries")))
    in_annexes = sum(parties.values())
    for code, value in GLOBAL_TARGETS_2018.items():
        Target.objects.get_or_create(
            indicator=indicators[code], biennium=biennium, level=TargetLevel.GLOBAL, defaults={"value": value}
        )
        for region_id, count in parties.items():
            Target.objects.get_or_create(
                indicator=indicators[code],
                biennium=biennium,
                level=TargetLevel.REGIONAL,
                region_id=region_id,
                defaults={"value": max(1, round(value * count / in_annexes))},
            )


# Regional results for 2026-2027 (seed 000 §60-61: offices adapt the regional results with indicators
# and targets and assign tasks to the committee and the networks).
REGIONAL_PLAN = [
    (
        "RO.1",
        "Regional awareness of land degradation neutrality is raised.",
        "Regional outreach events",
        2,
        6,
    ),
    (
        "RO.3",
        "Parties of the region share monitoring data through the networks.",
        "Parties sharing data",
        5,
        20,
    ),
    ("RO.5", "Parties of the region develop bankable transformative projects.", "Project concepts", 3, 12),
]


def _regional_work_programmes(biennium: Biennium) -> int:
    """One regional work programme per regional office the regions demo created."""
    from regions.models import RegionalCommittee, RegionalOffice, ThematicProgrammeNetwork

    objectives = {
        o.code: o for o in Objective.objects.filter(framework__code="strategy-2008-2018", kind="regional")
    }
    count = 0
    for office in RegionalOffice.objects.select_related("region"):
        programme, _ = WorkProgramme.objects.update_or_create(
            biennium=biennium,
            regional_office=office,
            defaults={
                "kind": WorkProgrammeKind.REGIONAL,
                **{
                    f"title_{suffix}": pattern.format(
                        code=biennium.code, office=getattr(office, f"name_{suffix}") or office.name_en
                    )
                    for suffix, pattern in REGIONAL_TITLES.items()
                },
            },
        )
        committee = RegionalCommittee.objects.filter(region=office.region).first()
        network = ThematicProgrammeNetwork.objects.filter(region=office.region).first()
        for order, (code, text, measure, baseline, target) in enumerate(REGIONAL_PLAN, start=1):
            accomplishment, _ = ExpectedAccomplishment.objects.update_or_create(
                work_programme=programme,
                code=f"{code[3]}.1",
                defaults={"objective": objectives.get(code), "text_en": text, "order": order},
            )
            PerformanceIndicator.objects.update_or_create(
                expected_accomplishment=accomplishment,
                code=f"{code[3]}.1.1",
                defaults={
                    "text_en": measure,
                    "unit": "number",
                    "baseline": baseline,
                    "target": target,
                    "order": 1,
                },
            )
            owners = [("regional_office", {"owner_office": office}, "Prepare the regional plan", "on_track")]
            if committee:
                owners.append(
                    ("regional_committee", {"owner_committee": committee}, "Review progress", "not_started")
                )
            if network:
                owners.append(("tpn", {"owner_network": network}, "Compile the network's inputs", "delayed"))
            for position, (kind, owner, title, status) in enumerate(owners, start=1):
                update_or_create_if_changed(
                    Output,
                    expected_accomplishment=accomplishment,
                    order=position,
                    defaults={
                        "title": title,
                        "owner_kind": kind,
                        "milestone_date": datetime.date(2027, 3 * position, 30),
                        "status": status,
                        **owner,
                    },
                )
        count += 1
    return count


def _cycle(code, year, biennium, opens_on, deadline, state, indicators) -> ReportingCycle:
    cycle, _ = update_or_create_if_changed(
        ReportingCycle,
        code=code,
        defaults={
            **_titles(CYCLE_TITLES, year=year),
            "biennium": biennium,
            "opens_on": opens_on,
            "deadline": deadline,
            "state": state,
        },
    )
    for order, code_ in enumerate(CYCLE_INDICATORS, start=1):
        ReportingCycleIndicator.objects.get_or_create(
            cycle=cycle, indicator=indicators[code_], defaults={"order": order, "is_required": True}
        )
    return cycle


def _cycle_2022(biennium: Biennium) -> ReportingCycle:
    """The closed 2022 cycle of national tables (its tables: `workprogramme_tables.TABLES_2022`)."""
    cycle, _ = ReportingCycle.objects.get_or_create(
        code="prais-2022",
        defaults={
            **_titles(CYCLE_TITLES, year=2022),
            "biennium": biennium,
            "opens_on": datetime.date(2022, 1, 10),
            "deadline": datetime.date(2022, 6, 30),
            "state": ReportingCycleState.CLOSED,
        },
    )
    return cycle


def _aware(year, month, day) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime(year, month, day, 12, 0))


def _countries_2018() -> list[Country]:
    affected = list(Country.objects.filter(is_affected=True).order_by("iso3"))
    affected.sort(key=lambda country: country.iso3 not in ("KEN", "CHN"))
    return affected


def _values_2018(index: int, validated: bool) -> dict[str, str]:
    answers = {
        code: ("yes" if not validated or index < count else "no") for code, count in YES_COUNTS_2018.items()
    }
    answers["5.2"] = "1" if not validated or index < PROJECT_COUNTRIES_2018 else "0"
    return answers


def _submissions_2018(cycle: ReportingCycle, indicators: dict[str, Indicator]) -> int:
    countries = _countries_2018()
    plan = list(zip(countries[:HANDED_IN], STATES_2018, strict=True)) + [
        (country, SubmissionState.DRAFT) for country in countries[HANDED_IN : HANDED_IN + 10]
    ]
    Submission.objects.bulk_create(
        [
            Submission(
                cycle=cycle,
                country=country,
                state=state,
                submitted_at=None if state == SubmissionState.DRAFT else _aware(2018, 7, 15),
                validated_at=_aware(2019, 3, 1) if state == SubmissionState.VALIDATED else None,
            )
            for country, state in plan
        ],
        update_conflicts=True,
        unique_fields=["cycle", "country"],
        update_fields=["state", "submitted_at", "validated_at"],
    )
    ids = dict(Submission.objects.filter(cycle=cycle).values_list("country_id", "pk"))
    reported, cells, steps, validated_index = [], [], [], 0
    for country, state in plan:
        validated = state == SubmissionState.VALIDATED
        answers = _values_2018(validated_index, validated)
        validated_index += validated
        for code, raw in answers.items():
            indicator = indicators[code]
            reported.append(
                SubmissionIndicator(
                    submission_id=ids[country.pk],
                    indicator=indicator,
                    narrative="National LDN targets adopted." if code == "1.1" and raw == "yes" else "",
                    reviewer_comment="Please give the source of the figure."
                    if state == "returned" and code == "5.2"
                    else "",
                )
            )
            cells.append(
                Observation(
                    submission_id=ids[country.pk],
                    indicator=indicator,
                    raw_value=raw,
                    boolean_value=(raw == "yes") if code != "5.2" else None,
                    number_value=Decimal(raw) if code == "5.2" else None,
                    source="national",
                )
            )
        steps.extend(_transitions_2018(ids[country.pk], state))
    SubmissionIndicator.objects.bulk_create(
        reported,
        update_conflicts=True,
        unique_fields=["submission", "indicator"],
        update_fields=["narrative", "reviewer_comment"],
    )
    Observation.objects.bulk_create(
        cells,
        update_conflicts=True,
        unique_fields=["submission", "indicator", "time_period", "key"],
        update_fields=["raw_value", "boolean_value", "number_value", "source"],
    )
    SubmissionTransition.objects.filter(submission__cycle=cycle).delete()
    SubmissionTransition.objects.bulk_create(steps)
    return len(plan)


def _transitions_2018(submission_id: int, state: str) -> list[SubmissionTransition]:
    path = {
        SubmissionState.DRAFT: [],
        SubmissionState.SUBMITTED: [("draft", "submitted", 7, 15, "")],
        SubmissionState.RETURNED: [
            ("draft", "submitted", 7, 15, ""),
            ("submitted", "returned", 9, 1, "Indicator 5.2 needs its source."),
        ],
        SubmissionState.RESUBMITTED: [
            ("draft", "submitted", 7, 15, ""),
            ("submitted", "returned", 9, 1, "Please complete the narratives."),
            ("returned", "resubmitted", 10, 1, "Narratives completed."),
        ],
        SubmissionState.VALIDATED: [("draft", "submitted", 7, 15, ""), ("submitted", "validated", 12, 1, "")],
    }[state]
    return [
        SubmissionTransition(
            submission_id=submission_id,
            from_state=from_state,
            to_state=to_state,
            at=_aware(2018, month, day),
            comment=comment,
        )
        for from_state, to_state, month, day, comment in path
    ]


def _cycle_2026(cycle: ReportingCycle) -> None:
    """Kenya's open draft (pre-filled from 2018) and China's returned report, made through the services."""
    nfp_kenya = User.objects.filter(username="nfp-kenya").first()
    nfp_china = User.objects.filter(username="nfp-china").first()
    reviewer = User.objects.filter(username="secretariat").first()
    if nfp_kenya and not Submission.objects.filter(cycle=cycle, country=nfp_kenya.country).exists():
        draft = submission_start(cycle=cycle, country=nfp_kenya.country, user=nfp_kenya)
        demo_tables.kenya_replaces_defaults(draft, nfp_kenya)
    if (
        nfp_china
        and reviewer
        and not Submission.objects.filter(cycle=cycle, country=nfp_china.country).exists()
    ):
        submission = submission_start(cycle=cycle, country=nfp_china.country, user=nfp_china)
        reported = submission.reported_indicators.select_related("indicator")
        entries = {
            entry.indicator_id: {"source": "national"}
            for entry in reported
            if entry.indicator.code in CYCLE_INDICATORS
        }
        projects = next(entry for entry in reported if entry.indicator.code == "5.2")
        entries[projects.indicator_id] = {
            "value": "3",
            "source": "estimate",
            "narrative": "Three LDN projects.",
        }
        submission_save_draft(
            submission=submission,
            user=nfp_china,
            expected_version=submission.version,
            entries=entries,
            cells=demo_tables.confidence_cells(demo_tables.TABLES_2026["SO1-4.3"], "high"),
        )
        submission_submit(submission=submission, user=nfp_china, comment="China's 2026 report.")
        submission_return_for_correction(
            submission=submission,
            user=reviewer,
            comment="Thank you. Please document indicator 5.2.",
            indicator_comments={projects.indicator_id: "An estimate needs a short note on the method used."},
        )


@transaction.atomic
def load() -> str:
    biennia = _biennia()
    indicators = {
        indicator.code: indicator
        for indicator in Indicator.objects.filter(outcome__objective__framework__code=SF)
    }
    accomplishments = _joint_work_programme_2010(biennia["2010-2011"])
    _joint_work_programme_2018(biennia["2018-2019"], indicators)
    cycle_2018 = _cycle(
        "prais-2018",
        2018,
        biennia["2018-2019"],
        datetime.date(2017, 12, 1),
        datetime.date(2018, 7, 31),
        ReportingCycleState.CLOSED,
        indicators,
    )
    reports = _submissions_2018(cycle_2018, indicators)
    cycle_2026 = _cycle(
        "prais-2026",
        2026,
        biennia["2026-2027"],
        datetime.date(2026, 8, 1),
        datetime.date(2027, 2, 28),
        ReportingCycleState.OPEN,
        indicators,
    )
    defaults = demo_tables.load_defaults()
    tables = demo_tables.table_indicators()
    cycle_2022 = _cycle_2022(biennia["2022-2023"])
    demo_tables.add_tables(cycle_2022, demo_tables.TABLES_2022, tables)
    reports_2022 = demo_tables.submissions_2022(cycle_2022, tables)
    demo_tables.add_tables(cycle_2026, demo_tables.TABLES_2026, tables)
    _cycle_2026(cycle_2026)
    results = demo_tables.refresh_results(cycle_2018, cycle_2022)
    regional = _regional_work_programmes(biennia["2026-2027"])
    activities = demo_capacity.load()
    return (
        f"{len(biennia)} biennia, {accomplishments} expected accomplishments (JWP 2010-2011), "
        f"{reports} submissions 2018 ({HANDED_IN} handed in), {reports_2022} submissions 2022 (national "
        f"tables), {defaults} fictitious default values, {results} validated observations in the read "
        "model, 2026 cycle open, "
        f"{regional} regional work programmes, {activities} capacity-building activities (seed 004)"
    )
