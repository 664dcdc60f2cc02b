"""Helpers for the apps' demo loaders, which must give the same data however often they run."""


def update_or_create_if_changed(model, defaults: dict, **lookup):
    """Like `update_or_create`, but an unchanged row is not saved again.

    Audited models record every save; re-running the demo must not add history entries.
    """
    instance = model.objects.filter(**lookup).first()
    if instance is None:
        return model.objects.create(**lookup, **defaults), True
    changed = [field for field, value in defaults.items() if getattr(instance, field) != value]
    if changed:
        for field in changed:
            setattr(instance, field, defaults[field])
        instance.save(update_fields=changed)
    return instance, False
