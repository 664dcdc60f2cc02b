"""Reference data of the regions app: annexes, subregions, units and Parties."""

import csv
import json
from pathlib import Path

from django.db import transaction

from ..models import Country, OrganisationalUnit, Region, Subregion

DATA_DIR = Path(__file__).resolve().parent.parent / "data"


def _read_csv_without_comments(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as handle:
        lines = [line for line in handle if not line.startswith("#")]
    return list(csv.DictReader(lines))


@transaction.atomic
def regions_load_reference_data(*, data_dir: Path = DATA_DIR) -> dict:
    """Create or update annexes, subregions, units and Parties from the data files (idempotent)."""
    data = json.loads((data_dir / "regions.json").read_text(encoding="utf-8"))
    subregions = {}
    for region_data in data["regions"]:
        region, _ = Region.objects.update_or_create(
            code=region_data["code"],
            defaults={
                "name_en": region_data["name_en"],
                "name_zh_hans": region_data["name_zh"],
                "order": region_data["order"],
            },
        )
        for order, sub in enumerate(region_data["subregions"], start=1):
            subregions[sub["code"]], _ = Subregion.objects.update_or_create(
                code=sub["code"],
                defaults={
                    "region": region,
                    "name_en": sub["name_en"],
                    "name_zh_hans": sub["name_zh"],
                    "order": order,
                },
            )
    for unit in data["units"]:
        OrganisationalUnit.objects.update_or_create(
            code=unit["code"],
            defaults={
                "name_en": unit["name_en"],
                "name_zh_hans": unit["name_zh"],
                "kind": unit["kind"],
                "order": unit["order"],
            },
        )
    regions = {region.code: region for region in Region.objects.all()}
    parties = _read_csv_without_comments(data_dir / "parties.csv")
    existing = {country.iso3: country for country in Country.objects.all()}
    for row in parties:
        values = {
            "iso2": row["iso2"],
            "m49": row["m49"],
            "name_en": row["name_en"],
            "name_zh_hans": row["name_zh"],
            "region_id": getattr(regions.get(row["annex"]), "pk", None),
            "subregion_id": getattr(subregions.get(row["subregion"]), "pk", None),
            "un_group": row["un_group"],
            "is_affected": row["affected"] == "1",
            "is_developed": row["developed"] == "1",
            "is_ldc": row["ldc"] == "1",
            "is_sids": row["sids"] == "1",
        }
        country = existing.get(row["iso3"]) or Country(iso3=row["iso3"])
        # Saved only when the data file changes the Party, so its audit history records real changes.
        if country.pk is None or any(getattr(country, name) != value for name, value in values.items()):
            for name, value in values.items():
                setattr(country, name, value)
            country.save()
    return {"regions": len(data["regions"]), "subregions": len(subregions), "parties": len(parties)}
