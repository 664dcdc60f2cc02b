"""The kill drill: a real worker (with its beat) SIGKILLed as a whole at random points, ten times.

Every report must end complete within two minutes of a worker being back, each request with exactly
one complete version and no version number twice. Runs with REDIS_URL and a database that a worker
process can reach (PostgreSQL in CI). The worker gets short thresholds through its environment.
"""

import contextlib
import os
import random
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest
import redis
from django.conf import settings
from django.db import connection, transaction

from reporting.choices import ReportKind, ReportStatus
from reporting.models import Report
from reporting.services import report_request
from unccd_portal.celery import app

from .conftest import CUTOFF

ROOT = Path(__file__).resolve().parents[2]
KILLS = 10
SEED = 20240301
RECOVERY_LIMIT = 120  # seconds, from the moment a worker is back
DRILL_ENVIRONMENT = {
    "REPORT_HEARTBEAT_INTERVAL": "1",
    "REPORT_HEARTBEAT_TIMEOUT": "4",
    "REPORT_QUEUED_TIMEOUT": "15",
    "REPORT_WATCHDOG_INTERVAL": "1",
    # Enough attempts that a compile killed in every round still completes.
    "REPORT_COMPILE_MAX_ATTEMPTS": str(KILLS + 20),
    "DRILL_STEP_SECONDS": "0.4",
}


def _worker_database_url() -> str:
    database = connection.settings_dict
    password = f":{database['PASSWORD']}" if database["PASSWORD"] else ""
    return (
        f"postgres://{database['USER']}{password}@{database['HOST'] or '127.0.0.1'}:"
        f"{database['PORT'] or 5432}/{database['NAME']}"
    )


requires_worker_setup = pytest.mark.skipif(
    not os.environ.get("REDIS_URL") or settings.DATABASES["default"]["ENGINE"].endswith("sqlite3"),
    reason="needs REDIS_URL and a PostgreSQL database that a worker process can reach",
)


class Worker:
    """`celery worker -B` in its own process group, killed as a whole with SIGKILL."""

    def __init__(self, tmp_path: Path):
        self.tmp_path, self.process, self.starts = tmp_path, None, 0

    def start(self) -> None:
        self.starts += 1
        environment = {
            **os.environ,
            **DRILL_ENVIRONMENT,
            "DJANGO_SETTINGS_MODULE": os.environ.get("DJANGO_SETTINGS_MODULE", "unccd_portal.settings.test"),
            "DATABASE_URL": _worker_database_url(),
        }
        self.log = open(self.tmp_path / f"worker-{self.starts}.log", "wb")  # noqa: SIM115 (closed in kill())
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "tests.reporting.drill_worker",
                "--beat",
                f"--schedule={self.tmp_path / f'beat-{self.starts}'}",
                "--concurrency=2",
                "--loglevel=INFO",
                "--without-gossip",
                "--without-mingle",
                f"--hostname=drill{self.starts}@%h",
            ],
            cwd=ROOT,
            env=environment,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group: the pool and the beat die with it
        )

    def wait_ready(self, timeout: float = 60) -> None:
        """Until the worker says it is ready (connected, its pool and beat started)."""
        log, deadline = self.tmp_path / f"worker-{self.starts}.log", time.monotonic() + timeout
        while b" ready." not in log.read_bytes():
            assert self.process.poll() is None, log.read_text(errors="replace")
            assert time.monotonic() < deadline, "the worker did not start"
            time.sleep(0.1)

    def kill(self) -> None:
        if self.process is None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=30)
        # The children of the group are gone too once their leader is reaped and they are killed.
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                os.killpg(self.process.pid, 0)
            except ProcessLookupError:
                break
            time.sleep(0.05)
        self.process = None
        self.log.close()


def _request(biennium, user) -> Report:
    with transaction.atomic():  # committed: the compile is sent to the broker on commit
        return report_request(
            kind=ReportKind.BIENNIAL_PERFORMANCE, biennium=biennium, cutoff_date=CUTOFF, user=user
        )


def _clean_broker() -> None:
    """No message of an earlier run (its report ids may exist again in this database) is delivered."""
    app.control.purge()
    client = redis.Redis.from_url(os.environ["REDIS_URL"])
    client.delete("unacked", "unacked_index", "unacked_mutex")


@requires_worker_setup
@pytest.mark.celery_worker
@pytest.mark.django_db(transaction=True)
def test_kill_the_worker_ten_times_and_every_compile_completes_once(
    reference_data, small_finance, small_posts, biennium, secretariat_user, tmp_path
):
    assert app.conf.task_always_eager is False
    _clean_broker()
    rng = random.Random(SEED)
    worker = Worker(tmp_path)
    requested, kills = [], []
    try:
        for round_number in range(1, KILLS + 1):
            worker.start()
            requested += [_request(biennium, secretariat_user).pk for _ in range(2)]
            worker.wait_ready()
            time.sleep(rng.uniform(0.2, 3.5))  # a random point: claiming, computing, writing, idle
            states = Counter(Report.objects.values_list("status", flat=True))
            worker.kill()
            kills.append((round_number, dict(states)))
        worker.start()
        worker.wait_ready()
        back = time.monotonic()
        deadline = back + RECOVERY_LIMIT
        while time.monotonic() < deadline:
            if not Report.objects.exclude(status__in=[ReportStatus.COMPLETE, ReportStatus.FAILED]).exists():
                break
            time.sleep(0.5)
        recovered_in = time.monotonic() - back
    finally:
        worker.kill()

    reports = list(Report.objects.order_by("pk"))
    summary = {
        "kills": len(kills),
        "states_at_each_kill": kills,
        "recovered_in_seconds": round(recovered_in, 1),
        "attempts": Counter(r.attempt for r in reports),
        "statuses": Counter(r.status for r in reports),
    }
    print("\nkill drill:", summary)
    logs = "\n".join(p.read_text(errors="replace")[-3000:] for p in sorted(tmp_path.glob("worker-*.log")))
    unfinished = [r.pk for r in reports if r.status not in (ReportStatus.COMPLETE, ReportStatus.FAILED)]
    assert not unfinished, f"not finished {RECOVERY_LIMIT} s after a worker was back: {unfinished}\n{logs}"
    assert len(kills) == KILLS and sorted(r.pk for r in reports) == sorted(requested)
    # Exactly one complete version per request (one row per request, each complete), numbers distinct.
    assert all(r.status == ReportStatus.COMPLETE for r in reports), (summary, [r.error for r in reports])
    versions = Counter((r.kind, r.biennium_id, r.cutoff_date, r.scope, r.version) for r in reports)
    assert max(versions.values()) == 1 and sorted(r.version for r in reports) == list(
        range(1, len(requested) + 1)
    )
    assert all(len(r.tables) == 9 and r.progress == 100 for r in reports)
    # Some kills landed mid-compile, so the watchdog had work to do.
    assert any(r.attempt > 1 for r in reports), summary
