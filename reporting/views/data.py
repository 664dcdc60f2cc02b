"""Finance and staffing data pages (secretariat and GM): snapshots, imports, line and post forms."""

from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.paging import paginate

from .. import selectors, services
from ..filtersets import FinanceSnapshotFilterSet, PostSnapshotFilterSet
from ..forms import BudgetLineForm, ImportForm, PostForm, SnapshotForm
from ..imports import ImportRejected
from ..models import BudgetLine, FinanceSnapshot, Post, PostSnapshot
from .reports import add_service_errors, staff_only


@dataclass(frozen=True)
class DataKind:
    """What differs between the finance pages and the staffing pages."""

    slug: str
    title: str
    snapshot_model: type
    item_model: type
    item_form: type
    filterset: type
    list_selector: object
    items_selector: object
    get_or_create: object
    importer: object
    create: object
    update: object
    delete: object
    columns: str


FINANCE = DataKind(
    "finance",
    gettext_lazy("Finance data"),
    FinanceSnapshot,
    BudgetLine,
    BudgetLineForm,
    FinanceSnapshotFilterSet,
    selectors.finance_snapshot_list,
    selectors.budget_lines_of,
    services.finance_snapshot_get_or_create,
    services.finance_snapshot_import,
    services.budget_line_create,
    services.budget_line_update,
    services.budget_line_delete,
    "fund,budget_holder,object_of_expenditure,approved,expenditure,forecast",
)
POSTS = DataKind(
    "posts",
    gettext_lazy("Staffing data"),
    PostSnapshot,
    Post,
    PostForm,
    PostSnapshotFilterSet,
    selectors.post_snapshot_list,
    selectors.posts_of,
    services.post_snapshot_get_or_create,
    services.post_snapshot_import,
    services.post_create,
    services.post_update,
    services.post_delete,
    "post_number,grade,unit,funding_source,approved,filled,gender,regional_group,footnote",
)
KINDS = {"finance": FINANCE, "posts": POSTS}


@staff_only
def snapshot_list(request, kind: str):
    """The snapshots of one kind, an import form and a form for a new empty snapshot."""
    data = KINDS[kind]
    base = data.list_selector(request.user)
    filterset = data.filterset(request.GET, queryset=base)
    rows = filterset.qs if filterset.is_valid() else base.none()
    import_form, snapshot_form, import_errors = ImportForm(), SnapshotForm(), []
    status = 200
    if request.method == "POST":
        if "file" in request.FILES or request.POST.get("action") == "import":
            import_form = ImportForm(request.POST, request.FILES)
            snapshot = _import(request, data, import_form, import_errors)
        else:
            snapshot_form = SnapshotForm(request.POST)
            snapshot = _create(request, data, snapshot_form)
        if snapshot is not None:
            return redirect("reporting:snapshot_detail", kind=kind, pk=snapshot.pk)
        status = 400
    context = {
        "data": data,
        "filterset": filterset,
        "page": paginate(request, rows),
        "import_form": import_form,
        "snapshot_form": snapshot_form,
        "import_errors": import_errors,
    }
    return render(request, "reporting/snapshot_list.html", context, status=status)


def _import(request, data, form, errors):
    if not form.is_valid():
        return None
    upload = form.cleaned_data["file"]
    try:
        snapshot = data.importer(
            biennium=form.cleaned_data["biennium"],
            cutoff_date=form.cleaned_data["cutoff_date"],
            content=upload.read(),
            name=upload.name,
            user=request.user,
        )
    except ImportRejected as error:
        errors.extend(error.errors)
        form.add_error(None, _("The file was refused: nothing was imported. Correct the rows listed below."))
        return None
    except ValidationError as error:
        add_service_errors(form, error)
        return None
    messages.success(
        request, _("Imported %(name)s: the snapshot's data were replaced.") % {"name": upload.name}
    )
    return snapshot


def _create(request, data, form):
    if not form.is_valid():
        return None
    try:
        return data.get_or_create(user=request.user, **form.cleaned_data)
    except ValidationError as error:
        add_service_errors(form, error)
        return None


@staff_only
def snapshot_detail(request, kind: str, pk: int):
    """A snapshot's budget lines or posts, and a form to add one."""
    data = KINDS[kind]
    snapshot = get_object_or_404(
        data.snapshot_model.objects.visible_to(request.user).select_related("biennium"), pk=pk
    )
    form = data.item_form()
    if request.method == "POST":
        form = data.item_form(request.POST)
        if form.is_valid():
            try:
                data.create(snapshot=snapshot, user=request.user, **form.cleaned_data)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("Added."))
                return redirect("reporting:snapshot_detail", kind=kind, pk=pk)
    context = {
        "data": data,
        "snapshot": snapshot,
        "form": form,
        "page": paginate(request, data.items_selector(snapshot), per_page=100),
        "history": snapshot.history.select_related("history_user")[:20],
    }
    return render(request, f"reporting/{kind}_detail.html", context, status=400 if form.errors else 200)


@staff_only
def item_edit(request, kind: str, pk: int):
    """Change or delete one budget line or post."""
    data = KINDS[kind]
    visible = data.snapshot_model.objects.visible_to(request.user)
    item = get_object_or_404(
        data.item_model.objects.filter(snapshot__in=visible).select_related("snapshot"), pk=pk
    )
    snapshot_pk = item.snapshot_id
    if request.method == "POST" and request.POST.get("action") == "delete":
        data.delete(**{_item_name(data): item, "user": request.user})
        messages.success(request, _("Deleted."))
        return redirect("reporting:snapshot_detail", kind=kind, pk=snapshot_pk)
    form = data.item_form(instance=item)
    if request.method == "POST":
        form = data.item_form(request.POST, instance=data.item_model.objects.get(pk=pk))
        if form.is_valid():
            try:
                data.update(
                    **{_item_name(data): data.item_model.objects.get(pk=pk)},
                    user=request.user,
                    **form.cleaned_data,
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("Saved."))
                return redirect("reporting:snapshot_detail", kind=kind, pk=snapshot_pk)
    context = {"data": data, "item": item, "form": form}
    return render(request, "reporting/item_edit.html", context, status=400 if form.errors else 200)


def _item_name(data) -> str:
    return "line" if data is FINANCE else "post"
