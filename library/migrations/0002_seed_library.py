"""Seed the global library with common maker materials (curated for BatchTrack).

Idempotent by name (ignoring case): an item that already exists is left exactly as it is, so re-running
this never overwrites what platform staff have edited since. The data is frozen here on purpose; later
additions belong in a new data migration.

Densities are typical values at about 20-25 °C (melted, for oils that are solid at room temperature);
solids that are weighed (butters, waxes, lye, powders) have none. Shelf lives are typical unopened
figures from receipt when stored cool and dark; blank means no meaningful limit. Allergens: the EU
fragrance allergens an essential oil normally brings (by INCI name), and food allergens named plainly.
Colorants use their EU INCI name (CI number).
"""

from decimal import Decimal as D

from django.db import migrations

ING, PKG, CON, CSM = "ingredient", "packaging", "container", "consumable"

# (name, INCI name, kind, category, default unit, density g/ml, shelf life days, allergens, notes)
ITEMS = [
    # --- Carrier oils -------------------------------------------------------------------------
    ("Olive oil", "Olea Europaea Fruit Oil", ING, "oil", "g", D("0.91"), 730, [],
     "Pure or pomace grade for soap: a mild, conditioning bar with slow trace."),
    ("Coconut oil 76°F", "Cocos Nucifera Oil", ING, "oil", "g", D("0.92"), 730, [],
     "Refined; melts at about 76 °F (24 °C). Density of the melted oil. Hard, cleansing bar with big "
     "lather; drying above about 30% of oils."),
    ("Fractionated coconut oil", "Caprylic/Capric Triglyceride", ING, "oil", "g", D("0.94"), 1825, [],
     "Stays liquid and keeps for years: a light carrier for balms, roll-ons and massage oils."),
    ("Palm oil (sustainable)", "Elaeis Guineensis Oil", ING, "oil", "g", D("0.90"), 730, [],
     "Buy RSPO-certified (segregated or identity preserved). Density of the melted oil; melt and stir "
     "the whole container before use, as it separates."),
    ("Castor oil", "Ricinus Communis Seed Oil", ING, "oil", "g", D("0.96"), 1095, [],
     "Thick and viscous; boosts and stabilises lather (usually 5-10% of soap oils)."),
    ("Sweet almond oil", "Prunus Amygdalus Dulcis Oil", ING, "oil", "g", D("0.92"), 365,
     ["Tree nuts (almond)"], "Nut oil: declare it for customers with nut allergies."),
    ("Avocado oil", "Persea Gratissima Oil", ING, "oil", "g", D("0.91"), 365, [], ""),
    ("Sunflower oil, high-oleic", "Helianthus Annuus Seed Oil", ING, "oil", "g", D("0.92"), 730, [],
     "High-oleic keeps far longer than regular (high-linoleic) sunflower oil."),
    ("Rice bran oil", "Oryza Sativa Bran Oil", ING, "oil", "g", D("0.92"), 365, [], ""),
    ("Jojoba oil", "Simmondsia Chinensis Seed Oil", ING, "oil", "g", D("0.865"), 1825, [],
     "A liquid wax ester rather than a true oil; very resistant to rancidity."),
    ("Grapeseed oil", "Vitis Vinifera Seed Oil", ING, "oil", "g", D("0.92"), 270, [],
     "Rich in linoleic acid, so it turns rancid quickly: buy small and keep cool."),
    ("Apricot kernel oil", "Prunus Armeniaca Kernel Oil", ING, "oil", "g", D("0.915"), 365, [], ""),
    ("Hemp seed oil", "Cannabis Sativa Seed Oil", ING, "oil", "g", D("0.925"), 270, [],
     "Short shelf life; store refrigerated once opened."),
    ("Canola oil", "Canola Oil", ING, "oil", "g", D("0.915"), 365, [], ""),
    ("Argan oil", "Argania Spinosa Kernel Oil", ING, "oil", "g", D("0.915"), 545, [], ""),
    # --- Butters (solid: weighed) ---------------------------------------------------------------
    ("Shea butter", "Butyrospermum Parkii Butter", ING, "butter", "g", None, 730, [],
     "Solid at room temperature: weigh it. Melt gently to avoid graininess."),
    ("Cocoa butter", "Theobroma Cacao Seed Butter", ING, "butter", "g", None, 730, [],
     "Solid at room temperature: weigh it. Unrefined smells of chocolate; deodorised does not."),
    ("Mango butter", "Mangifera Indica Seed Butter", ING, "butter", "g", None, 730, [],
     "Solid at room temperature: weigh it."),
    ("Kokum butter", "Garcinia Indica Seed Butter", ING, "butter", "g", None, 730, [],
     "Hard butter: weigh it. Firms up balms and bars."),
    # --- Lye ------------------------------------------------------------------------------------
    ("Sodium hydroxide (NaOH)", "Sodium Hydroxide", ING, "lye", "g", None, None, [],
     "Lye for bar soap. Corrosive: gloves and eye protection; add lye to water, never water to lye. "
     "Keep tightly closed, it absorbs water and carbon dioxide from the air. Always weighed, never "
     "measured by volume."),
    ("Potassium hydroxide (KOH)", "Potassium Hydroxide", ING, "lye", "g", None, None, [],
     "Lye for liquid and soft soap. Usually sold about 90% pure: set the purity in your soap "
     "calculator. Corrosive and hygroscopic; keep tightly closed."),
    # --- Waxes (solid: weighed) -----------------------------------------------------------------
    ("Soy wax (container blend)", "Hydrogenated Soybean Oil", ING, "wax", "g", None, 730, [],
     "For container candles. Let candles cure 1-2 weeks before burn testing."),
    ("Beeswax", "Cera Alba", ING, "wax", "g", None, None, [],
     "Keeps for years; a white bloom on the surface is harmless. US INCI: Beeswax."),
    ("Paraffin wax", "Paraffin", ING, "wax", "g", None, None, [], ""),
    ("Coconut-soy wax blend", "Hydrogenated Coconut Oil (and) Hydrogenated Soybean Oil", ING, "wax", "g",
     None, 730, [], "Creamy container wax with good scent throw."),
    ("Candelilla wax", "Euphorbia Cerifera Cera", ING, "wax", "g", None, None, [],
     "Plant-based alternative to beeswax; use roughly half the amount."),
    ("Rapeseed wax", "Hydrogenated Rapeseed Oil", ING, "wax", "g", None, 730, [], ""),
    ("Carnauba wax", "Copernicia Cerifera Cera", ING, "wax", "g", None, None, [],
     "The hardest natural wax; melts at about 82 °C."),
    # --- Fragrance and essential oils -----------------------------------------------------------
    ("Fragrance oil (generic)", "Parfum", ING, "fragrance_oil", "g", None, 365, [],
     "Placeholder for a supplier's fragrance oil: its allergens depend on the blend. Copy them from the "
     "supplier's IFRA certificate and SDS. In the EU each listed fragrance allergen above 0.001% in "
     "leave-on or 0.01% in rinse-off products must be named on the label (often Linalool, Limonene, "
     "Citral, Coumarin, Geraniol, Hexyl Cinnamal, Benzyl Salicylate). Check the IFRA limit for the "
     "product's category (e.g. 9 for bar soap, 12 for candles). Density is typically 0.9-1.1 g/ml; "
     "take it from the SDS."),
    ("Lavender essential oil", "Lavandula Angustifolia Oil", ING, "essential_oil", "g", D("0.885"),
     1095, ["Linalool", "Limonene", "Geraniol", "Coumarin"], ""),
    ("Peppermint essential oil", "Mentha Piperita Oil", ING, "essential_oil", "g", D("0.90"), 1095,
     ["Limonene", "Linalool"], "Can accelerate trace in cold-process soap."),
    ("Tea tree essential oil", "Melaleuca Alternifolia Leaf Oil", ING, "essential_oil", "g",
     D("0.89"), 730, ["Limonene", "Linalool"],
     "Oxidised tea tree oil is a stronger skin sensitiser: keep it cool and tightly closed."),
    ("Sweet orange essential oil", "Citrus Aurantium Dulcis Peel Oil", ING, "essential_oil", "g",
     D("0.845"), 365, ["Limonene", "Linalool", "Citral"],
     "Citrus oils oxidise fastest; fades quickly in soap unless anchored."),
    ("Eucalyptus essential oil", "Eucalyptus Globulus Leaf Oil", ING, "essential_oil", "g", D("0.91"),
     730, ["Limonene"], ""),
    ("Lemongrass essential oil", "Cymbopogon Flexuosus Oil", ING, "essential_oil", "g", D("0.89"),
     730, ["Citral", "Geraniol", "Limonene", "Linalool", "Citronellol"],
     "High in citral, a sensitiser: keep to the IFRA limit."),
    ("Rosemary essential oil", "Rosmarinus Officinalis Leaf Oil", ING, "essential_oil", "g",
     D("0.90"), 1095, ["Limonene", "Linalool"], "Newer INCI spelling: Salvia Rosmarinus Leaf Oil."),
    ("Lemon essential oil", "Citrus Limon Peel Oil", ING, "essential_oil", "g", D("0.85"), 365,
     ["Limonene", "Citral", "Linalool", "Geraniol"],
     "Cold-pressed lemon oil is phototoxic: limit it in leave-on skin products (IFRA)."),
    ("Geranium essential oil", "Pelargonium Graveolens Oil", ING, "essential_oil", "g", D("0.89"),
     1095, ["Citronellol", "Geraniol", "Linalool", "Citral", "Limonene"], ""),
    ("Ylang ylang essential oil", "Cananga Odorata Flower Oil", ING, "essential_oil", "g", D("0.95"),
     1095,
     ["Linalool", "Benzyl Benzoate", "Benzyl Salicylate", "Geraniol", "Farnesol", "Eugenol",
      "Isoeugenol", "Benzyl Alcohol"],
     "Can accelerate trace in cold-process soap."),
    ("Clove bud essential oil", "Eugenia Caryophyllus Bud Oil", ING, "essential_oil", "g", D("1.05"),
     1095, ["Eugenol"], "Strong skin sensitiser with a low IFRA limit; can seize soap batter."),
    # --- Additives ------------------------------------------------------------------------------
    ("Sodium lactate (60% solution)", "Sodium Lactate", ING, "additive", "g", D("1.33"), 730, [],
     "Hardens bars for easier unmoulding; about 1% of oil weight, added to cooled lye water."),
    ("Vitamin E (tocopherol)", "Tocopherol", ING, "additive", "g", D("0.95"), 730, [],
     "Antioxidant that slows rancidity in oils (about 0.5%); not a preservative."),
    ("Citric acid", "Citric Acid", ING, "additive", "g", None, 1095, [],
     "Chelator in soap, fizz in bath bombs. In soap it neutralises lye: add about 0.62 g extra NaOH "
     "per 1 g of citric acid."),
    ("Glycerin", "Glycerin", ING, "additive", "g", D("1.26"), 730, [],
     "Vegetable glycerin, 99.5%; humectant."),
    ("Stearic acid", "Stearic Acid", ING, "additive", "g", None, 1095, [],
     "Hardens soap and thickens lotions; can accelerate trace."),
    ("Sodium chloride (salt)", "Sodium Chloride", ING, "additive", "g", None, None, [],
     "A little in the lye water hardens bars; also for salt bars and scrubs."),
    ("Sugar (sucrose)", "Sucrose", ING, "additive", "g", None, None, [],
     "Dissolved in the lye water, boosts lather."),
    ("Sodium bicarbonate (baking soda)", "Sodium Bicarbonate", ING, "additive", "g", None, None, [],
     "With citric acid, the fizz in bath bombs."),
    ("Kaolin clay", "Kaolin", ING, "clay", "g", None, None, [], "Gentle white clay; anchors scent."),
    ("Bentonite clay", "Bentonite", ING, "clay", "g", None, None, [],
     "Very absorbent; swells in water. Adds slip to shaving soap."),
    ("Activated charcoal", "Charcoal Powder", ING, "colorant", "g", None, None, [],
     "Deep black; a little goes a long way. Disperse in oil first."),
    ("Titanium dioxide", "CI 77891", ING, "colorant", "g", None, None, [],
     "White pigment; disperse in oil or glycerin first. US INCI: Titanium Dioxide."),
    ("Mica (coloured)", "Mica", ING, "colorant", "g", None, None, [],
     "Coloured micas also carry pigments (e.g. CI 77891, CI 77491): copy the full INCI from the "
     "supplier."),
    ("Red iron oxide", "CI 77491", ING, "colorant", "g", None, None, [], "US INCI: Iron Oxides."),
    ("Ultramarine blue", "CI 77007", ING, "colorant", "g", None, None, [],
     "US INCI: Ultramarines. Stable in cold-process soap."),
    ("Emulsifying wax NF", "Cetearyl Alcohol (and) Polysorbate 60", ING, "emulsifier", "g", None, 1095,
     [], "Complete emulsifier for lotions and creams, typically 3-5%."),
    ("Cetyl alcohol", "Cetyl Alcohol", ING, "emulsifier", "g", None, 1095, [],
     "Fatty alcohol: thickens and stabilises emulsions; not an emulsifier on its own."),
    ("Polysorbate 20", "Polysorbate 20", ING, "emulsifier", "g", D("1.10"), 730, [],
     "Solubiliser for fragrance and essential oils in water-based products."),
    ("Phenoxyethanol and ethylhexylglycerin", "Phenoxyethanol (and) Ethylhexylglycerin", ING,
     "preservative", "g", D("1.10"), 1095, [],
     "Broad-spectrum preservative for products that contain water, typically 0.5-1%."),
    ("Distilled water", "Aqua", ING, "water", "g", D("1.00"), None, [], "US INCI: Water."),
    # --- Containers -----------------------------------------------------------------------------
    ("Amber glass jar 60 ml", "", CON, "jar", "each", None, None, [], "With lid."),
    ("Amber glass jar 120 ml", "", CON, "jar", "each", None, None, [], "With lid."),
    ("Tin 4 oz (screw lid)", "", CON, "tin", "each", None, None, [], ""),
    ("Tin 2 oz (slip lid)", "", CON, "tin", "each", None, None, [], ""),
    ("Glass candle vessel 8 oz", "", CON, "vessel", "each", None, None, [], ""),
    ("PET bottle 100 ml", "", CON, "bottle", "each", None, None, [], "With disc-top cap."),
    ("Amber glass dropper bottle 30 ml", "", CON, "bottle", "each", None, None, [],
     "With glass pipette dropper."),
    ("Lip balm tube 0.15 oz", "", CON, "tube", "each", None, None, [], "Holds about 4.25 g."),
    # --- Packaging ------------------------------------------------------------------------------
    ("Soap box (kraft)", "", PKG, "box", "each", None, None, [], "Single bar."),
    ("Shipping mailer box", "", PKG, "box", "each", None, None, [], ""),
    ("Cellophane bag", "", PKG, "bag", "each", None, None, [], ""),
    ("Shrink band", "", PKG, "seal", "each", None, None, [],
     "Heat-shrink tamper-evident band for jars and bottles."),
    ("Product label", "", PKG, "label", "each", None, None, [], ""),
    ("Candle warning label", "", PKG, "label", "each", None, None, [],
     "Safety instructions for the bottom of the vessel."),
    # --- Consumables ----------------------------------------------------------------------------
    ("Wick CD-12", "", CSM, "wick", "each", None, None, [],
     "Pre-tabbed cotton wick. Burn-test: the right size depends on wax, fragrance load and vessel "
     "diameter."),
    ("Wick ECO-10", "", CSM, "wick", "each", None, None, [],
     "Pre-tabbed cotton and paper wick, suited to soy wax. Burn-test before selling."),
    ("Wick stickers", "", CSM, "wick", "each", None, None, [],
     "Double-sided stickers that hold wick tabs to the vessel bottom."),
    ("Nitrile gloves", "", CSM, "supply", "each", None, None, [], "For handling lye and fragrance."),
    ("Disposable pipette 3 ml", "", CSM, "supply", "each", None, None, [], ""),
    ("pH test strips", "", CSM, "supply", "each", None, None, [], ""),
]

FIELDS = (
    "name",
    "inci_name",
    "kind",
    "category",
    "default_unit",
    "density_g_per_ml",
    "shelf_life_days",
    "allergens",
    "notes",
)


def seed(apps, schema_editor):
    LibraryItem = apps.get_model("library", "LibraryItem")
    existing = {name.casefold() for name in LibraryItem.objects.values_list("name", flat=True)}
    LibraryItem.objects.bulk_create(
        LibraryItem(**dict(zip(FIELDS, row, strict=True)))
        for row in ITEMS
        if row[0].casefold() not in existing
    )


def unseed(apps, schema_editor):
    LibraryItem = apps.get_model("library", "LibraryItem")
    LibraryItem.objects.filter(name__in=[row[0] for row in ITEMS]).delete()


class Migration(migrations.Migration):
    dependencies = [("library", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]
