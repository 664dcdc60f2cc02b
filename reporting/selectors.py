"""Reads of the reporting app (querysets scoped by the user, with what lists and pages need)."""

from django.db.models import Count, Q, Sum

from .models import BudgetLine, FinanceSnapshot, Post, PostSnapshot, Report


def report_list(user):
    return Report.objects.visible_to(user).for_list()


def report_detail(user):
    return Report.objects.visible_to(user).select_related(
        "biennium", "compiled_by", "office__region", "committee__region"
    )


def finance_snapshot_list(user):
    return (
        FinanceSnapshot.objects.visible_to(user)
        .select_related("biennium", "updated_by")
        .annotate(line_count=Count("lines"), approved_total=Sum("lines__approved"))
        .order_by("-biennium__start_date", "-cutoff_date")
    )


def post_snapshot_list(user):
    return (
        PostSnapshot.objects.visible_to(user)
        .select_related("biennium", "updated_by")
        .annotate(post_count=Count("posts"), filled_count=Count("posts", filter=Q(posts__filled=True)))
        .order_by("-biennium__start_date", "-cutoff_date")
    )


def budget_lines_of(snapshot):
    return BudgetLine.objects.filter(snapshot=snapshot).select_related(
        "fund", "budget_holder", "object_of_expenditure"
    )


def posts_of(snapshot):
    return Post.objects.filter(snapshot=snapshot).select_related("grade", "unit", "funding_source")
