""" "Usable lot" is one rule: the ORM filter and the FIFO scan's SQL pick exactly the same lots."""

from __future__ import annotations

from django.db import connection

from inventory.lot_rules import usable_lots_q, usable_lots_sql
from inventory.models import Lot
from tests.inventory.factories import ItemFactory, ago, ahead, stock


def test_the_orm_filter_and_the_sql_agree_on_every_kind_of_lot(acme):
    oil = ItemFactory()
    now = ago(0)
    kinds = {
        "plain": {},
        "expires later": {"expires_at": ahead(3)},
        "expired": {"received_at": ago(9), "expires_at": ago(1)},
        "curing": {"hold_until": ahead(2)},
        "cured": {"received_at": ago(9), "hold_until": ago(1)},
        "expired and curing": {"received_at": ago(9), "expires_at": ago(1), "hold_until": ahead(2)},
    }
    lots = {name: stock(oil, 1, **extra).pk for name, extra in kinds.items()}

    by_orm = set(Lot.objects.filter(usable_lots_q(now)).values_list("pk", flat=True))
    sql, params = usable_lots_sql(now)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT id FROM {Lot._meta.db_table} WHERE {sql}", params)
        by_sql = {row[0] for row in cursor.fetchall()}

    assert by_orm == by_sql == {lots["plain"], lots["expires later"], lots["cured"]}
