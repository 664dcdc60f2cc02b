"""Tables 1-4 of the biennial report: expenditure by programme, by object, for the subsidiary bodies.

Every figure comes from one database aggregate over the snapshot's lines (`finance_aggregates`:
Sum ... GROUP BY budget holder, object of expenditure and fund, a few hundred rows whatever the
number of lines), which every table, and table 11's current figures, then add up; grouping and
totals follow the budget holders' data (`group`, `counts_in_core_total`, `kind`), never
hard-coded programme codes.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal

from django.db.models import DecimalField, Sum, Value
from django.db.models.functions import Coalesce

from ..choices import BudgetGroup, BudgetHolderKind
from ..models import BudgetHolder, BudgetLine, FinanceSnapshot, FundingSource, ObjectOfExpenditure
from .tables import column, date, figure, group_row, number, percent, ref, row, table, text, without_data

CORE_FUND = "core"
ZERO = Decimal(0)
AMOUNTS = ("approved", "expenditure", "forecast")


def _sums():
    money = DecimalField(max_digits=16, decimal_places=2)
    return {name: Coalesce(Sum(name), Value(ZERO), output_field=money) for name in AMOUNTS}


def _figures(approved, expenditure, forecast) -> dict:
    projected = expenditure + forecast
    return {
        "approved": approved,
        "expenditure": expenditure,
        "forecast": forecast,
        "projected": projected,
        "balance": approved - projected,
    }


def _cells(figures: dict) -> list:
    return [number(figures[key]) for key in ("approved", "expenditure", "forecast", "projected", "balance")]


def _add(total: dict, figures: dict) -> dict:
    return {key: total.get(key, ZERO) + figures[key] for key in figures}


def _columns(biennium, cutoff) -> list[dict]:
    end, forecast_start = biennium.end_date, cutoff + timedelta(days=1)
    return [
        column("approved", text("column.approved_budget", biennium=biennium.code)),
        column("expenditure", text("column.expenditure_to", date=date(cutoff))),
        column(
            "forecast",
            text("column.forecast", start=date(forecast_start, "month"), end=date(end, "month")),
        ),
        column("projected", text("column.projected_to", date=date(end))),
        column("balance", text("column.balance_at", date=date(end))),
    ]


def _rate(value) -> dict | None:
    return None if value is None else figure(value, 1)


def finance_snapshot_for(biennium, cutoff) -> FinanceSnapshot | None:
    """The biennium's finance data at the cut-off, or the latest before it."""
    return (
        FinanceSnapshot.objects.filter(biennium=biennium, cutoff_date__lte=cutoff)
        .order_by("-cutoff_date")
        .first()
    )


@dataclass(frozen=True)
class FinanceData:
    """A snapshot's sums per budget holder × object of expenditure × fund, and the classifications
    that say which sums each table adds up."""

    snapshot: FinanceSnapshot | None
    sums: list[dict]
    holders: dict[int, BudgetHolder]
    objects: dict[int, ObjectOfExpenditure]
    core_funds: frozenset[int]

    def core(self, item: dict) -> bool:
        return item["fund_id"] in self.core_funds

    def in_core_budget(self, item: dict) -> bool:
        """Core money of a programme that counts in the core budget's total."""
        return self.core(item) and self.holders[item["budget_holder_id"]].counts_in_core_total

    def added_up(self, key: Callable[[dict], object], where: Callable[[dict], bool]) -> dict:
        """The amounts of the sums `where` accepts, added up per `key(sum)`."""
        totals: dict = {}
        for item in self.sums:
            if where(item):
                group = totals.setdefault(key(item), dict.fromkeys(AMOUNTS, ZERO))
                for name in AMOUNTS:
                    group[name] += item[name]
        return totals


def finance_aggregates(snapshot: FinanceSnapshot | None) -> list[dict]:
    """The one pass over a snapshot's lines: sums per budget holder, object of expenditure and
    fund (`benchmark_reports` times the compile against this very query in bare SQL)."""
    if snapshot is None:
        return []
    return list(
        BudgetLine.objects.filter(snapshot=snapshot)
        .order_by()
        .values("budget_holder_id", "object_of_expenditure_id", "fund_id")
        .annotate(**_sums())
    )


def finance_data(snapshot: FinanceSnapshot | None) -> FinanceData:
    return FinanceData(
        snapshot=snapshot,
        sums=finance_aggregates(snapshot),
        holders={holder.pk: holder for holder in BudgetHolder.objects.all()},
        objects={obj.pk: obj for obj in ObjectOfExpenditure.objects.all()},
        core_funds=frozenset(FundingSource.objects.filter(code=CORE_FUND).values_list("pk", flat=True)),
    )


def core_budget_totals(data: FinanceData) -> dict:
    """Approved, spent and forecast core money of the programmes in the core budget's total."""
    totals = data.added_up(lambda item: "core", data.in_core_budget)
    return totals.get("core", dict.fromkeys(AMOUNTS, ZERO))


def expenditure_by_programme(data: FinanceData, biennium, cutoff) -> dict:
    """Table 1: core lines of the programmes, grouped, with the core total; initiatives after it."""
    holders = data.holders
    sums = data.added_up(
        lambda item: item["budget_holder_id"],
        lambda item: (
            data.in_core_budget(item) or holders[item["budget_holder_id"]].kind == BudgetHolderKind.INITIATIVE
        ),
    )
    by_holder = {pk: _figures(*(item[key] for key in AMOUNTS)) for pk, item in sums.items()}
    empty = _figures(ZERO, ZERO, ZERO)
    core = [holder for holder in holders.values() if holder.counts_in_core_total]
    rows, core_total = [], {}
    for group in BudgetGroup:
        members = [holder for holder in core if holder.group == group.value]
        if not members:
            continue
        rows.append(group_row(ref("budget_group", group.value), code=group.value))
        subtotal = {}
        for holder in members:
            figures = by_holder.get(holder.pk, empty)
            subtotal = _add(subtotal, figures)
            rows.append(row(ref("budget_holder", holder.code), _cells(figures), code=holder.code))
        rows.append(
            row(
                text("row.subtotal_group", group=group.value),
                _cells(subtotal),
                "subtotal",
                code=f"subtotal_{group.value}",
            )
        )
        core_total = _add(core_total, subtotal)
    core_total = core_total or empty
    letters = [holder.letter for holder in core if holder.letter]
    label = (
        text("row.total_core_budget", span=f"{letters[0]}-{letters[-1]}")
        if len(letters) > 1
        else text("row.total_core_budget_plain")
    )
    rows.append(row(label, _cells(core_total), "total", code="core_total"))
    for holder in holders.values():
        if holder.kind == BudgetHolderKind.INITIATIVE and holder.pk in by_holder:
            rows.append(
                row(
                    ref("budget_holder", holder.code),
                    _cells(by_holder[holder.pk]),
                    "supplementary",
                    code=holder.code,
                )
            )
    summary = {
        "expenditure_rate": percent(core_total["expenditure"], core_total["approved"]),
        "implementation_rate": percent(core_total["projected"], core_total["approved"]),
        "core_expenditure": number(core_total["expenditure"]),
        "core_approved": number(core_total["approved"]),
    }
    notes = [
        text(
            "table1.note_rates",
            expenditure=_rate(summary["expenditure_rate"]),
            implementation=_rate(summary["implementation_rate"]),
        )
    ]
    title = text("table1.title", date=date(cutoff))
    return table(
        1,
        "expenditure_by_programme",
        title,
        _columns(biennium, cutoff),
        rows,
        unit="EUR",
        summary=summary,
        notes=notes,
    )


def expenditure_by_object(data: FinanceData, biennium, cutoff) -> dict:
    """Table 2: the core budget of the core-total programmes by object of expenditure."""
    sums = data.added_up(lambda item: item["object_of_expenditure_id"], data.in_core_budget)
    by_object = {pk: _figures(*(item[k] for k in AMOUNTS)) for pk, item in sums.items()}
    rows, total = [], {}
    for obj in data.objects.values():
        if obj.pk in by_object:
            total = _add(total, by_object[obj.pk])
            rows.append(row(ref("object", obj.code), _cells(by_object[obj.pk]), code=obj.code))
    rows.append(row(text("row.total"), _cells(total or _figures(ZERO, ZERO, ZERO)), "total", code="total"))
    title = text("table2.title", date=date(cutoff))
    return table(2, "expenditure_by_object", title, _columns(biennium, cutoff), rows, unit="EUR")


def subsidiary_body_tables(data: FinanceData, biennium, cutoff, first: int) -> list:
    """Tables 3, 4…: each subsidiary body's core budget by object, with % spent."""
    holders, objects = data.holders, data.objects
    cells = data.added_up(
        lambda item: (item["budget_holder_id"], item["object_of_expenditure_id"]),
        lambda item: (
            data.core(item) and holders[item["budget_holder_id"]].kind == BudgetHolderKind.SUBSIDIARY_BODY
        ),
    )
    bodies = [holder for holder in holders.values() if holder.kind == BudgetHolderKind.SUBSIDIARY_BODY]
    columns = [
        column("approved", text("column.approved_budget", biennium=biennium.code)),
        column("expenditure", text("column.expenditure_to", date=date(cutoff))),
        column("spent_percent", text("column.spent_percent"), "percent"),
    ]
    tables = []
    for offset, body in enumerate(bodies):
        rows, approved_total, spent_total = [], ZERO, ZERO
        for obj in objects.values():
            item = cells.get((body.pk, obj.pk))
            if item is None:
                continue
            approved_total += item["approved"]
            spent_total += item["expenditure"]
            rows.append(
                row(
                    ref("object", obj.code),
                    [
                        number(item["approved"]),
                        number(item["expenditure"]),
                        percent(item["expenditure"], item["approved"]),
                    ],
                    code=obj.code,
                )
            )
        rows.append(
            row(
                text("row.total"),
                [number(approved_total), number(spent_total), percent(spent_total, approved_total)],
                "total",
                code="total",
            )
        )
        title = text("table_body.title", body=ref("budget_holder_name", body.code), date=date(cutoff))
        tables.append(
            table(
                first + offset,
                f"subsidiary_body_{body.code.lower()}",
                title,
                columns,
                rows,
                unit="EUR",
                notes=[text("table_body.note_blank")],
            )
        )
    return tables


def finance_tables(biennium, cutoff, data: FinanceData | None = None) -> tuple[list[dict], dict]:
    """Tables 1, 2 and one per subsidiary body (3, 4), and facts about the inputs, from one pass
    over the lines of the biennium's finance data at the cut-off (`data`, when the caller has it)."""
    data = data or finance_data(finance_snapshot_for(biennium, cutoff))
    tables = [
        expenditure_by_programme(data, biennium, cutoff),
        expenditure_by_object(data, biennium, cutoff),
        *subsidiary_body_tables(data, biennium, cutoff, first=3),
    ]
    snapshot = data.snapshot
    if snapshot is None:
        tables = [without_data(t, "finance.no_data", biennium=biennium.code) for t in tables]
    inputs = {"finance_cutoff": f"{snapshot.cutoff_date:%Y-%m-%d}" if snapshot else None}
    return tables, inputs
