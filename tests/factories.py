"""factory_boy factories for the portal's models."""

import datetime

import factory
from factory.django import DjangoModelFactory

from accounts.models import User
from accounts.services import user_assign_role
from regions.models import Country
from workprogramme.models import Indicator, Objective

TEST_PASSWORD = "correct horse battery staple"


class UserFactory(DjangoModelFactory):
    """A user; pass `role=` (and `country=` or `region=`) to give them a role."""

    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.org")
    password = factory.django.Password(TEST_PASSWORD)

    @factory.post_generation
    def role(user, create, role, **kwargs):
        if role:
            user_assign_role(user=user, role=role, country=user.country, region=user.region)


# --- workprogramme --------------------------------------------------------------------------


class BienniumFactory(DjangoModelFactory):
    """A biennium; `start_year` sets its code and dates."""

    class Meta:
        model = "workprogramme.Biennium"
        django_get_or_create = ("code",)

    class Params:
        start_year = 2018

    code = factory.LazyAttribute(lambda o: f"{o.start_year}-{o.start_year + 1}")
    start_date = factory.LazyAttribute(lambda o: datetime.date(o.start_year, 1, 1))
    end_date = factory.LazyAttribute(lambda o: datetime.date(o.start_year + 1, 12, 31))
    state = "running"


class ReportingCycleFactory(DjangoModelFactory):
    """An open reporting cycle; pass `indicators=[...]` (Indicator objects) to ask for them."""

    class Meta:
        model = "workprogramme.ReportingCycle"
        skip_postgeneration_save = True

    biennium = factory.SubFactory(BienniumFactory)
    code = factory.Sequence(lambda n: f"cycle-{n}")
    title = factory.LazyAttribute(lambda o: f"Progress report {o.code}")
    opens_on = factory.LazyFunction(lambda: datetime.date.today() - datetime.timedelta(days=30))
    deadline = factory.LazyFunction(lambda: datetime.date.today() + datetime.timedelta(days=30))
    state = "open"

    @factory.post_generation
    def indicators(cycle, create, indicators, **kwargs):
        from workprogramme.models import ReportingCycleIndicator

        for order, indicator in enumerate(indicators or [], start=1):
            ReportingCycleIndicator.objects.create(cycle=cycle, indicator=indicator, order=order)


class SubmissionFactory(DjangoModelFactory):
    class Meta:
        model = "workprogramme.Submission"

    cycle = factory.SubFactory(ReportingCycleFactory)
    country = factory.LazyFunction(lambda: Country.objects.get(iso3="KEN"))
    state = "draft"
    validated_at = factory.LazyAttribute(
        lambda o: datetime.datetime.now(datetime.UTC) if o.state == "validated" else None
    )


class SubmissionIndicatorFactory(DjangoModelFactory):
    """An indicator a submission reports (its narrative and reviewer comment)."""

    class Meta:
        model = "workprogramme.SubmissionIndicator"
        django_get_or_create = ("submission", "indicator")

    submission = factory.SubFactory(SubmissionFactory)
    indicator = factory.LazyFunction(
        lambda: Indicator.objects.get(outcome__objective__code="SO1", code="1.1")
    )


class ObservationFactory(DjangoModelFactory):
    """A value of a submission: by default the scalar value "yes" of indicator 1.1, national data.

    Also makes sure the submission reports the indicator; `narrative=` sets the indicator's narrative.
    """

    class Meta:
        model = "workprogramme.Observation"
        skip_postgeneration_save = True

    submission = factory.SubFactory(SubmissionFactory)
    indicator = factory.LazyFunction(
        lambda: Indicator.objects.get(outcome__objective__code="SO1", code="1.1")
    )
    raw_value = "yes"
    boolean_value = True
    source = "national"

    @factory.post_generation
    def narrative(observation, create, narrative, **kwargs):
        entry = SubmissionIndicatorFactory(submission=observation.submission, indicator=observation.indicator)
        if narrative is not None:
            entry.narrative = narrative
            entry.save(update_fields=["narrative"])


class DataSourceFactory(DjangoModelFactory):
    class Meta:
        model = "workprogramme.DataSource"

    submission = factory.SubFactory(SubmissionFactory)
    title = factory.Sequence(lambda n: f"National land-cover map {n}")
    link = "https://example.org/land-cover"
    publisher = "National mapping agency"


class DefaultDatasetFactory(DjangoModelFactory):
    """A fictitious default dataset; fill it with `default_table(...)` or DefaultObservationFactory."""

    class Meta:
        model = "workprogramme.DefaultDataset"

    code = factory.Sequence(lambda n: f"esa-cci-test-{n}")
    name = "ESA CCI land cover (test)"
    version = "2.1"
    licence = "CC BY 4.0"
    is_fictitious = True


class DefaultObservationFactory(DjangoModelFactory):
    class Meta:
        model = "workprogramme.DefaultObservation"

    dataset = factory.SubFactory(DefaultDatasetFactory)
    country = factory.LazyFunction(lambda: Country.objects.get(iso3="KEN"))
    indicator = factory.LazyFunction(lambda: Indicator.objects.get(code="SO1-1"))
    time_period = "2019"
    key = "LAND_COVER=TREE"
    members = factory.LazyAttribute(lambda o: dict(part.split("=") for part in o.key.split(";") if part))
    value = 1000


def default_table(indicator, values: dict[str, list], *, country=None, dataset=None, periods=None):
    """Default data of a whole table: `values` maps a row's key ("LAND_COVER=TREE") to one value per
    time period (the indicator's, or `periods`). Returns the dataset."""
    from workprogramme.models import DefaultObservation

    dataset = dataset or DefaultDatasetFactory()
    country = country or Country.objects.get(iso3="KEN")
    periods = periods or [p for p in indicator.time_periods.split(",") if p] or [""]
    DefaultObservation.objects.bulk_create(
        DefaultObservation(
            dataset=dataset,
            country=country,
            indicator=indicator,
            time_period=period,
            key=key,
            members=dict(part.split("=") for part in key.split(";") if part),
            value=value,
        )
        for key, row in values.items()
        for period, value in zip(periods, row, strict=True)
    )
    return dataset


class TargetFactory(DjangoModelFactory):
    class Meta:
        model = "workprogramme.Target"

    indicator = factory.LazyFunction(
        lambda: Indicator.objects.get(outcome__objective__code="SO1", code="1.1")
    )
    biennium = factory.SubFactory(BienniumFactory)
    level = "global"
    value = 100


class WorkProgrammeFactory(DjangoModelFactory):
    class Meta:
        model = "workprogramme.WorkProgramme"
        django_get_or_create = ("biennium", "kind")

    biennium = factory.SubFactory(BienniumFactory)
    kind = "joint"
    title = factory.LazyAttribute(lambda o: f"Joint work programme {o.biennium.code}")


class ExpectedAccomplishmentFactory(DjangoModelFactory):
    class Meta:
        model = "workprogramme.ExpectedAccomplishment"

    work_programme = factory.SubFactory(WorkProgrammeFactory)
    objective = factory.LazyFunction(lambda: Objective.objects.get(code="OO1"))
    code = factory.Sequence(lambda n: f"1.{n}")
    text = "Relevant forums are made aware of financing sustainable land management."
    order = factory.Sequence(lambda n: n)


class PerformanceDataFactory(DjangoModelFactory):
    class Meta:
        model = "workprogramme.PerformanceData"

    expected_accomplishment = factory.SubFactory(ExpectedAccomplishmentFactory)
    text = "A joint communiqué was issued."
    order = factory.Sequence(lambda n: n)


class CapacityBuildingActivityFactory(DjangoModelFactory):
    """A capacity-building activity; `languages=["en", "fr"]` (codes) sets its languages (default English)."""

    class Meta:
        model = "workprogramme.CapacityBuildingActivity"
        skip_postgeneration_save = True

    kind = "webinar"
    title = factory.Sequence(lambda n: f"Webinar on sustainable land management {n}")
    start_date = datetime.date(2026, 3, 10)
    end_date = datetime.date(2026, 3, 10)
    format = "online"
    mandate_decision = "2/COP.14"
    mandate_paragraph = "para 1(a)"

    @factory.post_generation
    def languages(activity, create, codes, **kwargs):
        from workprogramme.models import Language

        activity.languages.set(Language.objects.filter(code__in=codes or ["en"]))


# --- reporting ------------------------------------------------------------------------------


class FinanceSnapshotFactory(DjangoModelFactory):
    """Finance data of a biennium at a cut-off (31 May of the biennium's second year)."""

    class Meta:
        model = "reporting.FinanceSnapshot"
        django_get_or_create = ("biennium", "cutoff_date")

    biennium = factory.SubFactory(BienniumFactory)
    cutoff_date = factory.LazyAttribute(lambda o: datetime.date(o.biennium.end_date.year, 5, 31))


class BudgetLineFactory(DjangoModelFactory):
    """A core-fund budget line; pass codes with `fund__code`, or objects."""

    class Meta:
        model = "reporting.BudgetLine"

    snapshot = factory.SubFactory(FinanceSnapshotFactory)
    fund = factory.LazyFunction(lambda: _reporting_ref("FundingSource", "core"))
    budget_holder = factory.LazyFunction(lambda: _reporting_ref("BudgetHolder", "EDM"))
    object_of_expenditure = factory.LazyFunction(lambda: _reporting_ref("ObjectOfExpenditure", "staff"))
    approved = 1000
    expenditure = 600
    forecast = 300


class PostSnapshotFactory(DjangoModelFactory):
    class Meta:
        model = "reporting.PostSnapshot"
        django_get_or_create = ("biennium", "cutoff_date")

    biennium = factory.SubFactory(BienniumFactory)
    cutoff_date = factory.LazyAttribute(lambda o: datetime.date(o.biennium.end_date.year, 5, 31))


class PostFactory(DjangoModelFactory):
    """A filled, approved core P-4 post in STI."""

    class Meta:
        model = "reporting.Post"

    snapshot = factory.SubFactory(PostSnapshotFactory)
    post_number = factory.Sequence(lambda n: f"POST-{n:04d}")
    grade = factory.LazyFunction(lambda: _reporting_ref("StaffGrade", "P-4"))
    unit = factory.LazyFunction(lambda: _reporting_ref("OrganisationalUnit", "STI", app="regions"))
    funding_source = factory.LazyFunction(lambda: _reporting_ref("FundingSource", "core"))
    approved = True
    filled = True
    gender = "female"
    regional_group = "weog"


class ReportFactory(DjangoModelFactory):
    """A complete, unpublished biennial report version with one small table."""

    class Meta:
        model = "reporting.Report"

    kind = "biennial_performance"
    biennium = factory.SubFactory(BienniumFactory)
    cutoff_date = factory.LazyAttribute(lambda o: datetime.date(o.biennium.end_date.year, 5, 31))
    version = factory.Sequence(lambda n: n + 1)
    status = "complete"
    progress = 100
    tables = factory.LazyFunction(
        lambda: [
            {
                "number": 1,
                "key": "demo",
                "title": "Demo",
                "unit": "EUR",
                "columns": [{"key": "approved", "label": "Approved", "kind": "amount"}],
                "rows": [{"label": "A", "style": "line", "cells": [1000]}],
                "footnotes": [],
                "notes": [],
                "summary": {},
            }
        ]
    )


def _reporting_ref(model: str, code: str, app: str = "reporting"):
    from django.apps import apps

    return apps.get_model(app, model).objects.get(code=code)


# --- regions: the regional coordination mechanism (issue 3) ---------------------------------


def regions_region(code: str):
    from regions.models import Region

    return Region.objects.get(code=code)


def regions_country(iso3: str):
    from regions.models import Country

    return Country.objects.get(iso3=iso3)


def regions_pdf(name: str = "document.pdf", size: int = 0):
    """A small upload whose content is a real PDF header (optionally padded to `size` bytes)."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    content = b"%PDF-1.4\n% test document\n%%EOF\n"
    return SimpleUploadedFile(
        name, content + b"0" * max(0, size - len(content)), content_type="application/pdf"
    )


class HostInstitutionFactory(DjangoModelFactory):
    class Meta:
        model = "regions.HostInstitution"

    name = factory.Sequence(lambda n: f"Host institution {n}")
    kind = "development_bank"
    country = factory.LazyFunction(lambda: regions_country("CIV"))


class RegionalOfficeFactory(DjangoModelFactory):
    class Meta:
        model = "regions.RegionalOffice"

    region = factory.LazyFunction(lambda: regions_region("I"))
    name = factory.Sequence(lambda n: f"Regional office {n}")
    host_institution = factory.SubFactory(HostInstitutionFactory)
    city = "Abidjan"
    status = "operating"


class MoUFactory(DjangoModelFactory):
    class Meta:
        model = "regions.MemorandumOfUnderstanding"

    title = factory.Sequence(lambda n: f"Memorandum {n}")
    office = factory.SubFactory(RegionalOfficeFactory)
    host_institution = factory.LazyAttribute(lambda mou: mou.office.host_institution)
    signed_on = factory.LazyFunction(lambda: datetime.date(2020, 1, 1))
    valid_from = factory.LazyFunction(lambda: datetime.date(2020, 1, 1))
    valid_to = factory.LazyFunction(lambda: datetime.date(2035, 12, 31))
    status = "in_force"


class RegionalCommitteeFactory(DjangoModelFactory):
    class Meta:
        model = "regions.RegionalCommittee"
        django_get_or_create = ("region",)

    region = factory.LazyFunction(lambda: regions_region("I"))
    name = factory.LazyAttribute(lambda committee: f"Regional committee of Annex {committee.region.code}")


class CommitteeMembershipFactory(DjangoModelFactory):
    class Meta:
        model = "regions.CommitteeMembership"

    committee = factory.SubFactory(RegionalCommitteeFactory)
    country = factory.LazyFunction(lambda: regions_country("KEN"))
    role = "member"
    start_date = factory.LazyFunction(lambda: datetime.date(2024, 1, 1))


class CommitteeMeetingFactory(DjangoModelFactory):
    class Meta:
        model = "regions.CommitteeMeeting"

    committee = factory.SubFactory(RegionalCommitteeFactory)
    title = factory.Sequence(lambda n: f"Committee session {n}")
    date = factory.LazyFunction(lambda: datetime.date(2025, 10, 20))
    place = "online"


class CommitteeAnnualReportFactory(DjangoModelFactory):
    class Meta:
        model = "regions.CommitteeAnnualReport"

    committee = factory.SubFactory(RegionalCommitteeFactory)
    year = factory.Sequence(lambda n: 2000 + n % 90)
    text = "Report text."
    status = "draft"


class NetworkFactory(DjangoModelFactory):
    class Meta:
        model = "regions.ThematicProgrammeNetwork"

    region = factory.LazyFunction(lambda: regions_region("I"))
    code = factory.Sequence(lambda n: f"TPN-T{n}")
    theme = factory.Sequence(lambda n: f"Theme {n}")


class FocalPointFactory(DjangoModelFactory):
    class Meta:
        model = "regions.FocalPoint"

    country = factory.LazyFunction(lambda: regions_country("KEN"))
    role = "stc"
    first_name = "Test"
    last_name = factory.Sequence(lambda n: f"Person {n}")
    email = factory.Sequence(lambda n: f"focal.point{n}@example.org")
    start_date = factory.LazyFunction(lambda: datetime.date(2022, 1, 1))


class NominationFactory(DjangoModelFactory):
    """A draft STC nomination of Kenya with its letter and CV; pass `status=` etc. to change it."""

    class Meta:
        model = "regions.Nomination"

    country = factory.LazyFunction(lambda: regions_country("KEN"))
    role = "stc"
    first_name = "Nominee"
    last_name = factory.Sequence(lambda n: f"Candidate {n}")
    email = factory.Sequence(lambda n: f"nominee{n}@example.org")
    nomination_letter = factory.LazyFunction(lambda: regions_pdf("letter.pdf"))
    cv = factory.LazyFunction(lambda: regions_pdf("cv.pdf"))
    status = "draft"


class PartnershipFactory(DjangoModelFactory):
    class Meta:
        model = "regions.Partnership"

    partner = factory.Sequence(lambda n: f"Partner organisation {n}")
    kind = "informal"
    scope = "capacity_building"


def api_token_for(user) -> str:
    """A new API token of `user` (the service shows it once and stores only its hash)."""
    from accounts.services import token_create

    return token_create(user=user)[1]
