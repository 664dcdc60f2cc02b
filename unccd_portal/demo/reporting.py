"""Demo data: 2018-2019 finance and posts reconstructed from seed 002, 2020-2021 for comparison.

The 2018-2019 files (reporting/samples/) are line items (programme x object; individual posts)
whose aggregates reproduce seed 002's tables 1-8, except row D of table 1, which the seed prints
with row A's figures: D is derived so that the rows add up to the published core totals
(approved 2,509,051; expenditure 1,727,120.40; forecast 765,094.40). Loading twice changes nothing.
"""

import csv
import io
from datetime import date
from decimal import Decimal
from pathlib import Path

from django.apps import apps
from django.db import transaction

from accounts.models import User
from reporting.choices import ReportKind, ReportStatus
from reporting.models import FinanceSnapshot, PostSnapshot, Report
from reporting.services import report_compile, report_publish, report_request, snapshot_import
from workprogramme.models import Biennium

SAMPLES = Path(apps.get_app_config("reporting").path) / "samples"
CUTOFF_2019 = date(2019, 5, 31)
CUTOFF_2021 = date(2021, 5, 31)


def _biennium(code: str) -> Biennium:
    start, end = (int(year) for year in code.split("-"))
    biennium, _created = Biennium.objects.get_or_create(
        code=code, defaults={"start_date": date(start, 1, 1), "end_date": date(end, 12, 31)}
    )
    return biennium


def _finance_2020_2021(content: bytes) -> bytes:
    """The 2018-2019 lines grown 3 % with another spending profile: a plausible next biennium."""
    rows = list(csv.DictReader(io.StringIO(content.decode("utf-8"))))
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]))
    writer.writeheader()
    for index, line in enumerate(rows):
        approved = (Decimal(line["approved"]) * Decimal("1.03")).quantize(Decimal(1))
        rate = Decimal("0.58") + Decimal(index % 7) / 100
        expenditure = (approved * rate).quantize(Decimal(1))
        forecast = (approved * Decimal("0.97") - expenditure).quantize(Decimal(1))
        writer.writerow(
            line | {"approved": approved, "expenditure": expenditure, "forecast": max(forecast, 0)}
        )
    return out.getvalue().encode("utf-8")


def _posts_2020_2021(content: bytes) -> bytes:
    """The 2018-2019 posts with the vacancies of the core P-5 posts filled."""
    rows = list(csv.DictReader(io.StringIO(content.decode("utf-8"))))
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]))
    writer.writeheader()
    groups = ["Africa", "LAC", "CEE", "Asia"]
    for line in rows:
        if line["filled"] == "no" and line["grade"] == "P-5":
            line |= {
                "filled": "yes",
                "gender": "female",
                "regional_group": groups.pop() if groups else "WEOG",
            }
        writer.writerow(line)
    return out.getvalue().encode("utf-8")


def _compiled(biennium, cutoff, user) -> Report:
    """The biennium's latest complete report, compiled now (eagerly, in-process) if there is none."""
    report = (
        Report.objects.filter(
            kind=ReportKind.BIENNIAL_PERFORMANCE,
            biennium=biennium,
            cutoff_date=cutoff,
            status=ReportStatus.COMPLETE,
        )
        .order_by("-published", "-version")
        .first()
    )
    if report is None:
        report = report_request(
            kind=ReportKind.BIENNIAL_PERFORMANCE,
            biennium=biennium,
            cutoff_date=cutoff,
            user=user,
            enqueue=False,
        )
        report = report_compile(report_id=report.pk) or report
    return report


@transaction.atomic
def load() -> str:
    finance = (SAMPLES / "finance_2018_2019.csv").read_bytes()
    posts = (SAMPLES / "posts_2018_2019.csv").read_bytes()
    first, second = _biennium("2018-2019"), _biennium("2020-2021")
    user = User.objects.filter(username="secretariat").first()
    for snapshot_model, biennium, cutoff, content, name in (
        (FinanceSnapshot, first, CUTOFF_2019, finance, "finance_2018_2019.csv"),
        (PostSnapshot, first, CUTOFF_2019, posts, "posts_2018_2019.csv"),
        (FinanceSnapshot, second, CUTOFF_2021, _finance_2020_2021(finance), "finance_2020_2021.csv"),
        (PostSnapshot, second, CUTOFF_2021, _posts_2020_2021(posts), "posts_2020_2021.csv"),
    ):
        # Imported once: importing again would replace the snapshot and add audit entries.
        if not snapshot_model.objects.filter(biennium=biennium, cutoff_date=cutoff).exists():
            snapshot_import(
                user=None,
                snapshot_model=snapshot_model,
                biennium=biennium,
                cutoff_date=cutoff,
                content=content,
                name=name,
            )
    reports = [
        _compiled(biennium, cutoff, user)
        for biennium, cutoff in ((first, CUTOFF_2019), (second, CUTOFF_2021))
    ]
    if not reports[0].published and reports[0].status == ReportStatus.COMPLETE:
        report_publish(user=user, report=reports[0])
    return f"finance and posts for 2018-2019 and 2020-2021; reports {', '.join(str(r.pk) for r in reports)}"
