"""Deadline reminders to Parties that have not handed in: 14 and 3 days before, and the day after.

A Party owes every open cycle's report, so Parties that never started one are reminded too,
like those with an open draft or a returned report.
"""

import datetime

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext

from accounts.models import User
from core.roles import COUNTRY_ROLES
from regions.models import Country

from ..choices import EDITABLE_SUBMISSION_STATES, ReminderKind, ReportingCycleState
from ..models import ReminderSent, ReportingCycle, Submission

# Days from the deadline (negative: after it) on which each reminder goes out.
REMINDER_OFFSETS = {ReminderKind.DAYS_14: 14, ReminderKind.DAYS_3: 3, ReminderKind.OVERDUE: -1}


def reminders_due(*, today: datetime.date) -> list[tuple[int, int, str]]:
    """(cycle id, country id, reminder kind) due today for every Party that has not handed in."""
    due = []
    for kind, offset in REMINDER_OFFSETS.items():
        deadline = today + datetime.timedelta(days=offset)
        for cycle_id in ReportingCycle.objects.filter(
            deadline=deadline, state=ReportingCycleState.OPEN
        ).values_list("pk", flat=True):
            handed_in = Submission.objects.filter(cycle_id=cycle_id, country=OuterRef("pk")).exclude(
                state__in=EDITABLE_SUBMISSION_STATES
            )
            already_sent = ReminderSent.objects.filter(cycle_id=cycle_id, country=OuterRef("pk"), kind=kind)
            countries = (
                Country.objects.exclude(Exists(handed_in))
                .exclude(Exists(already_sent))
                .order_by("pk")
                .values_list("pk", flat=True)
            )
            due.extend((cycle_id, country_id, kind) for country_id in countries)
    return due


def _message(cycle: ReportingCycle, country: Country, submission: Submission | None, kind: str):
    """Subject and body in the active language."""
    names = {"country": country.name, "cycle": cycle.title, "deadline": date_format(cycle.deadline)}
    if kind == ReminderKind.OVERDUE:
        subject = gettext("Overdue: %(country)s's report for %(cycle)s") % names
        lead = gettext("The deadline of %(deadline)s has passed and the report is not yet handed in.") % names
    else:
        names["days"] = REMINDER_OFFSETS[kind]
        subject = gettext("Reminder: %(country)s's report for %(cycle)s is due in %(days)s days") % names
        lead = gettext("The report is due on %(deadline)s.") % names
    state = submission.get_state_display() if submission else gettext("not started")
    body = "\n\n".join(
        [
            gettext("Dear focal point,"),
            lead + "\n" + gettext("Its current state: %(state)s.") % {"state": state},
            gettext("Please complete it and submit it through the portal."),
            gettext("UNCCD secretariat"),
        ]
    )
    return subject, body


def _send_in_each_language(cycle, country, submission, kind: str, recipients: list[tuple[str, str]]) -> None:
    """One message per interface language, so that each focal point reads it in theirs."""
    by_language: dict[str, list[str]] = {}
    for email, language in recipients:
        by_language.setdefault(language or settings.LANGUAGE_CODE, []).append(email)
    for language, emails in sorted(by_language.items()):
        with translation.override(language):
            subject, body = _message(cycle, country, submission, kind)
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, sorted(emails))


@transaction.atomic
def country_send_reminder(*, cycle_id: int, country_id: int, kind: str) -> bool:
    """E-mail a Party's focal points once per cycle and kind; False if sent already, handed in or closed."""
    cycle = ReportingCycle.objects.select_for_update().get(pk=cycle_id)
    country = Country.objects.get(pk=country_id)
    submission = Submission.objects.filter(cycle=cycle, country=country).first()
    if cycle.state != ReportingCycleState.OPEN or (submission and not submission.is_editable_state):
        return False
    if ReminderSent.objects.filter(cycle=cycle, country=country, kind=kind).exists():
        return False
    recipients = sorted(
        set(
            User.objects.filter(country=country, groups__name__in=COUNTRY_ROLES, is_active=True)
            .exclude(email="")
            .values_list("email", "preferred_language")
        )
    )
    try:
        with transaction.atomic():
            ReminderSent.objects.create(
                cycle=cycle,
                country=country,
                kind=kind,
                sent_at=timezone.now(),
                recipients=", ".join(email for email, _language in recipients),
            )
    except IntegrityError:
        return False  # another worker recorded it first
    # Sent inside the transaction: if sending fails the record rolls back and the retry sends it.
    _send_in_each_language(cycle, country, submission, kind, recipients)
    return True
