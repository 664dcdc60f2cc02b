"""Reference data in the six UN languages; the gaps are listed for translators, never filled with English."""

import csv

import pytest
from django.core.management import call_command
from django.utils import translation

from regions.models import Country, Region, Subregion
from reporting.models import BudgetHolder, FundingSource, ObjectOfExpenditure
from workprogramme.models import DimensionMember, Indicator, Language, Objective, Outcome

pytestmark = pytest.mark.django_db
OTHER_LANGUAGES = ("zh_hans", "fr", "es", "ru", "ar")


@pytest.mark.parametrize(
    ("language", "name"), [("es", "Kenia"), ("ru", "Кения"), ("ar", "كينيا"), ("zh-hans", "肯尼亚")]
)
def test_the_countries_api_answers_in_the_request_language(api_client, language, name):
    response = api_client.get("/api/v1/countries/KEN/", HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200 and response.json()["name"] == name


def test_every_party_is_named_in_six_languages_with_the_un_names():
    assert Country.objects.count() == 197
    for suffix in OTHER_LANGUAGES:
        assert not Country.objects.filter(**{f"name_{suffix}__isnull": True}).exists(), suffix
    palestine = Country.objects.get(iso3="PSE")
    assert (palestine.name_fr, palestine.name_ar) == ("État de Palestine", "دولة فلسطين")
    assert Country.objects.get(iso3="TUR").name_es == "Türkiye"
    assert Country.objects.get(iso3="EUU").name_ru == "Европейский союз"
    assert Country.objects.get(iso3="KOR").name_zh_hans == "大韩民国"  # the UN Chinese name, not CLDR's 韩国
    assert Country.objects.get(iso3="COK").name_ru == "Острова Кука"


def test_classifications_are_named_in_six_languages():
    rows = [
        *Region.objects.all(),
        *Subregion.objects.all(),
        *FundingSource.objects.all(),
        *ObjectOfExpenditure.objects.all(),
        *BudgetHolder.objects.all(),
        *Language.objects.all(),
        *DimensionMember.objects.all(),
    ]
    for row in rows:
        assert all(getattr(row, f"name_{suffix}") for suffix in OTHER_LANGUAGES), row
    assert BudgetHolder.objects.get(code="EDM").name_zh_hans == "行政领导和管理"  # seed 002, table 1
    assert ObjectOfExpenditure.objects.get(code="staff").name_zh_hans == "工作人员和其他人事费用"
    assert Language.objects.get(code="zh").name_fr == "chinois"


def test_the_strategic_framework_is_in_six_languages():
    framework = "sf-2018-2030"
    rows = [
        *((row, "title") for row in Objective.objects.filter(framework__code=framework)),
        *((row, "text") for row in Outcome.objects.filter(objective__framework__code=framework)),
        *((row, "text") for row in Indicator.objects.filter(outcome__objective__framework__code=framework)),
    ]
    for row, field in rows:
        assert all(getattr(row, f"{field}_{suffix}") for suffix in OTHER_LANGUAGES), row
    capacity = Indicator.objects.get(outcome__objective__code="SO5", code="5.2")
    assert "项目的能力" in capacity.text_zh_hans and "的的" not in capacity.text_zh_hans


def test_a_missing_translation_stays_empty_and_reads_in_english():
    outcome = Outcome.objects.get(objective__code="OO1", code="1.1")
    assert outcome.text_fr is None and outcome.text_zh_hans
    with translation.override("fr"):
        assert outcome.text == outcome.text_en


def test_translation_gaps_lists_each_missing_translation(tmp_path, capsys):
    Country.objects.filter(iso3="KEN").update(name_ar=None)
    path = tmp_path / "gaps.csv"
    call_command("translation_gaps", csv_path=str(path))
    summary = capsys.readouterr().out
    assert "workprogramme.Outcome" in summary and "translations missing." in summary
    with path.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert {
        "model": "regions.Country",
        "code": "KEN",
        "field": "name",
        "language": "ar",
        "english": "Kenya",
    }.items() <= next(row for row in rows if row["model"] == "regions.Country").items()
    assert len([row for row in rows if row["model"] == "regions.Country"]) == 1
    strategy = [row for row in rows if row["model"] == "workprogramme.Outcome" and row["language"] == "fr"]
    assert len(strategy) == 21  # the Strategy 2008-2018's outcomes: no French text yet
    assert not [
        row
        for row in rows
        if row["language"] == "zh-hans" and row["model"] != "workprogramme.RegionalFunction"
    ]
