"""Capacity-building activities (seed 004): services, database constraints, the summary selector."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from regions.models import Country, Region
from tests.factories import BienniumFactory, CapacityBuildingActivityFactory, PartnershipFactory
from workprogramme.models import CapacityBuildingActivity, Language, Objective, Outcome
from workprogramme.selectors import capacity_building_summary
from workprogramme.services import capacity_activity_create, capacity_activity_update

pytestmark = pytest.mark.django_db


def languages(*codes):
    return list(Language.objects.filter(code__in=codes))


def valid_data(**changes) -> dict:
    data = {
        "kind": "drought_toolkit_training",
        "title": "Drought toolkit training for SADC",
        "start_date": datetime.date(2021, 5, 3),
        "end_date": datetime.date(2021, 5, 4),
        "format": "online",
        "languages": languages("en", "fr"),
        "participants_female": 12,
        "participants_male": 9,
        "participants_other": 1,
        "mandate_decision": "2/COP.14",
        "mandate_paragraph": "para 2(c)",
    }
    return {**data, **changes}


def sf_outcome(objective: str, code: str) -> Outcome:
    return Outcome.objects.get(
        objective__framework__code="sf-2018-2030", objective__code=objective, code=code
    )


def test_the_six_un_languages_are_reference_data():
    assert list(Language.objects.values_list("code", flat=True)) == ["ar", "zh", "en", "fr", "ru", "es"]
    assert Language.objects.get(code="zh").name_zh_hans == "中文"


def test_create_records_the_activity_with_its_lists_and_derived_total(secretariat_user, kenya):
    partner = PartnershipFactory(partner="Southern African Development Community")
    activity = capacity_activity_create(
        user=secretariat_user,
        data=valid_data(partners=[partner], countries=[kenya], regions=[Region.objects.get(code="I")]),
    )
    activity.refresh_from_db()
    assert activity.total_participants == 22
    assert round(activity.female_share, 1) == 54.5
    assert activity.mandate == "2/COP.14 para 2(c)"
    assert sorted(activity.languages.values_list("code", flat=True)) == ["en", "fr"]
    assert list(activity.partners.all()) == [partner]
    assert list(activity.countries.values_list("iso3", flat=True)) == ["KEN"]
    assert activity.history.count() == 1 and activity.history.first().history_user == secretariat_user


def test_gm_staff_may_record_activities(gm_user):
    assert capacity_activity_create(user=gm_user, data=valid_data()).pk


@pytest.mark.parametrize("user_fixture", ["nfp_kenya", "coordinator_africa", "api_reader"])
def test_others_may_not_create_and_nothing_is_written(request, user_fixture):
    with pytest.raises(PermissionDenied):
        capacity_activity_create(user=request.getfixturevalue(user_fixture), data=valid_data())
    assert not CapacityBuildingActivity.objects.exists()


def test_an_outcome_fills_in_its_objective(secretariat_user):
    activity = capacity_activity_create(
        user=secretariat_user, data=valid_data(outcome=sf_outcome("SO3", "3.1"))
    )
    assert activity.objective.code == "SO3"


def test_an_outcome_of_another_objective_is_refused(secretariat_user):
    so1 = Objective.objects.get(framework__code="sf-2018-2030", code="SO1")
    with pytest.raises(ValidationError) as error:
        capacity_activity_create(
            user=secretariat_user, data=valid_data(objective=so1, outcome=sf_outcome("SO3", "3.1"))
        )
    assert "belongs to objective SO3, not to SO1" in error.value.message_dict["outcome"][0]
    assert not CapacityBuildingActivity.objects.exists()


@pytest.mark.parametrize(
    ("changes", "field", "text"),
    [
        ({"mandate_decision": "decision two"}, "mandate_decision", "e.g. 2/COP.14"),
        ({"mandate_decision": "", "mandate_paragraph": "para 1(a)"}, "mandate_decision", "Name the decision"),
        ({"languages": []}, "languages", "at least one language"),
        ({"end_date": datetime.date(2021, 5, 1)}, "__all__", "cannot end before it starts"),
        ({"participants_male": -3}, "participants_male", "cannot be negative"),
        ({"kind": "picnic"}, "kind", "not a valid choice"),
    ],
)
def test_invalid_data_is_refused_with_a_clear_message(secretariat_user, changes, field, text):
    with pytest.raises(ValidationError) as error:
        capacity_activity_create(user=secretariat_user, data=valid_data(**changes))
    assert text in " ".join(error.value.message_dict[field])
    assert not CapacityBuildingActivity.objects.exists()


def test_dates_must_fall_in_the_biennium(secretariat_user):
    biennium = BienniumFactory(start_year=2026)
    with pytest.raises(ValidationError) as error:
        capacity_activity_create(user=secretariat_user, data=valid_data(biennium=biennium))
    assert "do not fall in the biennium 2026-2027" in error.value.message_dict["biennium"][0]


def test_a_second_activity_with_the_same_title_and_start_is_refused(secretariat_user):
    capacity_activity_create(user=secretariat_user, data=valid_data())
    with pytest.raises(ValidationError) as error:
        capacity_activity_create(user=secretariat_user, data=valid_data())
    assert "already starts on this date" in str(error.value)
    assert CapacityBuildingActivity.objects.count() == 1


def test_update_changes_only_the_fields_given(secretariat_user, gm_user):
    activity = capacity_activity_create(user=secretariat_user, data=valid_data())
    capacity_activity_update(
        user=gm_user, activity=activity, data={"participants_male": 11, "format": "hybrid"}
    )
    activity.refresh_from_db()
    assert (activity.participants_male, activity.format, activity.title) == (
        11,
        "hybrid",
        "Drought toolkit training for SADC",
    )
    assert sorted(activity.languages.values_list("code", flat=True)) == ["en", "fr"]
    assert activity.history.count() == 2


def test_update_by_a_focal_point_is_refused_and_changes_nothing(secretariat_user, nfp_kenya):
    activity = capacity_activity_create(user=secretariat_user, data=valid_data())
    with pytest.raises(PermissionDenied):
        capacity_activity_update(user=nfp_kenya, activity=activity, data={"participants_male": 99})
    activity.refresh_from_db()
    assert activity.participants_male == 9


def test_invalid_update_keeps_the_stored_values(secretariat_user):
    activity = capacity_activity_create(user=secretariat_user, data=valid_data())
    with pytest.raises(ValidationError):
        capacity_activity_update(
            user=secretariat_user, activity=activity, data={"languages": [], "title": "X"}
        )
    activity.refresh_from_db()
    assert activity.title == "Drought toolkit training for SADC" and activity.languages.count() == 2


@pytest.mark.parametrize(
    ("values", "constraint"),
    [
        ({"end_date": datetime.date(2026, 3, 1)}, "capacity_activity_end_after_start"),
        ({"outcome_id": None, "objective": None}, None),
    ],
)
def test_database_constraints_hold_without_the_service(values, constraint):
    if constraint is None:
        outcome = sf_outcome("SO1", "1.1")
        values = {"outcome": outcome, "objective": None}
        constraint = "capacity_activity_outcome_has_objective"
    with pytest.raises(IntegrityError) as error, transaction.atomic():
        CapacityBuildingActivity.objects.create(
            kind="webinar", title="T", start_date=datetime.date(2026, 3, 10), format="online", **values
        )
    assert constraint in str(error.value) or "CHECK constraint failed" in str(error.value)


def test_negative_participants_are_refused_by_the_database():
    with pytest.raises(IntegrityError), transaction.atomic():
        CapacityBuildingActivity.objects.create(
            kind="webinar",
            title="T",
            start_date=datetime.date(2026, 3, 10),
            format="online",
            participants_female=-1,
        )


# --- the summary selector: hand-made data, expected values -------------------------------------


@pytest.fixture
def activities_2026():
    """Three activities in 2026-2027 and one in 2020 that no 2026 summary may count."""
    kenya, china, germany = (Country.objects.get(iso3=code) for code in ("KEN", "CHN", "DEU"))
    biennium = BienniumFactory(start_year=2026)
    first = CapacityBuildingActivityFactory(
        kind="webinar",
        participants_female=30,
        participants_male=10,
        participants_other=0,
        languages=["en", "fr"],
    )
    first.countries.set([kenya, china])
    second = CapacityBuildingActivityFactory(
        kind="webinar",
        start_date=datetime.date(2027, 1, 5),
        end_date=None,
        format="hybrid",
        participants_female=5,
        participants_male=15,
        participants_other=5,
        languages=["zh"],
    )
    second.countries.set([china, germany])
    CapacityBuildingActivityFactory(
        kind="media_training",
        start_date=datetime.date(2025, 11, 1),
        end_date=datetime.date(2026, 2, 1),
        format="in_person",
        participants_other=7,
        languages=["ar"],
    )
    old = CapacityBuildingActivityFactory(
        kind="essay_contest", start_date=datetime.date(2020, 6, 1), end_date=datetime.date(2020, 10, 1)
    )
    old.countries.set([kenya])
    return biennium


def test_summary_counts_activities_participants_languages_and_parties(activities_2026):
    summary = capacity_building_summary(biennium=activities_2026)
    assert summary["totals"] == {
        "activities": 3,
        "female": 35,
        "male": 25,
        "other": 12,
        "total": 72,
        "female_share": 48.6,
    }
    assert [
        (row["kind"], row["activities"], row["total"], row["female_share"]) for row in summary["by_type"]
    ] == [
        ("webinar", 2, 65, 53.8),
        ("media_training", 1, 7, None),
    ]
    assert {row["format"]: row["activities"] for row in summary["by_format"]} == {
        "in_person": 1,
        "online": 1,
        "hybrid": 1,
    }
    assert {row["code"]: row["activities"] for row in summary["languages"]} == {
        "ar": 1,
        "zh": 1,
        "en": 1,
        "fr": 1,
        "ru": 0,
        "es": 0,
    }
    assert summary["countries_reached"] == 3
    assert [(row["region"], row["countries"]) for row in summary["countries_by_region"]] == [
        ("I", 1),
        ("II", 1),
        ("", 1),
    ]


def test_summary_for_a_date_range_and_with_nothing_recorded(activities_2026):
    summary = capacity_building_summary(start=datetime.date(2020, 1, 1), end=datetime.date(2020, 12, 31))
    assert summary["totals"]["activities"] == 1 and summary["countries_reached"] == 1
    empty = capacity_building_summary(start=datetime.date(2010, 1, 1), end=datetime.date(2010, 12, 31))
    assert empty["totals"] == {
        "activities": 0,
        "female": 0,
        "male": 0,
        "other": 0,
        "total": 0,
        "female_share": None,
    }
    assert empty["by_type"] == [] and empty["countries_reached"] == 0


def test_summary_runs_a_fixed_number_of_queries(activities_2026):
    from tests.conftest import count_queries

    few = count_queries(lambda: capacity_building_summary(biennium=activities_2026))
    for index in range(6):
        activity = CapacityBuildingActivityFactory(languages=["ru", "es"], participants_female=index)
        activity.countries.set(Country.objects.all()[:5])
    assert count_queries(lambda: capacity_building_summary(biennium=activities_2026)) == few


def test_share_of_women_is_unknown_when_no_gender_was_recorded():
    activity = CapacityBuildingActivityFactory(participants_other=175)
    assert activity.total_participants == 175 and activity.female_share is None
    activity = CapacityBuildingActivityFactory(
        participants_female=1, participants_male=2, participants_other=1
    )
    assert activity.female_share == 25.0


def test_seed_004_demo_activities_are_valid_and_reload_without_changes():
    from unccd_portal.demo import workprogramme_capacity as demo_capacity

    count = demo_capacity.load()
    activities = CapacityBuildingActivity.objects.all()
    assert activities.count() == count
    for activity in activities:
        activity.full_clean()  # field lengths too, which SQLite would not enforce
        assert activity.languages.exists()
    essay = activities.get(title="Global essay contest 'Health and land'")
    assert (essay.participants_other, essay.mandate_decision) == (175, "2/COP.14")
    history = CapacityBuildingActivity.history.count()
    assert demo_capacity.load() == count and CapacityBuildingActivity.history.count() == history
