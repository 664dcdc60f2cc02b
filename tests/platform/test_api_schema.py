"""The OpenAPI schema describes the API as it answers (core.api.schema; schemathesis checks the
whole API against it in CI: .ci/schemathesis): errors, public reads, nullable fields, parameters."""

import pytest
from drf_spectacular.generators import SchemaGenerator

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def schema():
    return SchemaGenerator().get_schema(request=None, public=True)


def operation(schema, path, method="get"):
    return schema["paths"][path][method]


def test_every_operation_documents_its_json_errors(schema):
    for path, methods in schema["paths"].items():
        for method, spec in methods.items():
            codes = set(spec["responses"])
            assert {"400", "401", "403"} <= codes, (method, path)
            if method != "get":
                assert "409" in codes, (method, path)
            for code in codes & {"400", "401", "403", "404", "409"}:
                assert "application/json" in spec["responses"][code].get("content", {}), (method, path, code)
    assert "errors" in schema["components"]["schemas"]["Error"]["properties"]
    assert "429" in operation(schema, "/api/v1/auth/token/", "post")["responses"]


def test_public_reads_need_no_authentication_and_private_ones_do(schema):
    assert {} in operation(schema, "/api/v1/countries/")["security"]
    assert {} in operation(schema, "/api/v1/reporting-cycles/")["security"]
    assert {} not in operation(schema, "/api/v1/submissions/")["security"]
    assert {} not in operation(schema, "/api/v1/reporting-cycles/", "post")["security"]


def test_fields_that_may_be_null_say_so(schema):
    components = schema["components"]["schemas"]
    assert components["Target"]["properties"]["region"]["nullable"] is True
    assert components["SubmissionTransition"]["properties"]["actor"]["nullable"] is True
    assert components["Nomination"]["properties"]["decided_by"]["nullable"] is True
    assert "nullable" not in components["Submission"]["properties"]["cycle"]


def test_request_bodies_state_their_limits(schema):
    components = schema["components"]["schemas"]
    # Text that may not be blank needs a character other than a space (DRF trims spaces).
    assert components["MoURequest"]["properties"]["title"]["pattern"] == r"\S"
    upload = operation(schema, "/api/v1/reporting-cycles/{code}/import/", "post")["requestBody"]["content"]
    file_schema = upload["multipart/form-data"]["schema"]
    assert components[file_schema["$ref"].rsplit("/", 1)[1]]["properties"]["file"]["format"] == "binary"


def test_paging_and_ordering_parameters_are_what_the_api_accepts(schema):
    parameters = {p["name"]: p["schema"] for p in operation(schema, "/api/v1/countries/")["parameters"]}
    assert parameters["page"]["minimum"] == 1 and parameters["page_size"]["minimum"] == 1
    assert set(parameters["ordering"]["enum"]) == {"name", "-name", "iso3", "-iso3"}
    submissions = {p["name"] for p in operation(schema, "/api/v1/submissions/")["parameters"]}
    assert "ordering" not in submissions


def test_errors_are_json_even_when_a_file_format_was_asked(api_client):
    response = api_client.get("/api/v1/reports/0/tables/1/", {"format": "csv"})
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json" and "detail" in response.json()
