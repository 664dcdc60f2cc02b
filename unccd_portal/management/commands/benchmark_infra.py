"""Measure the platform: /healthz against a trivial view, and database connection modes under load.

Prints JSON; every figure is also given as a ratio to a reference measured in the same run.

- `healthz`: in this process, through the whole middleware stack (Django's test client): the
  median time of a /healthz call answered from a fresh cached worker status, against a view that
  returns "ok"; and the time of one Celery ping, which the old /healthz paid on every call. With
  REDIS_URL set and a worker running, the ping is real.
- `connections` (PostgreSQL only): gunicorn started with gunicorn.conf.py and the production
  settings, once per mode (CONN_MAX_AGE=0, persistent connections, psycopg's pool), `--clients`
  keep-alive clients on a small API endpoint for `--seconds`, the modes interleaved `--runs`
  times; the median requests per second of each mode as a ratio to CONN_MAX_AGE=0, and the
  PostgreSQL sessions opened per request.
- `stateless` (PostgreSQL and Redis): three gunicorn instances on three ports; a browser logs in
  on the first, is recognised by the second and third, and /healthz's worker status pinged
  through one instance is the one the others answer with. Runs collectstatic first, as the image does.

Only loopback addresses are used; every loop is bounded in time.
"""

import http.client
import json
import os
import re
import secrets
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.http import HttpResponse
from django.test import Client, override_settings
from django.urls import path

from unccd_portal import health
from unccd_portal.views import healthz

BASE_DIR = Path(settings.BASE_DIR)
ENDPOINT = "/api/v1/regions/"
BENCHMARK_SECRET_KEY = secrets.token_urlsafe(50)
MODES = {
    "conn_max_age_0": {"DATABASE_POOL": "false", "DATABASE_CONN_MAX_AGE": "0"},
    "persistent_60s": {"DATABASE_POOL": "false", "DATABASE_CONN_MAX_AGE": "60"},
    "psycopg_pool": {"DATABASE_POOL": "true"},
}


def trivial(request):
    return HttpResponse("ok", content_type="text/plain")


# The URLs of the in-process timing: the real /healthz and a view that does nothing.
urlpatterns = [path("healthz", healthz), path("trivial", trivial)]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Gunicorn:
    """A gunicorn of the portal on a loopback port, with gunicorn.conf.py and production settings."""

    def __init__(self, extra_env: dict):
        self.port = _free_port()
        env = dict(os.environ)
        env.update(
            DJANGO_SETTINGS_MODULE="unccd_portal.settings.production",
            # One key for every instance, as replicas must share it (sessions are signed with it).
            SECRET_KEY=os.environ.get("SECRET_KEY") or BENCHMARK_SECRET_KEY,
            ALLOWED_HOSTS="127.0.0.1",
            SECURE_SSL_REDIRECT="false",
            LOG_LEVEL="WARNING",
            **extra_env,
        )
        self.process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py", "unccd_portal.wsgi"]
            + ["--bind", f"127.0.0.1:{self.port}", "--access-logfile", "/dev/null"],
            cwd=BASE_DIR,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )

    def __enter__(self):
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                status, _, _ = request(self.port, "GET", ENDPOINT)
                if status == 200:
                    return self
            except OSError:
                pass
            if self.process.poll() is not None:
                raise CommandError("gunicorn exited at start-up")
            time.sleep(0.3)
        raise CommandError("gunicorn did not answer within 60 s")

    def cpu_seconds(self) -> float:
        """User + system CPU time of the gunicorn workers so far (less sensitive to a busy machine)."""
        total = 0
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == self.process.pid:  # the arbiter's children: the workers
                total += int(fields[11]) + int(fields[12])
        return total / os.sysconf("SC_CLK_TCK")

    def __exit__(self, *exc):
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def request(port: int, method: str, url: str, body: str = "", headers=None, conn=None):
    own = conn is None
    conn = conn or http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        conn.request(
            method, url, body=body or None, headers={"Accept": "application/json", **(headers or {})}
        )
        response = conn.getresponse()
        return response.status, response.getheaders(), response.read()
    finally:
        if own:
            conn.close()


def load(port: int, clients: int, seconds: float) -> dict:
    """`clients` threads, each on its own keep-alive connection, for `seconds`: req/s and latency."""
    latencies, errors, lock = [], [0], threading.Lock()
    deadline = time.monotonic() + seconds

    def client():
        conn, mine, failed = http.client.HTTPConnection("127.0.0.1", port, timeout=30), [], 0
        while time.monotonic() < deadline:
            started = time.perf_counter()
            try:
                status, _, _ = request(port, "GET", ENDPOINT, conn=conn)
                ok = status == 200
            except (OSError, http.client.HTTPException):
                conn.close()
                conn, ok = http.client.HTTPConnection("127.0.0.1", port, timeout=30), False
            if ok:
                mine.append(time.perf_counter() - started)
            else:
                failed += 1
        conn.close()
        with lock:
            latencies.extend(mine)
            errors[0] += failed

    threads = [threading.Thread(target=client) for _ in range(clients)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - started
    return {
        "requests_per_second": round(len(latencies) / elapsed, 1),
        "median_ms": round(statistics.median(latencies) * 1000, 2) if latencies else None,
        "requests": len(latencies),
        "errors": errors[0],
    }


def sessions_opened() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT sessions FROM pg_stat_database WHERE datname = current_database()")
        return cursor.fetchone()[0]


class Command(BaseCommand):
    help = "Time /healthz against a trivial view, and connection modes under gunicorn (JSON on stdout)."

    def add_arguments(self, parser):
        parser.add_argument("sections", nargs="*", default=["healthz", "connections", "stateless"])
        parser.add_argument("--runs", type=int, default=3)
        parser.add_argument("--calls", type=int, default=200, help="/healthz calls per run")
        parser.add_argument("--clients", type=int, default=25)
        parser.add_argument("--seconds", type=float, default=8.0)

    def handle(self, *args, sections, runs, calls, clients, seconds, **options):
        report = {}
        for section in sections:
            if section not in ("healthz", "connections", "stateless"):
                raise CommandError(f"Unknown section {section!r}")
            report[section] = getattr(self, f"_{section}")(
                runs=runs, calls=calls, clients=clients, seconds=seconds
            )
        self.stdout.write(json.dumps(report, indent=2))

    def _healthz(self, *, runs, calls, **options) -> dict:
        mode = "eager" if settings.CELERY_TASK_ALWAYS_EAGER else "broker"
        # The refresh that the old /healthz did on every call: one ping, waiting for replies.
        ping_seconds, status = [], {"ok": True, "workers": [], "checked_at": time.time()}
        for _ in range(3 if mode == "broker" else 0):
            started = time.perf_counter()
            status = health.ping_workers()
            ping_seconds.append(time.perf_counter() - started)
        cache.set(health.WORKER_STATUS_KEY, status, health.WORKER_STATUS_KEEP_SECONDS)
        client = Client()
        per_run = {"healthz": [], "trivial": []}
        with override_settings(ROOT_URLCONF=__name__, DEBUG=False):
            for name in per_run:  # warm up both
                client.get(f"/{name}")
            for _ in range(runs):
                # Keep the worker status fresh, as the 10 s refresh does, so that no call pings.
                cache.set(health.WORKER_STATUS_KEY, {**status, "checked_at": time.time()}, 300)
                times = {name: [] for name in per_run}
                for _ in range(calls):  # alternated, so that noise from the machine hits both alike
                    for name in per_run:
                        started = time.perf_counter()
                        response = client.get(f"/{name}")
                        times[name].append(time.perf_counter() - started)
                for name, values in times.items():
                    per_run[name].append(statistics.median(values))
        healthz_ms = statistics.median(per_run["healthz"]) * 1000
        trivial_ms = statistics.median(per_run["trivial"]) * 1000
        result = {
            "mode": mode,
            "database": connection.vendor,
            "conn_max_age": connection.settings_dict["CONN_MAX_AGE"],
            "pool": bool(connection.settings_dict["OPTIONS"].get("pool")),
            "cache": settings.CACHES["default"]["BACKEND"].rsplit(".", 1)[-1],
            "workers": status["workers"],
            "last_status": response.status_code,
            "runs": runs,
            "calls_per_run": calls,
            "statistic": "median call of each run, median of the runs",
            "load_average": os.getloadavg()[0],
            "healthz_fresh_ms_median": round(healthz_ms, 3),
            "trivial_view_ms_median": round(trivial_ms, 3),
            "healthz_to_trivial_ratio": round(healthz_ms / trivial_ms, 2),
        }
        if ping_seconds:
            ping_ms = statistics.median(ping_seconds) * 1000
            result.update(
                ping_ms_median=round(ping_ms, 1), ping_to_healthz_fresh_ratio=round(ping_ms / healthz_ms, 1)
            )
        return result

    def _connections(self, *, runs, clients, seconds, **options) -> dict:
        if connection.vendor != "postgresql":
            return {"skipped": "needs PostgreSQL (DATABASE_URL)"}
        results = {mode: [] for mode in MODES}
        sessions = {mode: [] for mode in MODES}
        load_before = os.getloadavg()[0]
        for _ in range(runs):
            for mode, extra_env in MODES.items():  # interleaved, so that drift hits every mode alike
                with Gunicorn(extra_env) as server:
                    load(server.port, clients, 2.0)  # warm-up
                    before, cpu_before = sessions_opened(), server.cpu_seconds()
                    result = load(server.port, clients, seconds)
                    opened, cpu = sessions_opened() - before, server.cpu_seconds() - cpu_before
                requests = max(result["requests"], 1)
                result["web_cpu_ms_per_request"] = cpu * 1000 / requests
                results[mode].append(result)
                sessions[mode].append(opened / requests)
        reference_runs = results["conn_max_age_0"]
        reference = statistics.median(r["requests_per_second"] for r in reference_runs)
        reference_cpu = statistics.median(r["web_cpu_ms_per_request"] for r in reference_runs)
        summary = {}
        for mode, mode_results in results.items():
            throughput = statistics.median(r["requests_per_second"] for r in mode_results)
            cpu = statistics.median(r["web_cpu_ms_per_request"] for r in mode_results)
            # Each round ran every mode back to back: its own ratio cancels drift between rounds.
            round_ratios = [
                r["requests_per_second"] / ref["requests_per_second"]
                for r, ref in zip(mode_results, reference_runs, strict=True)
            ]
            summary[mode] = {
                "requests_per_second_median": throughput,
                "ratio_to_conn_max_age_0": round(throughput / reference, 2),
                "median_of_per_round_ratios": round(statistics.median(round_ratios), 2),
                "web_cpu_ms_per_request_median": round(cpu, 2),
                "web_cpu_ratio_to_conn_max_age_0": round(cpu / reference_cpu, 2),
                "median_latency_ms": statistics.median(r["median_ms"] for r in mode_results),
                "sessions_opened_per_request": round(statistics.median(sessions[mode]), 3),
                "errors": sum(r["errors"] for r in mode_results),
                "runs": [r["requests_per_second"] for r in mode_results],
            }
        return {
            "endpoint": ENDPOINT,
            "clients": clients,
            "seconds_per_run": seconds,
            "runs": runs,
            "gunicorn": "gunicorn.conf.py defaults (gthread; workers 2 x cores + 1, 4 threads)",
            "cores": os.cpu_count(),
            "load_average_before": load_before,
            "modes": summary,
        }

    def _stateless(self, **options) -> dict:
        if connection.vendor != "postgresql" or not settings.CACHES["default"]["BACKEND"].endswith(
            "RedisCache"
        ):
            return {"skipped": "needs PostgreSQL (DATABASE_URL) and Redis (REDIS_URL)"}
        from accounts.models import User

        call_command("collectstatic", interactive=False, verbosity=0)
        password = secrets.token_urlsafe(16)
        user = User.objects.create_user(username=f"benchmark-{secrets.token_hex(4)}", password=password)
        cache.delete(health.WORKER_STATUS_KEY)
        checks = {}
        try:
            servers = [Gunicorn({"WEB_CONCURRENCY": "1"}) for _ in range(3)]
            for server in servers:
                server.__enter__()
            try:
                checks = self._stateless_checks([server.port for server in servers], user.username, password)
            finally:
                for server in servers:
                    server.__exit__(None, None, None)
        finally:
            user.delete()
        return checks

    def _stateless_checks(self, ports: list[int], username: str, password: str) -> dict:
        cookies: dict[str, str] = {}

        def call(port, method, url, body=""):
            headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in cookies.items()), "Accept": "text/html"}
            if body:
                headers["Content-Type"] = "application/x-www-form-urlencoded"
                headers["Referer"] = f"http://127.0.0.1:{port}/accounts/login/"
            status, response_headers, content = request(port, method, url, body, headers)
            for name, value in response_headers:
                if name.lower() == "set-cookie":
                    key, _, rest = value.partition("=")
                    cookies[key] = rest.split(";", 1)[0]
            return status, content.decode("utf-8", "replace")

        _, page = call(ports[0], "GET", "/accounts/login/")
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        login_status, _ = call(
            ports[1],
            "POST",
            "/accounts/login/",
            urlencode({"csrfmiddlewaretoken": token, "username": username, "password": password}),
        )
        home = [call(port, "GET", "/accounts/home/")[0] for port in ports]
        health_bodies = [json.loads(request(port, "GET", "/healthz")[2]) for port in ports]
        celery = [body["checks"]["celery"] for body in health_bodies]
        return {
            "instances": len(ports),
            "login_page_from": "instance 1",
            "login_post_to_instance_2_status": login_status,
            "logged_in_home_status_on_each_instance": home,
            "healthz_pinged_per_instance": [c.get("pinged") for c in celery],
            "healthz_status_age_per_instance": [c.get("age_seconds") for c in celery],
        }
