"""Tables 5-8 of the biennial report: posts by grade and fund, by unit, by regional group and gender.

Counts are database aggregates (Count ... GROUP BY). Which posts are the secretariat's and which
the GM's follows each unit's kind; grades and their category come from the reference data.
"""

from django.db.models import Count, Q

from regions.choices import UnitKind, UNRegionalGroup
from regions.models import OrganisationalUnit

from ..choices import Gender, GradeCategory
from ..models import FundingSource, Post, PostSnapshot, StaffGrade
from .tables import column, date, largest_remainder_percentages, ref, row, table, text, without_data


def post_snapshot_for(biennium, cutoff) -> PostSnapshot | None:
    return (
        PostSnapshot.objects.filter(biennium=biennium, cutoff_date__lte=cutoff)
        .order_by("-cutoff_date")
        .first()
    )


def _grades_shown(grades: list, present: set) -> list:
    """Professional grades from the highest one present down, then the General Service ones."""
    professional = [grade for grade in grades if grade.category == GradeCategory.PROFESSIONAL]
    first = next((i for i, grade in enumerate(professional) if grade.pk in present), len(professional) - 1)
    return professional[max(first, 0) :]


def _general(grades: list) -> list:
    return [grade for grade in grades if grade.category == GradeCategory.GENERAL_SERVICE]


def _sum_rows(rows: list[list[int]], width: int) -> list[int]:
    return [sum(cells[i] for cells in rows) for i in range(width)]


def _grade_rows(grades, general, cells_for, width, marks_for=None) -> list[dict]:
    """Professional rows, subtotal, General Service rows, total."""
    marks_for = marks_for or (lambda grade: None)
    professional_cells = [cells_for(grade) for grade in grades]
    general_cells = [cells_for(grade) for grade in general]
    rows = [
        row(g.code, c, code=g.code, marks=marks_for(g))
        for g, c in zip(grades, professional_cells, strict=True)
    ]
    subtotal = _sum_rows(professional_cells, width)
    rows.append(row(text("row.subtotal"), subtotal, "subtotal", code="subtotal"))
    rows += [
        row(g.code, c, code=g.code, marks=marks_for(g)) for g, c in zip(general, general_cells, strict=True)
    ]
    rows.append(row(text("row.total"), _sum_rows([subtotal, *general_cells], width), "total", code="total"))
    return rows


def _footnote_marks(notes, kind: str, used: list) -> tuple[dict, dict]:
    """Letters a, b… per footnote text, and per grade the cell (fund x approved/filled) they mark."""
    letters, marks, fund_ids = {}, {}, [fund.pk for fund in used]
    for unit_kind, grade_id, fund_id, filled, note in notes:
        if unit_kind != kind or fund_id not in fund_ids:
            continue
        letter = letters.setdefault(note, "abcdefghijklmnopqrstuvwxyz"[len(letters) % 26])
        marks.setdefault(grade_id, {})[str(fund_ids.index(fund_id) * 2 + (1 if filled else 0))] = letter
    return letters, marks


def _fund_columns(used: list) -> list[dict]:
    columns = []
    for fund in [*used, None]:
        name, code = (ref("fund", fund.code), fund.code) if fund else (text("row.total"), "total")
        columns += [
            column(f"{code}_approved", text("column.fund_approved", fund=name), "count"),
            column(f"{code}_filled", text("column.fund_filled", fund=name), "count"),
        ]
    return columns


def posts_by_fund_tables(posts, grades, funds, cutoff) -> list[dict]:
    """Tables 5 (secretariat) and 6 (GM): approved and filled posts by grade and funding source."""
    counts = (
        posts.values("unit__kind", "grade_id", "funding_source_id")
        .annotate(
            approved_count=Count("pk", filter=Q(approved=True)),
            filled_count=Count("pk", filter=Q(filled=True)),
        )
        .order_by()
    )
    notes = list(
        posts.exclude(footnote="")
        .values_list("unit__kind", "grade_id", "funding_source_id", "filled", "footnote")
        .distinct()
        .order_by("grade__order", "funding_source__order", "footnote")
    )
    cells = {(c["unit__kind"], c["grade_id"], c["funding_source_id"]): c for c in counts}
    tables = []
    for number_, kind, who in (
        (5, UnitKind.SECRETARIAT, text("who.secretariat")),
        (6, UnitKind.GLOBAL_MECHANISM, text("who.gm")),
    ):
        used = [f for f in funds if any(key[0] == kind and key[2] == f.pk for key in cells)] or funds[:1]
        letters, marks = _footnote_marks(notes, kind, used)

        def cells_for(grade, kind=kind, used=used):
            values = []
            for fund in used:
                item = cells.get((kind, grade.pk, fund.pk), {})
                values += [item.get("approved_count", 0), item.get("filled_count", 0)]
            return values + [sum(values[0::2]), sum(values[1::2])]

        columns = _fund_columns(used)
        shown = _grades_shown(grades, {key[1] for key in cells if key[0] == kind})
        rows = _grade_rows(shown, _general(grades), cells_for, len(columns), lambda g, m=marks: m.get(g.pk))
        title = text("table_posts.title", who=who, date=date(cutoff))
        footnotes = [{"mark": letter, "text": text} for text, letter in letters.items()]
        extra = {"footnotes": footnotes, "summary": {"funds": [f.code for f in used]}}
        tables.append(table(number_, f"posts_{kind}", title, columns, rows, **extra))
    return tables


def filled_by_unit(posts, grades, units, cutoff) -> dict:
    """Table 7: filled posts by grade and unit."""
    counts = posts.filter(filled=True).values("grade_id", "unit_id").annotate(count=Count("pk")).order_by()
    cells = {(c["grade_id"], c["unit_id"]): c["count"] for c in counts}
    present = {key[0] for key in cells}

    def cells_for(grade):
        values = [cells.get((grade.pk, unit.pk), 0) for unit in units]
        return values + [sum(values)]

    columns = [column(unit.code, unit.code, "count") for unit in units] + [
        column("total", text("row.total"), "count")
    ]
    rows = _grade_rows(_grades_shown(grades, present), _general(grades), cells_for, len(columns))
    title = text("table7.title", date=date(cutoff))
    return table(7, "filled_by_unit", title, columns, rows)


def filled_by_geography(posts, grades, cutoff) -> dict:
    """Table 8: filled professional-and-above posts by grade, regional group and gender, with %."""
    counts = (
        posts.filter(filled=True, grade__category=GradeCategory.PROFESSIONAL)
        .values("grade_id", "regional_group", "gender")
        .annotate(count=Count("pk"))
        .order_by()
    )
    groups, genders = list(UNRegionalGroup.values), [Gender.MALE.value, Gender.FEMALE.value]
    by_region, by_gender = {}, {}
    for item in counts:
        key = (item["grade_id"], item["regional_group"])
        by_region[key] = by_region.get(key, 0) + item["count"]
        key = (item["grade_id"], item["gender"])
        by_gender[key] = by_gender.get(key, 0) + item["count"]
    shown = _grades_shown(grades, {key[0] for key in by_region})
    rows = []
    for grade in shown:
        regions = [by_region.get((grade.pk, group), 0) for group in groups]
        sexes = [by_gender.get((grade.pk, gender), 0) for gender in genders]
        rows.append(row(grade.code, regions + sexes + [sum(regions)], code=grade.code))
    subtotal = _sum_rows([r["cells"] for r in rows], len(groups) + len(genders) + 1)
    rows.append(row(text("row.subtotal"), subtotal, "subtotal", code="subtotal"))
    region_share = largest_remainder_percentages(subtotal[: len(groups)])
    gender_share = largest_remainder_percentages(subtotal[len(groups) : -1])
    rows.append(
        row(
            text("row.percentage_of_total"),
            region_share + gender_share + [100.0 if subtotal[-1] else 0.0],
            "total",
            code="percent",
        )
    )
    columns = (
        [column(group, text(f"group_short.{group}"), "count") for group in groups]
        + [column(gender, ref("gender", gender), "count") for gender in genders]
        + [column("filled", text("column.filled"), "count")]
    )
    title = text("table8.title", date=date(cutoff))
    notes = [text("table8.note_rounding"), text("table8.note_abbreviations")]
    return table(8, "filled_by_geography", title, columns, rows, notes=notes)


def staffing_tables(biennium, cutoff) -> tuple[list[dict], dict]:
    """Tables 5-8 and facts about the inputs."""
    snapshot = post_snapshot_for(biennium, cutoff)
    posts = Post.objects.filter(snapshot=snapshot) if snapshot else Post.objects.none()
    grades = list(StaffGrade.objects.all())
    funds = list(FundingSource.objects.all())
    units = list(OrganisationalUnit.objects.all())
    tables = [
        *posts_by_fund_tables(posts, grades, funds, cutoff),
        filled_by_unit(posts, grades, units, cutoff),
        filled_by_geography(posts, grades, cutoff),
    ]
    if snapshot is None:
        tables = [without_data(t, "staffing.no_data", biennium=biennium.code) for t in tables]
    return tables, {"posts_cutoff": f"{snapshot.cutoff_date:%Y-%m-%d}" if snapshot else None}
