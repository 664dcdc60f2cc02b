"""Writes on host institutions, regional offices, memoranda, committees and networks."""

from django.core.exceptions import ValidationError
from django.db import transaction

from accounts.models import User
from accounts.roles import Role, has_role

from ..models import (
    Country,
    HostInstitution,
    MemorandumOfUnderstanding,
    RegionalCommittee,
    RegionalOffice,
    ThematicProgrammeNetwork,
)
from .common import (
    apply_data,
    check_documents,
    ensure_editable,
    ensure_region_editor,
    ensure_staff,
    save_validated,
)


def _region_id(data: dict, instance=None) -> int | None:
    region = data.get("region")
    if region is not None:
        return region.pk
    return getattr(instance, "region_id", None)


@transaction.atomic
def host_institution_create(*, user: User, data: dict) -> HostInstitution:
    ensure_staff(user, "add host institutions")
    return save_validated(HostInstitution(), user=user, data=data)


@transaction.atomic
def host_institution_update(*, user: User, host_institution: HostInstitution, data: dict) -> HostInstitution:
    ensure_staff(user, "change host institutions")
    return save_validated(host_institution, user=user, data=data)


def _check_coordinator(data: dict) -> None:
    coordinator = data.get("coordinator")
    if coordinator is not None and not has_role(coordinator, Role.REGIONAL_COORDINATOR):
        raise ValidationError({"coordinator": f"{coordinator} does not have the regional coordinator role."})


def _check_network_focal_points(network: ThematicProgrammeNetwork, data: dict) -> None:
    """A network's focal points come from the Parties of its region."""
    region_id = _region_id(data, network)
    strangers = [fp for fp in data.get("focal_points") or [] if fp.country.region_id != region_id]
    if strangers:
        names = ", ".join(str(fp) for fp in strangers)
        raise ValidationError(
            {"focal_points": f"Not focal points of a Party of the network's region: {names}."}
        )


@transaction.atomic
def regional_office_create(*, user: User, data: dict) -> RegionalOffice:
    ensure_region_editor(user, _region_id(data))
    _check_coordinator(data)
    check_documents(data, "charter")
    return save_validated(RegionalOffice(), user=user, data=data)


@transaction.atomic
def regional_office_update(*, user: User, office: RegionalOffice, data: dict) -> RegionalOffice:
    """Change an office; a coordinator can neither edit another region's office nor move one there."""
    ensure_editable(RegionalOffice.objects, office, user)
    ensure_region_editor(user, _region_id(data, office))
    _check_coordinator(data)
    check_documents(data, "charter")
    return save_validated(office, user=user, data=data)


@transaction.atomic
def mou_create(*, user: User, data: dict) -> MemorandumOfUnderstanding:
    ensure_staff(user, "record memoranda of understanding")
    check_documents(data, "document")
    return save_validated(MemorandumOfUnderstanding(), user=user, data=data)


@transaction.atomic
def mou_update(*, user: User, mou: MemorandumOfUnderstanding, data: dict) -> MemorandumOfUnderstanding:
    ensure_staff(user, "change memoranda of understanding")
    check_documents(data, "document")
    return save_validated(mou, user=user, data=data)


@transaction.atomic
def regional_committee_create(*, user: User, data: dict) -> RegionalCommittee:
    ensure_region_editor(user, _region_id(data))
    return save_validated(RegionalCommittee(), user=user, data=data)


@transaction.atomic
def regional_committee_update(*, user: User, committee: RegionalCommittee, data: dict) -> RegionalCommittee:
    ensure_editable(RegionalCommittee.objects, committee, user)
    ensure_region_editor(user, _region_id(data, committee))
    return save_validated(committee, user=user, data=data)


@transaction.atomic
def network_create(*, user: User, data: dict) -> ThematicProgrammeNetwork:
    ensure_region_editor(user, _region_id(data))
    network = ThematicProgrammeNetwork()
    _check_network_focal_points(network, data)
    return save_validated(network, user=user, data=data)


@transaction.atomic
def network_update(*, user: User, network: ThematicProgrammeNetwork, data: dict) -> ThematicProgrammeNetwork:
    ensure_editable(ThematicProgrammeNetwork.objects, network, user)
    ensure_region_editor(user, _region_id(data, network))
    _check_network_focal_points(network, data)
    return save_validated(network, user=user, data=data)


@transaction.atomic
def country_update(*, user: User, country: Country, data: dict) -> Country:
    """Change a Party's annex, subregion, UN group or flags (e.g. an LDC graduation); staff only."""
    ensure_staff(user, "change Parties")
    apply_data(country, data)
    if country.subregion_id and country.subregion.region_id != country.region_id:
        raise ValidationError({"subregion": f"{country.subregion} is not a subregion of {country.region}."})
    return save_validated(country, user=user)
