"""Notifications: the inbox page and API (each user's own rows only), marking read, e-mail
preferences, and what `notify` leaves out."""

import pytest

from accounts.models import Notification, NotificationPreference
from accounts.services import notify
from tests.conftest import count_queries

pytestmark = pytest.mark.django_db


def test_the_actor_and_inactive_accounts_are_not_told(nfp_kenya, stc_kenya, eager_celery):
    stc_kenya.is_active = False
    stc_kenya.save()
    made = notify(
        recipients=[nfp_kenya, stc_kenya],
        kind="submission_validated",
        message="submission_validated",
        params={},
        actor=nfp_kenya,
    )
    assert made == [] and not Notification.objects.exists()


# --- the inbox: API and page ------------------------------------------------------------------


def notification_for(user, **fields) -> Notification:
    defaults = {
        "kind": "submission_validated",
        "message": "submission_validated",
        "params": {"country": "Kenya"},
    }
    return Notification.objects.create(recipient=user, **{**defaults, **fields})


def test_the_api_lists_only_ones_own_notifications_with_the_unread_count(api_client, nfp_kenya, nfp_china):
    mine = [notification_for(nfp_kenya) for _ in range(3)]
    notification_for(nfp_kenya, read_at=mine[0].created_at)
    theirs = notification_for(nfp_china)
    api_client.force_authenticate(nfp_kenya)
    body = api_client.get("/api/v1/notifications/").json()
    assert body["count"] == 4 and body["unread_count"] == 3
    assert theirs.pk not in [row["id"] for row in body["results"]]
    assert api_client.get(f"/api/v1/notifications/{theirs.pk}/").status_code == 404
    assert api_client.get("/api/v1/notifications/?unread=true").json()["count"] == 3


def test_marking_read_one_and_all(api_client, nfp_kenya, nfp_china):
    first, second = notification_for(nfp_kenya), notification_for(nfp_kenya)
    theirs = notification_for(nfp_china)
    api_client.force_authenticate(nfp_kenya)
    response = api_client.post(f"/api/v1/notifications/{first.pk}/read/")
    assert response.status_code == 200 and response.json()["read"] is True
    # Another user's notification: 404, and it stays unread.
    assert api_client.post(f"/api/v1/notifications/{theirs.pk}/read/").status_code == 404
    assert api_client.post("/api/v1/notifications/read-all/").json() == {"marked": 1}
    second.refresh_from_db()
    theirs.refresh_from_db()
    assert second.read_at is not None and theirs.read_at is None


def test_anonymous_visitors_get_no_notifications(api_client, client, nfp_kenya):
    notification = notification_for(nfp_kenya)
    assert api_client.get("/api/v1/notifications/").status_code in (401, 403)
    assert api_client.post(f"/api/v1/notifications/{notification.pk}/read/").status_code in (401, 403)
    assert api_client.post("/api/v1/notifications/read-all/").status_code in (401, 403)
    response = client.get("/accounts/notifications/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    notification.refresh_from_db()
    assert notification.read_at is None


def test_email_preferences_through_the_api(api_client, nfp_kenya, nfp_china):
    api_client.force_authenticate(nfp_kenya)
    assert api_client.get("/api/v1/notifications/preferences/").json()["email"]["submission_returned"] is True
    response = api_client.patch(
        "/api/v1/notifications/preferences/", {"email": {"submission_returned": False}}, format="json"
    )
    assert response.status_code == 200 and response.json()["email"]["submission_returned"] is False
    bad = api_client.patch("/api/v1/notifications/preferences/", {"email": {"gossip": False}}, format="json")
    assert bad.status_code == 400
    assert not NotificationPreference.objects.filter(user=nfp_china).exists()
    assert NotificationPreference.objects.count() == 1


def test_the_page_opens_a_notification_marks_it_read_and_refuses_others(client, nfp_kenya, nfp_china):
    mine = notification_for(nfp_kenya, link="/results/submissions/")
    theirs = notification_for(nfp_china)
    client.force_login(nfp_kenya)
    page = client.get("/accounts/notifications/")
    assert page.status_code == 200 and "Kenya&#x27;s report" in page.content.decode()
    assert 'id="unread-count"' in page.content.decode()
    response = client.post("/accounts/notifications/", {"open": theirs.pk})
    assert response.status_code == 404
    response = client.post("/accounts/notifications/", {"open": mine.pk})
    assert response.status_code == 302 and response["Location"] == "/results/submissions/"
    mine.refresh_from_db()
    theirs.refresh_from_db()
    assert mine.read_at is not None and theirs.read_at is None


def test_list_and_header_count_queries_do_not_grow_with_rows(
    client, api_client, nfp_kenya, django_assert_max_num_queries
):
    client.force_login(nfp_kenya)
    api_client.force_authenticate(nfp_kenya)
    pages = ("/accounts/notifications/", "/accounts/tokens/")  # any page: the header counts once
    notification_for(nfp_kenya)
    api_client.get("/api/v1/notifications/")  # warm up: what a first request reads once
    few = {url: count_queries(lambda url=url: client.get(url)) for url in pages}
    few["api"] = count_queries(lambda: api_client.get("/api/v1/notifications/"))
    for _ in range(30):
        notification_for(nfp_kenya)
    many = {url: count_queries(lambda url=url: client.get(url)) for url in pages}
    many["api"] = count_queries(lambda: api_client.get("/api/v1/notifications/"))
    assert many == few
    with django_assert_max_num_queries(4):
        assert api_client.get("/api/v1/notifications/").json()["unread_count"] == 31
