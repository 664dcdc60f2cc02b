"""Fixtures of the workprogramme tests: an open cycle asking for four Strategic Framework indicators,
and the national tables (SO1-1 land cover, 7 classes x 4 years; SO3-1 drought, 5 classes x 8 years)
with Kenya's default land-cover data."""

import pytest

from tests.factories import BienniumFactory, ReportingCycleFactory, SubmissionFactory, default_table
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


def national(code: str) -> Indicator:
    """A national table indicator of the 2018-2030 framework (reference data), e.g. SO1-1."""
    return Indicator.objects.get(outcome__code__endswith=".PI", code=code)


# Default land cover (km², fictitious) for 2000, 2015, 2019, 2023: every year adds up to 580,367 km².
LAND_COVER_DEFAULTS = {
    "LAND_COVER=TREE": [36000, 35500, 35000, 34500],
    "LAND_COVER=GRASS": [299000, 299500, 300000, 300500],
    "LAND_COVER=CROP": [120000, 120000, 120000, 120000],
    "LAND_COVER=WETLAND": [5000, 5000, 5000, 5000],
    "LAND_COVER=ARTIFICIAL": [4000, 4000, 4000, 4000],
    "LAND_COVER=OTHER": [105000, 105000, 105000, 105000],
    "LAND_COVER=WATER": [11367, 11367, 11367, 11367],
}
LAND_AREA = 580367


def land_cover_defaults(country, **options):
    """Kenya-like default land-cover data for `country` (options: `dataset`)."""
    return default_table(national("SO1-1"), LAND_COVER_DEFAULTS, country=country, **options)


@pytest.fixture
def table_cycle(db):
    """Open cycle "prais-2026" asking for SO1-1 (land cover, required), SO3-1 (drought, optional) and
    the scalar 5.2 (number of projects, optional)."""
    cycle = ReportingCycleFactory(
        code="prais-2026",
        biennium=BienniumFactory(start_year=2026),
        indicators=[national("SO1-1"), national("SO3-1"), sf_indicator("5.2")],
    )
    cycle.cycle_indicators.exclude(indicator__code="SO1-1").update(is_required=False)
    return cycle


@pytest.fixture
def kenya_defaults(kenya):
    return land_cover_defaults(kenya)


@pytest.fixture
def kenya_table_draft(table_cycle, kenya_defaults, nfp_kenya):
    from workprogramme.services import submission_start

    return submission_start(cycle=table_cycle, country=nfp_kenya.country, user=nfp_kenya)


__all__ = ["SubmissionFactory", "national", "sf_indicator"]
