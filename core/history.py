"""The audit trail of a record (django-simple-history), as rows for its detail page."""

from collections import defaultdict


def _m2m_ids(field, value) -> list:
    """The related ids of a many-to-many value as the history keeps it (its through rows as dicts)."""
    return [row[field.m2m_reverse_field_name()] for row in value or []]


def _readable(field, value, related: dict):
    """A change's value as people read it: choice labels and related records' names, not codes and ids."""
    if value in (None, ""):
        return value
    if field.many_to_many:
        names = related.get(field.related_model, {})
        return ", ".join(sorted(str(names.get(pk, pk)) for pk in _m2m_ids(field, value)))
    if field.many_to_one:
        return related.get(field.related_model, {}).get(value, value)
    if field.choices:
        return dict(field.flatchoices).get(value, value)
    return value


def history_rows(instance, limit: int = 20) -> list[dict]:
    """The latest `limit` changes of `instance`: who, when, what kind, and each field's old and new value."""
    records = list(
        instance.history.select_related("history_user").order_by("-history_date", "-history_id")[: limit + 1]
    )
    meta = type(instance)._meta
    raw_rows = []
    wanted = defaultdict(set)  # related model -> ids to name, fetched once per model
    for index, record in enumerate(records[:limit]):
        previous = records[index + 1] if index + 1 < len(records) else None
        changes = []
        if previous is not None and record.history_type == "~":
            for change in record.diff_against(previous).changes:
                field = meta.get_field(change.field)
                if field.many_to_one:
                    wanted[field.related_model].update(v for v in (change.old, change.new) if v is not None)
                if field.many_to_many:
                    wanted[field.related_model].update(
                        _m2m_ids(field, change.old) + _m2m_ids(field, change.new)
                    )
                changes.append((field, change.old, change.new))
        raw_rows.append((record, changes))
    related = {model: model._default_manager.in_bulk(ids) for model, ids in wanted.items()}
    return [
        {
            "when": record.history_date,
            "user": record.history_user,
            "kind": record.get_history_type_display(),
            "changes": [
                {
                    "field": field.verbose_name,
                    "old": _readable(field, old, related),
                    "new": _readable(field, new, related),
                }
                for field, old, new in changes
            ],
        }
        for record, changes in raw_rows
    ]
