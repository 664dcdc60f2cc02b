"""Finance and staffing data pages (secretariat and GM): snapshots, imports, row forms.

Both kinds share these pages; `DataKind` holds what differs (model, row form, filters, wording).
"""

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.errors import add_service_errors
from core.paging import paginate
from core.scoping import ensure_may_ever
from core.views import ScopedListView

from .. import services
from ..filtersets import FinanceSnapshotFilterSet, PostSnapshotFilterSet
from ..forms import BudgetLineForm, ImportForm, PostForm, SnapshotForm
from ..imports import FINANCE_COLUMNS, POST_COLUMNS, ImportRejected
from ..models import FinanceSnapshot, PostSnapshot


@dataclass(frozen=True)
class DataKind:
    """What differs between the finance pages and the staffing pages."""

    slug: str
    title: str
    snapshot_model: type
    row_form: type
    filterset: type
    columns: str


FINANCE = DataKind(
    "finance",
    gettext_lazy("Finance data"),
    FinanceSnapshot,
    BudgetLineForm,
    FinanceSnapshotFilterSet,
    ",".join(FINANCE_COLUMNS),
)
POSTS = DataKind(
    "posts",
    gettext_lazy("Staffing data"),
    PostSnapshot,
    PostForm,
    PostSnapshotFilterSet,
    ",".join(POST_COLUMNS),
)
KINDS = {"finance": FINANCE, "posts": POSTS}


class SnapshotListView(ScopedListView):
    """The snapshots of one kind, an import form and a form for a new empty snapshot."""

    template_name = "reporting/snapshot_list.html"
    page_action = "view"

    def dispatch(self, request, kind: str):
        self.data = KINDS[kind]
        self.model, self.filterset_class = self.data.snapshot_model, self.data.filterset
        return super().dispatch(request)

    def extra_context(self, request) -> dict:
        return {
            "data": self.data,
            "import_form": ImportForm(),
            "snapshot_form": SnapshotForm(),
            "import_errors": [],
        }

    def post(self, request):
        if "file" in request.FILES or request.POST.get("action") == "import":
            form, errors = ImportForm(request.POST, request.FILES), []
            snapshot = self._import(request, form, errors)
            context = {"import_form": form, "import_errors": errors}
        else:
            form = SnapshotForm(request.POST)
            snapshot = self._create(request, form)
            context = {"snapshot_form": form}
        if snapshot is not None:
            return redirect("reporting:snapshot_detail", kind=self.data.slug, pk=snapshot.pk)
        return self.render_list(request, status=400, **context)

    def _import(self, request, form, errors):
        if not form.is_valid():
            return None
        upload = form.cleaned_data["file"]
        try:
            snapshot = services.snapshot_import(
                user=request.user,
                snapshot_model=self.model,
                biennium=form.cleaned_data["biennium"],
                cutoff_date=form.cleaned_data["cutoff_date"],
                content=upload.read(),
                name=upload.name,
            )
        except ImportRejected as error:
            errors.extend(error.errors)
            form.add_error(
                None, _("The file was refused: nothing was imported. Correct the rows listed below.")
            )
            return None
        except ValidationError as error:
            add_service_errors(form, error)
            return None
        messages.success(
            request, _("Imported %(name)s: the snapshot's data were replaced.") % {"name": upload.name}
        )
        return snapshot

    def _create(self, request, form):
        if not form.is_valid():
            return None
        try:
            return services.snapshot_get_or_create(
                user=request.user, snapshot_model=self.model, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
            return None


@login_required
def snapshot_detail(request, kind: str, pk: int):
    """A snapshot's budget lines or posts, and a form to add one."""
    data = KINDS[kind]
    ensure_may_ever(request.user, data.snapshot_model, "view")
    snapshot = get_object_or_404(
        data.snapshot_model.objects.visible_to(request.user).select_related("biennium"), pk=pk
    )
    form = data.row_form()
    if request.method == "POST":
        form = data.row_form(request.POST)
        if form.is_valid():
            try:
                services.snapshot_row_create(user=request.user, snapshot=snapshot, data=form.cleaned_data)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("Added."))
                return redirect("reporting:snapshot_detail", kind=kind, pk=pk)
    context = {
        "data": data,
        "snapshot": snapshot,
        "form": form,
        "page": paginate(request, snapshot.rows.for_list(), per_page=100),
        "history": snapshot.history.select_related("history_user")[:20],
    }
    return render(request, f"reporting/{kind}_detail.html", context, status=400 if form.errors else 200)


@login_required
def item_edit(request, kind: str, pk: int):
    """Change or delete one budget line or post."""
    data = KINDS[kind]
    row_model = data.snapshot_model.row_model()
    ensure_may_ever(request.user, row_model, "change")
    item = get_object_or_404(row_model.objects.visible_to(request.user).select_related("snapshot"), pk=pk)
    if request.method == "POST" and request.POST.get("action") == "delete":
        services.snapshot_row_delete(user=request.user, row=item)
        messages.success(request, _("Deleted."))
        return redirect("reporting:snapshot_detail", kind=kind, pk=item.snapshot_id)
    form = data.row_form(instance=item)
    if request.method == "POST":
        # A copy for the form, so that the page's heading keeps the saved values if the form is wrong.
        form = data.row_form(request.POST, instance=row_model.objects.get(pk=pk))
        if form.is_valid():
            try:
                services.snapshot_row_update(user=request.user, row=form.instance, data=form.cleaned_data)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("Saved."))
                return redirect("reporting:snapshot_detail", kind=kind, pk=item.snapshot_id)
    context = {"data": data, "item": item, "form": form}
    return render(request, "reporting/item_edit.html", context, status=400 if form.errors else 200)
