"""Checks on uploaded files: real content type (not the extension), size, zip bombs.

Every app validates its uploads here and stores them under generated names
(`generated_upload_path`), so a user's file name never becomes a path on disk.
"""

import uuid
import zipfile
from dataclasses import dataclass
from pathlib import PurePath

import filetype
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile, UploadedFile
from django.utils.deconstruct import deconstructible

MAX_UPLOAD_BYTES = 10 * 1024 * 1024
# Office documents are zip files: cap what they unpack to, so a small file cannot explode.
MAX_UNCOMPRESSED_BYTES = 100 * 1024 * 1024
MAX_ZIP_MEMBERS = 2000


@dataclass(frozen=True)
class FileKind:
    label: str
    extension: str
    mime: str


PDF = FileKind("PDF", "pdf", "application/pdf")
DOCX = FileKind(
    "Word (DOCX)", "docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
)
ODT = FileKind("OpenDocument text (ODT)", "odt", "application/vnd.oasis.opendocument.text")
XLSX = FileKind("Excel (XLSX)", "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
CSV = FileKind("CSV", "csv", "text/csv")

DOCUMENT_KINDS = (PDF, DOCX, ODT)
SPREADSHEET_KINDS = (XLSX, CSV)

# Markers inside the zip container that tell the office formats apart.
_ZIP_MARKERS = {"docx": "word/document.xml", "xlsx": "xl/workbook.xml", "odt": "content.xml"}


@deconstructible
class GeneratedUploadPath:
    """An `upload_to` storing files as <prefix>/<uuid>.<ext> (serialisable in migrations)."""

    def __init__(self, prefix: str):
        self.prefix = prefix

    def __call__(self, instance, filename: str) -> str:
        extension = PurePath(filename).suffix.lower().lstrip(".")[:10]
        return f"{self.prefix}/{uuid.uuid4().hex}.{extension or 'bin'}"

    def __eq__(self, other):
        return isinstance(other, GeneratedUploadPath) and other.prefix == self.prefix


def generated_upload_path(prefix: str) -> GeneratedUploadPath:
    return GeneratedUploadPath(prefix)


def _check_zip(uploaded) -> zipfile.ZipFile:
    try:
        archive = zipfile.ZipFile(uploaded)
    except zipfile.BadZipFile as exc:
        raise ValidationError(
            "The file is damaged: it is not a valid office document.", code="corrupt"
        ) from exc
    members = archive.infolist()
    if len(members) > MAX_ZIP_MEMBERS:
        raise ValidationError("The file contains too many parts to be a genuine document.", code="zip_bomb")
    if sum(member.file_size for member in members) > MAX_UNCOMPRESSED_BYTES:
        raise ValidationError("The file unpacks to more than 100 MB and was refused.", code="zip_bomb")
    return archive


def _detect_kind(uploaded, allowed: tuple[FileKind, ...]) -> FileKind | None:
    uploaded.seek(0)
    head = uploaded.read(8192)
    uploaded.seek(0)
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(b"PK\x03\x04"):
        archive = _check_zip(uploaded)
        uploaded.seek(0)
        names = set(archive.namelist())
        if "mimetype" in names and archive.read("mimetype").decode("ascii", "ignore").strip() == ODT.mime:
            return ODT
        for kind in allowed:
            marker = _ZIP_MARKERS.get(kind.extension)
            if marker and marker in names:
                return kind
        return None
    if CSV in allowed and filetype.guess(head) is None and b"\x00" not in head:
        return CSV
    return None


def validate_upload(
    uploaded, *, allowed: tuple[FileKind, ...], max_bytes: int = MAX_UPLOAD_BYTES
) -> FileKind:
    """Check size and real content of `uploaded`; return its kind or raise a clear ValidationError."""
    names = ", ".join(kind.label for kind in allowed)
    if uploaded.size == 0:
        raise ValidationError("The file is empty.", code="empty")
    if uploaded.size > max_bytes:
        raise ValidationError(
            f"The file is {uploaded.size / 1_048_576:.1f} MB; the limit is {max_bytes // 1_048_576} MB.",
            code="too_large",
        )
    kind = _detect_kind(uploaded, allowed)
    if kind is None or kind not in allowed:
        raise ValidationError(f"The file's content is not an accepted type ({names}).", code="wrong_type")
    extension = PurePath(uploaded.name or "").suffix.lower().lstrip(".")
    if extension != kind.extension:
        raise ValidationError(
            f"The file's name ends in '.{extension}' but its content is {kind.label}.",
            code="extension_mismatch",
        )
    return kind


def check_documents(data: dict, *fields: str) -> None:
    """Validate newly uploaded files in `data` by content (PDF, DOCX, ODT; at most 10 MB)."""
    errors = {}
    for field in fields:
        value = data.get(field)
        if isinstance(value, UploadedFile):
            try:
                validate_upload(value, allowed=DOCUMENT_KINDS)
            except ValidationError as exc:
                errors[field] = exc.messages
    if errors:
        raise ValidationError(errors)


# --- keeping a valid upload across a failed post -------------------------------------------------

KEPT_UPLOADS_DIR = "tmp/kept-uploads"
KEPT_UPLOAD_MAX_AGE = 24 * 60 * 60  # seconds a kept file can be claimed back
_KEPT_SALT = "core.uploads.kept"


def keep_upload(uploaded, *, user) -> str:
    """Store a valid upload of a form that failed for another reason; answer a signed token that only
    `user` can claim back with `kept_upload` (the page posts it in a hidden field), so the user does
    not choose the file again."""
    extension = PurePath(uploaded.name or "").suffix.lower().lstrip(".")[:10] or "bin"
    uploaded.seek(0)
    path = default_storage.save(f"{KEPT_UPLOADS_DIR}/{uuid.uuid4().hex}.{extension}", uploaded)
    uploaded.seek(0)
    return signing.dumps(
        {"path": path, "name": PurePath(uploaded.name or "").name, "user": user.pk}, salt=_KEPT_SALT
    )


def kept_upload(token: str, *, user) -> UploadedFile | None:
    """The file kept under `token` for `user` (and removed from the temporary store), or None when the
    token is not theirs, has expired or the file is gone."""
    try:
        kept = signing.loads(token, salt=_KEPT_SALT, max_age=KEPT_UPLOAD_MAX_AGE)
    except signing.BadSignature:
        return None
    path = str(kept.get("path", ""))
    if kept.get("user") != getattr(user, "pk", None) or not path.startswith(f"{KEPT_UPLOADS_DIR}/"):
        return None
    if not default_storage.exists(path):
        return None
    with default_storage.open(path, "rb") as stored:
        content = stored.read()
    default_storage.delete(path)
    return SimpleUploadedFile(kept.get("name") or PurePath(path).name, content)
