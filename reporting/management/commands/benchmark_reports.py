"""Generate a large data set and time the compile of the biennial report (JSON on stdout).

197 Parties (the reference data), 5 biennia with a reporting cycle of 60 indicators each and a
validated submission of every Party, 200,000 finance lines and 2,000 posts (imported through the
import services, as CSV), then one compile of the last biennium's report, split into the time
spent in the database and the rest ("rendering": shaping tables, checks, JSON), with the number
of SQL queries; then the HTML page, XLSX, DOCX and PDF renderings. `--scale 0.01` makes a small run.
Benchmark data live in biennia 2090-2091 … 2098-2099 and a framework `benchmark`; a rerun
replaces them.

Then ratios to references measured in the same run (median of `--repeat` runs each):

- `compile_vs_bare_sql`: the whole compile, and its finance tables alone, against the single-pass
  GROUP BY over the same lines in bare SQL (`compiler.finance.finance_aggregates`' query), at 1x
  the finance lines and at 4x (a later snapshot of the same biennium: the 1x lines four times,
  copied in the database and analysed as an import does); `growth_4x_vs_1x` compares the costs.
- `pages`: the dashboard (cached and cold: a new data version), a published report page, their
  304 answers, against a plain reference endpoint (`/api/v1/biennia/`), in-process (Django's test
  client, no network): `speed_vs_reference` is the reference's time over the page's (1.0: as fast;
  0.5: half as fast); queries per request.
"""

import csv
import io
import json
import random
import statistics
import time
from datetime import date

from django.core.management.base import BaseCommand
from django.db import connection, transaction
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.models import User
from regions.models import Country, OrganisationalUnit
from reporting.choices import ReportKind
from reporting.imports import FINANCE_COLUMNS, POST_COLUMNS
from reporting.models import (
    BudgetHolder,
    BudgetLine,
    FinanceSnapshot,
    FundingSource,
    ObjectOfExpenditure,
    PostSnapshot,
    Report,
)
from reporting.services import report_compile, report_request, snapshot_import

BIENNIA = [f"{year}-{year + 1}" for year in range(2090, 2100, 2)]
GROUPS = ["Africa", "Asia", "LAC", "CEE", "WEOG"]


class Timer:
    """Counts queries and the time spent executing them."""

    def __init__(self):
        self.queries, self.seconds = 0, 0.0

    def __call__(self, execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.seconds += time.perf_counter() - started
            self.queries += 1


def _import(snapshot_model, biennium, cutoff, out: io.StringIO) -> None:
    """Import generated rows through the import service, as an operator would."""
    snapshot_import(
        user=None,
        snapshot_model=snapshot_model,
        biennium=biennium,
        cutoff_date=cutoff,
        content=out.getvalue().encode(),
        name="benchmark.csv",
    )


class Command(BaseCommand):
    help = "Generate a large data set into the configured database and time the biennial report compile."

    def add_arguments(self, parser):
        parser.add_argument(
            "--scale", type=float, default=1.0, help="Fraction of the full data set (e.g. 0.01)."
        )
        parser.add_argument("--seed", type=int, default=2019)
        parser.add_argument("--repeat", type=int, default=5, help="Runs per figure; the median is printed.")

    def handle(self, *args, scale: float, seed: int, repeat: int, **options):
        rng = random.Random(seed)
        sizes = {
            "parties": Country.objects.count(),
            "biennia": len(BIENNIA),
            "indicators_per_cycle": max(1, round(60 * min(scale * 10, 1))),
            "finance_lines": max(10, round(200_000 * scale)),
            "posts": max(10, round(2_000 * scale)),
        }
        started = time.perf_counter()
        biennia = self._biennia()
        values = self._results(biennia, sizes, rng)
        cutoff = date(biennia[-1].end_date.year, 5, 31)
        self._finance(biennia[-1], cutoff, sizes["finance_lines"], rng)
        self._posts(biennia[-1], cutoff, sizes["posts"], rng)
        generated = time.perf_counter() - started
        compile_result = self._compile(biennia[-1], cutoff)
        result = {
            "database": connection.vendor,
            "data": sizes | {"submission_values": values},
            "generation_seconds": round(generated, 2),
            "compile": compile_result,
            "outputs": self._outputs(compile_result["report_id"]),
        }
        result["compile_vs_bare_sql"] = self._compile_vs_bare_sql(biennia[-1], cutoff, repeat)
        result["pages"] = self._pages(compile_result["report_id"], repeat)
        result["aims"] = _aims(result)
        self.stdout.write(json.dumps(result, indent=2))

    def _biennia(self):
        from workprogramme.models import Biennium

        Report.objects.filter(biennium__code__in=BIENNIA).delete()
        FinanceSnapshot.objects.filter(biennium__code__in=BIENNIA).delete()
        PostSnapshot.objects.filter(biennium__code__in=BIENNIA).delete()
        biennia = []
        for code in BIENNIA:
            start, end = (int(year) for year in code.split("-"))
            biennium, _created = Biennium.objects.get_or_create(
                code=code, defaults={"start_date": date(start, 1, 1), "end_date": date(end, 12, 31)}
            )
            biennia.append(biennium)
        return biennia

    @transaction.atomic
    def _results(self, biennia, sizes, rng) -> int:
        """A framework of 60 indicators; per biennium a cycle asking for all and every Party validated."""
        from workprogramme import models as wp

        wp.Observation.objects.filter(submission__cycle__code__startswith="benchmark-").delete()
        wp.SubmissionIndicator.objects.filter(submission__cycle__code__startswith="benchmark-").delete()
        wp.Submission.objects.filter(cycle__code__startswith="benchmark-").delete()
        wp.ReportingCycle.objects.filter(code__startswith="benchmark-").delete()
        wp.ResultsFramework.objects.filter(code="benchmark").delete()
        indicators = self._indicators(sizes["indicators_per_cycle"])
        countries, now, total = list(Country.objects.all()), timezone.now(), 0
        for biennium in biennia:
            cycle = wp.ReportingCycle.objects.create(
                biennium=biennium,
                code=f"benchmark-{biennium.code}",
                title=f"Benchmark {biennium.code}",
                opens_on=biennium.start_date,
                deadline=biennium.end_date,
                state="closed",
            )
            wp.ReportingCycleIndicator.objects.bulk_create(
                wp.ReportingCycleIndicator(cycle=cycle, indicator=indicator, order=i)
                for i, indicator in enumerate(indicators)
            )
            submissions = wp.Submission.objects.bulk_create(
                wp.Submission(
                    cycle=cycle, country=country, state="validated", submitted_at=now, validated_at=now
                )
                for country in countries
            )
            wp.SubmissionIndicator.objects.bulk_create(
                (
                    wp.SubmissionIndicator(submission=submission, indicator=indicator)
                    for submission in submissions
                    for indicator in indicators
                ),
                batch_size=5000,
            )
            batch = [
                wp.Observation(
                    submission=submission,
                    indicator=indicator,
                    raw_value=str(value),
                    number_value=value,
                    source="national",
                )
                for submission in submissions
                for indicator in indicators
                for value in [rng.randint(0, 10_000)]
            ]
            wp.Observation.objects.bulk_create(batch, batch_size=5000)
            total += len(batch)
        return total

    def _indicators(self, count: int) -> list:
        """A framework `benchmark`: 5 objectives, 3 outcomes each, 4 indicators per outcome (60)."""
        from workprogramme import models as wp

        framework = wp.ResultsFramework.objects.create(
            code="benchmark", name="Benchmark framework", start_year=2090, end_year=2099
        )
        indicators = []
        for number in range(count):
            so, ko = number // 12 + 1, number // 4 + 1
            objective, _ = wp.Objective.objects.get_or_create(
                framework=framework,
                code=f"SO{so}",
                defaults={"kind": "strategic", "title": f"Objective {so}", "order": so},
            )
            outcome, _ = wp.Outcome.objects.get_or_create(
                objective=objective, code=f"{so}.{ko}", defaults={"text": f"Outcome {so}.{ko}", "order": ko}
            )
            indicators.append(
                wp.Indicator.objects.create(
                    outcome=outcome,
                    code=f"B{number + 1}",
                    text=f"Benchmark indicator {number + 1}",
                    unit="ha",
                    value_type="number",
                    aggregation="sum" if number % 2 else "average",
                    reported_by="country",
                    order=number,
                )
            )
        return indicators

    def _finance(self, biennium, cutoff, lines: int, rng) -> None:
        funds = list(FundingSource.objects.values_list("code", flat=True))
        holders = list(BudgetHolder.objects.values_list("code", flat=True))
        objects = list(ObjectOfExpenditure.objects.values_list("code", flat=True))
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(FINANCE_COLUMNS)
        for _ in range(lines):
            approved = rng.randint(100, 100_000)
            spent = rng.randint(0, approved)
            writer.writerow(
                [
                    rng.choice(funds),
                    rng.choice(holders),
                    rng.choice(objects),
                    approved,
                    spent,
                    f"{rng.randint(0, approved - spent)}.{rng.randint(0, 99):02d}",
                ]
            )
        _import(FinanceSnapshot, biennium, cutoff, out)

    def _posts(self, biennium, cutoff, posts: int, rng) -> None:
        grades = ["USG", "D-2", "D-1", "P-5", "P-4", "P-3", "P-2", "GS"]
        units = list(OrganisationalUnit.objects.values_list("code", flat=True))
        funds = list(FundingSource.objects.values_list("code", flat=True))
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(POST_COLUMNS)
        for number in range(posts):
            filled = rng.random() < 0.85
            writer.writerow(
                [
                    f"B-{number:05d}",
                    rng.choice(grades),
                    rng.choice(units),
                    rng.choice(funds),
                    "yes" if rng.random() < 0.95 else "no",
                    "yes" if filled else "no",
                    rng.choice(["female", "male"]) if filled else "",
                    rng.choice(GROUPS) if filled else "",
                    "Cost-shared." if rng.random() < 0.01 else "",
                ]
            )
        _import(PostSnapshot, biennium, cutoff, out)

    def _compile(self, biennium, cutoff) -> dict:
        user = User.objects.filter(is_superuser=True).first()
        report = report_request(
            kind=ReportKind.BIENNIAL_PERFORMANCE,
            biennium=biennium,
            cutoff_date=cutoff,
            user=user,
            enqueue=False,
        )
        timer = Timer()
        started = time.perf_counter()
        with connection.execute_wrapper(timer):
            report = report_compile(report_id=report.pk)
        total = time.perf_counter() - started
        return {
            "report_id": report.pk,
            "status": report.status,
            "total_seconds": round(total, 3),
            "database_seconds": round(timer.seconds, 3),
            "rendering_seconds": round(total - timer.seconds, 3),
            "queries": timer.queries,
            "failed_checks": len(report.failed_checks),
        }

    # --- compile against the bare single-pass SQL, at 1x and 4x the finance lines -----------------

    def _compile_vs_bare_sql(self, biennium, cutoff, repeat: int) -> dict:
        from reporting.compiler.finance import finance_snapshot_for, finance_tables
        from reporting.services.snapshots import _analyze

        figures = {}
        one = finance_snapshot_for(biennium, cutoff)
        later = date(cutoff.year, cutoff.month + 1, 28)  # a later snapshot of the same biennium
        FinanceSnapshot.objects.filter(biennium=biennium, cutoff_date=later).delete()
        four = FinanceSnapshot.objects.create(biennium=biennium, cutoff_date=later, source_name="4x")
        table = BudgetLine._meta.db_table
        columns = "fund_id, budget_holder_id, object_of_expenditure_id, approved, expenditure, forecast"
        with connection.cursor() as cursor:
            for _copy in range(4):
                cursor.execute(
                    f"INSERT INTO {table} (snapshot_id, {columns}) "  # noqa: S608 (names from the model)
                    f"SELECT %s, {columns} FROM {table} WHERE snapshot_id = %s",
                    [four.pk, one.pk],
                )
        _analyze(BudgetLine)
        user = User.objects.filter(is_superuser=True).first()
        for name, snapshot, at in (("1x", one, cutoff), ("4x", four, later)):
            lines = BudgetLine.objects.filter(snapshot=snapshot).count()
            bare = _median(repeat, lambda snapshot=snapshot: _bare_single_pass(snapshot.pk))
            finance = _median(repeat, lambda at=at: finance_tables(biennium, at))
            runs = []
            for _run in range(max(1, repeat)):  # a new version: a complete one is not compiled again
                report = report_request(
                    kind=ReportKind.BIENNIAL_PERFORMANCE,
                    biennium=biennium,
                    cutoff_date=at,
                    user=user,
                    enqueue=False,
                )
                started = time.perf_counter()
                report_compile(report_id=report.pk)
                runs.append(time.perf_counter() - started)
            whole = statistics.median(runs)
            figures[name] = {
                "finance_lines": lines,
                "bare_sql_seconds": round(bare, 4),
                "finance_tables_seconds": round(finance, 4),
                "compile_seconds": round(whole, 4),
                "finance_tables_vs_bare_sql": round(finance / bare, 2),
                "compile_vs_bare_sql": round(whole / bare, 2),
            }
        figures["growth_4x_vs_1x"] = {
            "lines": round(figures["4x"]["finance_lines"] / figures["1x"]["finance_lines"], 2),
            "bare_sql": round(figures["4x"]["bare_sql_seconds"] / figures["1x"]["bare_sql_seconds"], 2),
            "finance_tables": round(
                figures["4x"]["finance_tables_seconds"] / figures["1x"]["finance_tables_seconds"], 2
            ),
            "compile": round(figures["4x"]["compile_seconds"] / figures["1x"]["compile_seconds"], 2),
        }
        return figures

    # --- pages against a plain reference endpoint ------------------------------------------------

    def _pages(self, report_id: int, repeat: int) -> dict:
        from workprogramme.services.results import results_data_changed

        # Benchmark data, like the rows above: published in place (the operator may have no account).
        Report.objects.filter(pk=report_id).update(published=True, published_at=timezone.now())
        results_data_changed()
        client = Client()
        paths = {
            "reference_biennia": "/api/v1/biennia/",
            "dashboard": "/reports/dashboard/",
            "published_report_page": f"/reports/{report_id}/",
        }
        figures = {}
        for name, path in paths.items():
            client.get(path)  # warm: imports, caches
            seconds = _median(repeat * 4, lambda path=path: _ok(client.get(path)))
            with CaptureQueriesContext(connection) as queries:
                response = client.get(path)
            figures[name] = {
                "seconds": round(seconds, 4),
                "queries": len(queries),
                "bytes": len(response.content),
            }
            etag = response.get("ETag")
            if etag:
                figures[name]["not_modified_seconds"] = round(
                    _median(
                        repeat * 4,
                        lambda path=path, etag=etag: _ok(client.get(path, HTTP_IF_NONE_MATCH=etag), 304),
                    ),
                    4,
                )

        def cold_dashboard():
            results_data_changed()  # outside a transaction: a new data version at once
            _ok(client.get(paths["dashboard"]))

        figures["dashboard_cold"] = {"seconds": round(_median(repeat, cold_dashboard), 4)}
        reference = figures["reference_biennia"]["seconds"]
        for figure in figures.values():
            figure["speed_vs_reference"] = round(reference / figure["seconds"], 2)
        return figures

    def _outputs(self, report_id: int) -> dict:
        from reporting.rendering.files import report_docx, report_pdf, report_xlsx
        from reporting.rendering.labels import render_report
        from reporting.views import ReportDetailView

        report = Report.objects.select_related("biennium").get(pk=report_id)
        request = RequestFactory().get(f"/reports/{report_id}/")
        request.user = User(username="benchmark")
        request.user._portal_roles = frozenset({"secretariat"})  # sees the unpublished version
        timings = {}
        for name, render in (
            ("html_page", lambda: ReportDetailView.as_view()(request, pk=report_id)),
            ("xlsx", lambda: report_xlsx(report, render_report(report))),
            ("docx", lambda: report_docx(report, render_report(report))),
            ("pdf", lambda: report_pdf(report, render_report(report))),
        ):
            started = time.perf_counter()
            render()
            timings[f"{name}_seconds"] = round(time.perf_counter() - started, 3)
        return timings


def _median(runs: int, func) -> float:
    """The median time of `runs` calls of `func`."""
    times = []
    for _run in range(max(1, runs)):
        started = time.perf_counter()
        func()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def _bare_single_pass(snapshot_id: int) -> list:
    """The reference: one GROUP BY over the snapshot's lines, in bare SQL."""
    table = BudgetLine._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT budget_holder_id, object_of_expenditure_id, fund_id, "  # noqa: S608
            f"SUM(approved), SUM(expenditure), SUM(forecast) FROM {table} WHERE snapshot_id = %s "
            "GROUP BY budget_holder_id, object_of_expenditure_id, fund_id",
            [snapshot_id],
        )
        return cursor.fetchall()


def _ok(response, status: int = 200):
    if response.status_code != status:
        raise RuntimeError(f"{response.status_code} instead of {status}")
    return response


def _aims(result: dict) -> dict:
    compiled, pages = result["compile_vs_bare_sql"], result["pages"]
    return {
        "compile_within_1.5x_bare_sql_at_1x": compiled["1x"]["compile_vs_bare_sql"] <= 1.5,
        "compile_within_1.5x_bare_sql_at_4x": compiled["4x"]["compile_vs_bare_sql"] <= 1.5,
        "finance_tables_within_1.5x_bare_sql_at_1x_and_4x": compiled["1x"]["finance_tables_vs_bare_sql"]
        <= 1.5
        and compiled["4x"]["finance_tables_vs_bare_sql"] <= 1.5,
        "compile_grows_no_faster_than_the_lines": compiled["growth_4x_vs_1x"]["compile"]
        <= compiled["growth_4x_vs_1x"]["lines"],
        "dashboard_at_most_10_queries": pages["dashboard"]["queries"] <= 10,
        "report_page_at_most_10_queries": pages["published_report_page"]["queries"] <= 10,
        "dashboard_at_least_0.5x_reference": pages["dashboard"]["speed_vs_reference"] >= 0.5,
        "report_page_at_least_0.5x_reference": pages["published_report_page"]["speed_vs_reference"] >= 0.5,
    }
