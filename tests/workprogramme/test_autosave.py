"""Autosave of a draft: the edit page posts itself in the background (`autosave`), through the same
form and save service as "Save draft", with the version check; the answer is JSON."""

import pytest
from django.urls import reverse

from workprogramme.models import Submission

from .conftest import sf_indicator

pytestmark = pytest.mark.django_db


def autosave(client, submission, version, value):
    url = reverse("workprogramme:submission_edit", args=[submission.pk])
    return client.post(url, {"version": version, f"value_{sf_indicator('5.2').pk}": value, "autosave": "1"})


def test_autosave_saves_the_draft_and_answers_the_new_version(client, kenya_draft, nfp_kenya):
    client.force_login(nfp_kenya)
    response = autosave(client, kenya_draft, kenya_draft.version, "7")
    assert response.status_code == 200
    body = response.json()
    kenya_draft.refresh_from_db()
    assert body["version"] == kenya_draft.version and "saved_at" in body
    assert kenya_draft.observations.get(indicator=sf_indicator("5.2")).raw_value == "7"
    # The next autosave, with the version answered, saves again.
    assert autosave(client, kenya_draft, body["version"], "8").status_code == 200


def test_autosave_never_overwrites_a_newer_version(client, kenya_draft, nfp_kenya, stc_kenya):
    opened = kenya_draft.version
    client.force_login(stc_kenya)
    assert autosave(client, kenya_draft, opened, "5").status_code == 200
    client.force_login(nfp_kenya)
    response = autosave(client, kenya_draft, opened, "9")
    assert response.status_code == 409 and "Someone else saved" in response.json()["detail"]
    assert kenya_draft.observations.get(indicator=sf_indicator("5.2")).raw_value == "5"


def test_autosave_of_a_handed_in_report_is_a_conflict(client, kenya_draft, nfp_kenya):
    Submission.objects.filter(pk=kenya_draft.pk).update(state="submitted")
    client.force_login(nfp_kenya)
    assert autosave(client, kenya_draft, kenya_draft.version, "9").status_code == 409


@pytest.mark.parametrize(
    ("who", "expected"),
    [(None, 302), ("nfp_china", 404), ("coordinator_africa", 403), ("api_reader", 404)],
)
def test_who_may_not_autosave(request, client, kenya_draft, who, expected):
    if who:
        client.force_login(request.getfixturevalue(who))
    assert autosave(client, kenya_draft, kenya_draft.version, "9").status_code == expected
    assert Submission.objects.get(pk=kenya_draft.pk).version == kenya_draft.version


def test_the_edit_page_keeps_input_and_autosaves(client, kenya_draft, nfp_kenya, settings):
    settings.SUBMISSION_AUTOSAVE_SECONDS = 45
    client.force_login(nfp_kenya)
    page = client.get(reverse("workprogramme:submission_edit", args=[kenya_draft.pk])).content.decode()
    assert "data-keep-input" in page and 'data-autosave-seconds="45"' in page
    assert 'id="autosave-status"' in page
