"""Upload checks: content sniffing, size, zip bombs, generated names."""

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from core import uploads
from core.uploads import DOCUMENT_KINDS, SPREADSHEET_KINDS, validate_upload


def office_file(name: str, marker: str, extra: dict | None = None) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr(marker, "<xml/>")
        for member, content in (extra or {}).items():
            archive.writestr(member, content)
    return SimpleUploadedFile(name, buffer.getvalue())


def test_pdf_and_docx_are_accepted():
    assert (
        validate_upload(SimpleUploadedFile("cv.pdf", b"%PDF-1.7\n..."), allowed=DOCUMENT_KINDS).extension
        == "pdf"
    )
    docx = office_file("cv.docx", "word/document.xml")
    assert validate_upload(docx, allowed=DOCUMENT_KINDS).extension == "docx"


def test_odt_is_recognised_by_its_mimetype_member():
    odt = office_file("cv.odt", "content.xml", {"mimetype": uploads.ODT.mime})
    assert validate_upload(odt, allowed=DOCUMENT_KINDS).extension == "odt"


def test_content_not_extension_decides():
    fake = SimpleUploadedFile("cv.pdf", b"MZ\x90\x00 this is an executable")
    with pytest.raises(ValidationError, match="not an accepted type"):
        validate_upload(fake, allowed=DOCUMENT_KINDS)
    renamed = SimpleUploadedFile("cv.docx", b"%PDF-1.4 real pdf")
    with pytest.raises(ValidationError, match="ends in '.docx'"):
        validate_upload(renamed, allowed=DOCUMENT_KINDS)


def test_too_large_and_empty_files_are_refused():
    with pytest.raises(ValidationError, match="limit is 10 MB"):
        validate_upload(
            SimpleUploadedFile("big.pdf", b"%PDF-" + b"0" * (10 * 1024 * 1024)), allowed=DOCUMENT_KINDS
        )
    with pytest.raises(ValidationError, match="empty"):
        validate_upload(SimpleUploadedFile("empty.pdf", b""), allowed=DOCUMENT_KINDS)


def test_zip_bomb_disguised_as_xlsx_is_refused(monkeypatch):
    monkeypatch.setattr(uploads, "MAX_UNCOMPRESSED_BYTES", 1_000_000)
    bomb = office_file("values.xlsx", "xl/workbook.xml", {"xl/big.xml": "0" * 2_000_000})
    assert bomb.size < 100_000
    with pytest.raises(ValidationError, match="unpacks to more than"):
        validate_upload(bomb, allowed=SPREADSHEET_KINDS)


def test_too_many_zip_members_are_refused(monkeypatch):
    monkeypatch.setattr(uploads, "MAX_ZIP_MEMBERS", 10)
    many = office_file("values.xlsx", "xl/workbook.xml", {f"xl/part{i}.xml": "x" for i in range(20)})
    with pytest.raises(ValidationError, match="too many parts"):
        validate_upload(many, allowed=SPREADSHEET_KINDS)


def test_csv_is_accepted_and_binary_is_not():
    assert (
        validate_upload(SimpleUploadedFile("v.csv", b"a,b\n1,2\n"), allowed=SPREADSHEET_KINDS).extension
        == "csv"
    )
    with pytest.raises(ValidationError):
        validate_upload(SimpleUploadedFile("v.csv", b"\x89PNG\r\n\x1a\n\x00\x00"), allowed=SPREADSHEET_KINDS)


def test_generated_upload_path_hides_the_user_file_name():
    path = uploads.generated_upload_path("regions/cv")(None, "../../etc/My CV.PDF")
    assert path.startswith("regions/cv/") and path.endswith(".pdf")
    assert ".." not in path and "My CV" not in path
