"""Browser tests: Playwright driving Debian's Chromium against a live test server.

Each test leaves a screenshot of its final page in test-artifacts/ (kept on failure too).
"""

import os
import re
import shutil
from pathlib import Path

import pytest
from django.core.management import call_command

from unccd_portal.demo import accounts as demo_accounts

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

pytestmark = pytest.mark.browser


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail("Chromium is missing: `make test` installs it with apt-get (package chromium).")
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; the ORM calls made by the
    # test itself (fixtures, assertions) are still synchronous and safe here.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
            yield browser
            browser.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def demo_site(transactional_db, reference_data):
    """Reference data plus demo accounts (password 'unccd-demo') in the live server's database."""
    call_command("load_reference_data", verbosity=0)
    demo_accounts.load()


@pytest.fixture
def page(browser, live_server, demo_site, request):
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
    context.set_default_timeout(15_000)
    page = context.new_page()
    yield page
    ARTIFACTS.mkdir(exist_ok=True)
    name = re.sub(r"[^A-Za-z0-9_.-]+", "_", request.node.name)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
    context.close()


def log_in(page, username: str, password: str = demo_accounts.DEMO_PASSWORD) -> None:
    page.goto("/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("main button[type=submit]")
    page.wait_for_url("**/accounts/home/")


def switch_user(page, username: str) -> None:
    """Another person at the same browser: forget the session, then log in as `username`."""
    page.context.clear_cookies()
    log_in(page, username)


def open_from_menu(page, menu: str, link: str) -> None:
    """Open a page through the header: the app's drop-down menu, then the entry."""
    navigation = page.get_by_role("navigation", name="Main navigation")
    navigation.get_by_role("button", name=menu, exact=True).click()
    navigation.get_by_role("link", name=link, exact=True).click()
