"""Deadline reminders: due days, once per country and kind, even when the task runs twice."""

import datetime

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format

from regions.models import Country
from tests.factories import ReportingCycleFactory, SubmissionFactory
from workprogramme import tasks
from workprogramme.models import ReminderSent, Submission, SubmissionEvidence
from workprogramme.services import country_send_reminder, reminders_due

pytestmark = pytest.mark.django_db


@pytest.fixture
def eager_celery():
    """Run .delay() in-process even when a Redis broker is configured (CI)."""
    from unccd_portal.celery import app

    previous = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = previous


@pytest.fixture
def due_in_14_days(kenya, china, nfp_kenya, stc_kenya, nfp_china):
    cycle = ReportingCycleFactory(deadline=timezone.localdate() + datetime.timedelta(days=14))
    draft = SubmissionFactory(cycle=cycle, country=kenya, state="draft")
    SubmissionFactory(cycle=cycle, country=china, state="submitted")  # handed in: no reminder
    return cycle, draft


def test_beat_task_sends_each_reminder_once(
    due_in_14_days, django_capture_on_commit_callbacks, nfp_kenya, stc_kenya, eager_celery
):
    cycle, draft = due_in_14_days
    parties_not_handed_in = Country.objects.count() - 1  # all but China
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.send_deadline_reminders() == parties_not_handed_in
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.send_deadline_reminders() == 0  # already recorded: not due again
    assert len(mail.outbox) == 1  # only Kenya has focal-point accounts with e-mail here
    assert ReminderSent.objects.filter(cycle=cycle).count() == parties_not_handed_in
    assert "due in 14 days" in mail.outbox[0].subject
    assert sorted(mail.outbox[0].to) == sorted([nfp_kenya.email, stc_kenya.email])
    assert ReminderSent.objects.filter(cycle=cycle, country=draft.country, kind="before_14").count() == 1


def test_running_the_reminder_task_twice_sends_once(due_in_14_days):
    cycle, draft = due_in_14_days
    assert tasks.send_deadline_reminder(cycle.pk, draft.country_id, "before_14") is True
    assert tasks.send_deadline_reminder(cycle.pk, draft.country_id, "before_14") is False
    assert len(mail.outbox) == 1


def test_a_party_that_never_started_is_reminded_too(kenya, nfp_kenya):
    cycle = ReportingCycleFactory(deadline=timezone.localdate() + datetime.timedelta(days=3))
    assert (cycle.pk, kenya.pk, "before_3") in reminders_due(today=timezone.localdate())
    assert country_send_reminder(cycle_id=cycle.pk, country_id=kenya.pk, kind="before_3") is True
    assert "not started" in mail.outbox[0].body and mail.outbox[0].to == [nfp_kenya.email]


def test_no_reminder_once_handed_in(due_in_14_days):
    cycle, draft = due_in_14_days
    Submission.objects.filter(pk=draft.pk).update(state="submitted")
    assert country_send_reminder(cycle_id=cycle.pk, country_id=draft.country_id, kind="before_14") is False
    assert mail.outbox == [] and not ReminderSent.objects.exists()


@pytest.mark.parametrize(("days", "kind"), [(3, "before_3"), (-1, "overdue"), (5, None)])
def test_reminder_days(kenya, days, kind):
    cycle = ReportingCycleFactory(
        deadline=timezone.localdate() + datetime.timedelta(days=days), opens_on="2020-01-01"
    )
    SubmissionFactory(cycle=cycle, country=kenya, state="returned")
    due = reminders_due(today=timezone.localdate())
    assert ((cycle.pk, kenya.pk, kind) in due) is bool(kind)
    assert len(due) == (Country.objects.count() if kind else 0)


def test_evidence_upload_checks_the_file(client, kenya_draft, nfp_kenya, nfp_china):
    url = reverse("workprogramme:submission_evidence", args=[kenya_draft.pk])
    client.force_login(nfp_kenya)
    fake = SimpleUploadedFile("report.pdf", b"MZ\x90\x00 executable")
    response = client.post(url, {"title": "Report", "file": fake})
    assert response.status_code == 200 and "not an accepted type" in response.content.decode()
    assert not SubmissionEvidence.objects.exists()
    pdf = SimpleUploadedFile("report.pdf", b"%PDF-1.4\n%%EOF\n")
    assert client.post(url, {"title": "National LDN report", "file": pdf}).status_code == 302
    evidence = SubmissionEvidence.objects.get()
    assert evidence.title == "National LDN report" and evidence.file.name.startswith(
        "workprogramme/evidence/"
    )
    client.force_login(nfp_china)
    assert (
        client.post(url, {"title": "x", "file": SimpleUploadedFile("r.pdf", b"%PDF-1.4\n")}).status_code
        == 404
    )
    assert SubmissionEvidence.objects.count() == 1


def test_evidence_files_are_served_only_to_those_who_see_the_submission(
    client, kenya_draft, nfp_kenya, nfp_china
):
    from workprogramme.services import submission_add_evidence

    evidence = submission_add_evidence(
        submission=kenya_draft,
        user=nfp_kenya,
        file=SimpleUploadedFile("r.pdf", b"%PDF-1.4\n%%EOF\n"),
        title="LDN report",
    )
    url = reverse("workprogramme:submission_evidence_file", args=[kenya_draft.pk, evidence.pk])
    client.force_login(nfp_china)
    assert client.get(url).status_code == 404
    client.force_login(nfp_kenya)
    response = client.get(url)
    assert response.status_code == 200 and b"".join(response.streaming_content).startswith(b"%PDF")


def test_each_focal_point_reads_the_reminder_in_their_language(kenya, nfp_kenya, stc_kenya):
    stc_kenya.preferred_language = "fr"
    stc_kenya.save()
    cycle = ReportingCycleFactory(deadline=timezone.localdate() + datetime.timedelta(days=3))
    assert country_send_reminder(cycle_id=cycle.pk, country_id=kenya.pk, kind="before_3") is True
    by_recipient = {message.to[0]: message for message in mail.outbox}
    assert set(by_recipient) == {nfp_kenya.email, stc_kenya.email}
    assert "due in 3 days" in by_recipient[nfp_kenya.email].subject
    # The French message is composed in French: at least its date is, whatever the catalogue holds.
    with translation.override("fr"):
        french_deadline = date_format(cycle.deadline)
    assert french_deadline in by_recipient[stc_kenya.email].body
    assert french_deadline not in by_recipient[nfp_kenya.email].body
    sent = ReminderSent.objects.get(cycle=cycle, country=kenya, kind="before_3")
    assert sorted(sent.recipients.split(", ")) == sorted([nfp_kenya.email, stc_kenya.email])
