"""Fill the French, Spanish, Russian and Arabic names of `regions/data/parties.csv` from CLDR (Babel).

CLDR gives the common short name of each territory ("Bolivie", "Corée du Sud"); the portal names
Parties by their UN short names, as `name_en` and `name_zh` do ("Bolivie (État plurinational de)",
"République de Corée"). `UN_NAMES` holds the UN short names where CLDR's differ (the Parties whose
English CLDR name differs from the UN one, and Türkiye in French and Spanish). Run it after adding a
Party or upgrading Babel, then review the diff: `python manage.py party_names_from_cldr`.
"""

import csv
import io
from pathlib import Path

from django.core.management.base import BaseCommand

LANGUAGES = ("fr", "es", "ru", "ar")
PARTIES = Path(__file__).resolve().parents[2] / "data" / "parties.csv"

# iso3 -> (fr, es, ru, ar): UN short names where CLDR has another name.
UN_NAMES = {
    "BOL": (
        "Bolivie (État plurinational de)",
        "Bolivia (Estado Plurinacional de)",
        "Боливия (Многонациональное Государство)",
        "بوليفيا (دولة - المتعددة القوميات)",
    ),
    "BRN": ("Brunéi Darussalam", "Brunei Darussalam", "Бруней-Даруссалам", "بروني دار السلام"),
    "CPV": ("Cabo Verde", "Cabo Verde", "Кабо-Верде", "كابو فيردي"),
    "COG": ("Congo", "Congo", "Конго", "الكونغو"),
    "CIV": ("Côte d'Ivoire", "Côte d'Ivoire", "Кот-д'Ивуар", "كوت ديفوار"),
    "PRK": (
        "République populaire démocratique de Corée",
        "República Popular Democrática de Corea",
        "Корейская Народно-Демократическая Республика",
        "جمهورية كوريا الشعبية الديمقراطية",
    ),
    "COD": (
        "République démocratique du Congo",
        "República Democrática del Congo",
        "Демократическая Республика Конго",
        "جمهورية الكونغو الديمقراطية",
    ),
    "IRN": (
        "Iran (République islamique d')",
        "Irán (República Islámica del)",
        "Иран (Исламская Республика)",
        "إيران (جمهورية - الإسلامية)",
    ),
    "LAO": (
        "République démocratique populaire lao",
        "República Democrática Popular Lao",
        "Лаосская Народно-Демократическая Республика",
        "جمهورية لاو الديمقراطية الشعبية",
    ),
    "FSM": (
        "Micronésie (États fédérés de)",
        "Micronesia (Estados Federados de)",
        "Микронезия (Федеративные Штаты)",
        "ميكرونيزيا (ولايات - الموحدة)",
    ),
    "MMR": ("Myanmar", "Myanmar", "Мьянма", "ميانمار"),
    "NLD": (
        "Pays-Bas (Royaume des)",
        "Países Bajos (Reino de los)",
        "Нидерланды (Королевство)",
        "هولندا (مملكة)",
    ),
    "KOR": ("République de Corée", "República de Corea", "Республика Корея", "جمهورية كوريا"),
    "MDA": ("République de Moldova", "República de Moldova", "Республика Молдова", "جمهورية مولدوفا"),
    "RUS": ("Fédération de Russie", "Federación de Rusia", "Российская Федерация", "الاتحاد الروسي"),
    "KNA": ("Saint-Kitts-et-Nevis", "Saint Kitts y Nevis", "Сент-Китс и Невис", "سانت كيتس ونيفس"),
    "PSE": ("État de Palestine", "Estado de Palestina", "Государство Палестина", "دولة فلسطين"),
    "SYR": (
        "République arabe syrienne",
        "República Árabe Siria",
        "Сирийская Арабская Республика",
        "الجمهورية العربية السورية",
    ),
    "TUR": ("Türkiye", "Türkiye", "Турция", "تركيا"),
    "GBR": (
        "Royaume-Uni de Grande-Bretagne et d'Irlande du Nord",
        "Reino Unido de Gran Bretaña e Irlanda del Norte",
        "Соединенное Королевство Великобритании и Северной Ирландии",
        "المملكة المتحدة لبريطانيا العظمى وأيرلندا الشمالية",
    ),
    "TZA": (
        "République-Unie de Tanzanie",
        "República Unida de Tanzanía",
        "Объединенная Республика Танзания",
        "جمهورية تنزانيا المتحدة",
    ),
    "USA": (
        "États-Unis d'Amérique",
        "Estados Unidos de América",
        "Соединенные Штаты Америки",
        "الولايات المتحدة الأمريكية",
    ),
    "VEN": (
        "Venezuela (République bolivarienne du)",
        "Venezuela (República Bolivariana de)",
        "Венесуэла (Боливарианская Республика)",
        "فنزويلا (جمهورية - البوليفارية)",
    ),
    "VNM": ("Viet Nam", "Viet Nam", "Вьетнам", "فييت نام"),
    # CLDR abbreviates "острова" in Russian.
    "COK": ("Îles Cook", "Islas Cook", "Острова Кука", "جزر كوك"),
    "MHL": ("Îles Marshall", "Islas Marshall", "Маршалловы Острова", "جزر مارشال"),
    "SYC": ("Seychelles", "Seychelles", "Сейшельские Острова", "سيشيل"),
    "SLB": ("Îles Salomon", "Islas Salomón", "Соломоновы Острова", "جزر سليمان"),
    "EUU": ("Union européenne", "Unión Europea", "Европейский союз", "الاتحاد الأوروبي"),
}


def party_names(iso3: str, iso2: str) -> dict[str, str]:
    """name_fr, name_es, name_ru and name_ar of one Party: the UN name, else CLDR's (else empty)."""
    from babel import Locale

    if iso3 in UN_NAMES:
        return {f"name_{code}": name for code, name in zip(LANGUAGES, UN_NAMES[iso3], strict=True)}
    return {f"name_{code}": Locale.parse(code).territories.get(iso2, "") for code in LANGUAGES}


class Command(BaseCommand):
    help = "Fill name_fr, name_es, name_ru and name_ar of regions/data/parties.csv from CLDR (Babel)."

    def add_arguments(self, parser):
        parser.add_argument("--path", default=str(PARTIES))

    def handle(self, *args, path, **options):
        path = Path(path)
        lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
        header = [line for line in lines if line.startswith("#")]
        rows = list(csv.DictReader(line for line in lines if not line.startswith("#")))
        fields = list(rows[0].keys())
        position = fields.index("name_zh") + 1
        names = [f"name_{code}" for code in LANGUAGES]
        fields = [field for field in fields if field not in names]
        fields[position:position] = names
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=fields, lineterminator="\n")
        writer.writeheader()
        for row in rows:
            writer.writerow(row | party_names(row["iso3"], row["iso2"]))
        path.write_text("".join(header) + out.getvalue(), encoding="utf-8")
        self.stdout.write(f"{len(rows)} Parties named in {', '.join(LANGUAGES)} in {path}.")
