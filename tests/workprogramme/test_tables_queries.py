"""Tables are read in a fixed number of queries: the edit, detail and review pages and the submission
API answer a 7 x 4 table (SO1-1) and a 5 x 8 table (SO3-1) with the same count as a one-year column
of the same table, not a query per cell or per row."""

import pytest
from django.urls import reverse

from tests.conftest import count_queries
from tests.factories import BienniumFactory, ReportingCycleFactory, api_token_for
from workprogramme.models import Submission
from workprogramme.services import submission_start, submission_submit

from .conftest import national, sf_indicator

pytestmark = pytest.mark.django_db

# (indicators, time periods asked by the cycle: "" for the indicator's own, cells)
LAYOUTS = {
    "7x1": (["SO1-1"], "2019", 7),
    "7x4": (["SO1-1"], "", 28),
    "5x1": (["SO3-1"], "2019", 5),
    "5x8": (["SO3-1"], "", 40),
    "7x4, 5x8 and a scalar": (["SO1-1", "SO3-1", "5.2"], "", 69),
}


def draft_with(codes: list[str], periods: str, number: int, nfp):
    indicators = [sf_indicator(code) if "-" not in code else national(code) for code in codes]
    cycle = ReportingCycleFactory(code=f"tables-{number}", biennium=BienniumFactory(start_year=2026),
                                  indicators=indicators)  # fmt: skip
    cycle.cycle_indicators.update(is_required=False, time_periods=periods)
    return submission_start(cycle=cycle, country=nfp.country, user=nfp)


def test_pages_and_api_read_tables_in_a_fixed_number_of_queries(
    client, api_client, kenya_defaults, nfp_kenya, secretariat_user
):
    api_client.credentials(HTTP_AUTHORIZATION=f"Token {api_token_for(nfp_kenya)}")
    counts = {}
    for number, (layout, (codes, periods, cells)) in enumerate(LAYOUTS.items()):
        draft = draft_with(codes, periods, number, nfp_kenya)
        assert draft.observations.count() == cells
        client.force_login(nfp_kenya)
        edit = reverse("workprogramme:submission_edit", args=[draft.pk])
        detail = reverse("workprogramme:submission_detail", args=[draft.pk])
        counts[layout] = {
            "edit": count_queries(lambda url=edit: client.get(url)),
            "detail": count_queries(lambda url=detail: client.get(url)),
            "api": count_queries(lambda pk=draft.pk: api_client.get(f"/api/v1/submissions/{pk}/")),
        }
        submission_submit(submission=Submission.objects.get(pk=draft.pk), user=nfp_kenya)
        client.force_login(secretariat_user)
        review = reverse("workprogramme:submission_review", args=[draft.pk])
        counts[layout]["review"] = count_queries(lambda url=review: client.get(url))
    assert counts["7x1"] == counts["7x4"] == counts["7x4, 5x8 and a scalar"], counts
    assert counts["5x1"] == counts["5x8"], counts
    # The land-cover table alone reads the country's land area, for its rule (one query).
    assert all(counts["7x4"][page] - counts["5x8"][page] in (0, 1) for page in counts["7x4"]), counts
    # 17: the header's unread-notifications count (every signed-in page) and the evidence of each
    # indicator and cell (the detail page) are one query each.
    assert all(count <= 17 for count in counts["7x4"].values()), counts
