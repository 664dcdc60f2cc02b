"""The results read model: refreshed per submission on validation, rebuilt whole, never holding drafts."""

import io
from decimal import Decimal

import pytest
from django.core.management import call_command

from workprogramme.models import Observation, ResultObservation, Submission
from workprogramme.services.results import results_rebuild, results_refresh_for_submission

from . import observation_data as data


@pytest.fixture
def national_data(db):
    return data.national_data()


def test_a_validated_submission_becomes_flat_rows(national_data):
    kenya = Submission.objects.get(cycle=national_data, country__iso3="KEN")
    rows = ResultObservation.objects.filter(submission_id=kenya.pk)
    assert rows.count() == kenya.observations.count() == 20
    water = rows.get(indicator_code="SO1-1.T4", key="LAND_COVER=WATER", time_period="2019")
    assert (water.country_iso3, water.country_iso2, water.country_m49, water.region_code) == (
        "KEN",
        "KE",
        "404",
        "I",
    )
    assert (water.series, water.prais_table, water.unit_code, water.cycle_code) == (
        "SO1-1_T4",
        "SO1-1.T4",
        "KM2",
        "national-2026",
    )
    assert water.value_number == Decimal("1234.5") and water.value_text == "1234.5"
    assert water.data_source_title == "National land cover map 2019" and water.justification.startswith(
        "=cmd"
    )
    assert water.biennium_code == "2026-2027" and water.validated_at == kenya.validated_at
    assert (
        rows.get(indicator_code="SO1-4.T2", time_period="2016/2019").value_text == "14"
    )  # 14.0000 normalised
    assert rows.get(indicator_code="SO1-4.T2", time_period="2016/2019").series == "AG_LND_DGRD"
    assert rows.get(indicator_code="1.1").value_text == "yes"


def test_drafts_and_handed_in_reports_have_no_rows_even_if_refreshed(national_data):
    for iso3 in ("GHA", "CHL"):
        submission = Submission.objects.get(cycle=national_data, country__iso3=iso3)
        assert results_refresh_for_submission(submission_id=submission.pk) == 0
    assert set(ResultObservation.objects.values_list("country_iso3", flat=True)) == {"KEN", "CHN"}


def test_revalidation_replaces_the_rows_without_duplicates(national_data):
    kenya = Submission.objects.get(cycle=national_data, country__iso3="KEN")
    cell = kenya.observations.get(indicator__code="SO1-1.T4", key="LAND_COVER=TREE", time_period="2015")
    cell.raw_value, cell.number_value = "999", Decimal("999")
    cell.save()
    assert results_refresh_for_submission(submission_id=kenya.pk) == 20
    assert results_refresh_for_submission(submission_id=kenya.pk) == 20  # idempotent
    assert ResultObservation.objects.filter(submission_id=kenya.pk).count() == 20
    assert ResultObservation.objects.get(pk=cell.pk).value_text == "999"  # same id: cursors stay valid
    assert ResultObservation.objects.count() == 34


def test_a_submission_leaving_validated_leaves_the_read_model(national_data):
    kenya = Submission.objects.get(cycle=national_data, country__iso3="KEN")
    Submission.objects.filter(pk=kenya.pk).update(state="returned")
    assert results_refresh_for_submission(submission_id=kenya.pk) == 0
    assert set(ResultObservation.objects.values_list("country_iso3", flat=True)) == {"CHN"}


def test_empty_and_invalid_cells_are_not_results(national_data):
    land = data.land_cover()
    cells = [(land, "2015", {"LAND_COVER": "TREE"}, 5)]
    senegal = data.submission(national_data, "SEN", state="submitted", cells=cells)
    Observation.objects.create(submission=senegal, indicator=land, time_period="2019", key="LAND_COVER=TREE")
    Observation.objects.create(
        submission=senegal,
        indicator=land,
        time_period="2019",
        key="LAND_COVER=CROP",
        raw_value="lots",
        error="Not a number.",
    )
    Submission.objects.filter(pk=senegal.pk).update(state="validated", validated_at=senegal.created_at)
    assert results_refresh_for_submission(submission_id=senegal.pk) == 1


def test_deleting_observations_removes_their_rows(national_data):
    Observation.objects.filter(submission__country__iso3="CHN").delete()
    assert set(ResultObservation.objects.values_list("country_iso3", flat=True)) == {"KEN"}


def test_rebuild_command_rebuilds_the_same_rows(national_data):
    before = sorted(ResultObservation.objects.values_list("pk", "value_text", "source"))
    ResultObservation.objects.filter(country_iso3="KEN").delete()
    out = io.StringIO()
    call_command("rebuild_results", stdout=out)
    assert "34 validated observations" in out.getvalue()
    assert sorted(ResultObservation.objects.values_list("pk", "value_text", "source")) == before
    assert results_rebuild() == 34
