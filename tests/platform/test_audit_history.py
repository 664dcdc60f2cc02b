"""Audit history: every record a user can change through a form, the API or the admin keeps who changed
it, when and what (django-simple-history), unless it is exempt here with a reason; publishing,
withdrawing and the secretariat's bulk import leave history rows naming the user."""

import importlib
import inspect

import pytest
from django import forms
from django.apps import apps
from django.contrib import admin
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import RequestFactory
from django.utils import timezone
from rest_framework import serializers
from simple_history.models import registered_models

from accounts.models import User
from core.history import history_rows
from regions import services as regions_services
from regions.models import Country, Region
from reporting.services import snapshot_row_update
from tests.factories import (
    BienniumFactory,
    BudgetLineFactory,
    CommitteeAnnualReportFactory,
    CommitteeMeetingFactory,
    HostInstitutionFactory,
    NetworkFactory,
    PartnershipFactory,
    RegionalCommitteeFactory,
    ReportFactory,
    ReportingCycleFactory,
    api_token_for,
)
from workprogramme.models import Indicator, Observation, ReportingCycleIndicator, Submission
from workprogramme.services import reporting_cycle_update, submission_start

PORTAL_APPS = ("accounts", "regions", "workprogramme", "reporting")

ADMIN_ONLY = (
    "edited only by superusers in the Django admin (no portal form or API writes it), whose log "
    "(LogEntry) records who changed it, when and which fields; reference rows are loaded from the "
    "project's data files, reviewed in git"
)
# Models a user can change that keep no audit history of their own, and why.
EXEMPT = {
    "accounts.User": "accounts: roles and scopes are given by services whose own records keep history "
    "(nominations, focal points); otherwise " + ADMIN_ONLY + "; no password hash is copied into history",
    "reporting.BudgetLine": "rows of a finance snapshot: an import replaces thousands at once; the "
    "snapshot's history records each import and each row's addition, change (old -> new) or removal",
    "reporting.Post": "rows of a staffing snapshot, recorded in its history like budget lines",
    "accounts.Notification": "written by the service of the event it tells (whose own record keeps "
    "history), never edited; its recipient only marks it read, which it records itself (read_at)",
    "workprogramme.ObservationExport": "a user's request for a download, not a record of the portal: it "
    "keeps who asked, when, with which filters, and what it wrote",
    "workprogramme.ReminderSent": "written by the reminder task (once per Party and reminder), not by a "
    "portal user; otherwise " + ADMIN_ONLY,
    **dict.fromkeys(
        (
            "regions.Region",
            "regions.Subregion",
            "regions.OrganisationalUnit",
            "workprogramme.ResultsFramework",
            "workprogramme.Objective",
            "workprogramme.Outcome",
            "workprogramme.Indicator",
            "workprogramme.Biennium",
            "workprogramme.Language",
            "workprogramme.RegionalFunction",
            "workprogramme.WorkProgramme",
            "workprogramme.ExpectedAccomplishment",
            "workprogramme.PerformanceIndicator",
            "workprogramme.PerformanceData",
            "reporting.StaffGrade",
            "reporting.FundingSource",
            "reporting.ObjectOfExpenditure",
            "reporting.BudgetHolder",
        ),
        ADMIN_ONLY,
    ),
}


def _ours(model) -> bool:
    return model._meta.app_label in PORTAL_APPS


def _admin_write_models() -> set:
    request = RequestFactory().get("/admin/")
    request.user = User(is_superuser=True, is_staff=True, is_active=True)
    return {
        model
        for model, model_admin in admin.site._registry.items()
        if _ours(model)
        and (model_admin.has_add_permission(request) or model_admin.has_change_permission(request))
    }


def _subclasses(cls):
    for sub in cls.__subclasses__():
        yield sub
        yield from _subclasses(sub)


def _form_models() -> set:
    for app in PORTAL_APPS:
        importlib.import_module(f"{app}.forms")
    return {
        form._meta.model
        for form in _subclasses(forms.ModelForm)
        if getattr(form._meta, "model", None) is not None and _ours(form._meta.model)
    }


def _api_write_models() -> set:
    """The models of every API viewset with a write (create, update, delete, or a custom action that is
    not a GET), with the models of the serializers it writes through."""
    models = set()
    for app in PORTAL_APPS:
        router = getattr(importlib.import_module(f"{app}.api.urls"), "router", None)
        for _prefix, viewset, _basename in router.registry if router else []:
            writers = [
                extra.kwargs.get("serializer_class")
                for extra in viewset.get_extra_actions()
                if set(extra.mapping) - {"get", "head", "options"}
            ]
            if any(hasattr(viewset, name) for name in ("create", "update", "partial_update", "destroy")):
                writers.append(viewset.serializer_class)
            if not writers:
                continue
            models.add(viewset.queryset.model)
            models.update(
                writer.Meta.model
                for writer in writers
                if inspect.isclass(writer) and issubclass(writer, serializers.ModelSerializer)
            )
    return {model for model in models if _ours(model)}


def _history_kept(model) -> bool:
    return model._meta.db_table in registered_models


def _write_path_models() -> set:
    return _admin_write_models() | _form_models() | _api_write_models()


def test_every_model_a_user_can_change_keeps_history_or_is_exempt_with_a_reason():
    missing = sorted(
        model._meta.label
        for model in _write_path_models()
        if not _history_kept(model) and model._meta.label not in EXEMPT
    )
    assert not missing, f"these models keep no audit history: {missing}"


def test_the_exemptions_are_current():
    labels = {model._meta.label for model in _write_path_models()}
    for label, reason in EXEMPT.items():
        assert label in labels, f"{label} is exempt but no form, API or admin writes it"
        assert not _history_kept(apps.get_model(label)), f"{label} keeps history: drop the exemption"
        assert len(reason) > 20


def test_the_records_of_the_issue_keep_history():
    for label in (
        "regions.CommitteeAnnualReport",
        "regions.CommitteeMeeting",
        "regions.Country",
        "regions.ThematicProgrammeNetwork",
        "regions.Partnership",
        "regions.HostInstitution",
        "regions.RegionalCommittee",
        "regions.RegionalOffice",
        "regions.MemorandumOfUnderstanding",
        "workprogramme.SubmissionEvidence",
        "workprogramme.Target",
        "reporting.Report",
    ):
        assert _history_kept(apps.get_model(label)), label


# --- publish, unpublish, import: history rows naming the user ------------------------------------------


def _token_client(api_client, user):
    api_client.credentials(HTTP_AUTHORIZATION=f"Token {api_token_for(user)}")
    return api_client


def test_publishing_withdraws_the_previous_version_with_a_history_row_naming_the_user(
    api_client, secretariat_user
):
    biennium = BienniumFactory(start_year=2018)
    first, second = ReportFactory(biennium=biennium, version=1), ReportFactory(biennium=biennium, version=2)
    client = _token_client(api_client, secretariat_user)  # token, not session: DRF's user is recorded
    assert client.post(f"/api/v1/reports/{first.pk}/publish/").status_code == 200
    assert client.post(f"/api/v1/reports/{second.pk}/publish/").status_code == 200
    withdrawn = first.history.order_by("-history_date", "-history_id").first()
    assert (withdrawn.published, withdrawn.history_user) == (False, secretariat_user)
    published = second.history.order_by("-history_date", "-history_id").first()
    assert (published.published, published.history_user) == (True, secretariat_user)
    assert [h.published for h in first.history.order_by("history_date", "history_id")] == [False, True, False]


def test_unpublishing_leaves_a_history_row_naming_the_user(client, secretariat_user):
    report = ReportFactory(published=True, published_at=timezone.now())
    client.force_login(secretariat_user)
    client.post(f"/reports/{report.pk}/unpublish/")
    latest = report.history.order_by("-history_date", "-history_id").first()
    assert (latest.published, latest.history_user) == (False, secretariat_user)


def test_the_bulk_import_bumps_versions_with_history_rows_naming_the_user(
    api_client, secretariat_user, nfp_kenya
):
    indicators = [
        Indicator.objects.get(outcome__objective__framework__code="sf-2018-2030", code=code)
        for code in ("1.1", "5.2")
    ]
    cycle = ReportingCycleFactory(
        code="audit-2026", biennium=BienniumFactory(start_year=2026), indicators=indicators
    )
    draft = submission_start(cycle=cycle, country=nfp_kenya.country, user=nfp_kenya)
    version = Submission.objects.get(pk=draft.pk).version
    upload = SimpleUploadedFile(
        "bulk.csv", b"Country,Indicator,Value,Source,Narrative\nKEN,5.2,4,,\nETH,1.1,yes,,\n"
    )
    response = _token_client(api_client, secretariat_user).post(
        f"/api/v1/reporting-cycles/{cycle.code}/import/", {"file": upload}, format="multipart"
    )
    assert response.status_code == 200, response.content
    kenya = Submission.objects.get(pk=draft.pk)
    assert kenya.version == version + 1
    bump = kenya.history.order_by("-history_date", "-history_id").first()
    assert (bump.version, bump.history_user) == (version + 1, secretariat_user)
    value = Observation.history.filter(submission_id=draft.pk, indicator=indicators[1]).order_by(
        "-history_id"
    )
    assert (value.first().raw_value, value.first().history_user) == ("4", secretariat_user)
    ethiopia = Submission.objects.get(cycle=cycle, country__iso3="ETH")
    assert {h.history_user for h in ethiopia.history.all()} == {secretariat_user}


# --- the detail pages show the history -----------------------------------------------------------------


def _change(kind: str, user):
    """Change one record of `kind` through its service; returns the page that shows its history."""
    if kind == "host_institution":
        obj = HostInstitutionFactory()
        regions_services.host_institution_update(
            user=user, host_institution=obj, data={"website": "https://a.example"}
        )
    elif kind == "committee":
        obj = RegionalCommitteeFactory()
        regions_services.regional_committee_update(
            user=user, committee=obj, data={"name": "Renamed committee"}
        )
    elif kind == "meeting":
        obj = CommitteeMeetingFactory()
        regions_services.committee_meeting_update(user=user, meeting=obj, data={"place": "Renamed place"})
    elif kind == "committee_report":
        obj = CommitteeAnnualReportFactory()
        regions_services.committee_report_update(user=user, report=obj, data={"text": "Renamed text"})
    elif kind == "network":
        obj = NetworkFactory()
        regions_services.network_update(user=user, network=obj, data={"theme": "Renamed theme"})
    elif kind == "partnership":
        obj = PartnershipFactory()
        africa = Region.objects.get(code="I")
        regions_services.partnership_update(user=user, partnership=obj, data={"regions": [africa]})
    else:
        obj = Country.objects.get(iso3="KEN")
        regions_services.country_update(user=user, country=obj, data={"is_sids": True})
    return obj


@pytest.mark.parametrize(
    "kind",
    ["host_institution", "committee", "meeting", "committee_report", "network", "partnership", "country"],
)
def test_detail_pages_show_who_changed_what(client, secretariat_user, kind):
    obj = _change(kind, secretariat_user)
    client.force_login(secretariat_user)
    page = client.get(obj.get_absolute_url()).content.decode()
    assert "Change history" in page and str(secretariat_user) in page
    latest = obj.history.order_by("-history_date", "-history_id").first()
    assert latest.history_user == secretariat_user


def test_partnership_history_names_the_regions(client, secretariat_user):
    obj = _change("partnership", secretariat_user)
    rows = history_rows(obj)
    assert any(
        change["new"] == str(Region.objects.get(code="I")) for row in rows for change in row["changes"]
    ), rows


def test_the_public_party_page_shows_history_to_its_editors_only(client, secretariat_user, nfp_kenya):
    kenya = _change("country", secretariat_user)
    assert "Change history" not in client.get(kenya.get_absolute_url()).content.decode()
    client.force_login(nfp_kenya)
    assert "Change history" not in client.get(kenya.get_absolute_url()).content.decode()


def test_a_snapshot_row_edit_is_recorded_in_the_snapshot_history(client, secretariat_user):
    line = BudgetLineFactory(approved=100)
    snapshot_row_update(user=secretariat_user, row=line, data={"approved": 250})
    latest = line.snapshot.history.order_by("-history_date", "-history_id").first()
    assert latest.history_user == secretariat_user
    assert "approved: 100 → 250" in latest.history_change_reason, latest.history_change_reason
    client.force_login(secretariat_user)
    page = client.get(f"/reports/data/finance/{line.snapshot_id}/").content.decode()
    assert latest.history_change_reason in page


def test_a_cycles_indicator_list_changes_leave_history_rows_naming_the_user(secretariat_user):
    framework = "sf-2018-2030"
    first, second = (
        Indicator.objects.get(outcome__objective__framework__code=framework, code=code)
        for code in ("1.1", "5.2")
    )
    cycle = ReportingCycleFactory(code="audit-links", indicators=[first])
    reporting_cycle_update(user=secretariat_user, cycle=cycle, data={"indicators": [second]})
    added = ReportingCycleIndicator.history.get(cycle_id=cycle.pk, indicator=second, history_type="+")
    assert added.history_user == secretariat_user
    assert ReportingCycleIndicator.history.filter(
        cycle_id=cycle.pk, indicator=first, history_type="-"
    ).exists()


def test_reloading_unchanged_reference_data_records_no_change_to_the_parties(db):
    from regions.services import regions_load_reference_data

    before = Country.history.count()
    regions_load_reference_data()
    assert Country.history.count() == before
