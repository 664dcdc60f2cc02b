"""A Celery worker with embedded beat whose biennial compiles are slowed down, for the kill drill.

Run as `python -m tests.reporting.drill_worker [worker options]`. Each data step of the compile
sleeps DRILL_STEP_SECONDS first, so that a compile lasts long enough for a kill to land in it (the
compiles themselves are the real ones, on a small data set). Everything else is the real worker.
"""

import functools
import os
import sys
import time

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "unccd_portal.settings.test")
django.setup()

from reporting.compiler import biennial  # noqa: E402
from unccd_portal.celery import app  # noqa: E402

STEP_SECONDS = float(os.environ.get("DRILL_STEP_SECONDS", "0.4"))


def _slowed(step):
    @functools.wraps(step)
    def slow_step(*args, **kwargs):
        time.sleep(STEP_SECONDS)
        return step(*args, **kwargs)

    return slow_step


for name in ("finance_tables", "staffing_tables", "results_sections", "regional_offices_section"):
    setattr(biennial, name, _slowed(getattr(biennial, name)))

if __name__ == "__main__":
    app.worker_main(["worker", *sys.argv[1:]])
