"""The language a report is read in: `?lang=` when given, else the request's (Accept-Language, the
language cookie), as Django's LocaleMiddleware chose it."""

from django.utils import translation


def requested_language(request) -> str:
    """A supported language code (e.g. "zh-hans") for this request; an unknown `?lang=` is ignored."""
    asked = request.GET.get("lang", "").strip()
    if asked:
        try:
            return translation.get_supported_language_variant(asked.lower())
        except LookupError:
            pass
    return translation.get_language() or "en"
