"""Fixtures of the workprogramme tests: an open cycle asking for four Strategic Framework indicators."""

import pytest

from tests.factories import BienniumFactory, ReportingCycleFactory, SubmissionFactory
from workprogramme.models import Indicator


def sf_indicator(code: str) -> Indicator:
    return Indicator.objects.get(outcome__objective__framework__code="sf-2018-2030", code=code)


@pytest.fixture
def cycle(db):
    """Asks for 1.1 (yes/no), 5.2 (number), 2.2 (yes/no) and 1.2 (yes/no), all required."""
    return ReportingCycleFactory(
        code="prog-2026",
        biennium=BienniumFactory(start_year=2026),
        indicators=[sf_indicator("1.1"), sf_indicator("5.2"), sf_indicator("2.2"), sf_indicator("1.2")],
    )


@pytest.fixture
def kenya_draft(cycle, nfp_kenya):
    from workprogramme.services import submission_start

    return submission_start(cycle=cycle, country=nfp_kenya.country, user=nfp_kenya)


@pytest.fixture
def complete_entries():
    return {
        sf_indicator("1.1").pk: {"value": "yes", "source": "national", "narrative": "Targets set in 2018."},
        sf_indicator("5.2").pk: {"value": "3", "source": "estimate"},
        sf_indicator("2.2").pk: {"value": "no", "source": "national"},
        sf_indicator("1.2").pk: {"value": "yes", "source": "default"},
    }


__all__ = ["SubmissionFactory", "sf_indicator"]
