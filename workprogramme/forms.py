"""Forms of the submission pages; they collect input, the services decide."""

import dataclasses

from django import forms
from django.utils.translation import gettext_lazy as _

from regions.models import Country, Region

from .choices import IndicatorValueType, OutputStatus, ReportingCycleState, TargetLevel, ValueSource
from .models import Biennium, CapacityBuildingActivity, Indicator, Language, Objective, Outcome
from .tables import TableRow, default_text, entry_text, parse_members

YES_NO_CHOICES = [("", _("– not answered –")), ("yes", _("Yes")), ("no", _("No"))]


def _value_widget(value_type: str, label: str):
    attrs = {"class": "form-control", "aria-label": label}
    if value_type == IndicatorValueType.YES_NO:
        return forms.Select(choices=YES_NO_CHOICES, attrs={**attrs, "class": "form-select"})
    if value_type == IndicatorValueType.TEXT:
        return forms.Textarea(attrs={**attrs, "rows": 3})
    return forms.TextInput(attrs={**attrs, "inputmode": "decimal", "autocomplete": "off"})


CELL_SOURCE_CHOICES = [("", _("National data")), (ValueSource.ESTIMATE, _("Estimate"))]


@dataclasses.dataclass
class CellField:
    """A table cell on the form: its input, and for a cell with default data its justification and
    source inputs (shown once the value differs from the default)."""

    name: str
    row: TableRow
    period: str
    cell: object
    value: forms.BoundField
    justification: forms.BoundField | None
    source: forms.BoundField | None
    changed: bool
    problems: list[str]
    evidence: list = dataclasses.field(default_factory=list)

    @property
    def show_change(self) -> bool:
        return self.justification is not None and (self.changed or bool(self.problems))


@dataclasses.dataclass
class TableBlock:
    """One indicator on the form: a scalar one's value, source and narrative, or a table's cells,
    its data source and narrative."""

    table: object
    narrative: forms.BoundField
    value: forms.BoundField | None = None
    source: forms.BoundField | None = None
    rows: list = dataclasses.field(default_factory=list)
    data_source: list = dataclasses.field(default_factory=list)

    @property
    def changes(self) -> list[CellField]:
        return [cell for _row, cells in self.rows for cell in cells if cell.justification is not None]

    @property
    def show_data_source(self) -> bool:
        return any(cell.show_change for cell in self.changes)


def _cell_attributes(spec, row, period: str, cell, name: str) -> dict:
    """A cell's input: labelled by its coordinates, tied to its default and its error for screen
    readers; `data-default` lets the page's script mark a cell changed from its default."""
    attrs = {
        "class": "form-control form-control-sm cell-input",
        "aria-label": spec.where(row, period),
        "inputmode": "decimal" if spec.indicator.value_type != IndicatorValueType.TEXT else "text",
        "autocomplete": "off",
    }
    described_by = []
    if cell is not None and cell.default_value is not None:
        attrs["data-default"] = default_text(cell.default_value)
        described_by.append(f"default-{name}")
    if cell is not None and cell.error:
        described_by.append(f"error-{name}")
        attrs["aria-invalid"] = "true"
    if described_by:
        attrs["aria-describedby"] = " ".join(described_by)
    return attrs


class SubmissionValuesForm(forms.Form):
    """Every indicator of a submission: a scalar one's value, source and narrative; a table's cells
    (rows: members, columns: time periods), a justification and source per cell changed from its
    default data, the table's data source and narrative. Values are kept as typed: the services
    parse them and flag errors (`workprogramme.tables`)."""

    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, tables, problems=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.tables = tables
        self.cell_problems = problems.by_cell() if problems else {}
        for table in tables:
            indicator = table.indicator
            key = str(indicator.pk)
            self.fields[f"narrative_{key}"] = forms.CharField(
                label=_("Narrative"),
                required=False,
                max_length=20000,
                initial=table.entry.narrative,
                widget=forms.Textarea(attrs={"class": "form-control", "rows": 2}),
            )
            if table.spec.is_scalar:
                self._scalar_fields(table, key)
            else:
                self._table_fields(table, key)

    def _scalar_fields(self, table, key: str) -> None:
        indicator, cell = table.indicator, table.scalar_cell
        label = f"{indicator.code} {indicator.text}"
        self.fields[f"value_{key}"] = forms.CharField(
            label=_("Value"),
            required=False,
            max_length=2000,
            initial=entry_text(cell),
            widget=_value_widget(indicator.value_type, label),
        )
        self.fields[f"source_{key}"] = forms.ChoiceField(
            label=_("Source"),
            required=False,
            choices=[("", _("– choose –")), *ValueSource.choices],
            initial=cell.source if cell else "",
            widget=forms.Select(attrs={"class": "form-select"}),
        )

    def _table_fields(self, table, key: str) -> None:
        spec = table.spec
        for row_index, row in enumerate(spec.rows):
            for column, period in enumerate(spec.periods):
                cell = table.cell(row, period)
                name = f"{key}_{row_index}_{column}"
                self.fields[f"cell_{name}"] = forms.CharField(
                    required=False,
                    max_length=2000,
                    initial=entry_text(cell),
                    widget=forms.TextInput(attrs=_cell_attributes(spec, row, period, cell, name)),
                )
                if cell is not None and cell.default_value is not None:
                    self._change_fields(name, spec.where(row, period), cell)
        self._data_source_fields(table, key)

    def _change_fields(self, name: str, where: str, cell) -> None:
        """A cell with default data: why it differs, and whether the new value is an estimate."""
        self.fields[f"justification_{name}"] = forms.CharField(
            label=_("Why it differs from the default data"),
            required=False,
            max_length=5000,
            initial=cell.justification,
            widget=forms.Textarea(
                attrs={
                    "class": "form-control form-control-sm",
                    "rows": 1,
                    "aria-label": _("%(cell)s: justification") % {"cell": where},
                }
            ),
        )
        self.fields[f"cellsource_{name}"] = forms.ChoiceField(
            label=_("Source of the value"),
            required=False,
            choices=CELL_SOURCE_CHOICES,
            initial=ValueSource.ESTIMATE if cell.source == ValueSource.ESTIMATE else "",
            widget=forms.Select(
                attrs={
                    "class": "form-select form-select-sm",
                    "aria-label": _("%(cell)s: source") % {"cell": where},
                }
            ),
        )

    def _data_source_fields(self, table, key: str) -> None:
        """The table's data source (the cells keep none while they hold their default data)."""
        source = next((cell.data_source for cell in table.cells.values() if cell.data_source), None)
        for name, label, limit in (
            ("title", _("Title"), 300),
            ("link", _("Link or identifier"), 500),
            ("publisher", _("Author or publisher"), 300),
        ):
            spoken = _("%(table)s, data source: %(field)s") % {"table": table.spec.code, "field": label}
            self.fields[f"ds_{name}_{key}"] = forms.CharField(
                label=label,
                required=False,
                max_length=limit,
                initial=getattr(source, name, ""),
                widget=forms.TextInput(attrs={"class": "form-control form-control-sm", "aria-label": spoken}),
            )

    def blocks(self) -> list[TableBlock]:
        blocks = []
        for table in self.tables:
            key = str(table.indicator.pk)
            block = TableBlock(table=table, narrative=self[f"narrative_{key}"])
            if table.spec.is_scalar:
                block.value, block.source = self[f"value_{key}"], self[f"source_{key}"]
            else:
                block.rows = [
                    (row, [self._cell_field(table, key, row_index, row, column, period)
                           for column, period in enumerate(table.spec.periods)])
                    for row_index, row in enumerate(table.spec.rows)
                ]  # fmt: skip
                block.data_source = [self[f"ds_{name}_{key}"] for name in ("title", "link", "publisher")]
            blocks.append(block)
        return blocks

    def _cell_field(self, table, key, row_index, row, column, period) -> CellField:
        name = f"{key}_{row_index}_{column}"
        cell = table.cell(row, period)
        has_default = f"justification_{name}" in self.fields
        return CellField(
            name=name,
            row=row,
            period=period,
            cell=cell,
            value=self[f"cell_{name}"],
            justification=self[f"justification_{name}"] if has_default else None,
            source=self[f"cellsource_{name}"] if has_default else None,
            changed=bool(cell and cell.differs_from_default),
            evidence=table.cell_evidence(row, period),
            problems=[
                message
                for message in self.cell_problems.get((table.indicator.pk, row.key, period), [])
                if cell is None or message != cell.error
            ],
        )

    def entries(self) -> dict[int, dict]:
        """Narratives of every indicator; values and sources of the scalar ones."""
        data, entries = self.cleaned_data, {}
        for table in self.tables:
            key = table.indicator.pk
            entries[key] = {"narrative": data[f"narrative_{key}"]}
            if table.spec.is_scalar:
                entries[key] |= {"value": data[f"value_{key}"], "source": data[f"source_{key}"]}
        return entries

    def cells(self) -> list[dict]:
        """Every table cell as the services take it, with its table's data source."""
        data, cells = self.cleaned_data, []
        for table in self.tables:
            if table.spec.is_scalar:
                continue
            key = table.indicator.pk
            data_source = {name: data[f"ds_{name}_{key}"] for name in ("title", "link", "publisher")}
            for row_index, row in enumerate(table.spec.rows):
                for column, period in enumerate(table.spec.periods):
                    name = f"{key}_{row_index}_{column}"
                    cell = {"indicator": key, "time_period": period, "dimensions": row.members,
                            "value": data[f"cell_{name}"], "data_source": data_source}  # fmt: skip
                    if f"justification_{name}" in data:
                        cell["justification"] = data[f"justification_{name}"]
                        cell["source"] = data[f"cellsource_{name}"]
                    cells.append(cell)
        return cells


class ReviewForm(forms.Form):
    """The reviewer's overall comment and a comment per indicator."""

    version = forms.IntegerField(widget=forms.HiddenInput)
    comment = forms.CharField(
        label=_("Comment to the country"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"class": "form-control", "rows": 3}),
    )

    def __init__(self, *args, tables, **kwargs):
        super().__init__(*args, **kwargs)
        self.tables = list(tables)
        # Each review round starts empty: the previous round's comments are in the history.
        for table in self.tables:
            self.fields[f"comment_{table.indicator.pk}"] = forms.CharField(
                label=_("Comment on indicator %(code)s") % {"code": table.indicator.code},
                required=False,
                max_length=5000,
                widget=forms.Textarea(attrs={"class": "form-control", "rows": 2}),
            )

    def clean(self):
        cleaned = super().clean()
        returning = self.data.get("decision") != "validate"
        if returning and not cleaned.get("comment") and not any(self.indicator_comments().values()):
            self.add_error(
                "comment",
                _("Give an overall reason or a comment on at least one indicator to return the report."),
            )
        return cleaned

    def bound_rows(self):
        for table in self.tables:
            yield table, self[f"comment_{table.indicator.pk}"]

    def indicator_comments(self) -> dict[int, str]:
        return {
            table.indicator.pk: self.cleaned_data.get(f"comment_{table.indicator.pk}", "")
            for table in self.tables
        }


class HandInForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    comment = forms.CharField(
        label=_("Message to the secretariat (optional)"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"class": "form-control", "rows": 2}),
    )


class SpreadsheetUploadForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    file = forms.FileField(
        label=_("Spreadsheet (XLSX or CSV, at most 10 MB)"),
        widget=forms.ClearableFileInput(attrs={"class": "form-control", "accept": ".xlsx,.csv"}),
    )


class DefaultDataImportForm(forms.Form):
    """A file of default values; the dataset's name, version and licence unless the file has them."""

    file = forms.FileField(
        label=_("Default values (CSV or XLSX, at most 10 MB)"),
        widget=forms.ClearableFileInput(attrs={"class": "form-control", "accept": ".xlsx,.csv"}),
    )
    dataset = forms.CharField(
        label=_("Dataset"),
        required=False,
        max_length=200,
        help_text=_("Leave empty when the file has a 'dataset' column."),
        widget=forms.TextInput(attrs={"class": "form-control"}),
    )
    version = forms.CharField(
        label=_("Version"),
        required=False,
        max_length=40,
        widget=forms.TextInput(attrs={"class": "form-control"}),
    )
    licence = forms.CharField(
        label=_("Licence"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"class": "form-control"}),
    )
    link = forms.URLField(
        label=_("Link to the dataset"),
        assume_scheme="https",
        required=False,
        max_length=200,
        widget=forms.URLInput(attrs={"class": "form-control"}),
    )
    is_fictitious = forms.BooleanField(
        label=_("Fictitious data (for demonstration or tests)"),
        required=False,
        widget=forms.CheckboxInput(attrs={"class": "form-check-input"}),
    )


class EvidenceForm(forms.Form):
    """A file for the whole report, one indicator, or one cell of a table indicator (`target`:
    "" | "<indicator id>" | "<indicator id>|<time period>|<row key>")."""

    title = forms.CharField(
        label=_("Title"), max_length=200, widget=forms.TextInput(attrs={"class": "form-control"})
    )
    target = forms.ChoiceField(label=_("What it supports"), required=False)
    file = forms.FileField(
        label=_("File (PDF, Word, OpenDocument, XLSX or CSV, at most 10 MB)"),
        widget=forms.ClearableFileInput(attrs={"class": "form-control"}),
    )

    def __init__(self, *args, tables, **kwargs):
        super().__init__(*args, **kwargs)
        self.tables = {str(table.indicator.pk): table for table in tables}
        choices = [("", _("– the whole report –"))]
        for key, table in self.tables.items():
            indicator, spec = table.indicator, table.spec
            label = f"{indicator.code} {indicator.text[:60]}"
            if spec.is_scalar:
                choices.append((key, label))
                continue
            cells = [(f"{key}|{period}|{row.key}", spec.where(row, period)) for row, period in spec.cells()]
            choices.append((label, [(key, _("%(table)s: the whole table") % {"table": spec.code}), *cells]))
        self.fields["target"].choices = choices
        self.fields["target"].widget.attrs["class"] = "form-select"

    def attachment(self) -> dict:
        """The service's `indicator`, `time_period` and `dimensions` for the chosen target."""
        chosen = self.cleaned_data["target"]
        if not chosen:
            return {"indicator": None}
        key, _bar, cell = chosen.partition("|")
        table = self.tables[key]
        if not cell:
            return {"indicator": table.indicator}
        period, _bar, row_key = cell.partition("|")
        return {"indicator": table.indicator, "time_period": period, "dimensions": parse_members(row_key)}


class LanguageCheckboxes(forms.CheckboxSelectMultiple):
    """Checkboxes whose field label (and the error summary's link) points at the first box."""

    def id_for_label(self, id_, index=None):
        if index is None and id_:
            return f"{id_}_0"
        return super().id_for_label(id_, index)


class CapacityBuildingActivityForm(forms.ModelForm):
    """Record or change a capacity-building activity; the service checks the cross-field rules."""

    class Meta:
        model = CapacityBuildingActivity
        fields = [
            "kind",
            "title",
            "description",
            "start_date",
            "end_date",
            "format",
            "languages",
            "partners",
            "regions",
            "countries",
            "participants_female",
            "participants_male",
            "participants_other",
            "mandate_decision",
            "mandate_paragraph",
            "objective",
            "outcome",
            "biennium",
            "source",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "start_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "end_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "languages": LanguageCheckboxes,
            "countries": forms.SelectMultiple(attrs={"size": 8}),
            "partners": forms.SelectMultiple(attrs={"size": 6}),
        }

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["languages"].queryset = Language.objects.order_by("order")
        self.fields["objective"].queryset = Objective.objects.select_related("framework")
        self.fields["outcome"].queryset = Outcome.objects.select_related("objective")
        for name, field in self.fields.items():
            widget = field.widget
            # Checkboxes keep Bootstrap's default look: a class would also land on their wrapper.
            if not isinstance(widget, forms.CheckboxSelectMultiple):
                css = "form-select" if isinstance(widget, forms.Select) else "form-control"
                widget.attrs.setdefault("class", css)
            if field.help_text:
                widget.attrs.setdefault("aria-describedby", f"id_{name}-help")

    def clean(self):
        data = super().clean()
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("An activity cannot end before it starts."))
        return data


def _bootstrap(form: forms.Form) -> None:
    """Bootstrap classes and help-text links on every field of a form."""
    for name, field in form.fields.items():
        widget = field.widget
        if isinstance(widget, forms.CheckboxSelectMultiple):
            continue
        css = "form-select" if isinstance(widget, forms.Select) else "form-control"
        widget.attrs.setdefault("class", css)
        if field.help_text:
            widget.attrs.setdefault("aria-describedby", f"id_{name}-help")


class IndicatorChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.outcome.objective.code} · {obj.code} {obj.text}"


class ReportingCycleForm(forms.Form):
    """Plan or change a reporting cycle; the services check the dates, the indicators and the state."""

    biennium = forms.ModelChoiceField(label=_("Biennium"), queryset=Biennium.objects.order_by("-start_date"))
    code = forms.SlugField(
        label=_("Code"), max_length=40, help_text=_("Short and unique, used in addresses, e.g. prais-2026.")
    )
    title = forms.CharField(label=_("Title"), max_length=200)
    opens_on = forms.DateField(
        label=_("Opens on"),
        help_text=_("Planned date; opening the cycle records the actual date."),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    deadline = forms.DateField(
        label=_("Deadline"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    indicators = IndicatorChoiceField(
        label=_("Indicators the countries report"),
        queryset=Indicator.objects.none(),
        help_text=_("Only indicators that countries report can be asked for."),
        widget=LanguageCheckboxes,
    )

    def __init__(self, *args, cycle=None, **kwargs):
        if cycle is not None:
            kwargs.setdefault(
                "initial",
                {
                    "biennium": cycle.biennium_id,
                    "code": cycle.code,
                    "title": cycle.title,
                    "opens_on": cycle.opens_on,
                    "deadline": cycle.deadline,
                    "indicators": [link.indicator_id for link in cycle.cycle_indicators.all()],
                },
            )
        super().__init__(*args, **kwargs)
        self.fields["indicators"].queryset = (
            Indicator.objects.reported_by_countries()
            .select_related("outcome__objective__framework")
            .order_by("outcome__objective__framework__start_year", "outcome__objective__order", "order")
        )
        if cycle is not None and cycle.state == ReportingCycleState.OPEN:
            for name in ("biennium", "code", "opens_on"):
                self.fields[name].disabled = True
                self.fields[name].help_text = _("Fixed once the cycle is open.")
        _bootstrap(self)


class TargetForm(forms.Form):
    """Set the target of an indicator for a biennium, globally, for a region or for a country."""

    indicator = forms.ModelChoiceField(label=_("Indicator"), queryset=Indicator.objects.none())
    biennium = forms.ModelChoiceField(label=_("Biennium"), queryset=Biennium.objects.order_by("-start_date"))
    level = forms.ChoiceField(label=_("Level"), choices=TargetLevel.choices)
    region = forms.ModelChoiceField(
        label=_("Region"),
        queryset=Region.objects.all(),
        required=False,
        help_text=_("For a regional target."),
    )
    country = forms.ModelChoiceField(
        label=_("Country"),
        queryset=Country.objects.order_by("name"),
        required=False,
        help_text=_("For a country target."),
    )
    value = forms.DecimalField(label=_("Target value"), max_digits=20, decimal_places=4)
    note = forms.CharField(label=_("Note"), max_length=300, required=False)

    def __init__(self, *args, target=None, **kwargs):
        if target is not None:
            kwargs.setdefault(
                "initial",
                {
                    "indicator": target.indicator_id,
                    "biennium": target.biennium_id,
                    "level": target.level,
                    "region": target.region_id,
                    "country": target.country_id,
                    "value": target.value,
                    "note": target.note,
                },
            )
        super().__init__(*args, **kwargs)
        self.fields["indicator"].queryset = Indicator.objects.for_list().order_by(
            "outcome__objective__framework__start_year", "outcome__objective__order", "order"
        )
        self.fields["indicator"].label_from_instance = lambda obj: (
            f"{obj.outcome.objective.framework.code} · {obj.code} {obj.text[:80]}"
        )
        if target is not None:
            for name in ("indicator", "biennium", "level", "region", "country"):
                self.fields[name].disabled = True
        _bootstrap(self)

    def service_arguments(self) -> dict:
        data = self.cleaned_data
        return {
            name: data[name] for name in ("indicator", "biennium", "level", "region", "country", "value")
        } | {"note": data.get("note") or ""}


class OutputStatusForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"), choices=OutputStatus.choices, widget=forms.Select(attrs={"class": "form-select"})
    )
