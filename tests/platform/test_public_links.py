"""Issue 14.6: no link on a public page leads an anonymous visitor to the login page.

The test crawls the portal as an anonymous visitor from the home page, following every link of every
public page it reaches (a few URLs per route, so that 197 Party pages do not make 197 visits), and
asserts that no link answers with a redirect to the login page."""

import re
from collections import Counter
from urllib.parse import urljoin, urlsplit

import pytest
from django.urls import Resolver404, resolve

from tests.factories import ReportFactory, SubmissionFactory

LINK = re.compile(r'<a\b[^>]*\bhref="([^"#]+)"', re.IGNORECASE)
# Where a link may go without being a page of the portal to crawl: static files, the admin, the API
# (it answers 401 with a body, never the login page), language switching, and the sign-in pages.
NOT_CRAWLED = ("/static/", "/media/", "/admin/", "/api/", "/i18n/")
SIGN_IN_ROUTES = {"accounts:login", "account_login", "accounts:password_reset", "openid_connect_login"}
PER_ROUTE = 3
MAX_PAGES = 250


def _route(path: str) -> str | None:
    try:
        return resolve(path).view_name
    except Resolver404:
        return None


def crawl(client, starts: tuple[str, ...]) -> tuple[set, list]:
    """Every page reached, and every (page, link) pair whose link sends to the login page."""
    seen, queue, per_route, to_login = set(starts), list(starts), Counter(), []
    visited = set()
    while queue and len(visited) < MAX_PAGES:
        page = queue.pop(0)
        response = client.get(page)
        visited.add(page)
        assert not (response.status_code == 302 and "/accounts/login/" in response["Location"]), page
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        for href in LINK.findall(response.content.decode()):
            href = href.replace("&amp;", "&")
            url = urlsplit(urljoin(page, href))
            if url.netloc not in ("", "testserver") or url.scheme not in ("", "http"):
                continue
            target = url.path + (f"?{url.query}" if url.query else "")
            if target in seen or url.path.startswith(NOT_CRAWLED):
                continue
            seen.add(target)
            route = _route(url.path)
            if route in SIGN_IN_ROUTES:
                continue
            per_route[route] += 1
            if per_route[route] > PER_ROUTE:
                continue
            answer = client.get(target)
            if answer.status_code in (301, 302) and "/accounts/login/" in answer.get("Location", ""):
                to_login.append((page, target))
            elif answer.status_code == 200:
                queue.append(target)
    return visited, to_login


@pytest.fixture
def public_data(db, kenya):
    """What puts links on the public pages: a published report, a validated national report."""
    ReportFactory(published=True)
    SubmissionFactory(state="validated", country=kenya)


def test_no_public_link_leads_to_the_login_page(client, public_data):
    # The home page, and Kenya's pages (the crawl visits only a few of the 197 Parties' own).
    visited, to_login = crawl(client, ("/", "/regions/parties/KEN/", "/reports/dashboard/parties/KEN/"))
    assert "/reports/dashboard/" in visited and "/regions/parties/KEN/" in visited
    assert len(visited) > 30
    assert to_login == [], "public links that send anonymous visitors to the login page"


def test_party_page_links_its_national_reports_to_the_public_page(client, kenya):
    page = client.get("/regions/parties/KEN/").content.decode()
    assert 'href="/reports/dashboard/parties/KEN/"' in page
    assert "/results/countries/KEN/" not in page  # login only
