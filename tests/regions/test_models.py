"""Database constraints of the regional mechanism: each refuses bad rows even without the services."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from regions.models import CommitteeMembership, FocalPoint, MemorandumOfUnderstanding, Nomination
from tests.factories import (
    CommitteeAnnualReportFactory,
    CommitteeMembershipFactory,
    FocalPointFactory,
    MoUFactory,
    NominationFactory,
    RegionalCommitteeFactory,
)

pytestmark = pytest.mark.django_db

D = datetime.date


def refused(make) -> bool:
    try:
        with transaction.atomic():
            make()
    except IntegrityError:
        return True
    return False


def test_one_active_nfp_per_country(kenya):
    FocalPointFactory(country=kenya, role="nfp")
    assert refused(lambda: FocalPointFactory(country=kenya, role="nfp"))
    # An NFP whose term ended, another country's NFP and several STCs are all fine.
    FocalPointFactory(country=kenya, role="nfp", start_date=D(2010, 1, 1), end_date=D(2012, 1, 1))
    FocalPointFactory(country=kenya, role="stc")
    FocalPointFactory(country=kenya, role="stc")
    assert FocalPoint.objects.filter(country=kenya).count() == 4


def test_second_active_nfp_has_a_clear_message(kenya):
    FocalPointFactory(country=kenya, role="nfp")
    duplicate = FocalPoint(
        country=kenya, role="nfp", first_name="A", last_name="B", email="a@b.org", start_date=D(2023, 1, 1)
    )
    with pytest.raises(ValidationError, match="already has an active national focal point"):
        duplicate.full_clean()


def test_focal_point_and_membership_cannot_end_before_they_start(kenya):
    assert refused(lambda: FocalPointFactory(start_date=D(2024, 1, 1), end_date=D(2023, 1, 1)))
    assert refused(lambda: CommitteeMembershipFactory(start_date=D(2024, 1, 1), end_date=D(2023, 1, 1)))
    assert not FocalPoint.objects.exists() and not CommitteeMembership.objects.exists()


def test_one_open_membership_per_country_and_committee(kenya):
    committee = RegionalCommitteeFactory()
    CommitteeMembershipFactory(committee=committee, country=kenya, start_date=D(2024, 1, 1))
    assert refused(
        lambda: CommitteeMembershipFactory(committee=committee, country=kenya, start_date=D(2025, 1, 1))
    )
    assert refused(
        lambda: CommitteeMembershipFactory(
            committee=committee, country=kenya, start_date=D(2024, 1, 1), end_date=D(2024, 6, 1)
        )
    )
    assert CommitteeMembership.objects.count() == 1


def test_one_annual_report_per_committee_and_year():
    committee = RegionalCommitteeFactory()
    CommitteeAnnualReportFactory(committee=committee, year=2024)
    assert refused(lambda: CommitteeAnnualReportFactory(committee=committee, year=2024))
    CommitteeAnnualReportFactory(committee=committee, year=2025)


def test_published_report_records_its_date():
    assert refused(lambda: CommitteeAnnualReportFactory(status="published", published_at=None))


def test_mou_needs_a_host_and_a_valid_period():
    assert refused(lambda: MoUFactory(host_institution=None, host_country=None))
    assert refused(lambda: MoUFactory(valid_from=D(2024, 1, 1), valid_to=D(2023, 1, 1)))
    assert refused(lambda: MoUFactory(status="in_force", signed_on=None))
    assert not MemorandumOfUnderstanding.objects.exists()


def test_nomination_states_record_their_steps():
    assert refused(
        lambda: NominationFactory(
            status="rejected",
            rejection_reason="",
            submitted_at="2025-01-01T00:00Z",
            decided_at="2025-01-02T00:00Z",
        )
    )
    assert refused(lambda: NominationFactory(status="submitted", submitted_at=None))
    assert refused(
        lambda: NominationFactory(status="accepted", submitted_at="2025-01-01T00:00Z", decided_at=None)
    )
    assert not Nomination.objects.exists()


def test_mou_expiry_state():
    mou = MemorandumOfUnderstanding(valid_from=D(2020, 1, 1), valid_to=D(2026, 3, 1))
    assert mou.expiry_state(today=D(2025, 1, 1)) is None
    assert mou.expiry_state(today=D(2026, 1, 1)) == "expiring"
    assert mou.expiry_state(today=D(2026, 3, 2)) == "expired"
    assert MemorandumOfUnderstanding(valid_from=D(2020, 1, 1)).expiry_state() is None


def test_every_model_has_a_readable_name(kenya):
    assert "Kenya" in str(FocalPointFactory(country=kenya, first_name="Ada", last_name="Lovelace"))
    assert "nomination of Nominee" in str(NominationFactory())
    assert "Annex I" in str(CommitteeAnnualReportFactory(year=2024))
