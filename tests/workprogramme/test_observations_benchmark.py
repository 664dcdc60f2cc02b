"""`manage.py benchmark_api`, in a tiny smoke run: in-process requests, no gunicorn."""

import io
import json

from django.core.management import call_command

from workprogramme.models import ResultObservation


def test_benchmark_command_smoke_run(db):
    out = io.StringIO()
    call_command("benchmark_api", "--no-serve", "--parties", "2", "--cycles", "1", stdout=out)
    result = json.loads(out.getvalue())
    generated = result["data"]
    assert generated["parties"] == 2 and generated["observations"] == generated["read_model_rows"]
    assert result["data"]["observations"] == ResultObservation.objects.count() > 2_000
    scenarios = result["scenarios"]
    assert set(scenarios) == {
        "reference_biennia",
        "observations_json_first_page",
        "observations_json_deep_page",
        "observations_csv_about_1000_rows",
        "sdmx_csv_one_indicator_all_parties",
        "submissions_page_50",
        "submissions_page_50_expand_values",
        "dashboard",
    }
    assert all(figures["errors"] == 0 and figures["p95_ms"] is not None for figures in scenarios.values())
    assert scenarios["observations_json_first_page"]["req_per_s_vs_reference"] > 0
    assert scenarios["sdmx_csv_one_indicator_all_parties"]["rows"] == 2 * 3  # 15.3.1: three periods per Party
    export = result["full_export"]
    assert export["complete"] and export["rows"] == export["expected_rows"] == result["data"]["observations"]
    assert set(result["aims"]) >= {
        "export_within_3x_copy",
        "no_truncated_export",
        "submissions_page_of_50_at_most_60_kb",
    }
    pages = result["submissions_page_bytes"]
    assert pages["submissions_page_50"]["rows"] == 2  # the API reader sees the two validated ones
    assert pages["submissions_page_50"]["bytes"] < pages["submissions_page_50_expand_values"]["bytes"]
    # A second run replaces the benchmark data instead of adding to them.
    call_command("benchmark_api", "--no-serve", "--parties", "2", "--cycles", "1", stdout=io.StringIO())
    assert ResultObservation.objects.count() == result["data"]["observations"]
