"""Demo data of the regional mechanism: offices, MoUs, committees, networks, focal points,
nominations in every state and the partnerships of seed 004.

Idempotent: rows are keyed by natural keys and the nomination workflow runs only for
nominations that do not exist yet. Names of people are generated and marked "(fictitious)".
"""

from datetime import date, datetime, timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from accounts.models import User
from core.demo import update_or_create_if_changed as upsert
from regions import services
from regions.choices import (
    CommitteeRole,
    FocalPointRole,
    MoUSignatory,
    MoUStatus,
    NetworkStatus,
    OfficeStatus,
    ReportStatus,
)
from regions.models import (
    CommitteeAnnualReport,
    CommitteeMeeting,
    CommitteeMembership,
    Country,
    FocalPoint,
    HostInstitution,
    MemorandumOfUnderstanding,
    Nomination,
    Partnership,
    Region,
    RegionalCommittee,
    RegionalOffice,
    ThematicProgrammeNetwork,
)
from reporting.models import FundingSource

from .regions_data import (
    COMMITTEE_MEMBERS,
    COMMITTEES,
    FIRST_NAMES,
    HOST_INSTITUTIONS,
    LAST_NAMES,
    NETWORKS,
    OFFICE_NAMES,
    OFFICES,
    PARTNERSHIPS,
)

FOCAL_POINTS_SINCE = date(2022, 1, 1)
# Demo accounts (demo/accounts.py) that are focal points: username -> (ISO3, role)
DEMO_FOCAL_POINTS = {
    "nfp-kenya": ("KEN", FocalPointRole.NFP),
    "nfp-china": ("CHN", FocalPointRole.NFP),
    "stc-kenya": ("KEN", FocalPointRole.STC),
}


def demo_pdf(label: str) -> SimpleUploadedFile:
    """A tiny, valid PDF standing in for a real document."""
    return SimpleUploadedFile(f"{label}.pdf", f"%PDF-1.4\n% {label} (demo, fictitious)\n%%EOF\n".encode())


def _load_offices() -> dict:
    hosts = {}
    for name, kind, iso3, website in HOST_INSTITUTIONS:
        hosts[name], _ = upsert(
            HostInstitution,
            name=name,
            defaults={"kind": kind, "country": Country.objects.get(iso3=iso3), "website": website},
        )
    supplementary = FundingSource.objects.filter(code="supplementary").first()
    offices = {}
    for code, (name, city, host, coordinator) in OFFICES.items():
        user = User.objects.filter(username=coordinator).first()
        offices[code], _ = upsert(
            RegionalOffice,
            region=Region.objects.get(code=code),
            name=name,
            defaults={
                **dict(
                    zip(
                        ("name_zh_hans", "name_fr", "name_es", "name_ru", "name_ar"),
                        OFFICE_NAMES[code],
                        strict=True,
                    )
                ),
                "city": city,
                "host_institution": hosts.get(host),
                "coordinator": user,
                "coordinator_name": "" if user else coordinator,
                "funding_source": supplementary,
                "status": OfficeStatus.OPERATING,
                "opened_on": date(1998, 1, 1) if code != "V" else date(2008, 1, 1),
            },
        )
    return offices


def _load_mous(offices: dict) -> None:
    """Africa's memorandum expires in 60 days and LAC's has expired, so the office pages warn."""
    today = timezone.localdate()
    plans = {
        "I": (date(2019, 3, 1), today + timedelta(days=60), MoUStatus.IN_FORCE),
        "II": (date(2021, 1, 1), date(2030, 12, 31), MoUStatus.IN_FORCE),
        "III": (date(2016, 7, 1), date(2025, 6, 30), MoUStatus.EXPIRED),
    }
    for code, (valid_from, valid_to, status) in plans.items():
        office = offices[code]
        upsert(
            MemorandumOfUnderstanding,
            title=f"Memorandum of understanding on hosting the {office.name}",
            defaults={
                "signatory": MoUSignatory.SECRETARIAT_AND_GM,
                "office": office,
                "host_institution": office.host_institution,
                "signed_on": valid_from - timedelta(days=30),
                "valid_from": valid_from,
                "valid_to": valid_to,
                "status": status,
            },
        )


def _load_committees() -> dict:
    committees = {}
    for code, name in COMMITTEES.items():
        committee, _ = upsert(
            RegionalCommittee,
            region=Region.objects.get(code=code),
            defaults={"name": name, "established_on": date(2010, 1, 1)},
        )
        committees[code] = committee
        for index, iso3 in enumerate(COMMITTEE_MEMBERS[code]):
            upsert(
                CommitteeMembership,
                committee=committee,
                country=Country.objects.get(iso3=iso3),
                start_date=date(2024, 1, 1),
                defaults={
                    "role": CommitteeRole.CHAIR if index == 0 else CommitteeRole.MEMBER,
                    "representative": f"Representative of {iso3} (fictitious)",
                    "end_date": None,
                },
            )
        upsert(
            CommitteeMembership,
            committee=committee,
            country=Country.objects.get(iso3=COMMITTEE_MEMBERS[code][1]),
            start_date=date(2020, 1, 1),
            defaults={"role": CommitteeRole.CHAIR, "end_date": date(2023, 12, 31)},
        )
        upsert(
            CommitteeMeeting,
            committee=committee,
            title=f"{name}: 2025 session",
            defaults={
                "date": date(2025, 10, 20),
                "place": "online",
                "back_to_back_with": f"Annex {code} regional meeting preparing CRIC 23",
            },
        )
        for year, status in ((2024, ReportStatus.PUBLISHED), (2025, ReportStatus.DRAFT)):
            upsert(
                CommitteeAnnualReport,
                committee=committee,
                year=year,
                defaults={
                    "status": status,
                    "text": f"Annual report {year} of the {name} to the Parties of the region (demo text).",
                    "published_at": timezone.make_aware(datetime(year + 1, 3, 1))
                    if status == ReportStatus.PUBLISHED
                    else None,
                },
            )
    return committees


def _load_networks() -> None:
    for code, annex, theme in NETWORKS:
        upsert(
            ThematicProgrammeNetwork,
            code=code,
            defaults={
                "region": Region.objects.get(code=annex),
                "theme": theme,
                "status": NetworkStatus.ACTIVE,
                "last_evaluated_on": date(2023, 6, 30) if code.endswith("TPN1") else None,
                "evaluation_outcome": "partly_effective" if code.endswith("TPN1") else "",
            },
        )


def _generated_person(index: int) -> tuple[str, str]:
    return FIRST_NAMES[index % len(FIRST_NAMES)], f"{LAST_NAMES[(index * 7) % len(LAST_NAMES)]} (fictitious)"


def _load_focal_points() -> None:
    """An NFP for every Party, created once with generated names; the demo accounts linked."""
    existing = set(FocalPoint.objects.filter(role=FocalPointRole.NFP).values_list("country_id", flat=True))
    missing = []
    for index, country in enumerate(Country.objects.order_by("iso3")):
        if country.pk in existing:
            continue
        first_name, last_name = _generated_person(index)
        missing.append(
            FocalPoint(
                country=country,
                role=FocalPointRole.NFP,
                first_name=first_name,
                last_name=last_name,
                email=f"nfp.{country.iso3.lower()}@example.invalid",
                organisation=f"Ministry of Environment of {country.name_en} (fictitious)",
                languages="English",
                start_date=FOCAL_POINTS_SINCE,
            )
        )
    bulk_create_with_history(missing, FocalPoint)
    for username, (iso3, role) in DEMO_FOCAL_POINTS.items():
        user = User.objects.filter(username=username).first()
        if user is None:
            continue
        focal_point = FocalPoint.objects.filter(country__iso3=iso3, role=role, end_date__isnull=True).first()
        if focal_point is None:
            focal_point = FocalPoint(
                country=Country.objects.get(iso3=iso3), role=role, start_date=FOCAL_POINTS_SINCE
            )
        if focal_point.user_id != user.pk:
            focal_point.user, focal_point.email = user, user.email
            focal_point.first_name, focal_point.last_name = user.first_name, f"{user.last_name} (fictitious)"
            focal_point.save()


# email, ISO3, role, author username, final state, proposed start
NOMINATIONS = [
    ("stc.candidate.chn@example.invalid", "CHN", FocalPointRole.STC, "nfp-china", "draft", None),
    ("stc.candidate.ken@example.invalid", "KEN", FocalPointRole.STC, "nfp-kenya", "submitted", None),
    (
        "stc.candidate.bra@example.invalid",
        "BRA",
        FocalPointRole.STC,
        "secretariat",
        "accepted",
        date(2025, 3, 1),
    ),
    (
        "nfp.candidate.mar@example.invalid",
        "MAR",
        FocalPointRole.NFP,
        "secretariat",
        "accepted",
        date(2025, 1, 1),
    ),
    ("stc.candidate.ind@example.invalid", "IND", FocalPointRole.STC, "secretariat", "rejected", None),
]


def _load_nominations() -> None:
    """Run the workflow once for each demo nomination that does not exist yet."""
    secretariat = User.objects.filter(username="secretariat").first()
    for index, (email, iso3, role, author_name, state, start) in enumerate(NOMINATIONS):
        author = User.objects.filter(username=author_name).first()
        if secretariat is None or author is None or Nomination.objects.filter(email=email).exists():
            continue
        first_name, last_name = _generated_person(index + 11)
        data = {
            "country": Country.objects.get(iso3=iso3),
            "role": role,
            "first_name": first_name,
            "last_name": last_name,
            "email": email,
            "organisation": "National research institute (fictitious)",
            "languages": "English",
            "proposed_start": start,
            "nomination_letter": demo_pdf(f"nomination-letter-{iso3}"),
            "cv": demo_pdf(f"cv-{iso3}") if role == FocalPointRole.STC else None,
        }
        if data["cv"] is None:
            del data["cv"]
        nomination = services.nomination_create(user=author, data=data, submit=state != "draft")
        if state == "accepted":
            services.nomination_accept(user=secretariat, nomination=nomination)
        elif state == "rejected":
            services.nomination_reject(
                user=secretariat,
                nomination=nomination,
                reason="The CV does not show the scientific background the STC role needs (demo).",
            )


def _load_partnerships() -> None:
    for partner, kind, scope, annexes, parties, source, description in PARTNERSHIPS:
        partnership, _ = upsert(
            Partnership,
            partner=partner,
            scope=scope,
            defaults={
                "kind": kind,
                "source": source,
                "description": description,
                "start_date": date(2020, 1, 1),
            },
        )
        partnership.regions.set(Region.objects.filter(code__in=annexes))
        partnership.countries.set(Country.objects.filter(iso3__in=parties))


@transaction.atomic
def load() -> str:
    """Create or update the demo data of the regional mechanism; returns a one-line summary."""
    offices = _load_offices()
    _load_mous(offices)
    committees = _load_committees()
    _load_networks()
    _load_focal_points()
    _load_nominations()
    _load_partnerships()
    return (
        f"{len(offices)} offices, {len(committees)} committees, {len(NETWORKS)} networks, "
        f"{FocalPoint.objects.count()} focal points, {Nomination.objects.count()} nominations, "
        f"{Partnership.objects.count()} partnerships"
    )
