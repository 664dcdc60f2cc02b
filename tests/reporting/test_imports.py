"""Finance and posts imports: all or nothing, every bad row listed; commands, web page and API."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from openpyxl import Workbook

from reporting.imports import FINANCE_COLUMNS, POST_COLUMNS, ImportRejected
from reporting.models import BudgetLine, FinanceSnapshot, Post, PostSnapshot
from reporting.services import snapshot_import

from .conftest import CUTOFF, SAMPLES

HEADER = ",".join(FINANCE_COLUMNS)
POST_HEADER = ",".join(POST_COLUMNS)


def _csv(*lines: str, header: str = HEADER) -> bytes:
    return ("\n".join([header, *lines]) + "\n").encode("utf-8")


def _import(biennium, content: bytes, name="f.csv", snapshot_model=FinanceSnapshot):
    return snapshot_import(
        user=None,
        snapshot_model=snapshot_model,
        biennium=biennium,
        cutoff_date=CUTOFF,
        content=content,
        name=name,
    )


def _problems(callable_) -> list[tuple]:
    with pytest.raises(ImportRejected) as info:
        callable_()
    return [(e.row, e.column, e.message) for e in info.value.errors]


def test_good_file_is_imported_and_same_keys_add_up(biennium):
    snapshot = _import(
        biennium, _csv("core,EDM,staff,100,50,25", "core,EDM,staff,0.5,0.25,0", "psc,GM,travel,10,,")
    )
    assert snapshot.lines.count() == 3
    lines = snapshot.lines.filter(budget_holder__code="EDM")
    assert sum(line.approved for line in lines) == pytest.approx(100.5)
    assert snapshot.lines.get(fund__code="psc").forecast == 0


def test_every_bad_row_is_listed_and_nothing_is_written(biennium):
    _import(biennium, _csv("core,EDM,staff,100,50,25"))
    bad = _csv(
        "core,EDM,staff,100,50,25",
        "cash,EDM,staff,1,1,1",
        "core,XYZ,staff,-5,abc,1",
        "core,GM,bribes,1,1,1e400",
    )
    assert _problems(lambda: _import(biennium, bad)) == [
        (3, "fund", "unknown code 'cash'"),
        (4, "budget_holder", "unknown code 'XYZ'"),
        (4, "approved", "-5 is negative; amounts cannot be negative"),
        (4, "expenditure", "'abc' is not a number"),
        (5, "object_of_expenditure", "unknown code 'bribes'"),
        (5, "forecast", "1e400 has more than two decimals or is too large"),
    ]
    assert BudgetLine.objects.filter(snapshot__biennium=biennium).count() == 1  # the earlier import stands


def test_missing_and_unknown_columns(biennium):
    content = _csv("core,EDM,staff,1,1", header="fund,budget_holder,object,approved,expenditure")
    problems = _problems(lambda: _import(biennium, content))
    assert (1, "object_of_expenditure", "missing column") in problems
    assert (1, "forecast", "missing column") in problems
    assert any(p[1] == "object" and p[2].startswith("unknown column") for p in problems)
    assert not FinanceSnapshot.objects.exists()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "The file is empty."),
        (b"\n\n", "The file is empty."),
        (HEADER.encode() + b"\n", "The file has a header but no data rows."),
        (_csv("core,EDM,staff,1,1,1").replace(b"staff", b"st\xe4ff"), "not UTF-8"),
    ],
)
def test_empty_file_and_wrong_encoding_are_refused(biennium, content, message):
    problems = _problems(lambda: _import(biennium, content))
    assert message in problems[0][2]
    assert not FinanceSnapshot.objects.exists()


def test_reimport_of_the_same_cutoff_replaces_the_snapshot(biennium):
    first = _import(biennium, _csv("core,EDM,staff,100,50,25", "core,GM,staff,1,1,1"))
    second = _import(biennium, _csv("core,AS,travel,7,7,0"))
    assert first.pk == second.pk
    assert list(second.lines.values_list("budget_holder__code", flat=True)) == ["AS"]


def test_xlsx_file_is_imported(biennium):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(list(FINANCE_COLUMNS))
    sheet.append(["core", "EDM", "staff", 1000, 250.5, 100])
    out = io.BytesIO()
    workbook.save(out)
    snapshot = _import(biennium, out.getvalue(), name="finance.xlsx")
    assert float(snapshot.lines.get().expenditure) == 250.5


def test_posts_import_checks_incumbents_and_numbers(biennium):
    content = _csv(
        "P1,P-4,STI,core,yes,yes,female,WEOG,",
        "P2,P-4,STI,core,yes,no,female,,",
        "P1,P-9,XX,core,maybe,yes,other,Mars,",
        ",GS,AS,psc,yes,yes,male,Africa,",
        header=POST_HEADER,
    )
    problems = _problems(lambda: _import(biennium, content, name="p.csv", snapshot_model=PostSnapshot))
    assert problems == [
        (3, "gender", "must be empty for a vacant post"),
        (4, "post_number", "'P1' repeats row 2"),
        (4, "grade", "unknown code 'P-9'"),
        (4, "unit", "unknown code 'XX'"),
        (4, "approved", "'maybe' is not yes or no"),
        (4, "gender", "'other' is not female or male"),
        (4, "regional_group", "'Mars' is not one of Africa, Asia, LAC, CEE, WEOG"),
        (5, "post_number", "missing"),
    ]
    assert not Post.objects.exists()


def test_sample_posts_file_imports(biennium):
    content = (SAMPLES / "posts_2018_2019.csv").read_bytes()
    snapshot = _import(biennium, content, name="posts.csv", snapshot_model=PostSnapshot)
    assert snapshot.posts.count() == 77
    assert snapshot.posts.filter(filled=True).count() == 67


def test_cutoff_outside_the_biennium_is_refused(biennium):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError, match="within the biennium"):
        snapshot_import(
            user=None,
            snapshot_model=FinanceSnapshot,
            biennium=biennium,
            cutoff_date=CUTOFF.replace(year=2025),
            content=_csv("core,EDM,staff,1,1,1"),
        )


def test_management_commands(biennium, capsys):
    call_command(
        "import_finance",
        "--biennium",
        "2018-2019",
        "--cutoff",
        "2019-05-31",
        str(SAMPLES / "finance_2018_2019.csv"),
    )
    call_command(
        "import_posts",
        "--biennium",
        "2018-2019",
        "--cutoff",
        "2019-05-31",
        str(SAMPLES / "posts_2018_2019.csv"),
    )
    assert "Imported budget lines" in capsys.readouterr().out
    assert FinanceSnapshot.objects.get().lines.count() == 49
    assert PostSnapshot.objects.get().posts.count() == 77


def test_management_command_lists_bad_rows(biennium, tmp_path, capsys):
    path = tmp_path / "bad.csv"
    path.write_bytes(_csv("core,EDM,staff,-1,0,0", "core,EDM,nope,1,0,0"))
    with pytest.raises(CommandError, match="2 problems"):
        call_command("import_finance", "--biennium", "2018-2019", "--cutoff", "2019-05-31", str(path))
    err = capsys.readouterr().err
    assert "Row 2, column approved" in err and "Row 3, column object_of_expenditure" in err
    assert not FinanceSnapshot.objects.exists()


def test_web_upload_page(client, secretariat_user, biennium):
    client.force_login(secretariat_user)
    upload = SimpleUploadedFile("bad.csv", _csv("core,EDM,staff,abc,0,0"), content_type="text/csv")
    response = client.post(
        "/reports/data/finance/",
        {"action": "import", "biennium": "2018-2019", "cutoff_date": "2019-05-31", "file": upload},
    )
    assert response.status_code == 400
    assert "&#x27;abc&#x27; is not a number" in response.content.decode()
    assert not FinanceSnapshot.objects.exists()
    upload = SimpleUploadedFile("good.csv", _csv("core,EDM,staff,10,0,0"), content_type="text/csv")
    response = client.post(
        "/reports/data/finance/",
        {"action": "import", "biennium": "2018-2019", "cutoff_date": "2019-05-31", "file": upload},
    )
    snapshot = FinanceSnapshot.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/reports/data/finance/{snapshot.pk}/"


def test_api_import(api_client, gm_user, biennium):
    api_client.force_authenticate(gm_user)
    url = "/api/v1/post-snapshots/import/"
    bad = SimpleUploadedFile("p.csv", _csv("P1,P-4,STI,core,yes,yes,,WEOG,", header=POST_HEADER))
    response = api_client.post(
        url, {"biennium": "2018-2019", "cutoff_date": "2019-05-31", "file": bad}, format="multipart"
    )
    assert response.status_code == 400
    assert response.json()["errors"] == [
        {"row": 2, "column": "gender", "message": "'' is not female or male"}
    ]
    good = SimpleUploadedFile("p.csv", (SAMPLES / "posts_2018_2019.csv").read_bytes())
    response = api_client.post(
        url, {"biennium": "2018-2019", "cutoff_date": "2019-05-31", "file": good}, format="multipart"
    )
    assert response.status_code == 201
    assert response.json()["post_count"] == 77 and response.json()["filled_count"] == 67


@pytest.mark.parametrize("who", ["anonymous", "nfp_kenya", "coordinator_africa", "api_reader"])
def test_api_import_refused_to_others(request, api_client, biennium, who):
    if who != "anonymous":
        api_client.force_authenticate(request.getfixturevalue(who))
    upload = SimpleUploadedFile("f.csv", _csv("core,EDM,staff,1,1,1"))
    response = api_client.post(
        "/api/v1/finance-snapshots/import/",
        {"biennium": "2018-2019", "cutoff_date": "2019-05-31", "file": upload},
        format="multipart",
    )
    assert response.status_code in (401, 403)
    assert not FinanceSnapshot.objects.exists()
