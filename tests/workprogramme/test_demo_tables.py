"""The demo's national tables (issue 11, item 3): fictitious default data for every Party, the 2022
cycle validated for most Parties in the read model (SDMX-CSV of 15.3.1 for all of them, read back
with pysdmx), Kenya's 2026 draft with replaced defaults; and no spurious errors anywhere."""

import pytest

from regions.models import Country
from tests.factories import BienniumFactory, ReportingCycleFactory, UserFactory
from unccd_portal.demo import workprogramme_tables as demo
from workprogramme.models import DefaultDataset, DefaultObservation, Observation, Submission
from workprogramme.services import submission_problems, submission_start

from .test_observations_formats import streamed

pytestmark = pytest.mark.django_db


@pytest.fixture
def cycle_2022(db):
    cycle = ReportingCycleFactory(
        code="prais-2022", state="closed", biennium=BienniumFactory(start_year=2022)
    )
    demo.load_defaults()  # the land areas the rules check against
    demo.add_tables(cycle, demo.TABLES_2022, demo.table_indicators())
    demo.submissions_2022(cycle, demo.table_indicators())
    demo.refresh_results(cycle)
    return cycle


def test_every_year_of_land_cover_adds_up_and_women_and_men_make_the_total():
    for country in Country.objects.all():
        area = demo.land_area(country)
        assert all(
            sum(year.values()) == area and min(year.values()) > 0
            for year in demo.land_cover(country).values()
        )
        assert all(sum(year.values()) == area for year in demo.drought(country).values())
        assert all(year["F"] + year["M"] == year["_T"] for year in demo.exposure(country).values())
        assert all(0 < degraded < area for degraded, _percent in demo.degradation(country).values())
    assert demo.land_cover(Country.objects.get(iso3="KEN")) == demo.land_cover(
        Country.objects.get(iso3="KEN")
    )


def test_the_2022_cycle_is_validated_for_most_parties_without_problems(cycle_2022):
    submissions = Submission.objects.filter(cycle=cycle_2022)
    affected = Country.objects.filter(is_affected=True).count()
    assert submissions.count() == affected
    validated = submissions.filter(state="validated")
    assert validated.count() == affected - len(demo.NOT_VALIDATED_2022)
    for submission in validated.filter(country__iso3__in=["KEN", "CHN", "BRA", "NER"]):
        problems = submission_problems(submission=submission)
        assert (submission.country.iso3, problems.error_texts, problems.warning_texts) == (
            submission.country.iso3,
            [],
            [],
        )
    changed = Observation.objects.filter(
        submission__cycle=cycle_2022, indicator__code="SO1-1", source="national"
    )
    assert changed.exists() and not changed.filter(justification="").exists()
    assert not changed.filter(data_source__isnull=True).exists()


def test_sdmx_csv_of_15_3_1_has_every_validated_party_with_m49_read_back_by_pysdmx(api_client, cycle_2022):
    from pysdmx.io import read_sdmx

    response = api_client.get("/api/v1/observations/", {"format": "sdmx-csv", "indicator": "SO1-4.2"})
    frame = read_sdmx(streamed(response).decode()).data[0].data.astype(str)
    frame["REF_AREA"] = frame["REF_AREA"].str.zfill(3)  # pysdmx reads the codes as numbers
    validated = Submission.objects.filter(cycle=cycle_2022, state="validated")
    m49 = set(validated.values_list("country__m49", flat=True))
    assert len(m49) == validated.count() > 150 and "" not in m49
    assert set(frame["REF_AREA"]) == m49 and "404" in m49
    assert set(frame["SERIES"]) == {"AG_LND_DGRD"}
    assert sorted(set(frame["TIME_PERIOD"])) == ["2000/2015", "2016/2019", "2016/2021"]
    assert len(frame) == 3 * len(m49)
    kenya = frame[(frame.REF_AREA == "404") & (frame.TIME_PERIOD == "2000/2015")]
    percent = demo.degradation(Country.objects.get(iso3="KEN"))["2000/2015"][1]
    assert [float(value) for value in kenya.OBS_VALUE] == [float(percent)]


def test_fictitious_defaults_for_every_party_and_kenyas_replacements(table_cycle_2026):
    assert demo.load_defaults() > 0
    assert demo.load_defaults() == 0  # once
    dataset = DefaultDataset.objects.get()
    assert dataset.is_fictitious and "Fictitious" in dataset.name and "not real data" in dataset.licence
    assert DefaultObservation.objects.values("country").distinct().count() == Country.objects.count()
    kenya = Country.objects.get(iso3="KEN")
    nfp = UserFactory(role="national_focal_point", country=kenya)
    draft = submission_start(cycle=table_cycle_2026, country=kenya, user=nfp)
    assert submission_problems(submission=draft).errors  # the confidence is not default data
    demo.kenya_replaces_defaults(draft, nfp)
    problems = submission_problems(submission=draft)
    assert problems.errors == [] and problems.warnings == []
    replaced = Observation.objects.filter(submission=draft, source="national", indicator__code="SO1-1")
    assert sorted(replaced.values_list("key", "time_period")) == [
        ("LAND_COVER=GRASS", "2023"),
        ("LAND_COVER=TREE", "2023"),
    ]
    assert all(cell.justification and cell.data_source and cell.differs_from_default for cell in replaced)


@pytest.fixture
def table_cycle_2026(db):
    cycle = ReportingCycleFactory(code="prais-2026", biennium=BienniumFactory(start_year=2026))
    demo.add_tables(cycle, demo.TABLES_2026, demo.table_indicators())
    return cycle
