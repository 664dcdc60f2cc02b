"""Each table's arithmetic on the small hand-made data set (expected values worked out by hand)."""

from reporting.compiler.biennial import compile_biennial
from reporting.compiler.tables import largest_remainder_percentages

from .conftest import CUTOFF, cells, table


def test_table1_expenditure_by_programme(small_finance, small_posts, biennium):
    t1 = table(compile_biennial(biennium, CUTOFF)["tables"], 1)
    rows = cells(t1)
    # approved, expenditure, forecast, projected = exp + forecast, balance = approved - projected
    assert rows["A. Executive Direction and Management"] == [1200, 850, 300, 1150, 50]
    assert rows["B. External Relations, Policy and Advocacy"] == [0, 0, 0, 0, 0]
    assert rows["D. Administrative Services"] == [500, 100, 100, 200, 300]
    assert rows["Subtotal I"] == [1700, 950, 400, 1350, 350]
    assert rows["E. Global Mechanism"] == [300, 200, 50, 250, 50]
    assert rows["Subtotal II"] == [300, 200, 50, 250, 50]
    assert rows["Total core budget (A-E)"] == [2000, 1150, 450, 1600, 400]
    assert rows["Drought Initiative"] == [100, 20, 30, 50, 50]
    assert [r["style"] for r in t1["rows"]][-2:] == ["total", "supplementary"]
    assert t1["summary"]["expenditure_rate"] == 57.5  # 1150 / 2000
    assert t1["summary"]["implementation_rate"] == 80.0  # 1600 / 2000


def test_table2_by_object_of_expenditure(small_finance, small_posts, biennium):
    rows = cells(table(compile_biennial(biennium, CUTOFF)["tables"], 2))
    assert rows == {
        "Staff and other personnel costs": [1800, 900, 450, 1350, 450],
        "Travel of staff": [200, 250, 0, 250, -50],
        "Total": [2000, 1150, 450, 1600, 400],
    }


def test_tables_3_and_4_subsidiary_bodies(small_finance, small_posts, biennium):
    tables = compile_biennial(biennium, CUTOFF)["tables"]
    assert table(tables, 3)["key"] == "subsidiary_body_cst"
    assert cells(table(tables, 3)) == {
        "Consultants": [0, 10, None],  # no budget: no percentage
        "Travel of staff": [100, 25, 25.0],
        "Total": [100, 35, 35.0],
    }
    assert cells(table(tables, 4)) == {"Total": [0, 0, None]}


def test_table5_secretariat_posts(small_finance, small_posts, biennium):
    t5 = table(compile_biennial(biennium, CUTOFF)["tables"], 5)
    assert [c["key"] for c in t5["columns"]] == [
        "core_approved",
        "core_filled",
        "psc_approved",
        "psc_filled",
        "total_approved",
        "total_filled",
    ]
    assert cells(t5) == {
        "P-5": [2, 1, 0, 0, 2, 1],
        "P-4": [0, 0, 1, 1, 1, 1],
        "P-3": [0, 1, 0, 0, 0, 1],  # filled without an approved post
        "P-2": [0, 0, 0, 0, 0, 0],
        "Subtotal": [2, 2, 1, 1, 3, 3],
        "GS": [1, 1, 0, 0, 1, 1],
        "Total": [3, 3, 1, 1, 4, 4],
    }
    p4 = next(r for r in t5["rows"] if r["label"] == "P-4")
    assert p4["marks"] == {"3": "a"}  # on the PSC filled cell
    assert t5["footnotes"] == [{"mark": "a", "text": "Cost-shared with the CBD secretariat."}]


def test_table6_gm_posts(small_finance, small_posts, biennium):
    t6 = table(compile_biennial(biennium, CUTOFF)["tables"], 6)
    assert cells(t6) == {
        "D-1": [1, 1, 0, 0, 1, 1],
        "P-5": [0, 0, 0, 0, 0, 0],
        "P-4": [0, 0, 0, 0, 0, 0],
        "P-3": [0, 0, 1, 1, 1, 1],
        "P-2": [0, 0, 0, 0, 0, 0],
        "Subtotal": [1, 1, 1, 1, 2, 2],
        "GS": [0, 0, 0, 0, 0, 0],
        "Total": [1, 1, 1, 1, 2, 2],
    }


def test_table7_filled_posts_by_unit(small_finance, small_posts, biennium):
    t7 = table(compile_biennial(biennium, CUTOFF)["tables"], 7)
    assert [c["key"] for c in t7["columns"]] == ["EDM", "ERPA", "STI", "AS", "GM", "total"]
    assert cells(t7) == {
        "D-1": [0, 0, 0, 0, 1, 1],
        "P-5": [1, 0, 0, 0, 0, 1],
        "P-4": [0, 0, 1, 0, 0, 1],
        "P-3": [0, 1, 0, 0, 1, 2],
        "P-2": [0, 0, 0, 0, 0, 0],
        "Subtotal": [1, 1, 1, 0, 2, 5],
        "GS": [0, 0, 0, 1, 0, 1],
        "Total": [1, 1, 1, 1, 2, 6],
    }


def test_table8_geography_and_gender(small_finance, small_posts, biennium):
    t8 = table(compile_biennial(biennium, CUTOFF)["tables"], 8)
    assert cells(t8) == {
        "D-1": [0, 0, 1, 0, 0, 1, 0, 1],
        "P-5": [1, 0, 0, 0, 0, 1, 0, 1],
        "P-4": [0, 0, 0, 0, 1, 0, 1, 1],
        "P-3": [0, 1, 0, 0, 1, 1, 1, 2],
        "P-2": [0, 0, 0, 0, 0, 0, 0, 0],
        "Subtotal": [1, 1, 1, 0, 2, 3, 2, 5],
        "Percentage of total": [20.0, 20.0, 20.0, 0.0, 40.0, 60.0, 40.0, 100.0],
    }


def test_all_checks_pass_on_consistent_data(small_finance, small_posts, biennium):
    checks = compile_biennial(biennium, CUTOFF)["checks"]
    assert len(checks) >= 14
    assert [c for c in checks if not c["passed"]] == []


def test_largest_remainder_percentages_sum_to_100():
    # seed 002 table 8: 26 men and 16 women of 42; plain rounding would give 61.9 + 38.1 too,
    # but regional groups 8, 10, 5, 1, 18 must round to 19.0, 23.8, 11.9, 2.4, 42.9.
    assert largest_remainder_percentages([26, 16]) == [61.9, 38.1]
    assert largest_remainder_percentages([8, 10, 5, 1, 18]) == [19.0, 23.8, 11.9, 2.4, 42.9]
    assert largest_remainder_percentages([1, 1, 1]) == [33.4, 33.3, 33.3]
    sevenths = largest_remainder_percentages([1] * 7)
    assert sevenths == [14.3, 14.3, 14.3, 14.3, 14.3, 14.3, 14.2]
    assert round(sum(sevenths), 1) == 100.0
    assert largest_remainder_percentages([0, 0]) == [0.0, 0.0]


def test_compile_uses_a_fixed_number_of_queries(small_finance, small_posts, biennium):
    few = compile_biennial(biennium, CUTOFF)["timings"]["queries"]
    from tests.factories import BudgetLineFactory, PostFactory

    BudgetLineFactory.create_batch(30, snapshot=small_finance)
    PostFactory.create_batch(30, snapshot=small_posts)
    assert compile_biennial(biennium, CUTOFF)["timings"]["queries"] == few


def test_comparison_with_the_previous_biennium(small_finance, small_posts, biennium):
    from tests.factories import BienniumFactory, BudgetLineFactory, FinanceSnapshotFactory, PostFactory

    assert 11 not in [t["number"] for t in compile_biennial(biennium, CUTOFF)["tables"]]  # nothing earlier
    earlier = BienniumFactory(start_year=2016)
    BudgetLineFactory(
        snapshot=FinanceSnapshotFactory(biennium=earlier), approved=800, expenditure=400, forecast=300
    )
    PostFactory(snapshot__biennium=earlier, gender="male")
    rows = cells(table(compile_biennial(biennium, CUTOFF)["tables"], 11))
    # approved, spent, % spent, projected %, filled posts, % women among filled P+
    assert rows == {
        "2018-2019 (31 May 2019)": [2000, 1150, 57.5, 80.0, 6, 40.0],
        "2016-2017 (31 May 2017)": [800, 400, 50.0, 87.5, 1, 0.0],
    }
