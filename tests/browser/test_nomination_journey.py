"""Journey 4: the NFP nominates the country's STC with a letter and a CV; the secretariat accepts."""

import re
from pathlib import Path

from playwright.sync_api import expect

from accounts.models import User
from core.roles import Role, has_role
from regions.models import FocalPoint

from .conftest import log_in, open_from_menu, switch_user

NOMINEE_EMAIL = "grace.muthoni@kefri.example.org"


def small_pdf(text: str) -> bytes:
    """A valid one-page PDF 1.4 showing `text` (ASCII), with a correct cross-reference table."""
    stream = f"BT /F1 14 Tf 72 720 Td ({text}) Tj ET".encode("ascii")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
        b"/Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def pdf_file(name: str, text: str) -> dict:
    return {"name": name, "mimeType": "application/pdf", "buffer": small_pdf(text)}


def test_nfp_nominates_stc_and_secretariat_accepts(page, demo_site):
    log_in(page, "nfp-kenya")
    open_from_menu(page, "Regions", "Regional mechanism")
    page.get_by_role("link", name="Nominate our STC").click()
    page.fill("#id_first_name", "Grace")
    page.fill("#id_last_name", "Muthoni")
    page.fill("#id_email", NOMINEE_EMAIL)
    page.fill("#id_organisation", "Kenya Forestry Research Institute")
    page.fill("#id_languages", "English, Kiswahili")
    page.set_input_files("#id_nomination_letter", files=[pdf_file("letter.pdf", "Nomination of Dr Muthoni")])
    page.set_input_files("#id_cv", files=[pdf_file("cv-muthoni.pdf", "Curriculum vitae: Grace Muthoni")])
    page.get_by_role("button", name="Submit to the secretariat").click()
    expect(page.locator("h1")).to_contain_text("Grace Muthoni")
    expect(page.locator("main")).to_contain_text("Submitted")
    expect(page.get_by_role("link", name="Download")).to_have_count(2)  # letter and CV stored

    # The secretariat opens the nomination and accepts it.
    switch_user(page, "secretariat")
    page.goto("/regions/mechanism/")
    page.locator("main").get_by_role("link", name="Nominations", exact=True).click()
    page.get_by_role("link", name=re.compile("Grace Muthoni")).click()
    with page.expect_download() as cv:
        page.locator("dt:text-is('CV') + dd").get_by_role("link", name="Download").click()
    assert Path(cv.value.path()).read_bytes().startswith(b"%PDF-1.4")
    page.get_by_role("button", name="Accept").click()
    expect(page.locator(".messages")).to_contain_text("the nominee now holds the role")

    # The nominee is Kenya's STC: a focal point in office and an account with the role.
    page.locator("dt:text-is('Focal point') + dd").get_by_role("link", name="View").click()
    expect(page.locator("main")).to_contain_text("Science and technology correspondent")
    switch_user(page, "nfp-kenya")
    page.goto("/regions/parties/KEN/")
    row = page.locator("main table tr", has_text="Grace Muthoni")
    expect(row).to_contain_text("Science and technology correspondent")
    expect(row).to_contain_text("in office")
    nominee = User.objects.get(email=NOMINEE_EMAIL)
    assert has_role(nominee, Role.STC) and nominee.country.iso3 == "KEN"
    assert FocalPoint.objects.filter(user=nominee, role="stc", end_date__isnull=True).exists()
