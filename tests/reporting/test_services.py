"""The reporting services guard with the policy (reporting/permissions.py), whoever calls them."""

import pytest
from django.core.exceptions import PermissionDenied

from reporting.models import BudgetLine, FinanceSnapshot, Report
from reporting.services import (
    report_publish,
    report_request,
    report_unpublish,
    snapshot_get_or_create,
    snapshot_import,
    snapshot_row_delete,
    snapshot_row_update,
)
from tests.factories import ReportFactory

from .conftest import CUTOFF

OUTSIDERS = ["nfp_kenya", "coordinator_africa", "api_reader", "anonymous"]


def _user(request, who):
    if who == "anonymous":
        from django.contrib.auth.models import AnonymousUser

        return AnonymousUser()
    return request.getfixturevalue(who)


@pytest.mark.parametrize("who", ["gm_user", *OUTSIDERS])
def test_only_the_secretariat_publishes_and_withdraws(request, biennium, who):
    draft = ReportFactory(biennium=biennium)
    published = ReportFactory(biennium=biennium, published=True, version=2)
    user = _user(request, who)
    with pytest.raises(PermissionDenied):
        report_publish(user=user, report=draft)
    with pytest.raises(PermissionDenied):
        report_unpublish(user=user, report=published)
    assert list(Report.objects.filter(published=True)) == [published]


@pytest.mark.parametrize("who", OUTSIDERS)
def test_outsiders_cannot_request_a_report(request, biennium, who):
    with pytest.raises(PermissionDenied):
        report_request(
            user=_user(request, who), kind="biennial_performance", biennium=biennium, cutoff_date=CUTOFF
        )
    assert not Report.objects.exists()


@pytest.mark.parametrize("who", OUTSIDERS)
def test_outsiders_cannot_write_snapshots(request, small_finance, who):
    user = _user(request, who)
    line = small_finance.lines.first()
    lines = BudgetLine.objects.count()
    with pytest.raises(PermissionDenied):
        snapshot_get_or_create(
            user=user, snapshot_model=FinanceSnapshot, biennium="2018-2019", cutoff_date=CUTOFF.replace(day=1)
        )
    with pytest.raises(PermissionDenied):
        snapshot_import(
            user=user,
            snapshot_model=FinanceSnapshot,
            biennium="2018-2019",
            cutoff_date=CUTOFF,
            content=b"fund,budget_holder,object_of_expenditure,approved,expenditure,forecast\n",
        )
    with pytest.raises(PermissionDenied):
        snapshot_row_update(user=user, row=line, data={"approved": 1})
    with pytest.raises(PermissionDenied):
        snapshot_row_delete(user=user, row=line)
    assert BudgetLine.objects.count() == lines and FinanceSnapshot.objects.count() == 1
    line.refresh_from_db()
    assert line.approved != 1


def test_staff_edit_a_row_and_are_recorded_as_the_editor(gm_user, small_finance):
    line = small_finance.lines.first()
    snapshot_row_update(user=gm_user, row=line, data={"approved": 1234})
    line.refresh_from_db()
    small_finance.refresh_from_db()
    assert line.approved == 1234 and small_finance.updated_by == gm_user
