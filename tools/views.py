"""The free tools' pages: each calculator's form posts back to itself; "Save as a recipe" posts the
signed result to `save`, which keeps it in the session until the maker picks or creates a workspace."""

from __future__ import annotations

from decimal import Decimal

from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from batchtrack.errors import DomainError
from batchtrack.ratelimits import rate_limited
from tenants.models import Membership, Organization
from tools import candle, lotion, soap
from tools.errors import DraftNotSaved, ToolInputError
from tools.forms import CandleForm, LotionForm, SoapForm
from tools.services import SESSION_KEY, read_draft, save_draft_recipe, sign_draft

SAMPLE_LOTION = [
    ("Distilled water", "water", "70"),
    ("Sweet almond oil", "oil", "15"),
    ("Emulsifying wax NF", "oil", "6"),
    ("Cetyl alcohol", "oil", "2"),
    ("Vegetable glycerin", "water", "5"),
    ("Preservative", "preservative", "1"),
    ("Fragrance", "cool_down", "1"),
]


@require_GET
def index(request):
    return render(request, "tools/index.html")


@require_http_methods(["GET", "POST"])
@rate_limited("tools")
def soap_calculator(request):
    form = SoapForm(request.POST or None)
    context: dict = {"form": form}
    if request.method == "POST" and form.is_valid():
        try:
            result = soap.calculate(form.soap_input())
        except ToolInputError as exc:
            context["problems"] = exc.problems
        else:
            context.update(result=result, draft=sign_draft(_soap_draft(form, result)))
    status = 400 if form.errors or context.get("problems") else 200
    return render(request, "tools/soap.html", context, status=status)


def _soap_draft(form: SoapForm, result: soap.SoapResult) -> dict:
    data = form.cleaned_data
    lines = [{"name": oil.name, "grams": str(soap.grams(oil.grams))} for oil in data["oils"]]
    if result.naoh_g:
        lines.append({"name": "Sodium hydroxide (NaOH)", "grams": str(result.naoh_g)})
    if result.koh_g:
        lines.append({"name": "Potassium hydroxide (KOH)", "grams": str(result.koh_g)})
    lines.append({"name": "Distilled water", "grams": str(result.water_g)})
    if data.get("citric_acid_g"):
        lines.append({"name": "Citric acid", "grams": str(soap.grams(data["citric_acid_g"]))})
    return {
        "tool": "soap",
        "name": data["recipe_name"],
        "category": "soap",
        "lines": lines,
        "category_data": {
            "superfat_pct": str(data["superfat_pct"]),
            "lye_concentration_pct": str(result.lye_concentration_pct),
            "water_pct": str(result.water_pct_of_oils),
        },
    }


@require_http_methods(["GET", "POST"])
@rate_limited("tools")
def candle_calculator(request):
    form = CandleForm(request.POST or None)
    context: dict = {"form": form}
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            result = candle.calculate(
                candle.CandleInput(
                    vessels=data["vessels"],
                    capacity_ml=data["capacity_ml"],
                    fill_pct=data["fill_pct"],
                    fragrance_pct=data["fragrance_pct"],
                    wax_density=data["wax_density"],
                    diameter_cm=data.get("diameter_cm"),
                )
            )
        except ToolInputError as exc:
            context["problems"] = exc.problems
        else:
            wax = form.waxes.get(data["wax"])
            lines = [{"name": wax.name if wax else "Candle wax", "grams": str(result.wax_g)}]
            if result.fragrance_g:
                lines.append({"name": "Fragrance oil", "grams": str(result.fragrance_g)})
            draft = {
                "tool": "candle",
                "name": data["recipe_name"],
                "category": "candle",
                "lines": lines,
                "instructions": "\n".join(result.notes),
                "category_data": {
                    "fragrance_load_pct": str(data["fragrance_pct"]),
                    "vessel_fill_pct": str(data["fill_pct"]),
                },
            }
            context.update(result=result, draft=sign_draft(draft))
    status = 400 if form.errors or context.get("problems") else 200
    return render(request, "tools/candle.html", context, status=status)


@require_http_methods(["GET", "POST"])
@rate_limited("tools")
def lotion_calculator(request):
    initial = {}
    for n, (name, phase, percent) in enumerate(SAMPLE_LOTION, 1):
        initial.update({f"name_{n}": name, f"phase_{n}": phase, f"percent_{n}": Decimal(percent)})
    form = LotionForm(request.POST or None, initial=initial)
    context: dict = {"form": form}
    if request.method == "POST" and form.is_valid():
        try:
            result = lotion.calculate(
                batch_g=form.cleaned_data["batch_g"], ingredients=form.ingredients()
            )
        except ToolInputError as exc:
            context["problems"] = exc.problems
        else:
            preservative = sum(
                (line.percent for line in result.lines if line.phase == "preservative"),
                Decimal(0),
            )
            draft = {
                "tool": "lotion",
                "name": form.cleaned_data["recipe_name"],
                "category": "cosmetic",
                "lines": [{"name": line.name, "grams": str(line.grams)} for line in result.lines],
                "category_data": {"preservative_pct": str(preservative)} if preservative else {},
            }
            context.update(result=result, draft=sign_draft(draft))
    status = 400 if form.errors or context.get("problems") else 200
    return render(request, "tools/lotion.html", context, status=status)


@require_http_methods(["GET", "POST"])
@rate_limited("tool_drafts")
def save(request):
    """POST `draft` (from a result): keep it in the session. Signed in: choose the workspace
    (POST `workspace`) and the draft is written there. Signed out: sign up (the new workspace gets
    the draft, tenants.forms.SignupForm) or sign in and come back here."""
    if request.method == "POST" and "draft" in request.POST:
        try:
            read_draft(request.POST["draft"])
        except DraftNotSaved as exc:
            return render(request, "tools/save.html", {"error": exc.message}, status=400)
        request.session[SESSION_KEY] = request.POST["draft"]
        return redirect("tools:save")
    token = request.session.get(SESSION_KEY)
    draft = None
    error = ""
    if token:
        try:
            draft = read_draft(token)
        except DraftNotSaved as exc:
            error = exc.message
            request.session.pop(SESSION_KEY, None)
    memberships = []
    if request.user.is_authenticated:
        memberships = list(
            Membership.objects.filter(user=request.user).select_related("organization")
        )
    if request.method == "POST" and draft is not None and request.user.is_authenticated:
        organization = get_object_or_404(
            Organization, slug=request.POST.get("workspace", ""), memberships__user=request.user
        )
        try:
            recipe_id = save_draft_recipe(token=token, organization=organization, user=request.user)
        except DomainError as exc:
            error = exc.message
        else:
            request.session.pop(SESSION_KEY, None)
            target = reverse("workspace_enter", args=[organization.slug])
            return redirect(f"{target}?next=/recipes/{recipe_id}/")
    back = reverse("tools:save")
    context = {
        "draft": draft,
        "error": error,
        "memberships": memberships,
        # No ?next: sign-up writes the draft into the new workspace and lands on it.
        "signup_url": reverse("account_signup"),
        "login_url": reverse("account_login") + f"?next={back}",
    }
    return render(request, "tools/save.html", context, status=400 if error else 200)
