"""The finance tables come from one aggregate pass over the snapshot's lines, with the same figures
as when each table ran its own query (expected figures of the sample data, worked out by the
earlier per-table queries)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from reporting.compiler.biennial import compile_biennial
from reporting.models import BudgetLine, FundingSource
from tests.factories import BienniumFactory, BudgetLineFactory, FinanceSnapshotFactory

from .conftest import CUTOFF, import_samples

pytestmark = pytest.mark.django_db

EXPECTED = {
    1: {
        "EDM": [2050085, 1567543, 690741, 2258284, -208199],
        "ERPA": [2172900, 1335181, 630108, 1965289, 207611],
        "STI": [3953400, 2542362, 1269054, 3811416, 141984],
        "AS": [2509051, 1727120.4, 765094.4, 2492214.8, 16836.2],
        "subtotal_I": [10685436, 7172206.4, 3354997.4, 10527203.8, 158232.2],
        "GM": [3640300, 2494052.6, 1103725.6, 3597778.2, 42521.8],
        "subtotal_II": [3640300, 2494052.6, 1103725.6, 3597778.2, 42521.8],
        "core_total": [14325736, 9666259, 4458723, 14124982, 200754],
        "DROUGHT": [1815651, 655817, 877000, 1532817, 282834],
    },
    2: {
        "staff": [10581075, 7362884, 2808803, 10171687, 409388],
        "consultants": [691100, 304194, 463205, 767399, -76299],
        "travel": [660286, 623828, 141862, 765690, -105404],
        "training": [154000, 65822, 30000, 95822, 58178],
        "hospitality": [22000, 8352, 0, 8352, 13648],
        "operating": [1193375, 469728, 693300, 1163028, 30347],
        "supplies": [92000, 80140, 0, 80140, 11860],
        "joint_admin": [931900, 751311, 321553, 1072864, -140964],
        "total": [14325736, 9666259, 4458723, 14124982, 200754],
    },
    3: {
        "consultants": [0, 12930, None],
        "travel": [68400, 13604, 19.9],
        "logistics": [7600, 1932, 25.4],
        "total": [76000, 28466, 37.5],
    },
    4: {
        "consultants": [0, 15097, None],
        "travel": [68400, 9380, 13.7],
        "logistics": [7600, 0, 0.0],
        "total": [76000, 24477, 32.2],
    },
    11: {
        "2018-2019": [14325736, 9666259, 67.5, 98.6, 67, 38.1],
        "2016-2017": [800, 400, 50.0, 87.5, None, None],  # no staffing snapshot then: unknown, not zero,
    },
}


@pytest.fixture
def sample_data(biennium):
    import_samples(biennium)
    earlier = FinanceSnapshotFactory(biennium=BienniumFactory(start_year=2016))
    BudgetLineFactory(snapshot=earlier, approved=800, expenditure=400, forecast=300)
    BudgetLineFactory(
        snapshot=earlier,
        fund=FundingSource.objects.get(code="supplementary"),
        approved=100,
        expenditure=100,
        forecast=100,
    )
    return biennium


def test_the_finance_tables_keep_their_figures(sample_data):
    tables = {t["number"]: t for t in compile_biennial(sample_data, CUTOFF)["tables"]}
    for number, expected in EXPECTED.items():
        rows = {r["code"]: r["cells"] for r in tables[number]["rows"] if r["style"] != "group"}
        assert rows == expected, number
    assert tables[1]["summary"] == {
        "expenditure_rate": 67.5,
        "implementation_rate": 98.6,
        "core_expenditure": 9666259,
        "core_approved": 14325736,
    }


def test_one_pass_over_the_lines_feeds_every_finance_table(sample_data):
    """One query reads the biennium's lines (tables 1-4 and table 11's current row), one the earlier
    biennium's (table 11's other row)."""
    line_table = BudgetLine._meta.db_table
    with CaptureQueriesContext(connection) as queries:
        compile_biennial(sample_data, CUTOFF)
    reading_lines = [q["sql"] for q in queries.captured_queries if f'FROM "{line_table}"' in q["sql"]]
    assert len(reading_lines) == 2
    assert all("GROUP BY" in sql for sql in reading_lines)
