"""Cursor pagination for every list: stable under inserts, cheap at any depth (keyset on id)."""

from __future__ import annotations

from rest_framework.pagination import CursorPagination


class IdCursorPagination(CursorPagination):
    ordering = "id"
    page_size = 50
    page_size_query_param = "limit"
    max_page_size = 100
    cursor_query_description = "The `next` or `previous` cursor of the page before."
    page_size_query_description = "How many rows per page (at most 100, default 50)."
