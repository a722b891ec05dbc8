"""The calculators' forms: plain HTML forms that post back to their page (no JavaScript needed)."""

from __future__ import annotations

from decimal import Decimal

from django import forms

from batchtrack.forms import StyledFormMixin
from tools import lotion, soap
from tools.selectors import candle_waxes, soap_oils

OIL_ROWS = 6
LOTION_ROWS = 8


def _styled(field: forms.Field) -> forms.Field:
    """A field added after the form's __init__ (the numbered rows), styled as StyledFormMixin does."""
    css = "form-select" if isinstance(field.widget, forms.Select) else "form-control"
    field.widget.attrs["class"] = css
    return field


def _number(label: str, initial=None, *, required=True, places=2, **kwargs) -> forms.DecimalField:
    return forms.DecimalField(
        label=label,
        initial=initial,
        required=required,
        max_digits=10,
        decimal_places=places,
        widget=forms.NumberInput(attrs={"step": "any", "inputmode": "decimal"}),
        **kwargs,
    )


class SoapForm(StyledFormMixin, forms.Form):
    recipe_name = forms.CharField(label="Recipe name", max_length=100, initial="My soap")
    unit = forms.ChoiceField(label="Oil weights in", choices=[("g", "grams"), ("oz", "ounces")])
    superfat_pct = _number("Superfat (%)", Decimal(5), help_text="0-20 %; 5 % is usual for bars.")
    lye_type = forms.ChoiceField(label="Lye", choices=list(soap.LYE_TYPES.items()))
    naoh_purity_pct = _number("NaOH purity (%)", Decimal(100))
    koh_purity_pct = _number("KOH purity (%)", Decimal(90))
    koh_share_pct = _number(
        "Dual lye: KOH share (%)", Decimal(20), help_text="Only for both lyes, e.g. 20 for 80/20."
    )
    water_mode = forms.ChoiceField(
        label="Set the water by", choices=list(soap.WATER_MODE_LABELS.items())
    )
    water_value = _number(
        "Water value",
        Decimal(38),
        help_text="% of oils (e.g. 38), lye concentration % (e.g. 33) or water per 1 lye (e.g. 2).",
    )
    citric_acid_g = _number(
        "Citric acid (g, optional)", Decimal(0), required=False, help_text="Adds its extra lye."
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.oils = {str(o.pk): o for o in soap_oils()}
        choices = [("", "Choose an oil")] + [(pk, o.name) for pk, o in self.oils.items()]
        for n in range(1, OIL_ROWS + 1):
            self.fields[f"oil_{n}"] = _styled(
                forms.ChoiceField(label=f"Oil {n}", choices=choices, required=False)
            )
            self.fields[f"weight_{n}"] = _styled(_number(f"Weight of oil {n}", required=False))

    def oil_rows(self):
        return [(self[f"oil_{n}"], self[f"weight_{n}"]) for n in range(1, OIL_ROWS + 1)]

    def clean(self):
        cleaned = super().clean()
        per = soap.GRAMS_PER_OUNCE if cleaned.get("unit") == "oz" else Decimal(1)
        oils = []
        for n in range(1, OIL_ROWS + 1):
            pk, weight = cleaned.get(f"oil_{n}"), cleaned.get(f"weight_{n}")
            if not pk and weight is None:
                continue
            if not pk or weight is None:
                self.add_error(f"weight_{n}", f"Choose oil {n} and give its weight, or clear both.")
                continue
            item = self.oils[pk]
            oils.append(
                soap.Oil(
                    name=item.name,
                    grams=weight * per,
                    sap_naoh=item.sap_naoh,
                    sap_koh=item.sap_koh,
                    fatty_acids=item.fatty_acids,
                    iodine=item.iodine_value,
                    ins=item.ins_value,
                    library_id=item.pk,
                )
            )
        cleaned["oils"] = oils
        return cleaned

    def soap_input(self) -> soap.SoapInput:
        data = self.cleaned_data
        return soap.SoapInput(
            oils=data["oils"],
            superfat_pct=data["superfat_pct"],
            lye_type=data["lye_type"],
            naoh_purity_pct=data["naoh_purity_pct"],
            koh_purity_pct=data["koh_purity_pct"],
            koh_share_pct=data["koh_share_pct"],
            water_mode=data["water_mode"],
            water_value=data["water_value"],
            citric_acid_g=data.get("citric_acid_g") or Decimal(0),
        )


class CandleForm(StyledFormMixin, forms.Form):
    recipe_name = forms.CharField(label="Recipe name", max_length=100, initial="My candle")
    wax = forms.ChoiceField(label="Wax", required=False)
    vessels = forms.IntegerField(label="Number of vessels", initial=12, min_value=1)
    capacity_ml = _number("Vessel capacity (ml)", Decimal(200))
    fill_pct = _number("Fill (% of the vessel)", Decimal(90))
    fragrance_pct = _number("Fragrance load (% of wax)", Decimal(8))
    wax_density = _number(
        "Wax density (g/ml)",
        Decimal("0.86"),
        places=3,
        help_text="Melted container wax: about 0.86.",
    )
    diameter_cm = _number("Vessel width (cm, optional)", required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.waxes = {str(w.pk): w for w in candle_waxes()}
        self.fields["wax"].choices = [("", "Any wax")] + [
            (k, w.name) for k, w in self.waxes.items()
        ]


class LotionForm(StyledFormMixin, forms.Form):
    recipe_name = forms.CharField(label="Recipe name", max_length=100, initial="My lotion")
    batch_g = _number("Batch size (g)", Decimal(500))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        phases = [("", "Phase")] + list(lotion.PHASES.items())
        for n in range(1, LOTION_ROWS + 1):
            self.fields[f"name_{n}"] = _styled(
                forms.CharField(label=f"Ingredient {n}", max_length=120, required=False)
            )
            self.fields[f"phase_{n}"] = _styled(
                forms.ChoiceField(label=f"Phase of ingredient {n}", choices=phases, required=False)
            )
            self.fields[f"percent_{n}"] = _styled(
                _number(f"Percent of ingredient {n}", required=False)
            )

    def rows(self):
        return [
            (self[f"name_{n}"], self[f"phase_{n}"], self[f"percent_{n}"])
            for n in range(1, LOTION_ROWS + 1)
        ]

    def ingredients(self) -> list[lotion.Ingredient]:
        found = []
        for n in range(1, LOTION_ROWS + 1):
            name = self.cleaned_data.get(f"name_{n}", "").strip()
            percent = self.cleaned_data.get(f"percent_{n}")
            if not name and percent is None:
                continue
            found.append(
                lotion.Ingredient(
                    name=name or f"Ingredient {n}",
                    phase=self.cleaned_data.get(f"phase_{n}") or "",
                    percent=percent if percent is not None else Decimal(0),
                )
            )
        return found
