"""Figures are formatted per locale: 14,325,736 in English, 14 325 736 in French."""

import pytest
from django.template import Context, Template
from django.utils import translation


def render(template: str, language: str, **context) -> str:
    with translation.override(language):
        return Template("{% load portal %}" + template).render(Context(context))


def test_amount_groups_thousands_per_locale():
    assert render("{{ v|amount }}", "en", v=14325736) == "14,325,736"
    assert render("{{ v|amount }}", "zh-hans", v=14325736) == "14,325,736"
    french = render("{{ v|amount }}", "fr", v=14325736)
    assert french.replace("\u202f", " ").replace("\xa0", " ") == "14 325 736"


def test_negative_amounts_in_parentheses_and_missing_as_dash():
    assert render("{{ v|amount }}", "en", v=-208199) == "(208,199)"
    assert render("{{ v|amount }}", "en", v=None) == "–"


def test_percent_has_one_decimal_and_locale_decimal_mark():
    assert render("{{ v|percent }}", "en", v=67.46) == "67.5 %"
    assert render("{{ v|percent }}", "fr", v=67.46) == "67,5 %"


def test_filters_without_labels_get_readable_translatable_ones():
    from workprogramme.filtersets import ResultFilterSet
    from workprogramme.models import Observation

    form = ResultFilterSet({}, queryset=Observation.objects.none()).form
    assert str(form.fields["biennium"].label) == "Biennium"
    assert str(form.fields["cycle"].label) == "Reporting cycle"
    with translation.override("zh-hans"):
        assert str(form.fields["indicator"].label) != "Indicator"


def test_dates_follow_the_locale_in_un_style():
    import datetime

    day = datetime.date(2019, 5, 31)
    assert render('{{ d|date:"DATE_FORMAT" }}', "en", d=day) == "31 May 2019"
    assert render('{{ d|date:"DATE_FORMAT" }}', "zh-hans", d=day) == "2019 年 5 月 31 日"  # as seed 002


@pytest.mark.django_db
def test_language_switch_lists_each_language_in_its_own_name(client):
    from django.utils import translation as tr

    with tr.override("zh-hans"):
        content = client.get("/", HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert ">English</option>" in content and ">Русский</option>" in content
