"""Demo capacity-building activities: those seed 004 (ICCD/CRIC(20)/…, 2022) reports for 2020-2021,
and three fictitious 2026 activities with participants by gender for the current biennium.

Seed 004 gives exact dates for a few activities only (§11, §33, §36, §52); the others carry the
reporting period's dates and say so in `source`. It gives participant figures for the essay contest
(175 essays, gender not recorded) and no counts by gender at all: those activities keep zero
participants rather than invented ones. Idempotent: keyed by title and start date.
"""

import datetime

from regions.choices import PartnershipKind, PartnershipScope
from regions.models import Country, Partnership, Region
from workprogramme.choices import ActivityFormat, BienniumState, CapacityBuildingKind
from workprogramme.models import Biennium, CapacityBuildingActivity, Language, Objective

D = datetime.date
K = CapacityBuildingKind
F = ActivityFormat
PERIOD = "dates not given: the reporting period 2020-2021"

# Partners named in seed 004 that the regions demo does not record: (name, scope, paragraph).
EXTRA_PARTNERS = [
    ("Food and Agriculture Organization of the United Nations (FAO)", PartnershipScope.DROUGHT, "§32-35"),
    ("UNEP-DHI Centre on Water and Environment", PartnershipScope.DROUGHT, "§32, §35"),
    ("Regional Environmental Centre for Central Asia (CAREC)", PartnershipScope.DROUGHT, "§34"),
    ("Regional Climate Centre for Southern South America (CRC-SAS/SISSA)", PartnershipScope.DROUGHT, "§36"),
    ("World Bank", PartnershipScope.DROUGHT, "§52"),
    ("United Nations System Staff College", PartnershipScope.EDUCATION, "§49"),
]

E_LEARNING_COURSES = [
    "Introduction to the UNCCD",
    "Introduction to the United Nations",
    "The CRIC: structure and functions",
    "The CST: structure and functions",
    "Reporting",
    "Drought 101",
    "Youth, land and the SDGs",
]

# title, kind, start, end, format, languages, partners, annexes, Parties, participants (f, m, other),
# mandate (decision, paragraph), Strategic Framework objective code, source, description
# fmt: off
SEED_004 = [
    (
        "Global essay contest 'Health and land'",
        K.ESSAY_CONTEST, D(2020, 6, 1), D(2020, 10, 31), F.ONLINE, ["en"], [], [], [], (0, 0, 175),
        ("2/COP.14", ""), "", f"seed 004 §7, §58 ({PERIOD})",
        "More than 175 essays from 69 countries; authors aged 9 to 65. Zoonoses and land use.",
    ),
    (
        "Women and the UNCCD through the years",
        K.PROGRAMME_FOR_WOMEN, D(2021, 1, 1), None, F.ONLINE, ["en", "fr", "es"], [], [], [], (0, 0, 0),
        ("2/COP.14", "para 1(a)"), "", f"seed 004 §8, §42(f) ({PERIOD})",
        "Gives visibility and voice to women working in sustainable land management; open call for "
        "audio, video, written and drawn contributions.",
    ),
    (
        "Children and the UNCCD",
        K.PROGRAMME_FOR_CHILDREN, D(2021, 3, 1), None, F.HYBRID, ["en"], [], ["I", "II", "III", "IV"],
        ["ITA"], (0, 0, 0), ("2/COP.14", "para 1(a)"), "", f"seed 004 §9, §42(e) ({PERIOD})",
        "Primary and secondary schools in Africa, Asia, Europe and Latin America and the Caribbean: "
        "drawings, posters, drama, tree planting, talks (e.g. Florence, Italy, 2021).",
    ),
    (
        "Global remote internship programme",
        K.INTERNSHIP_PROGRAMME, D(2020, 4, 1), None, F.ONLINE, ["en", "fr", "es", "ru"], [], [], [],
        (0, 0, 0), ("2/COP.14", "para 1(a)"), "", f"seed 004 §10, §56 ({PERIOD})",
        "Remote internships opened the programme to young professionals worldwide; recruitment pays "
        "particular attention to gender balance.",
    ),
    (
        "Special internship programme for LDCs and SIDS",
        K.LDC_SIDS_INTERNSHIP, D(2021, 8, 1), None, F.ONLINE, ["en"], ["Caribbean Community (CARICOM)"],
        [], [], (0, 0, 0), ("2/COP.14", "para 1(a)"), "", "seed 004 §11, §42(b) (launched August 2021)",
        "Remote internships for young professionals of least developed countries and small island "
        "developing States, who stay in their countries; attention to gender parity.",
    ),
    (
        "Mentorship programme for young professionals of LDCs and SIDS",
        K.MENTORSHIP, D(2021, 1, 1), None, F.ONLINE, ["en"], [], [], [], (0, 0, 0),
        ("2/COP.14", "para 1(a)"), "", f"seed 004 §12-13 ({PERIOD})",
        "Only partly implemented because of COVID-19; the SPI piloted an early-career scientist fellowship "
        "under it. More opportunities for young women professionals.",
    ),
    (
        "Capacity-building lecture series for universities and schools",
        K.LECTURE_SERIES, D(2020, 1, 1), D(2021, 12, 31), F.HYBRID, ["en"],
        ["Wageningen University", "University of Cologne"], [], [], (0, 0, 0), ("2/COP.14", "para 1(a)"),
        "", f"seed 004 §14 ({PERIOD})",
        "Ten major lectures for different universities in the reporting period; gender-responsive "
        "implementation a recurring theme.",
    ),
    (
        "Webinars on land-based jobs for youth",
        K.WEBINAR, D(2020, 9, 1), D(2021, 6, 30), F.ONLINE, ["en"], ["Caribbean Youth Environment Network"],
        [], [], (0, 0, 0), ("2/COP.14", "para 1(a)"), "", f"seed 004 §20, §42(a) ({PERIOD})",
        "Four webinars: three subregional and one global; women panellists ensured.",
    ),
    (
        "Global webinar on poverty, economy and climate",
        K.WEBINAR, D(2020, 11, 1), D(2020, 11, 1), F.ONLINE, ["en"], [], [], [], (0, 0, 0),
        ("2/COP.14", "para 1(a)"), "", f"seed 004 §20, §42(c) ({PERIOD})", "",
    ),
    (
        "Panel discussion: land, the SDGs and the future of the Caribbean",
        K.WEBINAR, D(2021, 2, 1), D(2021, 2, 1), F.ONLINE, ["en"],
        ["Caribbean Community (CARICOM)", "Caribbean Youth Environment Network"], ["III"], [], (0, 0, 0),
        ("2/COP.14", "para 1(a)"), "", f"seed 004 §20, §42(b) ({PERIOD})",
        "Subregional panel; led to further activities including the internships for Caribbean SIDS.",
    ),
    (
        "Training of Russian-language media in Central Asia",
        K.MEDIA_TRAINING, D(2021, 6, 1), D(2021, 6, 1), F.ONLINE, ["ru"], [], ["II"],
        ["KAZ", "KGZ", "TJK", "TKM", "UZB"], (0, 0, 0), ("2/COP.14", "para 1(b)"), "",
        f"seed 004 §28-29 ({PERIOD})",
        "About 70 journalists identified, more than 50 invited, only a few attended; drought threats "
        "in the region and international support to national drought measures.",
    ),
    (
        "Training material for journalists on the Great Green Wall",
        K.MEDIA_TRAINING, D(2021, 1, 1), None, F.ONLINE, ["en"], ["Global Strategic Communications Council"],
        ["I"], [], (0, 0, 0), ("2/COP.14", "para 1(b)"), "", f"seed 004 §43 ({PERIOD})",
        "With a network of more than 1,000 freelance journalists covering climate change.",
    ),
    (
        "Webinar series on the UNCCD drought toolkit",
        K.DROUGHT_TOOLKIT_TRAINING, D(2020, 6, 1), D(2021, 6, 30), F.ONLINE, ["en"],
        [EXTRA_PARTNERS[0][0], EXTRA_PARTNERS[1][0]], [], [], (0, 0, 0), ("2/COP.14", "para 2(c)"), "",
        f"seed 004 §32 ({PERIOD})",
        "Familiarises stakeholders with the interactive drought toolkit for national drought plans.",
    ),
    (
        "Building Back Better e-course: the drought toolkit",
        K.DROUGHT_TOOLKIT_TRAINING, D(2020, 10, 1), D(2021, 7, 31), F.ONLINE, ["en"], [EXTRA_PARTNERS[0][0]],
        [], [], (0, 0, 0), ("2/COP.14", "para 2(c)"), "", "seed 004 §33",
        "Contribution to FAO's extension-management e-course, October 2020 to July 2021.",
    ),
    (
        "Drought risk reduction strategies in Central Asia",
        K.DROUGHT_TOOLKIT_TRAINING, D(2021, 9, 1), D(2021, 9, 1), F.ONLINE, ["ru"], [EXTRA_PARTNERS[2][0]],
        ["II"], ["KAZ", "KGZ", "TJK", "TKM", "UZB"], (0, 0, 0), ("2/COP.14", "para 2(c)"), "",
        "seed 004 §34 (dates and format not given; most training was virtual, §61(c))", "",
    ),
    (
        "Online drought toolkit training for the SADC region",
        K.DROUGHT_TOOLKIT_TRAINING, D(2021, 5, 1), D(2021, 5, 1), F.ONLINE, ["en"],
        ["Southern African Development Community", EXTRA_PARTNERS[0][0], EXTRA_PARTNERS[1][0]], ["I"],
        ["ZAF", "BWA", "NAM", "ZMB", "ZWE", "MOZ"], (0, 0, 0), ("2/COP.14", "para 2(c)"), "",
        f"seed 004 §35 ({PERIOD})",
        "Monitoring and early warning, vulnerability assessment and risk mitigation measures.",
    ),
    (
        "Online workshop on national drought plans for southern South America",
        K.DROUGHT_TOOLKIT_TRAINING, D(2020, 11, 23), D(2020, 11, 24), F.ONLINE, ["es"],
        [EXTRA_PARTNERS[3][0]], ["III"], [], (0, 0, 0), ("2/COP.14", "para 2(c)"), "", "seed 004 §36", "",
    ),
    (
        "LDN target-setting programme: national and thematic webinars",
        K.WEBINAR, D(2020, 1, 1), D(2021, 12, 31), F.ONLINE, ["en", "fr", "es", "ru"],
        ["Global Environment Facility"], [], ["BRB", "BWA", "DMA", "GTM", "HND", "TJK", "TKM", "TUN"],
        (0, 0, 0), ("2/COP.14", "para 2(a)"), "SO1", f"seed 004 §24(a) ({PERIOD})",
        "Capacity of the national LDN target-setting delivery teams.",
    ),
    (
        "Training on LDN transformative projects and programmes",
        K.TRAINING_WORKSHOP, D(2020, 1, 1), D(2021, 12, 31), F.ONLINE, ["en", "fr", "es"],
        ["Global Environment Facility"], [], ["BEN", "DOM", "GRD", "HND", "MLI", "PAN", "PER", "VEN"],
        (0, 0, 0), ("2/COP.14", "para 2(a)"), "SO1", f"seed 004 §24(b) ({PERIOD})",
        "Training and technical meetings as webinars with technical and financial partners.",
    ),
    (
        "Online course module on land in climate action and sustainable development",
        K.E_LEARNING_COURSE, D(2021, 1, 1), None, F.ONLINE, ["en"], [EXTRA_PARTNERS[5][0]], [], [],
        (0, 0, 0), ("2/COP.14", "para 2(a)"), "", f"seed 004 §49 ({PERIOD})", "",
    ),
    (
        "Session 'Integrating against drought: the Southern Africa Drought Resilience Initiative'",
        K.WEBINAR, D(2021, 8, 26), D(2021, 8, 26), F.ONLINE, ["en"], [EXTRA_PARTNERS[4][0]], ["I"], [],
        (0, 0, 0), ("2/COP.14", "para 2(b)"), "", "seed 004 §52 (World Water Week, 26 August 2021)", "",
    ),
] + [
    (
        f"E-learning course: {course}",
        K.E_LEARNING_COURSE, D(2021, 1, 1), None, F.ONLINE, ["en"], [], [], [], (0, 0, 0),
        ("2/COP.14", ""), "", f"seed 004 §17, §59 ({PERIOD})",
        "One of seven new courses of the dedicated e-learning platform, open to the public; "
        "translation into French and Spanish under way.",
    )
    for course in E_LEARNING_COURSES
]

FICTITIOUS_2026 = [
    (
        "Regional drought toolkit workshop for Annex I (demo)",
        K.DROUGHT_TOOLKIT_TRAINING, D(2026, 3, 10), D(2026, 3, 12), F.IN_PERSON, ["en", "fr"],
        ["Southern African Development Community"], ["I"], ["KEN", "ZAF", "BWA", "SEN"], (18, 14, 1),
        ("2/COP.14", "para 2(c)"), "SO3", "demo data, fictitious figures", "",
    ),
    (
        "Webinar for national focal points on PRAIS reporting (demo)",
        K.WEBINAR, D(2026, 9, 15), D(2026, 9, 15), F.ONLINE, ["en", "zh", "ar"], [], [], ["CHN", "KEN"],
        (41, 37, 6), ("2/COP.14", "para 1(a)"), "", "demo data, fictitious figures", "",
    ),
    (
        "Media training for Arabic-language journalists (demo)",
        K.MEDIA_TRAINING, D(2026, 5, 4), D(2026, 5, 5), F.HYBRID, ["ar"], [], ["I"], ["TUN", "MAR", "EGY"],
        (9, 11, 0), ("2/COP.14", "para 1(b)"), "", "demo data, fictitious figures", "",
    ),
]
# fmt: on


def _partners() -> dict[str, Partnership]:
    for name, scope, paragraph in EXTRA_PARTNERS:
        Partnership.objects.get_or_create(
            partner=name,
            scope=scope,
            defaults={"kind": PartnershipKind.INFORMAL, "source": f"seed 004 {paragraph}"},
        )
    return {partnership.partner: partnership for partnership in Partnership.objects.all()}


def _save(row, biennium, partners, objectives) -> bool:
    (title, kind, start, end, fmt, languages, partner_names, annexes, parties, people, mandate) = row[:11]
    objective_code, source, description = row[11:]
    values = {
        "kind": kind,
        "end_date": end,
        "format": fmt,
        "participants_female": people[0],
        "participants_male": people[1],
        "participants_other": people[2],
        "mandate_decision": mandate[0],
        "mandate_paragraph": mandate[1],
        "objective": objectives.get(objective_code),
        "biennium": biennium,
        "source": source,
        "description": description,
    }
    activity = CapacityBuildingActivity.objects.filter(title=title, start_date=start).first()
    created = activity is None
    if created:
        activity = CapacityBuildingActivity.objects.create(title=title, start_date=start, **values)
    else:
        changed = [name for name, value in values.items() if getattr(activity, name) != value]
        for name in changed:
            setattr(activity, name, values[name])
        if changed:
            activity.save(update_fields=changed)
    activity.languages.set(Language.objects.filter(code__in=languages))
    activity.partners.set([partners[name] for name in partner_names if name in partners])
    activity.regions.set(Region.objects.filter(code__in=annexes))
    activity.countries.set(Country.objects.filter(iso3__in=parties))
    return created


def load() -> int:
    """Create or refresh the demo activities; returns how many there are."""
    biennium_2020, _ = Biennium.objects.get_or_create(
        code="2020-2021",
        defaults={"start_date": D(2020, 1, 1), "end_date": D(2021, 12, 31), "state": BienniumState.CLOSED},
    )
    biennium_2026 = Biennium.objects.filter(code="2026-2027").first()
    partners = _partners()
    objectives = {
        objective.code: objective
        for objective in Objective.objects.filter(framework__code="sf-2018-2030", kind="strategic")
    }
    for row in SEED_004:
        _save(row, biennium_2020, partners, objectives)
    for row in FICTITIOUS_2026:
        _save(row, biennium_2026, partners, objectives)
    return len(SEED_004) + len(FICTITIOUS_2026)
