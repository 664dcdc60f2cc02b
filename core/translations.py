"""Helpers for the fields translated into the six UN languages (django-modeltranslation)."""

import copy

from django.conf import settings


def keep_translations_in_history(model) -> None:
    """Give the audit history of `model` (django-simple-history) its translated fields too.

    The historical model was built before django-modeltranslation added `name_en`, `name_fr`…,
    and saving a row copies every field of the model into its history: without these fields the
    save fails. With them, the history records each language's text."""
    from modeltranslation.translator import translator
    from modeltranslation.utils import build_localized_fieldname
    from simple_history.models import transform_field

    historical = model.history.model
    present = {field.name for field in historical._meta.fields}
    for name in translator.get_options_for_model(model).get_field_names():
        for language, _label in settings.LANGUAGES:
            localized = model._meta.get_field(build_localized_fieldname(name, language))
            if localized.name in present:
                continue
            field = copy.copy(localized)
            transform_field(field)
            historical.add_to_class(localized.name, field)


def in_every_language(row, field: str) -> dict[str, str]:
    """The text of a translated field in each of the portal's languages (English where one is
    missing), for what is written later in a reader's language (e.g. a notification)."""
    from modeltranslation.utils import build_localized_fieldname

    english = getattr(row, field)
    return {
        language: getattr(row, build_localized_fieldname(field, language), None) or english
        for language, _label in settings.LANGUAGES
    }
