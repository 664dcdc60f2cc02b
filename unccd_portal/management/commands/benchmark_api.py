"""Benchmark the observations API under load (JSON on stdout; not a timed test).

Generates about a million validated observations (every Party, 3 reporting cycles, the PRAIS
national tables with their dimensions), fills the results read model, serves the portal with
gunicorn (production settings, 5 workers; `gunicorn.conf.py` when there is one) and drives 25
concurrent clients for a fixed time per scenario with a bounded asyncio client of its own, to
127.0.0.1 only. For each scenario it prints req/s, p50, p95, p99 and errors, and their ratios to
a plain reference endpoint measured in the same run; then the time of a full CSV export through
the API against `COPY (the same query) TO STDOUT`, and whether the export was complete.

Benchmark data live in the cycles `benchmark-national-*` (biennia 2080-2081, 2082-2083,
2084-2085); table indicators missing from the reference data are created in a framework
`benchmark-national` under their PRAIS table codes. A rerun replaces the data (`--reuse` keeps
them). `--no-serve` runs every scenario a few times in-process instead (small smoke runs).
"""

import asyncio
import itertools
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import time
from collections import Counter
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.test import Client
from django.utils import timezone

from regions.models import Country
from reporting.models import Report
from workprogramme import exports
from workprogramme.api.observations import encode_cursor
from workprogramme.models import (
    Biennium,
    DataSource,
    Dimension,
    DimensionMember,
    Indicator,
    IndicatorDimension,
    Objective,
    Observation,
    Outcome,
    ReportingCycle,
    ReportingCycleIndicator,
    ResultObservation,
    ResultsFramework,
    Submission,
)
from workprogramme.results import export_dimensions
from workprogramme.services.results import results_rebuild, results_tidy

CYCLE_PREFIX = "benchmark-national"
SDMX_ACCEPT = f"{exports.SDMX_CSV_MEDIA_TYPE};version={exports.SDMX_CSV_VERSION}"
BIENNIA = [2080, 2082, 2084]
YEARS = tuple(str(year) for year in range(2000, 2024))
PERIODS = ("2000/2015", "2016/2019", "2016/2023")

DIMENSIONS = {
    "LAND_COVER": ["TREE", "GRASS", "CROP", "WETLAND", "ARTIFICIAL", "OTHER", "WATER"],
    "LAND_COVER_TO": ["TREE", "GRASS", "CROP", "WETLAND", "ARTIFICIAL", "OTHER", "WATER"],
    "PRODUCTIVITY": ["DECLINING", "MODERATE_DECLINE", "STRESSED", "STABLE", "INCREASING", "NO_DATA"],
    "LAND_STATUS": ["DEGRADED", "STABLE", "IMPROVED"],
    "DROUGHT": ["NONE", "MILD", "MODERATE", "SEVERE", "EXTREME"],
    "SEX": ["F", "M", "_T"],
    "URBANISATION": ["U", "R", "_T"],
    "AREA": ["LAND", "WATER", "TOTAL"],
    "FLOW": ["BILATERAL", "MULTILATERAL"],
}


@dataclass(frozen=True)
class Table:
    """A PRAIS table to generate: its indicator, dimensions, time periods and the range of its values."""

    code: str
    title: str
    unit: str
    unit_code: str
    dimensions: tuple = ()
    periods: tuple = YEARS
    scale: float = 100
    multiplier: int = 0
    series: str = ""


KM2, PERCENT, INDEX = ("km²", "KM2"), ("%", "PT"), ("index", "IX")
THOUSANDS = ("thousands", "PERSONS")
TABLES = [
    Table("CP-1.T1", "Land, water and total area", *KM2, ("AREA",), ("2000", "2015", "2019", "2023"), 1e6),
    Table("CP-1.T2", "Population by sex", *THOUSANDS, ("SEX",), scale=50_000, multiplier=3),
    Table("SO1-1.T3", "Land-cover change", *KM2, ("LAND_COVER", "LAND_COVER_TO"), PERIODS[1:], 5_000),
    Table("SO1-1.T4", "Land cover per class", *KM2, ("LAND_COVER",), scale=200_000),
    Table("SO1-1.T7", "Land degraded, stable or improved", *KM2, ("LAND_STATUS",), PERIODS, 200_000),
    Table(
        "SO1-2.T1", "Productivity per land-cover class", *KM2, ("LAND_COVER", "PRODUCTIVITY"), PERIODS, 5e4
    ),
    Table("SO1-2.T3", "Productivity: degraded, stable or improved", *KM2, ("LAND_STATUS",), PERIODS, 2e5),
    Table(
        "SO1-3.T1",
        "Soil organic carbon stock per land-cover class",
        "t/ha",
        "T_HA",
        ("LAND_COVER",),
        scale=150,
    ),
    Table(
        "SO1-4.T2",
        "Proportion of degraded land (SDG 15.3.1)",
        *PERCENT,
        (),
        PERIODS,
        60,
        series="AG_LND_DGRD",
    ),
    Table("SO2-1.T1", "Population below the poverty line", *PERCENT, series="SI_POV_DAY1"),
    Table("SO2-1.T2", "Gini index", *INDEX),
    Table("SO2-2.T1", "Safely managed drinking water", *PERCENT, ("URBANISATION",), series="SH_H2O_SAFE"),
    Table("SO2-3.T1", "Population exposed to degradation", *THOUSANDS, ("SEX",), ("2015", "2023"), 1e4, 3),
    Table("SO2-3.T2", "Share of the population exposed to degradation", *PERCENT, ("SEX",), ("2015", "2023")),
    Table("SO3-1.T1", "Land under drought per drought class", *KM2, ("DROUGHT",), scale=2e5),
    Table("SO3-1.T1P", "Share of land under drought per drought class", *PERCENT, ("DROUGHT",)),
    Table("SO3-1.T2", "Share of land under any drought", *PERCENT),
    Table("SO3-2.T1", "Population exposed to drought per class and sex", *PERCENT, ("DROUGHT", "SEX")),
    Table("SO3-3.T1", "Drought vulnerability index by sex", *INDEX, ("SEX",), scale=1),
    Table("SO4-2.T1", "Red List Index", *INDEX, scale=1, series="ER_RSK_LST"),
    Table("SO4-3.T1", "Key biodiversity areas protected", *PERCENT, series="ER_PTD_TERR"),
    Table(
        "SO5-1.T2",
        "Public international finance received",
        "USD millions",
        "USD",
        ("FLOW",),
        scale=500,
        multiplier=6,
    ),
]


class Command(BaseCommand):
    help = "Generate about a million observations, serve them with gunicorn and measure the observations API."

    def add_arguments(self, parser):
        parser.add_argument("--parties", type=int, default=0, help="How many Parties (default: all).")
        parser.add_argument("--cycles", type=int, default=3, choices=[1, 2, 3])
        parser.add_argument("--clients", type=int, default=25)
        parser.add_argument("--workers", type=int, default=5)
        parser.add_argument("--duration", type=float, default=15.0, help="Seconds per scenario and run.")
        parser.add_argument(
            "--warmup", type=float, default=3.0, help="Unmeasured seconds before each scenario."
        )
        parser.add_argument(
            "--conn-max-age",
            type=int,
            default=None,
            help="DATABASE_CONN_MAX_AGE for the served portal (default: as configured).",
        )
        parser.add_argument(
            "--repeat", type=int, default=3, help="Runs; the median of each figure is printed."
        )
        parser.add_argument("--reuse", action="store_true", help="Keep the benchmark data of an earlier run.")
        parser.add_argument(
            "--no-serve", action="store_true", help="In-process requests, no gunicorn (smoke)."
        )
        parser.add_argument("--seed", type=int, default=2026)

    def handle(self, *args, **options):
        started = time.perf_counter()
        generated = self._data(options) if not (options["reuse"] and self._has_data()) else None
        if generated is None:
            generated = {"reused": True, "observations": ResultObservation.objects.filter(
                cycle_code__startswith=CYCLE_PREFIX).count()}  # fmt: skip
        generated["seconds"] = round(time.perf_counter() - started, 1)
        scenarios = self._scenarios()
        if options["no_serve"]:
            runs = [self._in_process(scenarios)]
            export_runs = [self._full_export_in_process()]
        else:
            runs, export_runs = self._served(scenarios, options)
        result = {
            "database": connection.vendor,
            "data": generated,
            "setup": {
                "server": "in-process, no gunicorn"
                if options["no_serve"]
                else f"gunicorn, {options['workers']} workers",
                "paths": {name: scenario[0] for name, scenario in scenarios.items()},
                "clients": options["clients"],
                "seconds_per_scenario": options["duration"],
                "runs": len(runs),
                "load_generator": "asyncio, one connection per request, 127.0.0.1",
                "conn_max_age": settings.DATABASES["default"].get("CONN_MAX_AGE", 0)
                if options["conn_max_age"] is None
                else options["conn_max_age"],
                "warmup_seconds": options["warmup"],
                "load_average_before": os.getloadavg()[0],
                "cpus": os.cpu_count(),
            },
            "scenarios": _with_ratios(_median_runs(runs)),
            "full_export": _median_exports(export_runs),
            "submissions_page_bytes": self._page_sizes(scenarios),
        }
        result["aims"] = _aims(result)
        self.stdout.write(json.dumps(result, indent=2))

    # --- data ------------------------------------------------------------------------------------

    def _has_data(self) -> bool:
        return ResultObservation.objects.filter(cycle_code__startswith=CYCLE_PREFIX).exists()

    def _data(self, options) -> dict:
        rng = random.Random(options["seed"])
        self._clear()
        indicators = self._indicators()
        countries = list(Country.objects.order_by("iso3"))
        if options["parties"]:
            countries = countries[: options["parties"]]
        now, total = timezone.now(), 0
        for number, start in enumerate(BIENNIA[: options["cycles"]], start=1):
            with transaction.atomic():
                cycle = self._cycle(number, start, indicators)
                submissions = Submission.objects.bulk_create(
                    Submission(
                        cycle=cycle, country=country, state="validated", submitted_at=now, validated_at=now
                    )
                    for country in countries
                )
                for submission in submissions:
                    total += self._observations(submission, indicators, rng)
        rebuild_started = time.perf_counter()
        rows = results_rebuild()
        results_tidy()
        return {
            "parties": len(countries),
            "cycles": options["cycles"],
            "tables": len(indicators),
            "observations": total,
            "read_model_rows": rows,
            "read_model_rebuild_seconds": round(time.perf_counter() - rebuild_started, 1),
        }

    def _clear(self) -> None:
        """Remove an earlier run's data in bulk (no per-row history or signals for benchmark rows)."""
        submissions = Submission.objects.filter(cycle__code__startswith=CYCLE_PREFIX)
        with transaction.atomic():
            ResultObservation.objects.filter(cycle_code__startswith=CYCLE_PREFIX)._raw_delete(
                connection.alias
            )
            Observation.objects.filter(submission__in=submissions)._raw_delete(connection.alias)
            DataSource.objects.filter(submission__in=submissions)._raw_delete(connection.alias)
            submissions.delete()
            ReportingCycle.objects.filter(code__startswith=CYCLE_PREFIX).delete()

    def _indicators(self) -> list[tuple[Indicator, list, tuple, float]]:
        """The tables: the reference data's indicator of each PRAIS table, or one made for the benchmark."""
        framework, _ = ResultsFramework.objects.get_or_create(
            code=CYCLE_PREFIX,
            defaults={"name": "Benchmark: national tables", "start_year": 2080, "end_year": 2089},
        )
        dimensions = {}
        for order, (code, members) in enumerate(DIMENSIONS.items()):
            dimension, _ = Dimension.objects.get_or_create(
                code=code, defaults={"name": code.title(), "order": order}
            )
            for position, member in enumerate(members):
                DimensionMember.objects.get_or_create(
                    dimension=dimension, code=member, defaults={"name": member.title(), "order": position}
                )
            dimensions[code] = dimension
        tables = []
        for order, table in enumerate(TABLES):
            # A PRAIS table may hold several indicators (SO1-4.T2: area, 15.3.1, confidence): the
            # SDG series tells them apart; otherwise the table's numeric indicator.
            candidates = Indicator.objects.filter(prais_table=table.code).exclude(value_type="text")
            if table.series:
                candidates = candidates.filter(sdg_series=table.series)
            indicator = candidates.order_by("order").first()
            if indicator is None:
                indicator = self._create_indicator(framework, table, order, dimensions)
            links = IndicatorDimension.objects.filter(indicator=indicator).select_related("dimension")
            members = [
                (link.dimension.code, list(link.dimension.members.values_list("code", flat=True)))
                for link in links
            ]
            periods = tuple(part for part in indicator.time_periods.split(",") if part) or table.periods
            tables.append((indicator, members, periods, table.scale))
        return tables

    def _create_indicator(self, framework, table: Table, order: int, dimensions: dict) -> Indicator:
        objective_code = table.code.split("-")[0]
        objective, _ = Objective.objects.get_or_create(
            framework=framework,
            code=objective_code,
            defaults={"kind": "strategic", "title": f"Benchmark {objective_code}", "order": order},
        )
        outcome, _ = Outcome.objects.get_or_create(
            objective=objective, code=objective_code, defaults={"text": "Benchmark tables"}
        )
        indicator = Indicator.objects.create(
            outcome=outcome,
            code=table.code,
            text=table.title,
            unit=table.unit,
            unit_code=table.unit_code,
            unit_multiplier=table.multiplier,
            sdg_series=table.series,
            prais_table=table.code,
            time_periods=",".join(table.periods),
            value_type="number",
            aggregation="sum",
            reported_by="country",
            order=order,
        )
        for position, key in enumerate(table.dimensions):
            IndicatorDimension.objects.create(indicator=indicator, dimension=dimensions[key], order=position)
        return indicator

    def _cycle(self, number: int, start: int, indicators) -> ReportingCycle:
        biennium, _ = Biennium.objects.get_or_create(
            code=f"{start}-{start + 1}",
            defaults={
                "start_date": date(start, 1, 1),
                "end_date": date(start + 1, 12, 31),
                "state": "closed",
            },
        )
        cycle = ReportingCycle.objects.create(
            biennium=biennium,
            code=f"{CYCLE_PREFIX}-{number}",
            title=f"Benchmark national report {number}",
            opens_on=biennium.start_date,
            deadline=biennium.end_date,
            state="closed",
        )
        ReportingCycleIndicator.objects.bulk_create(
            ReportingCycleIndicator(cycle=cycle, indicator=indicator, order=order)
            for order, (indicator, *_rest) in enumerate(indicators)
        )
        return cycle

    def _observations(self, submission, indicators, rng) -> int:
        source_record = DataSource.objects.create(
            submission=submission,
            title=f"National statistics {submission.country_id}",
            link="https://example.org/national-data",
            publisher="National statistics office (fictitious benchmark data)",
        )
        batch = []
        for indicator, members, periods, scale in indicators:
            keys = [dict(zip([code for code, _ in members], combo, strict=True))
                    for combo in itertools.product(*[codes for _, codes in members])]  # fmt: skip
            for key, period in itertools.product(keys, periods):
                value = Decimal(str(round(rng.uniform(0, scale), 2)))
                draw = rng.random()
                source = "default" if draw < 0.7 else "national" if draw < 0.95 else "estimate"
                national = source == "national"
                batch.append(
                    Observation(
                        submission=submission,
                        indicator=indicator,
                        time_period=period,
                        key=";".join(f"{code}={member}" for code, member in key.items()),
                        members=key,
                        raw_value=str(value),
                        number_value=value,
                        source=source,
                        default_value=value if source == "default" else None,
                        justification="National survey replaces the default data." if national else "",
                        data_source=source_record if national else None,
                    )
                )
        Observation.objects.bulk_create(batch, batch_size=5000)
        return len(batch)

    # --- scenarios -------------------------------------------------------------------------------

    def _scenarios(self) -> dict[str, tuple]:
        """name: (path, Accept header[, Authorization header])."""
        rows = ResultObservation.objects.filter(cycle_code__startswith=CYCLE_PREFIX).order_by("pk")
        total = rows.count()
        deep = rows.values_list("pk", flat=True)[max(0, int(total * 0.9) - 1)] if total else 0
        last_cycle = rows.order_by("-cycle_code").values_list("cycle_code", flat=True).first() or ""
        base = "/api/v1/observations/"
        drought = self._indicator_code(prais_table="SO3-1.T1")
        sdg_15_3_1 = self._indicator_code(sdg_series="AG_LND_DGRD")
        return {
            "reference_biennia": ("/api/v1/biennia/", "application/json"),
            "observations_json_first_page": (f"{base}?page_size=50", "application/json"),
            "observations_json_deep_page": (
                f"{base}?page_size=50&cursor={encode_cursor(deep)}",
                "application/json",
            ),
            "observations_csv_about_1000_rows": (
                f"{base}?format=csv&indicator={drought}&time_period=2019&cycle={last_cycle}",
                "text/csv",
            ),
            "sdmx_csv_one_indicator_all_parties": (f"{base}?indicator={sdg_15_3_1}", SDMX_ACCEPT),
            **self._page_scenarios(),
        }

    def _page_scenarios(self) -> dict[str, tuple]:
        """The submissions list (an API reader's token: validated ones), with and without the values,
        and the public dashboard and latest published report page."""

        reader = f"Token {_reader_token()}"
        scenarios = {
            "submissions_page_50": ("/api/v1/submissions/?page_size=50", "application/json", reader),
            "submissions_page_50_expand_values": (
                "/api/v1/submissions/?page_size=50&expand=values",
                "application/json",
                reader,
            ),
            "dashboard": ("/reports/dashboard/", "text/html"),
        }
        published = (
            Report.objects.filter(published=True, status="complete").order_by("-biennium__start_date").first()
        )
        if published is not None:
            scenarios["published_report_page"] = (f"/reports/{published.pk}/", "text/html")
        return scenarios

    def _page_sizes(self, scenarios) -> dict:
        """Bytes of one page of 50 submissions, without and with the values (aim: <= 60 KB without)."""
        client, sizes = Client(), {}
        for name in ("submissions_page_50", "submissions_page_50_expand_values"):
            path, accept, authorization = scenarios[name]
            response = client.get(path, HTTP_ACCEPT=accept, HTTP_AUTHORIZATION=authorization)
            sizes[name] = {"status": response.status_code, "bytes": len(response.content)}
            rows = response.json().get("results", []) if response.status_code == 200 else []
            sizes[name]["rows"] = len(rows)
        return sizes

    @staticmethod
    def _indicator_code(**lookups) -> str:
        """The code of the numeric indicator the benchmark filled for a PRAIS table or SDG series."""
        indicators = Indicator.objects.filter(**lookups).exclude(value_type="text").order_by("order")
        return indicators.values_list("code", flat=True).first() or ""

    def _in_process(self, scenarios) -> dict:
        client, results = Client(), {}
        for name, (path, accept, *authorization) in scenarios.items():
            latencies, errors, rows = [], 0, None
            headers = {"HTTP_AUTHORIZATION": authorization[0]} if authorization else {}
            for _ in range(5):
                began = time.perf_counter()
                response = client.get(path, HTTP_ACCEPT=accept, **headers)
                body = b"".join(response.streaming_content) if response.streaming else response.content
                latencies.append(time.perf_counter() - began)
                errors += response.status_code != 200
                expected = response.get("X-Expected-Rows")
                rows = int(expected) if expected else None
                errors += expected is not None and int(expected) != body.count(b"\n") - 1
            results[name] = _summary(latencies, errors, sum(latencies), rows)
        return results

    def _served(self, scenarios, options):
        port = _free_port()
        server = self._start_gunicorn(port, options["workers"], options["conn_max_age"])
        try:
            runs, export_runs = [], []
            for _ in range(options["repeat"]):
                run = {}
                for name, (path, accept, *authorization) in scenarios.items():
                    # Unmeasured first: every worker imports, connects and fills its caches.
                    clients = options["clients"]
                    asyncio.run(_load(port, path, accept, clients, options["warmup"], *authorization))
                    run[name] = asyncio.run(
                        _load(port, path, accept, options["clients"], options["duration"], *authorization)
                    )
                runs.append(run)
                export_runs.append(self._full_export_served(port))
            return runs, export_runs
        finally:
            server.terminate()
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                server.kill()

    def _start_gunicorn(self, port: int, workers: int, conn_max_age: int | None) -> subprocess.Popen:
        environment = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "unccd_portal.settings.production",
            "SECRET_KEY": os.environ.get("SECRET_KEY") or "benchmark-only-" + "x" * 40,
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "SECURE_SSL_REDIRECT": "false",
            "DATABASE_URL": os.environ.get("DATABASE_URL") or _database_url(),
            "LOG_LEVEL": "WARNING",
        }
        if conn_max_age is not None:
            environment["DATABASE_CONN_MAX_AGE"] = str(conn_max_age)
        command = [sys.executable, "-m", "gunicorn", "unccd_portal.wsgi"]
        config = Path(settings.BASE_DIR) / "gunicorn.conf.py"
        if config.exists():
            command += ["--config", str(config)]
        command += ["--bind", f"127.0.0.1:{port}", "--workers", str(workers)]
        server = subprocess.Popen(command, env=environment, cwd=settings.BASE_DIR)  # noqa: S603
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if server.poll() is not None:
                raise CommandError(f"gunicorn stopped with exit code {server.returncode}.")
            try:
                status, *_rest = asyncio.run(_request(port, "/api/v1/biennia/", "application/json"))
                if status == 200:
                    return server
            except OSError:
                pass
            time.sleep(0.5)
        server.terminate()
        raise CommandError("gunicorn did not answer within 60 s.")

    # --- the full export against COPY ------------------------------------------------------------

    def _copy_reference(self) -> dict:
        """COPY of the export's own query, straight from the database into a counting sink."""
        columns = exports.csv_columns(export_dimensions(""))
        rows = exports._rows(ResultObservation.objects.all(), columns)
        if connection.vendor != "postgresql":
            began = time.perf_counter()
            count = sum(1 for _row in rows.iterator(chunk_size=exports.ITERATOR_CHUNK_ROWS))
            return {"seconds": time.perf_counter() - began, "rows": count, "method": "cursor (no COPY here)"}
        sink = _CountingSink()
        connection.ensure_connection()
        with connection.connection.cursor() as cursor:
            sql, params = rows.query.sql_with_params()
            statement = cursor.mogrify(f"COPY ({sql}) TO STDOUT WITH (FORMAT csv)", params)
            began = time.perf_counter()
            with cursor.copy(statement) as copy:
                for data in copy:
                    sink.write(data)
        return {"seconds": time.perf_counter() - began, "rows": sink.lines, "method": "COPY TO STDOUT"}

    def _full_export_served(self, port: int) -> dict:
        copy = self._copy_reference()
        began = time.perf_counter()
        status, headers, lines, complete = asyncio.run(
            _request(port, "/api/v1/observations/?format=csv", "text/csv", count_lines=True, timeout=600)
        )
        seconds = time.perf_counter() - began
        return _export_figures(status, headers.get("x-expected-rows"), lines - 1, complete, seconds, copy)

    def _full_export_in_process(self) -> dict:
        copy = self._copy_reference()
        began = time.perf_counter()
        response = Client().get("/api/v1/observations/?format=csv")
        body = b"".join(response.streaming_content)
        seconds = time.perf_counter() - began
        return _export_figures(
            response.status_code, response.get("X-Expected-Rows"), body.count(b"\n") - 1, True, seconds, copy
        )


def _reader_token() -> str:
    """A fresh token of the benchmark's API reader (validated submissions only)."""
    from accounts.models import User
    from accounts.services import token_create
    from accounts.services.users import user_assign_role
    from core.roles import Role

    user, created = User.objects.get_or_create(username="benchmark-api-reader")
    if created:
        user_assign_role(user=user, role=Role.API_READER)
    return token_create(user=user, name="benchmark")[1]


class _CountingSink:
    def __init__(self):
        self.lines = 0

    def write(self, data: bytes) -> None:
        self.lines += bytes(data).count(b"\n")  # psycopg 3 hands over memoryviews


def _database_url() -> str:
    database = settings.DATABASES["default"]
    if database["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{database['NAME']}"
    user = database.get("USER") or ""
    password = f":{database['PASSWORD']}" if database.get("PASSWORD") else ""
    host, port = database.get("HOST") or "127.0.0.1", database.get("PORT") or 5432
    return f"postgres://{user}{password}@{host}:{port}/{database['NAME']}"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


async def _request(
    port: int,
    path: str,
    accept: str,
    *,
    count_lines: bool = False,
    timeout: float = 60,
    authorization: str = "",
):
    """One GET to 127.0.0.1: (status, headers, body bytes or newline count, complete body?)."""
    reader, writer = await asyncio.wait_for(asyncio.open_connection("127.0.0.1", port), timeout)
    try:
        extra = f"Authorization: {authorization}\r\n" if authorization else ""
        request = (
            f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: {accept}\r\n{extra}Connection: close\r\n\r\n"
        )
        writer.write(request.encode())
        await writer.drain()
        head = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), timeout)
        status_line, *header_lines = head.decode("latin-1").split("\r\n")
        status = int(status_line.split()[1])
        headers = {}
        for line in header_lines:
            if ":" in line:
                name, value = line.split(":", 1)
                headers[name.strip().lower()] = value.strip()
        body, lines, complete = bytearray(), 0, False
        if headers.get("transfer-encoding", "").lower() == "chunked":
            while True:
                size_line = await asyncio.wait_for(reader.readuntil(b"\r\n"), timeout)
                size = int(size_line.split(b";")[0], 16)
                if size == 0:
                    await reader.readuntil(b"\r\n")
                    complete = True  # the closing chunk: the server finished the body
                    break
                chunk = await asyncio.wait_for(reader.readexactly(size + 2), timeout)
                if count_lines:
                    lines += chunk.count(b"\n", 0, size)
                else:
                    body += chunk[:size]
        elif "content-length" in headers:
            body = await asyncio.wait_for(reader.readexactly(int(headers["content-length"])), timeout)
            lines, complete = body.count(b"\n"), True
        else:
            body = await asyncio.wait_for(reader.read(), timeout)
            lines = body.count(b"\n")
        if not count_lines:
            lines = bytes(body).count(b"\n")
        return status, headers, lines, complete
    finally:
        writer.close()


async def _load(
    port: int,
    path: str,
    accept: str,
    clients: int,
    duration: float,
    authorization: str = "",
    max_requests: int = 200_000,
):
    """`clients` concurrent clients sending GETs in a loop for `duration` seconds (bounded)."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + duration
    latencies, errors, rows = [], Counter(), []
    began = loop.time()

    async def one_client():
        while loop.time() < deadline and len(latencies) + sum(errors.values()) < max_requests:
            started = loop.time()
            try:
                status, headers, lines, complete = await _request(
                    port, path, accept, authorization=authorization
                )
            except (TimeoutError, OSError, asyncio.IncompleteReadError, ValueError) as error:
                errors[type(error).__name__] += 1
                continue
            if status != 200 or not complete:
                errors[f"status {status}" if status != 200 else "incomplete"] += 1
                continue
            latencies.append(loop.time() - started)
            if "x-expected-rows" in headers:
                rows.append(int(headers["x-expected-rows"]) == lines - 1)

    await asyncio.gather(*(one_client() for _ in range(clients)))
    summary = _summary(latencies, sum(errors.values()), loop.time() - began, None)
    if rows:
        summary["complete_bodies"] = all(rows)
    return summary


def _summary(latencies: list[float], errors: int, elapsed: float, rows) -> dict:
    ordered = sorted(latencies)

    def percentile(share: float) -> float | None:
        if not ordered:
            return None
        return round(ordered[min(len(ordered) - 1, int(share * len(ordered)))] * 1000, 1)

    summary = {
        "requests": len(ordered),
        "req_per_s": round(len(ordered) / elapsed, 1) if elapsed else None,
        "p50_ms": percentile(0.50),
        "p95_ms": percentile(0.95),
        "p99_ms": percentile(0.99),
        "errors": errors,
    }
    if rows is not None:
        summary["rows"] = rows
    return summary


def _median_runs(runs: list[dict]) -> dict:
    """The median of each figure over the runs (a scenario's own figures need not come from one run)."""
    merged = {}
    for name in runs[0]:
        figures = [run[name] for run in runs]
        merged[name] = {}
        for key, value in figures[0].items():
            values = [figure[key] for figure in figures]
            if isinstance(value, bool) or key == "errors":
                merged[name][key] = all(values) if isinstance(value, bool) else sum(values)
            elif all(isinstance(item, int | float) for item in values):
                merged[name][key] = round(statistics.median(values), 1)
            else:
                merged[name][key] = value
    return merged


def _with_ratios(scenarios: dict) -> dict:
    reference = scenarios["reference_biennia"]
    for figures in scenarios.values():
        if reference.get("req_per_s") and figures.get("req_per_s") is not None:
            figures["req_per_s_vs_reference"] = round(figures["req_per_s"] / reference["req_per_s"], 2)
        if reference.get("p95_ms") and figures.get("p95_ms") is not None:
            figures["p95_vs_reference"] = round(figures["p95_ms"] / reference["p95_ms"], 2)
    return scenarios


def _export_figures(status, expected, data_lines, complete, seconds, copy) -> dict:
    expected_rows = int(expected) if expected else None
    return {
        "status": status,
        "rows": data_lines,
        "expected_rows": expected_rows,
        "complete": bool(status == 200 and complete and expected_rows == data_lines == copy["rows"]),
        "seconds": round(seconds, 2),
        "copy_seconds": round(copy["seconds"], 2),
        "copy_rows": copy["rows"],
        "copy_method": copy["method"],
        "vs_copy": round(seconds / copy["seconds"], 2) if copy["seconds"] else None,
    }


def _median_exports(runs: list[dict]) -> dict:
    middle = sorted(runs, key=lambda run: run["seconds"])[len(runs) // 2]
    return {**middle, "runs": len(runs), "all_complete": all(run["complete"] for run in runs)}


def _aims(result: dict) -> dict:
    first = result["scenarios"]["observations_json_first_page"]
    deep = result["scenarios"]["observations_json_deep_page"]
    export = result["full_export"]

    def at_most(value, limit):
        return value is not None and value <= limit

    def at_least(value, limit):
        return value is not None and value >= limit

    pages = result["submissions_page_bytes"]["submissions_page_50"]
    scenarios = result["scenarios"]
    return {
        "submissions_page_of_50_at_most_60_kb": pages["rows"] == 50 and pages["bytes"] <= 60 * 1024,
        "dashboard_at_least_0.5x_reference": at_least(
            scenarios["dashboard"].get("req_per_s_vs_reference"), 0.5
        ),
        "published_report_page_at_least_0.5x_reference": at_least(
            scenarios.get("published_report_page", {}).get("req_per_s_vs_reference"), 0.5
        ),
        "json_p95_at_most_150_ms": at_most(first["p95_ms"], 150) and at_most(deep["p95_ms"], 150),
        "json_at_least_100_req_per_s": at_least(first["req_per_s"], 100) and at_least(deep["req_per_s"], 100),
        "json_at_least_0.7x_reference": at_least(first.get("req_per_s_vs_reference"), 0.7)
        and at_least(deep.get("req_per_s_vs_reference"), 0.7),
        "export_within_3x_copy": at_most(export["vs_copy"], 3),
        "no_truncated_export": export["all_complete"],
    }
