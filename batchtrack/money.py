"""Money as a maker reads it: one format, in the workspace's currency, built on Babel.

Every page, message, chart and PDF that shows an amount asks `format_money` (or `format_unit_money`
for a cost per unit, `format_unit_cost` for one per the unit the maker buys in); templates reach them
through the `money`, `unit_money` and `unit_cost` filters of `inventory_format`. CSV and XLSX exports
keep plain numbers and name the currency in their headers (`currency_symbol`).

The currency is the workspace's setting (`Organization.currency`), read from the active tenant, so
callers never pass it around. Numbers are written the English way ("€1,234.50", "-$5.00"), as the
rest of the interface is English; the symbol and the number of decimals come from Babel's data for
the currency (no decimals for yen), never from a hand-written table.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal
from functools import cache

from babel import Locale, UnknownLocaleError
from babel.core import get_global
from babel.numbers import (
    format_currency,
    get_currency_name,
    get_currency_precision,
    get_currency_symbol,
    get_territory_currencies,
    list_currencies,
)
from django.db import connection

DEFAULT_CURRENCY = "USD"
# The interface's language: how digits, separators and symbols are written.
LOCALE = "en"
# Below a cent a cost per unit keeps 4 decimals, or 6 below a hundredth of a cent ($0.0123/g).
_FINE = Decimal("0.0001")
_FINEST = Decimal("0.000001")


@cache
def currency_choices() -> list[tuple[str, str]]:
    """Currencies some country uses today, as (code, "Euro (EUR, €)"), by name."""
    territories = get_global("territory_currencies").keys()
    current = {code for t in territories for code in get_territory_currencies(t, tender=True)}
    codes = current & set(list_currencies())
    return sorted(
        (
            (code, f"{get_currency_name(code, locale=LOCALE)} ({_code_and_symbol(code)})")
            for code in codes
        ),
        key=lambda choice: choice[1].lower(),
    )


def _code_and_symbol(code: str) -> str:
    symbol = get_currency_symbol(code, locale=LOCALE)
    return code if symbol == code else f"{code}, {symbol}"


def is_currency(code: str) -> bool:
    return code in dict(currency_choices())


def currency_from_accept_language(header: str | None) -> str:
    """The currency of the first country named (or implied) by a browser's Accept-Language header:
    "de-DE,de;q=0.9" -> "EUR", "en-GB" -> "GBP", "fr" -> "EUR" (French's likely country); the
    default when nothing matches."""
    for tag in _language_tags(header or ""):
        territory = _territory(tag)
        currencies = get_territory_currencies(territory, tender=True) if territory else []
        if currencies and is_currency(currencies[0]):
            return currencies[0]
    return DEFAULT_CURRENCY


def _language_tags(header: str) -> list[str]:
    weighted = []
    for position, part in enumerate(header.split(",")):
        tag, _, params = part.strip().partition(";")
        quality = 1.0
        if params.strip().startswith("q="):
            try:
                quality = float(params.strip()[2:])
            except ValueError:
                continue
        if tag and tag != "*":
            weighted.append((-quality, position, tag.strip()))
    return [tag for _q, _p, tag in sorted(weighted)]


def _territory(tag: str) -> str | None:
    try:
        locale = Locale.parse(tag.replace("-", "_"))
    except (UnknownLocaleError, ValueError, TypeError):
        return None
    if locale.territory:
        return locale.territory
    likely = get_global("likely_subtags").get(locale.language, "")
    return Locale.parse(likely).territory if likely else None


def workspace_currency() -> str:
    """The active workspace's currency; the default outside a workspace. Under `schema_context` and
    in tasks the connection holds a stand-in without the setting: it is read once by schema name."""
    tenant = getattr(connection, "tenant", None)
    code = getattr(tenant, "currency", None)
    if code:
        return code
    schema = getattr(tenant, "schema_name", None)
    if not schema or schema == "public":
        return DEFAULT_CURRENCY
    from tenants.models import Organization

    code = (
        Organization.objects.filter(schema_name=schema).values_list("currency", flat=True).first()
    )
    code = code or DEFAULT_CURRENCY
    try:
        tenant.currency = code  # remembered on this stand-in, which lives as long as its context
    except AttributeError:
        pass
    return code


def _minor(currency: str) -> Decimal:
    return Decimal(1).scaleb(-get_currency_precision(currency))


def _format(value: Decimal, currency: str, places: int, latin1: bool) -> str:
    pattern = "¤#,##0" + ("." + "0" * places if places else "")
    if latin1 and not _encodes(get_currency_symbol(currency, locale=LOCALE), "latin-1"):
        pattern = pattern.replace("¤", "¤¤ ")  # "EUR 9.00" where the font has no "€"
    return format_currency(value, currency, format=pattern, locale=LOCALE, currency_digits=False)


def _encodes(text: str, encoding: str) -> bool:
    try:
        text.encode(encoding)
    except UnicodeEncodeError:
        return False
    return True


def format_money(value: Decimal, currency: str | None = None, *, latin1: bool = False) -> str:
    """An amount in the currency's smallest unit, half up: "$1,234.50", "-€5.00", "¥1,235".
    `latin1` is for documents whose font covers only Latin-1 (the PDFs): a symbol outside it is
    written as the code ("EUR 9.00"); "$", "£" and "¥" stay."""
    currency = currency or workspace_currency()
    rounded = value.quantize(_minor(currency), rounding=ROUND_HALF_UP)
    return _format(rounded, currency, get_currency_precision(currency), latin1)


def format_unit_money(value: Decimal, currency: str | None = None, *, latin1: bool = False) -> str:
    """A cost per unit: as `format_money`, but one under the currency's unit that cents would hide
    keeps 4 decimals ("$0.0123"), or 6 under a hundredth of a cent ("$0.000040")."""
    currency = currency or workspace_currency()
    minor = _minor(currency)
    if value == 0 or abs(value) >= 1 or value.quantize(minor, rounding=ROUND_HALF_UP) == value:
        return format_money(value, currency, latin1=latin1)
    places = _FINE if abs(value) >= _FINE else _FINEST
    fine = value.quantize(places, rounding=ROUND_HALF_UP)
    return _format(fine, currency, -int(places.as_tuple().exponent), latin1)


def currency_symbol(currency: str | None = None) -> str:
    """The currency's symbol, for a header over plain numbers ("Revenue (€)")."""
    return get_currency_symbol(currency or workspace_currency(), locale=LOCALE)


def format_unit_cost(
    cost: Decimal,
    *,
    stock_unit: str,
    purchase_unit: str = "",
    density: Decimal | None = None,
    custom_units: Iterable = (),
    currency: str | None = None,
) -> str:
    """A cost per stock unit shown per the unit the maker buys in: $0.009/g bought in kg ->
    "$9.00/kg". Without a purchase unit, or one that no longer converts (a custom unit deleted, a
    density removed), per the stock unit."""
    from inventory import units
    from inventory.errors import UnitError

    unit = stock_unit
    if purchase_unit and purchase_unit != stock_unit:
        try:
            cost = units.convert_unit_cost(
                cost, stock_unit, purchase_unit, density=density, custom_units=list(custom_units)
            )
            unit = purchase_unit
        except UnitError:
            pass
    return f"{format_unit_money(cost, currency)}/{unit}"
