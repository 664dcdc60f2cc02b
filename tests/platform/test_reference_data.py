"""The reference data every later feature relies on."""

import pytest
from django.core.management import call_command

from regions.models import Country, OrganisationalUnit, Region, Subregion
from reporting.models import BudgetHolder, FundingSource, ObjectOfExpenditure, StaffGrade
from workprogramme.models import Indicator, Objective, Outcome

pytestmark = pytest.mark.django_db


def test_five_annexes_and_197_parties():
    assert list(Region.objects.values_list("code", flat=True)) == ["I", "II", "III", "IV", "V"]
    assert Country.objects.count() == 197
    assert Country.objects.filter(iso3="EUU", region__isnull=True, is_affected=False).exists()
    assert Subregion.objects.filter(region__code="I").count() == 5


def test_parties_carry_annex_group_and_chinese_names():
    kenya = Country.objects.get(iso3="KEN")
    assert (kenya.region.code, kenya.subregion.code, kenya.un_group) == ("I", "east_africa", "africa")
    assert kenya.name_zh_hans == "肯尼亚"
    germany = Country.objects.get(iso3="DEU")
    assert germany.region is None and not germany.is_affected and germany.is_developed
    assert Country.objects.filter(is_affected=True, region__isnull=True).count() == 0


def test_strategy_has_five_operational_objectives_with_21_outcomes():
    objectives = Objective.objects.filter(framework__code="strategy-2008-2018", kind="operational")
    assert list(objectives.values_list("code", flat=True)) == ["OO1", "OO2", "OO3", "OO4", "OO5"]
    assert Outcome.objects.filter(objective__in=objectives).count() == 21
    outcome = Outcome.objects.get(objective__code="OO1", code="1.1")
    assert outcome.text_zh_hans and outcome.text_en


def test_strategic_framework_has_five_strategic_objectives_with_indicators():
    objectives = Objective.objects.filter(framework__code="sf-2018-2030", kind="strategic")
    assert list(objectives.values_list("code", flat=True)) == ["SO1", "SO2", "SO3", "SO4", "SO5"]
    key_outcome_indicators = Indicator.objects.filter(outcome__objective__in=objectives).exclude(
        outcome__code__endswith=".PI"
    )
    assert key_outcome_indicators.count() == 11
    assert Indicator.objects.filter(outcome__code="4.1").count() == 2


def test_national_reporting_tables_have_their_dimensions():
    land_cover = Indicator.objects.get(code="SO1-1")
    assert land_cover.prais_table == "SO1-1.T4" and land_cover.unit_code == "KM2"
    assert land_cover.time_periods == "2000,2015,2019,2023"
    assert [link.dimension.code for link in land_cover.indicator_dimensions.all()] == ["LAND_COVER"]
    assert land_cover.dimensions.get().members.count() == 7
    productivity = Indicator.objects.get(code="SO1-2")
    assert [link.dimension.code for link in productivity.indicator_dimensions.all()] == [
        "LAND_COVER",
        "PRODUCTIVITY",
    ]
    assert Indicator.objects.get(code="SO1-4.2").sdg_series == "AG_LND_DGRD"
    assert Indicator.objects.filter(prais_table__startswith="SO", reported_by="country").count() == 10


def test_units_grades_funds_objects_and_budget_holders():
    assert list(OrganisationalUnit.objects.values_list("code", flat=True)) == [
        "EDM",
        "ERPA",
        "STI",
        "AS",
        "GM",
    ]
    assert list(StaffGrade.objects.values_list("code", flat=True)) == [
        "USG", "D-2", "D-1", "P-5", "P-4", "P-3", "P-2", "GS"
    ]  # fmt: skip
    assert set(FundingSource.objects.values_list("code", flat=True)) == {
        "core",
        "supplementary",
        "bonn_fund",
        "psc",
    }
    assert ObjectOfExpenditure.objects.filter(code="joint_admin").exists()
    core = BudgetHolder.objects.filter(counts_in_core_total=True).order_by("order")
    assert [holder.letter for holder in core] == ["A", "B", "C", "D", "E"]
    assert BudgetHolder.objects.get(code="GM").group == "II"


def test_loading_twice_changes_nothing():
    before = (Country.objects.count(), Outcome.objects.count(), BudgetHolder.objects.count())
    call_command("load_reference_data", verbosity=0)
    assert (Country.objects.count(), Outcome.objects.count(), BudgetHolder.objects.count()) == before
