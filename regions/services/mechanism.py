"""Writes on host institutions, regional offices, memoranda, committees and networks."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import User
from core.roles import Role, has_role
from core.services import apply_data, ensure_may_change, save_validated
from core.uploads import check_documents

from ..models import (
    Country,
    HostInstitution,
    MemorandumOfUnderstanding,
    RegionalCommittee,
    RegionalOffice,
    ThematicProgrammeNetwork,
)


@transaction.atomic
def host_institution_create(*, user: User, data: dict) -> HostInstitution:
    host_institution = HostInstitution()
    ensure_may_change(user, host_institution)
    return save_validated(host_institution, user=user, data=data)


@transaction.atomic
def host_institution_update(*, user: User, host_institution: HostInstitution, data: dict) -> HostInstitution:
    ensure_may_change(user, host_institution)
    return save_validated(host_institution, user=user, data=data)


def _check_coordinator(data: dict) -> None:
    coordinator = data.get("coordinator")
    if coordinator is not None and not has_role(coordinator, Role.REGIONAL_COORDINATOR):
        raise ValidationError(
            {
                "coordinator": _("%(user)s does not have the regional coordinator role.")
                % {"user": coordinator}
            }
        )


def _check_network_focal_points(network: ThematicProgrammeNetwork, data: dict) -> None:
    """A network's focal points come from the Parties of its region."""
    region = data.get("region")
    region_id = region.pk if region is not None else network.region_id
    strangers = [fp for fp in data.get("focal_points") or [] if fp.country.region_id != region_id]
    if strangers:
        names = ", ".join(str(fp) for fp in strangers)
        raise ValidationError(
            {
                "focal_points": _("Not focal points of a Party of the network's region: %(names)s.")
                % {"names": names}
            }
        )


def _with_english_name(office: RegionalOffice, data: dict) -> dict:
    """The name typed in any language is the English one too while the office has none, so that
    every language reads a name (the others fall back to English) until it is translated."""
    if data.get("name") and not office.name_en:
        return {**data, "name_en": data["name"]}
    return data


@transaction.atomic
def regional_office_create(*, user: User, data: dict) -> RegionalOffice:
    office = RegionalOffice()
    ensure_may_change(user, office)
    _check_coordinator(data)
    check_documents(data, "charter")
    return save_validated(office, user=user, data=_with_english_name(office, data))


@transaction.atomic
def regional_office_update(*, user: User, office: RegionalOffice, data: dict) -> RegionalOffice:
    """Change an office; a coordinator can neither edit another region's office nor move one there
    (save_validated checks the office as saved)."""
    ensure_may_change(user, office)
    _check_coordinator(data)
    check_documents(data, "charter")
    return save_validated(office, user=user, data=_with_english_name(office, data))


@transaction.atomic
def mou_create(*, user: User, data: dict) -> MemorandumOfUnderstanding:
    mou = MemorandumOfUnderstanding()
    ensure_may_change(user, mou)
    check_documents(data, "document")
    return save_validated(mou, user=user, data=data)


@transaction.atomic
def mou_update(*, user: User, mou: MemorandumOfUnderstanding, data: dict) -> MemorandumOfUnderstanding:
    ensure_may_change(user, mou)
    check_documents(data, "document")
    return save_validated(mou, user=user, data=data)


@transaction.atomic
def regional_committee_create(*, user: User, data: dict) -> RegionalCommittee:
    committee = RegionalCommittee()
    ensure_may_change(user, committee)
    return save_validated(committee, user=user, data=data)


@transaction.atomic
def regional_committee_update(*, user: User, committee: RegionalCommittee, data: dict) -> RegionalCommittee:
    ensure_may_change(user, committee)
    return save_validated(committee, user=user, data=data)


@transaction.atomic
def network_create(*, user: User, data: dict) -> ThematicProgrammeNetwork:
    network = ThematicProgrammeNetwork()
    ensure_may_change(user, network)
    _check_network_focal_points(network, data)
    return save_validated(network, user=user, data=data)


@transaction.atomic
def network_update(*, user: User, network: ThematicProgrammeNetwork, data: dict) -> ThematicProgrammeNetwork:
    ensure_may_change(user, network)
    _check_network_focal_points(network, data)
    return save_validated(network, user=user, data=data)


@transaction.atomic
def country_update(*, user: User, country: Country, data: dict) -> Country:
    """Change a Party's annex, subregion, UN group or flags (e.g. an LDC graduation); staff only."""
    ensure_may_change(user, country)
    apply_data(country, data)
    if country.subregion_id and country.subregion.region_id != country.region_id:
        raise ValidationError(
            {
                "subregion": _("%(subregion)s is not a subregion of %(region)s.")
                % {"subregion": country.subregion, "region": country.region}
            }
        )
    return save_validated(country, user=user)
