"""Writes on focal points, nominations and partnerships (seed 003 annex §5, seed 004 §37-46)."""

from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext

from accounts.choices import NotificationKind
from accounts.models import User
from accounts.services import notify, user_assign_role, user_get_or_create_for_email, user_revoke_role
from core.errors import InvalidTransition
from core.roles import Role
from core.scoping import ensure_permitted
from core.services import apply_data, ensure_may_change, save_validated
from core.translations import in_every_language
from core.uploads import check_documents

from ..choices import FocalPointRole, NominationStatus
from ..models import Country, FocalPoint, FocalPointHandover, Nomination, Partnership
from .committees import overlapping_terms

ACCOUNT_ROLE = {FocalPointRole.NFP: Role.NATIONAL_FOCAL_POINT, FocalPointRole.STC: Role.STC}
NOMINEE_FIELDS = (
    "title",
    "first_name",
    "last_name",
    "email",
    "phone",
    "organisation",
    "position",
    "languages",
)


def _check_nfp_overlap(focal_point: FocalPoint) -> None:
    """Refuse overlapping NFP terms of one country, holding a lock on the country row."""
    if focal_point.role != FocalPointRole.NFP or not (focal_point.country_id and focal_point.start_date):
        return
    if focal_point.end_date and focal_point.end_date < focal_point.start_date:
        raise ValidationError({"end_date": gettext("A focal point's term cannot end before it starts.")})
    Country.objects.select_for_update().filter(pk=focal_point.country_id).first()
    clash = overlapping_terms(
        FocalPoint.objects.filter(country_id=focal_point.country_id, role=FocalPointRole.NFP),
        start=focal_point.start_date,
        end=focal_point.end_date,
        exclude_pk=focal_point.pk,
    ).first()
    if clash is not None:
        raise ValidationError(
            {
                "start_date": gettext(
                    "This term overlaps that of %(name)s, national focal point of %(country)s "
                    "since %(start)s."
                )
                % {
                    "name": clash.full_name,
                    "country": focal_point.country,
                    "start": clash.start_date.isoformat(),
                }
            }
        )


def _save_focal_point(focal_point: FocalPoint, *, user: User, data: dict) -> FocalPoint:
    apply_data(focal_point, data)
    _check_nfp_overlap(focal_point)
    return save_validated(focal_point, user=user)


@transaction.atomic
def focal_point_create(*, user: User, data: dict) -> FocalPoint:
    focal_point = FocalPoint()
    ensure_may_change(user, focal_point)
    return _save_focal_point(focal_point, user=user, data=data)


@transaction.atomic
def focal_point_update(*, user: User, focal_point: FocalPoint, data: dict) -> FocalPoint:
    ensure_may_change(user, focal_point)
    return _save_focal_point(focal_point, user=user, data=data)


NOMINATION_REFUSAL = (
    "Only the secretariat nominates national focal points; a country's national focal point "
    "nominates its STC, and only for that country."
)


def _check_nomination_documents(nomination: Nomination) -> None:
    errors = {}
    if not nomination.nomination_letter:
        errors["nomination_letter"] = gettext("A nomination needs the formal nomination letter.")
    if nomination.role == FocalPointRole.STC and not nomination.cv:
        errors["cv"] = gettext("An STC nomination needs the candidate's CV (PDF, DOCX or ODT).")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def nomination_create(*, user: User, data: dict, submit: bool = False) -> Nomination:
    """Record a nomination as a draft (or submit it at once when `submit`)."""
    data = dict(data)
    if data.get("country") is None and user.country_id:
        data["country"] = user.country  # an NFP nominates for their own country
    nomination = Nomination(created_by=user)
    ensure_may_change(user, nomination, NOMINATION_REFUSAL)
    check_documents(data, "nomination_letter", "cv")
    apply_data(nomination, data)
    _check_nomination_documents(nomination)
    save_validated(nomination, user=user, message=NOMINATION_REFUSAL)
    if submit:
        nomination = nomination_submit(user=user, nomination=nomination)
    return nomination


def _locked_editable(nomination: Nomination, user: User) -> Nomination:
    locked = Nomination.objects.select_for_update().get(pk=nomination.pk)
    ensure_permitted(user, "change", locked, "You may not change this nomination.")
    return locked


@transaction.atomic
def nomination_update(*, user: User, nomination: Nomination, data: dict) -> Nomination:
    nomination = _locked_editable(nomination, user)
    if nomination.status != NominationStatus.DRAFT:
        raise InvalidTransition(
            gettext("Only a draft can be changed; this nomination is %(status)s.")
            % {"status": nomination.get_status_display()}
        )
    check_documents(data, "nomination_letter", "cv")
    apply_data(nomination, data)
    _check_nomination_documents(nomination)
    return save_validated(nomination, user=user, message=NOMINATION_REFUSAL)


@transaction.atomic
def nomination_submit(*, user: User, nomination: Nomination) -> Nomination:
    """Send a draft to the secretariat; records who submitted it and when."""
    nomination = _locked_editable(nomination, user)
    if nomination.status != NominationStatus.DRAFT:
        raise InvalidTransition(
            gettext("Only a draft can be submitted; this nomination is %(status)s.")
            % {"status": nomination.get_status_display()}
        )
    _check_nomination_documents(nomination)
    data = {"status": NominationStatus.SUBMITTED, "submitted_at": timezone.now(), "submitted_by": user}
    return save_validated(nomination, user=user, data=data)


def _nominee_account(nomination: Nomination) -> User:
    account, _ = user_get_or_create_for_email(
        email=nomination.email, first_name=nomination.first_name, last_name=nomination.last_name
    )
    if account.region_id is not None:
        raise ValidationError(
            {
                "email": gettext("The account %(username)s is scoped to a region, not a country.")
                % {"username": account.username}
            }
        )
    if account.country_id not in (None, nomination.country_id):
        raise ValidationError(
            {
                "email": gettext("The account %(username)s already acts for another country (%(country)s).")
                % {"username": account.username, "country": account.country}
            }
        )
    return account


def _end_current_nfp(nomination: Nomination, *, start: date, user: User, successor: User) -> list[tuple]:
    """End the term of the country's NFP the day before the successor starts and end their access
    (the role, and with it every session and API token: accounts.services.user_revoke_role).

    Returns (focal point, whether their account's access ended) for each term ended.
    """
    Country.objects.select_for_update().filter(pk=nomination.country_id).first()
    current = overlapping_terms(
        FocalPoint.objects.filter(country_id=nomination.country_id, role=FocalPointRole.NFP),
        start=start,
        end=None,
    ).select_related("user")
    ended = []
    for previous in current:
        if previous.start_date >= start:
            raise ValidationError(
                {
                    "proposed_start": gettext(
                        "%(name)s took office on %(start)s: the new term must start after that."
                    )
                    % {"name": previous.full_name, "start": previous.start_date.isoformat()}
                }
            )
        save_validated(previous, user=user, data={"end_date": start - timedelta(days=1)})
        access_ended = bool(previous.user_id and previous.user_id != successor.pk)
        if access_ended:
            user_revoke_role(user=previous.user, role=Role.NATIONAL_FOCAL_POINT)
        ended.append((previous, access_ended))
    return ended


def _record_handovers(
    ended: list[tuple], *, successor: FocalPoint, nomination: Nomination, user: User
) -> None:
    """Log who handed over to whom, when and by whose decision (shown on the Party page and API)."""
    for previous, access_ended in ended:
        handover = FocalPointHandover(
            country=successor.country,
            role=successor.role,
            previous=previous,
            successor=successor,
            nomination=nomination,
            handed_over_on=successor.start_date,
            recorded_at=timezone.now(),
            recorded_by=user,
            access_ended=access_ended,
        )
        save_validated(handover, user=user)


def _notify_decision(nomination: Nomination, *, user: User, nominee: User | None = None) -> None:
    """Tell the decision to whoever nominated (the NFP, for an STC) and, when accepted, to the
    nominee's account (whose link is their home page: nominees do not see nominations)."""
    accepted = nomination.status == NominationStatus.ACCEPTED
    params = {
        "nominee": f"{nomination.first_name} {nomination.last_name}",
        "role": nomination.role.upper(),
        "country": in_every_language(nomination.country, "name"),
        "start": nomination.focal_point.start_date.isoformat() if accepted else "",
        "reason": nomination.rejection_reason,
    }
    message = "nomination_accepted" if accepted else "nomination_rejected"
    nominators = {person.pk: person for person in (nomination.created_by, nomination.submitted_by) if person}
    if nominee is not None:
        nominators.pop(nominee.pk, None)
    for recipients, link in (
        (nominators.values(), reverse("regions:nomination_detail", args=[nomination.pk])),
        ([nominee] if nominee else [], reverse("accounts:home")),
    ):
        notify(
            recipients=recipients,
            kind=NotificationKind.NOMINATION_DECIDED,
            message=message,
            params=params,
            link=link,
            actor=user,
        )


@transaction.atomic
def nomination_accept(*, user: User, nomination: Nomination, start_date: date | None = None) -> Nomination:
    """Accept a submitted nomination: the nominee becomes a focal point and gets the role for the country.

    A new NFP ends the current one's term and access; the handover is logged.
    """
    nomination = Nomination.objects.select_for_update().get(pk=nomination.pk)
    ensure_permitted(user, "decide", nomination, "Only the secretariat may accept nominations.")
    if nomination.status != NominationStatus.SUBMITTED:
        raise InvalidTransition(
            gettext("Only a submitted nomination can be accepted; this one is %(status)s.")
            % {"status": nomination.get_status_display()}
        )
    start = start_date or nomination.proposed_start or timezone.localdate()
    account = _nominee_account(nomination)
    ended = []
    if nomination.role == FocalPointRole.NFP:
        ended = _end_current_nfp(nomination, start=start, user=user, successor=account)
    focal_point = FocalPoint(country=nomination.country, role=nomination.role, start_date=start, user=account)
    focal_point = _save_focal_point(
        focal_point, user=user, data={name: getattr(nomination, name) for name in NOMINEE_FIELDS}
    )
    _record_handovers(ended, successor=focal_point, nomination=nomination, user=user)
    user_assign_role(user=account, role=ACCOUNT_ROLE[nomination.role], country=nomination.country)
    if not account.has_usable_password():
        from accounts.tasks import send_password_link

        transaction.on_commit(lambda: send_password_link.delay(account.pk))
    data = {
        "status": NominationStatus.ACCEPTED,
        "decided_at": timezone.now(),
        "decided_by": user,
        "focal_point": focal_point,
    }
    nomination = save_validated(nomination, user=user, data=data)
    _notify_decision(nomination, user=user, nominee=account)
    return nomination


@transaction.atomic
def nomination_reject(*, user: User, nomination: Nomination, reason: str) -> Nomination:
    nomination = Nomination.objects.select_for_update().get(pk=nomination.pk)
    ensure_permitted(user, "decide", nomination, "Only the secretariat may reject nominations.")
    if nomination.status != NominationStatus.SUBMITTED:
        raise InvalidTransition(
            gettext("Only a submitted nomination can be rejected; this one is %(status)s.")
            % {"status": nomination.get_status_display()}
        )
    if not (reason or "").strip():
        raise ValidationError({"reason": gettext("Give the reason for rejecting the nomination.")})
    data = {
        "status": NominationStatus.REJECTED,
        "decided_at": timezone.now(),
        "decided_by": user,
        "rejection_reason": reason.strip(),
    }
    nomination = save_validated(nomination, user=user, data=data)
    _notify_decision(nomination, user=user)
    return nomination


@transaction.atomic
def partnership_create(*, user: User, data: dict) -> Partnership:
    partnership = Partnership()
    ensure_may_change(user, partnership)
    check_documents(data, "agreement")
    return save_validated(partnership, user=user, data=data)


@transaction.atomic
def partnership_update(*, user: User, partnership: Partnership, data: dict) -> Partnership:
    ensure_may_change(user, partnership)
    check_documents(data, "agreement")
    return save_validated(partnership, user=user, data=data)
