"""The read functions the reporting app compiles the biennial report from."""

import pytest

from regions.models import Country
from tests.conftest import count_queries
from tests.factories import (
    BienniumFactory,
    ExpectedAccomplishmentFactory,
    ObservationFactory,
    PerformanceDataFactory,
    ReportingCycleFactory,
    SubmissionFactory,
    TargetFactory,
)
from workprogramme.models import Indicator
from workprogramme.selectors import reporting_overview_for_biennium, results_summary_for_biennium

pytestmark = pytest.mark.django_db


def sf_indicator(code):
    return Indicator.objects.get(outcome__objective__framework__code="sf-2018-2030", code=code)


@pytest.fixture
def biennium():
    return BienniumFactory(start_year=2018)


@pytest.fixture
def cycle(biennium):
    return ReportingCycleFactory(biennium=biennium, indicators=[sf_indicator("1.1"), sf_indicator("5.2")])


def report(cycle, iso3, state, ldn_targets: bool, projects):
    submission = SubmissionFactory(cycle=cycle, country=Country.objects.get(iso3=iso3), state=state)
    ObservationFactory(
        submission=submission,
        indicator=sf_indicator("1.1"),
        raw_value="yes" if ldn_targets else "no",
        boolean_value=ldn_targets,
    )
    ObservationFactory(
        submission=submission,
        indicator=sf_indicator("5.2"),
        raw_value=str(projects),
        number_value=projects,
        boolean_value=None,
    )
    return submission


def indicator_entry(summary, objective_code, indicator_code):
    objective = next(item for item in summary if item["code"] == objective_code)
    return next(
        indicator
        for outcome in objective["outcomes"]
        for indicator in outcome["indicators"]
        if indicator["code"] == indicator_code
    )


def test_summary_aggregates_validated_values_only_per_indicator_and_region(cycle, biennium):
    report(cycle, "KEN", "validated", True, 3)
    report(cycle, "ETH", "validated", False, 2)
    report(cycle, "CHN", "validated", True, 4)
    report(cycle, "BRA", "submitted", True, 50)  # not validated: does not count
    TargetFactory(indicator=sf_indicator("1.1"), biennium=biennium, value=120)

    summary = results_summary_for_biennium(biennium)

    assert [item["code"] for item in summary] == ["SO1", "SO2", "SO3", "SO4", "SO5"]
    ldn = indicator_entry(summary, "SO1", "1.1")
    assert ldn["value"] == 2 and ldn["aggregation"] == "count_yes"
    assert (ldn["reporting_parties"], ldn["total_parties"], ldn["reporting_rate"]) == (3, 197, 1.5)
    assert ldn["target"] == 120
    assert ldn["by_region"] == [
        {"region": "I", "reporting_parties": 2, "value": 1},
        {"region": "II", "reporting_parties": 1, "value": 1},
    ]
    projects = indicator_entry(summary, "SO5", "5.2")
    assert projects["value"] == 9 and projects["unit"] == "projects"
    # Indicators the cycle does not ask for are left out.
    so2 = next(item for item in summary if item["code"] == "SO2")
    assert all(outcome["indicators"] == [] for outcome in so2["outcomes"])


def test_secretariat_indicator_with_target_carries_performance_narratives(cycle, biennium):
    science = sf_indicator("1.3")
    TargetFactory(indicator=science, biennium=biennium, value=2)
    accomplishment = ExpectedAccomplishmentFactory(work_programme__biennium=biennium)
    PerformanceDataFactory(
        expected_accomplishment=accomplishment, indicator=science, text="Two SPI reports.", figure=2
    )

    entry = indicator_entry(results_summary_for_biennium(biennium), "SO1", "1.3")

    assert entry["value"] == 2 and entry["target"] == 2 and entry["reported_by"] == "secretariat"
    assert entry["narratives"] == ["Two SPI reports."]


def test_summary_of_a_biennium_without_cycles_is_empty():
    assert results_summary_for_biennium(BienniumFactory(start_year=2030)) == []


def test_summary_query_count_does_not_grow_with_rows(cycle, biennium):
    report(cycle, "KEN", "validated", True, 1)
    few = count_queries(lambda: results_summary_for_biennium(biennium))
    for iso3 in ["ETH", "CHN", "BRA", "IND", "MEX", "EGY", "NGA", "ARG"]:
        report(cycle, iso3, "validated", True, 1)
    assert count_queries(lambda: results_summary_for_biennium(biennium)) == few <= 10


def test_overview_counts_handed_in_and_validated_parties(cycle, biennium):
    report(cycle, "KEN", "validated", True, 1)
    report(cycle, "ETH", "returned", True, 1)
    report(cycle, "CHN", "resubmitted", True, 1)
    report(cycle, "BRA", "draft", True, 1)

    assert reporting_overview_for_biennium(biennium) == {
        "parties": 197,
        "submitted": 3,
        "validated": 1,
        "rate": 1.5,
    }
    assert count_queries(lambda: reporting_overview_for_biennium(biennium)) <= 2
