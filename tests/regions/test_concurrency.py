"""Overlapping terms cannot slip in through two simultaneous requests (PostgreSQL row locks)."""

import datetime
import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from regions import services
from regions.models import CommitteeMembership, Country, Region, RegionalCommittee
from tests.factories import UserFactory

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite has no row locks to race against"),
]


def test_two_simultaneous_overlapping_memberships_store_only_one(reference_data):
    from core.roles import Role

    secretariat = UserFactory(role=Role.SECRETARIAT)
    committee = RegionalCommittee.objects.create(region=Region.objects.get(code="I"), name="Committee")
    kenya = Country.objects.get(iso3="KEN")
    barrier = threading.Barrier(2)
    outcomes = []

    def add_membership(start: datetime.date, end: datetime.date):
        from django.db import connection as thread_connection

        try:
            barrier.wait(timeout=10)
            services.committee_membership_create(
                user=secretariat,
                data={"committee": committee, "country": kenya, "start_date": start, "end_date": end},
            )
            outcomes.append("saved")
        except ValidationError:
            outcomes.append("refused")
        finally:
            thread_connection.close()

    # Closed, overlapping terms: no database constraint catches these, only the service under its lock.
    terms = [
        (datetime.date(2024, 1, 1), datetime.date(2024, 12, 31)),
        (datetime.date(2024, 6, 1), datetime.date(2025, 5, 31)),
    ]
    threads = [threading.Thread(target=add_membership, args=term) for term in terms]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(outcomes) == ["refused", "saved"]
    assert CommitteeMembership.objects.filter(committee=committee, country=kenya).count() == 1
