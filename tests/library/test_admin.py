from __future__ import annotations

from django.contrib.auth.models import Permission

from library.models import LibraryItem
from tests.conftest import make_member, make_user, public_client, workspace_client

CHANGELIST = "/admin/library/libraryitem/"


def staff(*permissions: str, superuser: bool = False):
    user = make_user(is_staff=True, is_superuser=superuser)
    for codename in permissions:
        user.user_permissions.add(Permission.objects.get(codename=codename))
    return user


def test_changelist_loads_for_staff_on_the_public_host(seeded):
    response = public_client(staff(superuser=True)).get(CHANGELIST)
    assert response.status_code == 200
    assert b"Olive oil" in response.content
    assert b"Olea Europaea Fruit Oil" in response.content


def test_staff_with_view_permission_only_can_list(seeded):
    response = public_client(staff("view_libraryitem")).get(CHANGELIST)
    assert response.status_code == 200
    assert b"Olive oil" in response.content


def test_staff_without_library_permission_is_refused(seeded):
    assert public_client(staff()).get(CHANGELIST).status_code == 403


def test_anonymous_is_sent_to_admin_login(seeded):
    response = public_client().get(CHANGELIST)
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_changelist_search_and_filters(seeded):
    client = public_client(staff(superuser=True))
    response = client.get(CHANGELIST, {"q": "olea europaea"})
    assert response.status_code == 200
    assert b"Olive oil" in response.content and b"Castor oil" not in response.content

    response = client.get(CHANGELIST, {"kind__exact": "container"})
    assert response.status_code == 200
    assert b"Tin 4 oz (screw lid)" in response.content and b"Olive oil" not in response.content

    response = client.get(CHANGELIST, {"category__exact": "essential_oil", "is_active__exact": "1"})
    assert response.status_code == 200
    assert b"Lavender essential oil" in response.content and b"Beeswax" not in response.content


def form_data(item: LibraryItem, **changes) -> dict:
    data = {
        "name": item.name,
        "inci_name": item.inci_name,
        "kind": item.kind,
        "category": item.category,
        "is_active": "on" if item.is_active else "",
        "default_unit": item.default_unit,
        "density_g_per_ml": item.density_g_per_ml or "",
        "shelf_life_days": item.shelf_life_days or "",
        "allergens": ", ".join(item.allergens),
        "notes": item.notes,
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value != ""}


def test_staff_edit_an_item(seeded):
    client = public_client(staff(superuser=True))
    olive = LibraryItem.objects.get(name="Olive oil")
    url = f"{CHANGELIST}{olive.pk}/change/"
    assert client.get(url).status_code == 200

    response = client.post(
        url, form_data(olive, density_g_per_ml="0.912", allergens="Linalool, , linalool")
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    olive.refresh_from_db()
    assert str(olive.density_g_per_ml) == "0.9120"
    assert olive.allergens == ["Linalool"]


def test_admin_form_reports_rule_violations(seeded):
    client = public_client(staff(superuser=True))
    olive = LibraryItem.objects.get(name="Olive oil")
    response = client.post(
        f"{CHANGELIST}{olive.pk}/change/",
        form_data(olive, name="CASTOR OIL", density_g_per_ml="0", shelf_life_days="0"),
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert "A library item with this name already exists." in content
    assert "Density must be greater than 0" in content
    assert "Shelf life must be at least 1 day" in content
    olive.refresh_from_db()
    assert olive.name == "Olive oil"


def test_items_are_deactivated_never_deleted(seeded):
    client = public_client(staff(superuser=True))
    olive = LibraryItem.objects.get(name="Olive oil")
    assert client.get(f"{CHANGELIST}{olive.pk}/delete/").status_code == 403

    response = client.post(
        CHANGELIST, {"action": "deactivate", "_selected_action": [olive.pk]}, follow=True
    )
    assert response.status_code == 200
    olive.refresh_from_db()
    assert olive.is_active is False
    assert b"1 item(s) deactivated." in response.content


def test_admin_is_not_reachable_on_a_workspace_host(seeded, org_a):
    user = make_member(org_a, "owner")
    user.is_staff = user.is_superuser = True
    user.save()
    response = workspace_client(user, org_a).get(CHANGELIST)
    assert response.status_code == 404


def test_staff_add_an_item(seeded):
    client = public_client(staff(superuser=True))
    assert client.get(f"{CHANGELIST}add/").status_code == 200
    response = client.post(
        f"{CHANGELIST}add/",
        {
            "name": "Neroli essential oil",
            "inci_name": "Citrus Aurantium Amara Flower Oil",
            "kind": "ingredient",
            "category": "essential_oil",
            "is_active": "on",
            "default_unit": "g",
            "density_g_per_ml": "0.87",
            "shelf_life_days": "730",
            "allergens": "Linalool, Limonene, Geraniol, Farnesol,",
        },
    )
    assert response.status_code == 302
    neroli = LibraryItem.objects.get(name="Neroli essential oil")
    assert neroli.allergens == ["Linalool", "Limonene", "Geraniol", "Farnesol"]
    assert str(neroli.density_g_per_ml) == "0.8700"
