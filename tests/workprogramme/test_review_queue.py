"""Issue 14.3: the staff home page's "awaiting review" count, the list its card links to and the API
filter are one queryset (`Submission.objects.awaiting_review()`): resubmitted reports count."""

import re

import pytest
from django.urls import reverse

from regions.models import Country
from tests.factories import SubmissionFactory
from workprogramme.models import Submission

STATES = [
    "submitted",
    "submitted",
    "resubmitted",
    "resubmitted",
    "resubmitted",
    "returned",
    "draft",
    "validated",
]


@pytest.fixture
def queue(db):
    countries = Country.objects.order_by("iso3")[: len(STATES)]
    return [
        SubmissionFactory(state=state, country=country)
        for state, country in zip(STATES, countries, strict=True)
    ]


def _card(page: str) -> tuple[int, str]:
    match = re.search(
        r'href="([^"]+)" data-role="awaiting-review">\s*<div[^>]*><div class="display-6">(\d+)<', page
    )
    assert match, "the awaiting-review card"
    return int(match.group(2)), match.group(1).replace("&amp;", "&")


def test_home_count_equals_the_rows_of_the_linked_list_and_the_api(
    client, api_client, secretariat_user, queue, django_assert_max_num_queries
):
    client.force_login(secretariat_user)
    count, link = _card(client.get(reverse("accounts:home")).content.decode())
    assert count == Submission.objects.awaiting_review().count() == 5  # resubmitted ones included

    with django_assert_max_num_queries(12):
        listing = client.get(link)
    assert listing.status_code == 200
    rows = re.findall(r'href="/results/submissions/(\d+)/"', listing.content.decode())
    assert len(set(rows)) == count
    assert {int(pk) for pk in rows} == {s.pk for s in queue if s.state in ("submitted", "resubmitted")}

    api_client.force_authenticate(secretariat_user)
    with django_assert_max_num_queries(12):
        answer = api_client.get("/api/v1/submissions/?awaiting_review=true")
    assert answer.status_code == 200 and answer.json()["count"] == count
    others = api_client.get("/api/v1/submissions/?awaiting_review=false").json()["count"]
    assert others == len(STATES) - count


def test_the_filter_refuses_what_is_not_a_boolean(api_client, secretariat_user, queue):
    api_client.force_authenticate(secretariat_user)
    assert api_client.get("/api/v1/submissions/?awaiting_review=maybe").status_code == 400


def test_nfp_reads_only_its_own_queue(api_client, nfp_kenya, queue):
    api_client.force_authenticate(nfp_kenya)
    answer = api_client.get("/api/v1/submissions/?awaiting_review=true").json()
    assert all(row["country"] == "KEN" for row in answer["results"])
