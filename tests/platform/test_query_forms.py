"""QueryForm: a value from the query string is made safe, or becomes its field's "no filter" value."""

from __future__ import annotations

import pytest
from django import forms
from django.http import QueryDict

from batchtrack.query_forms import QueryForm, flag_field, page_field, page_number, search_field


class ListQuery(QueryForm):
    q = search_field()
    kind = forms.ChoiceField(required=False, choices=[("", "Any"), ("soap", "Soap")])
    low = flag_field()
    page = page_field()


def values(query: str) -> dict:
    return ListQuery(QueryDict(query)).values


def test_an_empty_query_is_no_filter():
    assert values("") == {"q": "", "kind": "", "low": False, "page": None}


def test_nul_bytes_are_removed_from_text():
    assert values("q=ol%00ive")["q"] == "olive"


@pytest.mark.parametrize(
    "page", ["%D9%A3", "L%C2%B2", "%C2%B2", "-1", "0", "1e999", "99999999999999999999999", "abc"]
)
def test_a_page_that_is_not_ascii_digits_in_range_is_the_first(page):
    form = ListQuery(QueryDict(f"page={page}"))
    assert form.values["page"] is None
    assert "page" in form.errors
    assert page_number(QueryDict(f"page={page}")) == 1


def test_a_page_in_range_is_read():
    assert values("page=3")["page"] == 3
    assert page_number(QueryDict("page=3")) == 3


def test_an_unknown_choice_or_a_long_search_is_no_filter():
    assert values("kind=%3Cscript%3E&q=" + "a" * 3000) == {
        "q": "",
        "kind": "",
        "low": False,
        "page": None,
    }


@pytest.mark.parametrize(("raw", "on"), [("1", True), ("", False), ("0", False), ("yes", False)])
def test_a_flag_is_on_only_for_1(raw, on):
    assert values(f"low={raw}")["low"] is on


def test_a_repeated_parameter_uses_its_last_value():
    assert values("kind=candle&kind=soap")["kind"] == "soap"
