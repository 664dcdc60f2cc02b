"""The audit trail of a record (django-simple-history), as rows for its detail page."""


def history_rows(instance, limit: int = 20) -> list[dict]:
    """The latest `limit` changes of `instance`: who, when, what kind, and each field's old and new value."""
    records = list(
        instance.history.select_related("history_user").order_by("-history_date", "-history_id")[: limit + 1]
    )
    model = type(instance)
    rows = []
    for index, record in enumerate(records[:limit]):
        previous = records[index + 1] if index + 1 < len(records) else None
        changes = []
        if previous is not None and record.history_type == "~":
            for change in record.diff_against(previous).changes:
                label = model._meta.get_field(change.field).verbose_name
                changes.append({"field": label, "old": change.old, "new": change.new})
        rows.append(
            {
                "when": record.history_date,
                "user": record.history_user,
                "kind": record.get_history_type_display(),
                "changes": changes,
            }
        )
    return rows
