"""Building blocks of every app's write services: permission guards and validated saves."""

from django.db import models

from .scoping import ensure_may_ever, ensure_permitted


def ensure_may_change(user, instance: models.Model, message=None) -> None:
    """Before a write: `user` may change `instance` as it is now (a new row: rows of its kind)."""
    if instance.pk is None:
        ensure_may_ever(user, type(instance), "change", message)
    else:
        ensure_permitted(user, "change", instance, message)


def apply_data(instance: models.Model, data: dict) -> dict:
    """Set the plain fields of `instance` from `data`; return the many-to-many values for after saving."""
    many_to_many_names = {field.name for field in instance._meta.many_to_many}
    many_to_many = {}
    for name, value in data.items():
        if name in many_to_many_names:
            many_to_many[name] = value
            continue
        if value is False and isinstance(instance._meta.get_field(name), models.FileField):
            value = ""  # a form's "clear" checkbox
        setattr(instance, name, value)
    return many_to_many


def save_validated(instance: models.Model, *, user, data: dict | None = None, message=None) -> models.Model:
    """Apply `data`, validate fields and constraints, save, set many-to-many values, then check
    that `user` may change the row as saved (call inside the service's transaction: a refusal
    rolls the write back, so nobody moves a row out of their scope or creates one outside it).

    The acting user is recorded in the audit history of models that keep one.
    """
    many_to_many = apply_data(instance, data or {})
    instance.full_clean()
    many_to_many = {name: values for name, values in many_to_many.items() if _differs(instance, name, values)}
    if instance.pk is None or many_to_many or _stored_fields_differ(instance):
        instance._history_user = user if getattr(user, "is_authenticated", False) else None
        instance.save()
    for name, values in many_to_many.items():
        getattr(instance, name).set(values)
    ensure_permitted(user, "change", instance, message)
    return instance


def _stored_fields_differ(instance: models.Model) -> bool:
    """Whether saving would change the stored row: an unchanged row is not saved again, so
    that an empty update writes no audit-history entry."""
    fields = [field for field in instance._meta.concrete_fields if not getattr(field, "auto_now", False)]
    stored = type(instance)._base_manager.filter(pk=instance.pk).values(*(f.attname for f in fields)).first()
    if stored is None:
        return True
    return any(field.to_python(getattr(instance, field.attname)) != stored[field.attname] for field in fields)


def _differs(instance: models.Model, name: str, values) -> bool:
    if instance.pk is None:
        return True
    current = set(getattr(instance, name).values_list("pk", flat=True))
    return current != {getattr(value, "pk", value) for value in values}
