"""One rule for every write path: a closed cycle and a validated report refuse the web form, the
values API, the XLSX template (page and API), evidence and the secretariat's bulk import (page and
API) alike, with the reason (the API: 409, as for every InvalidTransition), and nothing changes."""

import datetime

import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from core.roles import Role
from tests.factories import UserFactory, api_token_for
from workprogramme.models import Observation, ReportingCycle, Submission

from .conftest import sf_indicator
from .test_spreadsheets import XLSX_TYPE, bulk_csv, edited_template

pytestmark = pytest.mark.django_db

LOCKS = {
    "closed cycle": (
        "The reporting cycle 'Progress report prog-2026' is closed: its reports can no longer be changed."
    ),
    "validated": "The report of Kenya is validated and can no longer be edited.",
}


def lock(submission: Submission, how: str) -> None:
    if how == "closed cycle":
        ReportingCycle.objects.filter(pk=submission.cycle_id).update(state="closed")
    else:
        Submission.objects.filter(pk=submission.pk).update(
            state="validated", validated_at=datetime.datetime.now(datetime.UTC)
        )


def snapshot(submission: Submission):
    """Everything a refused write could have changed: values, sources, narratives, version, history."""
    fresh = Submission.objects.get(pk=submission.pk)
    return (
        sorted(
            Observation.objects.filter(submission=submission).values_list(
                "indicator__code", "raw_value", "source"
            )
        ),
        sorted(fresh.reported_indicators.values_list("indicator__code", "narrative")),
        fresh.version,
        fresh.evidence.count(),
        Submission.history.filter(id=submission.pk).count(),
        Submission.objects.filter(cycle=submission.cycle).count(),
    )


def token_client(api_client, user):
    api_client.credentials(HTTP_AUTHORIZATION=f"Token {api_token_for(user)}")
    return api_client


def messages_of(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def by_form(client, api_client, submission, nfp, secretariat):
    client.force_login(nfp)
    key = sf_indicator("5.2").pk
    response = client.post(
        reverse("workprogramme:submission_edit", args=[submission.pk]),
        {"version": submission.version, f"value_{key}": "99", f"source_{key}": "national"},
    )
    assert response.status_code == 302 and response.url == submission.get_absolute_url()
    return messages_of(response)


def by_values_api(client, api_client, submission, nfp, secretariat):
    response = token_client(api_client, nfp).post(
        f"/api/v1/submissions/{submission.pk}/values/",
        {"version": submission.version, "values": [{"indicator": sf_indicator("5.2").pk, "value": "99"}]},
        format="json",
    )
    assert response.status_code == 409
    return [response.json()["detail"]]


def template_file(submission):
    return SimpleUploadedFile(
        "report.xlsx", edited_template(submission, {"5.2": (99, "National data")}), content_type=XLSX_TYPE
    )


def by_xlsx_page(client, api_client, submission, nfp, secretariat, file=None):
    client.force_login(nfp)
    response = client.post(
        reverse("workprogramme:submission_upload", args=[submission.pk]),
        {"version": submission.version, "file": file},
    )
    assert response.status_code == 302 and response.url == submission.get_absolute_url()
    return messages_of(response)


def by_xlsx_api(client, api_client, submission, nfp, secretariat, file=None):
    response = token_client(api_client, nfp).post(
        f"/api/v1/submissions/{submission.pk}/import/",
        {"version": submission.version, "file": file},
        format="multipart",
    )
    assert response.status_code == 409
    return [response.json()["detail"]]


def by_evidence_api(client, api_client, submission, nfp, secretariat):
    response = token_client(api_client, nfp).post(
        f"/api/v1/submissions/{submission.pk}/evidence/",
        {"title": "Inventory", "file": SimpleUploadedFile("inventory.pdf", b"%PDF-1.4\n%%EOF\n")},
        format="multipart",
    )
    assert response.status_code == 409
    return [response.json()["detail"]]


def by_bulk_page(client, api_client, submission, nfp, secretariat):
    client.force_login(secretariat)
    response = client.post(
        reverse("workprogramme:cycle_import", args=[submission.cycle.code]),
        {"file": bulk_csv(["ETH,5.2,4,,", "KEN,5.2,99,,"])},
    )
    assert response.status_code == 200
    return response.context["row_errors"] + list(response.context["form"].non_field_errors())


def by_bulk_api(client, api_client, submission, nfp, secretariat):
    response = token_client(api_client, secretariat).post(
        f"/api/v1/reporting-cycles/{submission.cycle.code}/import/",
        {"file": bulk_csv(["ETH,5.2,4,,", "KEN,5.2,99,,"])},
        format="multipart",
    )
    assert response.status_code == 409
    return [response.json()["detail"]]


PATHS = {
    "form": by_form,
    "values API": by_values_api,
    "XLSX page": by_xlsx_page,
    "XLSX API": by_xlsx_api,
    "evidence API": by_evidence_api,
    "bulk import page": by_bulk_page,
    "bulk import API": by_bulk_api,
}


@pytest.mark.parametrize("how", LOCKS)
@pytest.mark.parametrize("path", PATHS)
def test_a_locked_report_refuses_every_path(
    path, how, client, api_client, kenya_draft, nfp_kenya, secretariat_user
):
    write = PATHS[path]
    extra = {"file": template_file(kenya_draft)} if path.startswith("XLSX") else {}
    lock(kenya_draft, how)
    before = snapshot(kenya_draft)

    said = write(client, api_client, kenya_draft, nfp_kenya, secretariat_user, **extra)

    assert LOCKS[how] in said
    assert snapshot(kenya_draft) == before


def test_the_same_paths_write_while_the_report_is_open(client, api_client, kenya_draft, nfp_kenya):
    """The counterpart: the lock, not the request, is what the refusals above test."""
    key = sf_indicator("5.2").pk
    response = token_client(api_client, nfp_kenya).post(
        f"/api/v1/submissions/{kenya_draft.pk}/values/",
        {"version": kenya_draft.version, "values": [{"indicator": key, "value": "7"}]},
        format="json",
    )
    assert response.status_code == 200
    submission = Submission.objects.get(pk=kenya_draft.pk)
    client.force_login(nfp_kenya)
    response = client.post(
        reverse("workprogramme:submission_upload", args=[kenya_draft.pk]),
        {"version": submission.version, "file": template_file(submission)},
    )
    assert response.status_code == 302 and response.url.endswith("/edit/")
    assert Observation.objects.get(submission=kenya_draft, indicator_id=key).raw_value == "99"


def test_the_bulk_import_refuses_a_closed_cycle_before_reading_the_file(api_client, cycle, secretariat_user):
    cycle.state = "closed"
    cycle.save()
    response = token_client(api_client, secretariat_user).post(
        f"/api/v1/reporting-cycles/{cycle.code}/import/",
        {"file": SimpleUploadedFile("bulk.csv", b"not,a,header\n")},
        format="multipart",
    )
    assert response.status_code == 409 and "is closed" in response.json()["detail"]
    assert not Submission.objects.filter(cycle=cycle).exists()


@pytest.mark.parametrize("role", [None, Role.NATIONAL_FOCAL_POINT, Role.API_READER])
def test_who_may_not_bulk_import_is_refused_before_the_cycle_state(api_client, cycle, kenya, role):
    """Anonymous 401, a country's NFP and the API reader 403, on a closed cycle too: no state leaks."""
    cycle.state = "closed"
    cycle.save()
    if role:
        token_client(api_client, UserFactory(role=role, country=kenya if role != Role.API_READER else None))
    response = api_client.post(
        f"/api/v1/reporting-cycles/{cycle.code}/import/",
        {"file": bulk_csv(["KEN,5.2,4,,"])},
        format="multipart",
    )
    assert response.status_code == (401 if role is None else 403)
    assert not Submission.objects.filter(cycle=cycle).exists()


def test_another_countrys_nfp_cannot_write_a_locked_report_either(api_client, kenya_draft, china):
    lock(kenya_draft, "closed cycle")
    before = snapshot(kenya_draft)
    response = token_client(api_client, UserFactory(role=Role.NATIONAL_FOCAL_POINT, country=china)).post(
        f"/api/v1/submissions/{kenya_draft.pk}/values/",
        {"version": kenya_draft.version, "values": [{"indicator": sf_indicator("5.2").pk, "value": "99"}]},
        format="json",
    )
    assert response.status_code == 404
    assert snapshot(kenya_draft) == before
