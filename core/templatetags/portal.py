"""Template helpers shared by every app."""

from decimal import ROUND_HALF_UP, Decimal

from django import template
from django.apps import apps
from django.utils.formats import number_format

from core.scoping import may_ever, user_may

register = template.Library()


@register.filter
def get_item(mapping, key):
    """`{{ mapping|get_item:key }}`: a dict lookup with a variable key."""
    return mapping.get(key, "") if mapping else ""


@register.simple_tag(takes_context=True)
def query_with(context, **changes):
    """The current query string with some parameters replaced (keeps filters when paging)."""
    query = context["request"].GET.copy()
    for name, value in changes.items():
        query[name] = value
    return query.urlencode()


@register.filter
def yes_no_badge(value):
    return "✓" if value else "–"


def _rounded(value, decimals: int) -> Decimal:
    """Round half up, as UN tables do (number_format alone would cut the digits off)."""
    return Decimal(str(value)).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


@register.filter
def amount(value, decimals=0):
    """A figure in the current locale with thousands grouping; negatives in parentheses, as in UN tables.

    `{{ 14325736|amount }}` gives 14,325,736 in English and 14 325 736 in French.
    """
    if value is None or value == "":
        return "–"
    number = _rounded(value, int(decimals))
    text = number_format(abs(number), decimal_pos=int(decimals), use_l10n=True, force_grouping=True)
    return f"({text})" if number < 0 else text


@register.filter
def percent(value, decimals=1):
    """A percentage with one decimal in the current locale: 67.5 %."""
    if value is None or value == "":
        return "–"
    return f"{number_format(_rounded(value, int(decimals)), decimal_pos=int(decimals), use_l10n=True)} %"


@register.filter
def described(bound_field):
    """A field's widget tied to its help text and errors for screen readers (WCAG 1.3.1, 3.3.1)."""
    described_by = []
    if bound_field.help_text:
        described_by.append(f"{bound_field.id_for_label}-help")
    attrs = {}
    if bound_field.errors:
        described_by.append(f"{bound_field.id_for_label}-error")
        attrs["aria-invalid"] = "true"
        attrs["class"] = f"{bound_field.field.widget.attrs.get('class', '')} is-invalid".strip()
    if described_by:
        attrs["aria-describedby"] = " ".join(described_by)
    return bound_field.as_widget(attrs=attrs)


@register.simple_tag(takes_context=True)
def may(context, action, target):
    """`{% may "change" object as can_edit %}` or `{% may "record" "app.Model" as can_record %}`:
    whether the request's user may do `action` to that row, or to some rows of that model."""
    user = context["request"].user
    if isinstance(target, str):
        return may_ever(user, apps.get_model(target), action)
    return user_may(user, action, target)


@register.filter
def figure(value):
    """A measured value in the current locale, grouped, with its own decimals (at most 4, no trailing
    zeros): 1,234.5 in English, 1 234,5 in French; "–" for none."""
    if value is None or value == "":
        return "–"
    number = Decimal(str(value)).normalize()
    decimals = max(0, -number.as_tuple().exponent)
    return number_format(number, decimal_pos=min(decimals, 4), use_l10n=True, force_grouping=True)


@register.filter
def signed_figure(value):
    """A difference with its sign: +1,234.5, −12; "–" for none, 0 for none at all."""
    if value is None or value == "":
        return "–"
    number = Decimal(str(value))
    if number == 0:
        return "0"
    return ("+" if number > 0 else "−") + figure(abs(number))
