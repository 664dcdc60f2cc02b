"""Generic pages of every app: scoped lists, details and service-backed forms.

Lists and details read through `visible_to(user)`; forms ask `core.scoping`: a record the
user cannot see answers 404, one they see but may not change answers 403.
"""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.forms.forms import NON_FIELD_ERRORS
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.views import View

from .errors import InvalidTransition, add_service_errors
from .history import history_rows
from .paging import paginate
from .scoping import ensure_may_ever, ensure_permitted, may_ever, user_may

# The tag of the message that confirms a form's save: the page's script (static/js/session.js)
# then forgets the copy of the input it kept in the browser.
SAVED = "form-saved"


class LoginUnlessPublicMixin:
    """Anonymous visitors may open only the pages whose `public` is true.

    `page_action`: for pages of internal data, the policy action a user needs on some rows of
    `model` to open the page at all; others get 403 rather than an empty page.
    """

    public = False
    page_action = None

    def dispatch(self, request, *args, **kwargs):
        if not self.public and not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if self.page_action:
            ensure_may_ever(request.user, self.model, self.page_action)
        return super().dispatch(request, *args, **kwargs)


class ScopedListView(LoginUnlessPublicMixin, View):
    """A filtered, paginated list of the rows the user may see.

    Declare `model`, `filterset_class` and `template_name`; override `get_queryset` for the
    list's ordering and joins, `extra_context` for what the page shows beside the rows.
    """

    model = None
    filterset_class = None
    template_name = ""
    per_page = 50
    # The policy action that the list's "add" button needs (core.scoping).
    create_action = "change"

    def get_queryset(self, user):
        return self.model.objects.visible_to(user).for_list()

    def extra_context(self, request) -> dict:
        return {}

    def render_list(self, request, status: int = 200, **context):
        """The page; `context` adds to or replaces `extra_context` (e.g. a bound form after a POST)."""
        base = self.get_queryset(request.user)
        filterset = self.filterset_class(request.GET, queryset=base)
        rows = filterset.qs if filterset.is_valid() else base.none()
        context = {
            "filterset": filterset,
            "page": paginate(request, rows, per_page=self.per_page),
            "can_create": may_ever(request.user, self.model, self.create_action),
            **self.extra_context(request),
            **context,
        }
        return render(request, self.template_name, context, status=status)

    def get(self, request):
        return self.render_list(request)


class ScopedDetailView(LoginUnlessPublicMixin, View):
    """One row the user may see, with whether they may edit it and, if audited, its history."""

    model = None
    template_name = ""
    with_history = False

    def get_queryset(self, user):
        return self.model.objects.visible_to(user).for_list()

    def extra_context(self, obj) -> dict:
        return {}

    def get(self, request, pk):
        obj = get_object_or_404(self.get_queryset(request.user), pk=pk)
        context = {
            "object": obj,
            "can_edit": user_may(request.user, "change", obj),
            "history": history_rows(obj) if self.with_history else None,
            **self.extra_context(obj),
        }
        return render(request, self.template_name, context)


class ServiceFormView(View):
    """Create (no `pk`) or edit (`pk`) a row through a service; only for users allowed to."""

    model = None
    form_class = None
    template_name = "regions/object_form.html"
    create_service = None
    update_service = None
    update_argument = ""
    title = ""
    create_action = "change"

    def get_object(self, request, pk):
        if pk is None:
            ensure_may_ever(request.user, self.model, self.create_action)
            return None
        obj = get_object_or_404(self.model.objects.visible_to(request.user), pk=pk)
        ensure_permitted(request.user, "change", obj)
        return obj

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        return super().dispatch(request, *args, **kwargs)

    def get_form(self, request, obj, data=None, files=None):
        return self.form_class(data, files, instance=obj, user=request.user, initial=self.initial(request))

    def initial(self, request) -> dict:
        return {}

    def call_service(self, request, obj, data):
        if obj is None:
            return type(self).create_service(user=request.user, data=data)
        return type(self).update_service(user=request.user, data=data, **{self.update_argument: obj})

    def render_form(self, request, form, obj):
        if form.is_bound and hasattr(form, "keep_valid_uploads"):
            form.keep_valid_uploads()  # a refused post keeps its valid files (regions' document forms)
        context = {
            "form": form,
            "object": obj,
            "title": self.title,
            "model_name": self.model._meta.verbose_name,
        }
        return render(request, self.template_name, context)

    def get(self, request, pk=None):
        obj = self.get_object(request, pk)
        return self.render_form(request, self.get_form(request, obj), obj)

    def post(self, request, pk=None):
        obj = self.get_object(request, pk)
        form = self.get_form(request, obj, request.POST, request.FILES)
        if form.is_valid():
            try:
                saved = self.call_service(request, obj, dict(form.cleaned_data))
            except ValidationError as error:
                add_service_errors(form, error)
            except InvalidTransition as error:
                form.add_error(NON_FIELD_ERRORS, error.message)
            else:
                messages.success(
                    request,
                    _("%(kind)s saved: %(name)s.")
                    % {"kind": capfirst(saved._meta.verbose_name), "name": saved},
                    extra_tags=SAVED,
                )
                return redirect(saved.get_absolute_url())
        return self.render_form(request, form, obj)
