"""Forms for the reports page: one per export kind (its format and inputs), and the import upload.

Each export form's `params()` gives the job's JSON parameters once the form is valid.
"""

from __future__ import annotations

from datetime import date, timedelta

from django import forms
from django.db.models import Q
from django.utils import timezone

from batches.models import Batch
from batchtrack.forms import StyledFormMixin
from inventory.models import Lot
from reports.exports.table import FIRST_DAY, LAST_DAY

FORMAT_LABELS = {"csv": "CSV", "xlsx": "Excel (XLSX)", "pdf": "PDF"}
MAX_RANGE_DAYS = 3660


class ExportForm(StyledFormMixin, forms.Form):
    formats: tuple[str, ...] = ("csv", "xlsx")
    format = forms.ChoiceField(label="File type")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["format"].choices = [(f, FORMAT_LABELS[f]) for f in self.formats]

    def params(self) -> dict:
        return {}


class ItemsExportForm(ExportForm):
    pass


class DateRangeExportForm(ExportForm):
    start = forms.DateField(label="From", widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(label="To", widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        today = timezone.localdate()
        self.fields["start"].initial = today - timedelta(days=30)
        self.fields["end"].initial = today

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        for name, day in (("start", start), ("end", end)):
            if day and not FIRST_DAY <= day <= LAST_DAY:
                self.add_error(name, "Choose a date from the year 2000 to 2100.")
                return data
        if start and end:
            if start > end:
                self.add_error("end", "The end date must be on or after the start date.")
            elif (end - start).days > MAX_RANGE_DAYS:
                self.add_error("start", "Choose a period of at most ten years.")
        return data

    def params(self) -> dict:
        return {
            "start": self.cleaned_data["start"].isoformat(),
            "end": self.cleaned_data["end"].isoformat(),
        }


class SalesExportForm(DateRangeExportForm):
    formats = ("csv", "xlsx", "pdf")


class AsOfExportForm(ExportForm):
    on = forms.DateField(label="At the end of", widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["on"].initial = timezone.localdate()

    def clean_on(self) -> date:
        day = self.cleaned_data["on"]
        if not FIRST_DAY <= day <= LAST_DAY:
            raise forms.ValidationError("Choose a date from the year 2000 to 2100.")
        return day

    def params(self) -> dict:
        return {"on": self.cleaned_data["on"].isoformat()}


class YearExportForm(ExportForm):
    formats = ("csv", "xlsx", "pdf")
    year = forms.IntegerField(
        label="Year",
        min_value=FIRST_DAY.year,
        max_value=LAST_DAY.year,
        error_messages={
            "min_value": "Choose a year from 2000 to 2100.",
            "max_value": "Choose a year from 2000 to 2100.",
            "invalid": "Enter a year, such as 2026.",
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].initial = timezone.localdate().year

    def params(self) -> dict:
        return {"year": self.cleaned_data["year"]}


class RecallExportForm(ExportForm):
    lot = forms.CharField(
        label="Lot",
        max_length=80,
        help_text="Its BatchTrack code (L123) or the supplier's lot code.",
    )

    def clean_lot(self) -> Lot:
        query = self.cleaned_data["lot"].strip()
        lookup = Q(supplier_lot_code__iexact=query)
        code = query.upper().removeprefix("L")
        if code.isdigit() and len(code) < 19:
            lookup |= Q(pk=int(code))
        matches = list(Lot.objects.filter(lookup).select_related("item").order_by("pk")[:6])
        if not matches:
            raise forms.ValidationError(f"Nothing has the code {query}.")
        if len(matches) > 1:
            codes = ", ".join(f"{m.code} ({m.item.name})" for m in matches[:5])
            raise forms.ValidationError(
                f"Several deliveries or batches match {query}: {codes}. Enter the BatchTrack code of the one "
                "you mean."
            )
        return matches[0]

    def params(self) -> dict:
        return {"lot_id": self.cleaned_data["lot"].pk}


class BatchRecordForm(ExportForm):
    formats = ("pdf",)
    batch = forms.CharField(label="Batch code", max_length=30, help_text="For example SOAP-2026-7.")

    def clean_batch(self) -> Batch:
        code = self.cleaned_data["batch"].strip()
        batch = Batch.objects.filter(code__iexact=code).first()
        if batch is None:
            raise forms.ValidationError(
                f"No batch has the code {code}. Plans get a code when they start."
            )
        return batch

    def params(self) -> dict:
        return {"batch_id": self.cleaned_data["batch"].pk}


class ImportUploadForm(StyledFormMixin, forms.Form):
    file = forms.FileField(
        label="File",
        help_text="A .csv or .xlsx file with one item per row; the first row names the columns.",
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx"}),
    )
