"""Journey: the interface switched to Chinese and to Arabic (right to left)."""

from .conftest import log_in


def switch_language(page, code: str) -> None:
    with page.expect_navigation():
        page.select_option("#language-select", code)


def test_home_page_in_chinese_and_arabic(page):
    page.goto("/")
    assert page.get_attribute("html", "dir") == "ltr"
    switch_language(page, "zh-hans")
    assert page.get_attribute("html", "lang") == "zh-hans"
    switch_language(page, "ar")
    assert page.get_attribute("html", "dir") == "rtl"
    assert "bootstrap.rtl" in page.inner_html("head")


def test_logged_in_nfp_sees_home_in_chinese(page):
    log_in(page, "nfp-kenya")
    switch_language(page, "zh-hans")
    assert page.get_attribute("html", "lang") == "zh-hans"
    assert "肯尼亚" in page.inner_text("main")
