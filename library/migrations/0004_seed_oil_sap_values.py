"""SAP values, fatty-acid profiles, iodine and INS values for the library's soap oils and butters.

Values as published in SoapCalc's oil list (soapcalc.net), the reference most soap makers check their
recipes against: SAP in grams of NaOH and of KOH per gram of oil, fatty acids in percent (only the ones
the bar-quality numbers use), iodine and INS values. Natural oils vary by harvest and supplier, so
these are typical values; staff may refine them in the admin, and this migration fills only what is
still blank (it never overwrites an edit). Fractionated coconut oil is left out: it is a cosmetic
carrier, not a soap oil.
"""

from decimal import Decimal as D

from django.db import migrations

# name: (SAP NaOH, SAP KOH, iodine, INS, {fatty acid: percent})
VALUES = {
    "Olive oil": (D("0.135"), D("0.190"), 85, 105,
                  {"palmitic": 11, "stearic": 4, "oleic": 72, "linoleic": 10, "linolenic": 1}),
    "Coconut oil 76°F": (D("0.183"), D("0.257"), 10, 258,
                         {"lauric": 48, "myristic": 19, "palmitic": 9, "stearic": 3, "oleic": 8,
                          "linoleic": 2}),
    "Palm oil (sustainable)": (D("0.142"), D("0.199"), 53, 145,
                               {"myristic": 1, "palmitic": 44, "stearic": 5, "oleic": 39,
                                "linoleic": 10}),
    "Castor oil": (D("0.128"), D("0.180"), 86, 95,
                   {"ricinoleic": 90, "oleic": 4, "linoleic": 4}),
    "Sweet almond oil": (D("0.136"), D("0.191"), 99, 97,
                         {"palmitic": 7, "oleic": 71, "linoleic": 18}),
    "Avocado oil": (D("0.133"), D("0.186"), 86, 99,
                    {"palmitic": 20, "stearic": 2, "oleic": 58, "linoleic": 12}),
    "Sunflower oil, high-oleic": (D("0.136"), D("0.191"), 83, 106,
                                  {"palmitic": 3, "stearic": 4, "oleic": 83, "linoleic": 4,
                                   "linolenic": 1}),
    "Rice bran oil": (D("0.128"), D("0.180"), 100, 70,
                      {"myristic": 1, "palmitic": 22, "stearic": 3, "oleic": 38, "linoleic": 34,
                       "linolenic": 2}),
    "Jojoba oil": (D("0.066"), D("0.092"), 83, 11, {"oleic": 12}),
    "Grapeseed oil": (D("0.126"), D("0.177"), 131, 66,
                      {"palmitic": 8, "stearic": 4, "oleic": 20, "linoleic": 68}),
    "Apricot kernel oil": (D("0.139"), D("0.195"), 100, 91,
                           {"palmitic": 6, "oleic": 66, "linoleic": 27}),
    "Hemp seed oil": (D("0.138"), D("0.193"), 165, 39,
                      {"palmitic": 6, "stearic": 2, "oleic": 12, "linoleic": 57, "linolenic": 21}),
    "Canola oil": (D("0.132"), D("0.186"), 110, 56,
                   {"palmitic": 4, "stearic": 2, "oleic": 61, "linoleic": 21, "linolenic": 9}),
    "Argan oil": (D("0.136"), D("0.191"), 95, 95,
                  {"palmitic": 14, "stearic": 6, "oleic": 46, "linoleic": 34, "linolenic": 1}),
    "Shea butter": (D("0.128"), D("0.179"), 59, 116,
                    {"palmitic": 5, "stearic": 40, "oleic": 48, "linoleic": 6}),
    "Cocoa butter": (D("0.137"), D("0.194"), 37, 157,
                     {"palmitic": 28, "stearic": 33, "oleic": 35, "linoleic": 3}),
    "Mango butter": (D("0.128"), D("0.191"), 45, 146,
                     {"palmitic": 7, "stearic": 42, "oleic": 45, "linoleic": 3}),
    "Kokum butter": (D("0.136"), D("0.190"), 35, 155,
                     {"palmitic": 4, "stearic": 56, "oleic": 36, "linoleic": 1}),
}


def fill(apps, schema_editor):
    LibraryItem = apps.get_model("library", "LibraryItem")
    for name, (naoh, koh, iodine, ins, acids) in VALUES.items():
        item = LibraryItem.objects.filter(name__iexact=name).first()
        if item is None or item.sap_naoh is not None:
            continue
        item.sap_naoh, item.sap_koh = naoh, koh
        item.iodine_value, item.ins_value = iodine, ins
        item.fatty_acids = acids
        item.save(update_fields=["sap_naoh", "sap_koh", "iodine_value", "ins_value", "fatty_acids"])


class Migration(migrations.Migration):
    dependencies = [("library", "0003_oil_sap_values_and_fatty_acids")]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
