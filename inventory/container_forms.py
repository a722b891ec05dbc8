"""The form that describes a container (its service is `inventory.services.create_container`)."""

from __future__ import annotations

from django import forms

from batchtrack.forms import StyledFormMixin

CAPACITY_UNITS = [("fl oz", "fl oz"), ("ml", "ml"), ("l", "l"), ("oz", "oz"), ("g", "g")]


class ContainerForm(StyledFormMixin, forms.Form):
    capacity = forms.CharField(max_length=30, help_text="What one container holds, such as 4.")
    capacity_unit = forms.ChoiceField(choices=CAPACITY_UNITS, label="Capacity unit")
    container_type = forms.CharField(
        max_length=40, label="Type", help_text="Jar, tin, bottle, candle vessel..."
    )
    material = forms.CharField(max_length=40, required=False, help_text="Glass, PET, aluminium...")
    style = forms.CharField(max_length=40, required=False, help_text="Boston round, straight...")
    colour = forms.CharField(max_length=40, required=False, help_text="Amber, clear, black...")
    low_stock_threshold = forms.CharField(
        max_length=30, required=False, initial="0", label="Warn when fewer than"
    )
