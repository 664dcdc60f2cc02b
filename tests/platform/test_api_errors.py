"""Every API error is JSON with a clear message: bodies too large (413), too deep (400), bad JSON."""

import io
import json

import pytest

from core.api.parsers import BodyTooLarge, PortalJSONParser

pytestmark = pytest.mark.django_db


def test_a_body_over_the_limit_answers_413_as_json(api_client, secretariat_user, settings):
    api_client.force_authenticate(secretariat_user)
    body = json.dumps({"title": "x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 10)})
    response = api_client.post("/api/v1/reporting-cycles/", body, content_type="application/json")
    assert response.status_code == 413
    assert response["Content-Type"].startswith("application/json")
    assert "12 MB" in response.json()["detail"]


def test_an_oversized_multipart_upload_answers_413(api_client, secretariat_user, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1024
    api_client.force_authenticate(secretariat_user)
    response = api_client.post(
        "/api/v1/finance-snapshots/import/", {"biennium": "2018-2019", "note": "y" * 4096}, format="multipart"
    )
    assert response.status_code == 413
    assert response.json()["detail"].startswith("The request body is larger than")


def test_the_json_parser_reads_no_more_than_the_limit(settings):
    """Whatever the headers say, the parser stops reading past the limit and answers 413."""
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 2048
    stream = io.BytesIO(json.dumps({"title": "x" * 4096}).encode())
    with pytest.raises(BodyTooLarge):
        PortalJSONParser().parse(stream, parser_context={"encoding": "utf-8"})
    assert stream.tell() == 2049


@pytest.mark.parametrize("depth", [65, 5000])
def test_a_deeply_nested_body_answers_400(api_client, secretariat_user, depth):
    api_client.force_authenticate(secretariat_user)
    body = "[" * depth + "]" * depth
    response = api_client.post("/api/v1/reporting-cycles/", body, content_type="application/json")
    assert response.status_code == 400
    assert "nested too deeply" in response.json()["detail"]


def test_malformed_json_answers_400_as_json(api_client, secretariat_user):
    api_client.force_authenticate(secretariat_user)
    response = api_client.post("/api/v1/reporting-cycles/", "{not json", content_type="application/json")
    assert response.status_code == 400
    assert response.json()["detail"].startswith("JSON parse error")


def test_uploads_are_not_served_from_media(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    (tmp_path / "regions").mkdir()
    (tmp_path / "regions" / "cv.pdf").write_bytes(b"%PDF-1.4 private")
    response = client.get("/media/regions/cv.pdf")
    assert response.status_code == 404
    assert b"private" not in response.content
