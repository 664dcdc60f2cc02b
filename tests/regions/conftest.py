"""Fixtures of the regions tests."""

import pytest

from regions.models import Region
from tests.factories import NominationFactory, RegionalCommitteeFactory, RegionalOfficeFactory


@pytest.fixture
def africa(db):
    return Region.objects.get(code="I")


@pytest.fixture
def asia(db):
    return Region.objects.get(code="II")


@pytest.fixture
def africa_office(africa):
    return RegionalOfficeFactory(region=africa, name="Regional Coordination Unit for Africa")


@pytest.fixture
def africa_committee(africa):
    return RegionalCommitteeFactory(region=africa)


@pytest.fixture
def kenya_stc_draft(nfp_kenya):
    return NominationFactory(created_by=nfp_kenya)
