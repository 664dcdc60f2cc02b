"""Helpers every regions service uses: permission checks, uploads, validated saves."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import models

from accounts.roles import Role, has_role, is_staff_member
from unccd_portal.uploads import DOCUMENT_KINDS, validate_upload

from ..models.scoping import can_create_in_region


def ensure_staff(user, action: str) -> None:
    if not (user.is_authenticated and is_staff_member(user)):
        raise PermissionDenied(f"Only the secretariat and the GM may {action}.")


def ensure_secretariat(user, action: str) -> None:
    if not (user.is_authenticated and has_role(user, Role.SECRETARIAT)):
        raise PermissionDenied(f"Only the secretariat may {action}.")


def ensure_region_editor(user, region_id: int | None) -> None:
    """Staff edit every region, a coordinator only their own."""
    if not can_create_in_region(user, region_id):
        raise PermissionDenied("You may only edit the regional mechanism of your own region.")


def ensure_editable(queryset: models.QuerySet, instance: models.Model, user) -> None:
    if not queryset.editable_by(user).filter(pk=instance.pk).exists():
        raise PermissionDenied(f"You may not change this {instance._meta.verbose_name}.")


def check_documents(data: dict, *fields: str) -> None:
    """Validate newly uploaded files in `data` by content (PDF, DOCX, ODT; at most 10 MB)."""
    errors = {}
    for field in fields:
        value = data.get(field)
        if isinstance(value, UploadedFile):
            try:
                validate_upload(value, allowed=DOCUMENT_KINDS)
            except ValidationError as exc:
                errors[field] = exc.messages
    if errors:
        raise ValidationError(errors)


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


def save_validated(instance: models.Model, *, user, data: dict | None = None) -> models.Model:
    """Apply `data` to `instance`, validate fields and constraints, save, then set many-to-many values.

    The acting user is recorded in the audit history of models that keep one.
    """
    many_to_many = apply_data(instance, data or {})
    instance.full_clean()
    instance._history_user = user if getattr(user, "is_authenticated", False) else None
    instance.save()
    for name, values in many_to_many.items():
        getattr(instance, name).set(values)
    return instance
