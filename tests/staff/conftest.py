"""Staff console fixtures: platform staff, with and without the break-glass permission."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Permission

from tests.conftest import make_user


def make_staff(*, break_glass: bool = False):
    staff = make_user(is_staff=True)
    if break_glass:
        staff.user_permissions.add(
            Permission.objects.get(codename="break_glass", content_type__app_label="staff")
        )
    return staff


@pytest.fixture
def staff_user(db):
    return make_staff()


@pytest.fixture
def break_glass_staff(db):
    return make_staff(break_glass=True)
