"""Authorisation matrix (STYLE rule 11; issue 9, item 5): every route of the portal, every principal.

The test walks the whole URLconf (pages and the API routers under /api/v1/) and fails when a
route has no expectation below, or an expectation names a route that no longer exists. For each
route it sends a GET and, for routes that accept writes, the write (an empty or minimal body),
as each of nine principals (the columns, in this order):

    anonymous        not logged in
    secretariat      Role.SECRETARIAT
    gm               Role.GM
    coordinator_in   the regional coordinator of Africa (Annex I), on the Kenya/Africa record
    coordinator_out  the same coordinator, on the China/Asia copy of that record
    nfp_kenya        Kenya's national focal point, on Kenya's record
    stc_kenya        Kenya's science and technology correspondent, on Kenya's record
    nfp_china        China's national focal point, on Kenya's record (another country)
    api_reader       Role.API_READER

and asserts, for every request:
  * the status (LOGIN is a redirect to the login page; every other 302 is a redirect elsewhere);
  * that no response, whatever its status, shows a principal private text it may not read
    (PRIVATE_TEXT), and
  * for writes, that the data changed exactly for the principals listed in `changed=` (row
    counts of every table of the portal's apps, their latest `updated_at`/`version`, and every
    field of the route's record and of the acting user): a refused request changes nothing.

The table records the behaviour of main as it is (issue 9 refactors without changing
behaviour). A change of who may do what is made here on purpose, in the same commit. A status
that is a security bug is not recorded as the expected one: it goes into KNOWN_PROBLEMS, which
marks the case xfail(strict=True) with the reason.

Reading the table: `expect(get=..., post=...)` gives, per method, a status for every principal,
built by `row(...)` (nine statuses, in the column order above) or by a helper named after who
gets `status` (`everyone`, `logged_in`, `staff_only`, `region_editors`, `country_readers`);
a helper's keyword arguments name the principals that differ from it.
"""

import functools
from dataclasses import dataclass, field

import pytest
from django.db import transaction
from django.test import override_settings

from . import authorisation_matrix_support as support
from .authorisation_matrix_support import LOGIN, PRINCIPALS, UNCHANGED

# Routes outside the matrix: Django's admin, static and media files, Django's i18n views, and
# the API's schema and documentation pages. Every other route must have an expectation.
SKIPPED_PREFIXES = (
    "admin/",
    "static/",
    "media/",
    "i18n/",
    "api/<version>/schema/",
    "api/<version>/docs/",
)

# --- how a row of the table is written ----------------------------------------------------------

STAFF = ("secretariat", "gm")


def row(
    anonymous, secretariat, gm, coordinator_in, coordinator_out, nfp_kenya, stc_kenya, nfp_china, api_reader
):
    """Every principal's status, in the column order of PRINCIPALS."""
    statuses = (anonymous, secretariat, gm, coordinator_in, coordinator_out, nfp_kenya, stc_kenya, nfp_china)
    return dict(zip(PRINCIPALS, (*statuses, api_reader), strict=True))


def _statuses(allowed, status, others, anonymous, overrides) -> dict:
    unknown = set(overrides) - set(PRINCIPALS)
    if unknown:
        raise TypeError(f"not principals: {sorted(unknown)}")
    base = {principal: status if principal in allowed else others for principal in PRINCIPALS}
    return base | {"anonymous": anonymous} | overrides


def everyone(status, **overrides):
    """Every principal, anonymous included, gets `status`."""
    return _statuses(PRINCIPALS, status, status, status, overrides)


def logged_in(status, *, anonymous=LOGIN, **overrides):
    """Every logged-in principal gets `status`; anonymous `anonymous` (the login page by default)."""
    return _statuses(PRINCIPALS, status, status, anonymous, overrides)


def staff_only(status, *, refused=403, anonymous=LOGIN, **overrides):
    """The secretariat and the GM get `status`; every other logged-in principal `refused`."""
    return _statuses(STAFF, status, refused, anonymous, overrides)


def region_editors(status, *, refused=403, anonymous=LOGIN, **overrides):
    """Staff and the coordinator inside the region get `status`; the coordinator outside it, the
    countries' focal points and the API reader `refused`."""
    return _statuses((*STAFF, "coordinator_in"), status, refused, anonymous, overrides)


REGION_WRITERS = (*STAFF, "coordinator_in", "coordinator_out")
NOMINATION_WRITERS = (*STAFF, "nfp_kenya", "nfp_china")


def writers_only(status, writers, *, anonymous=401, **overrides):
    """An API write: the principals who may change some rows of the model (`writers`) get
    `status`; every other one is refused with 403 before any lookup (core.api.permissions)."""
    return _statuses(writers, status, 403, anonymous, overrides)


def country_readers(status, *, hidden=404, anonymous=LOGIN, **overrides):
    """Staff, the coordinator of Kenya's region and Kenya's NFP and STC get `status`; the
    coordinator outside the region, China's NFP and the API reader `hidden`."""
    allowed = (*STAFF, "coordinator_in", "nfp_kenya", "stc_kenya")
    return _statuses(allowed, status, hidden, anonymous, overrides)


@dataclass(frozen=True)
class Expect:
    """A route's expected status per method and principal, and who changes data by writing."""

    statuses: dict
    changed: dict = field(default_factory=dict)


def expect(*, get, post=None, put=None, patch=None, delete=None, changed=None) -> Expect:
    methods = {"get": get, "post": post, "put": put, "patch": patch, "delete": delete}
    return Expect(
        statuses={method: statuses for method, statuses in methods.items() if statuses is not None},
        changed={method: frozenset(principals) for method, principals in (changed or {}).items()},
    )


# --- the matrix -----------------------------------------------------------------------------------
# Columns of row(): anonymous, secretariat, gm, coordinator_in, coordinator_out,
#                   nfp_kenya, stc_kenya, nfp_china, api_reader

EXPECTATIONS = {
    # portal
    "home": expect(get=everyone(200)),
    "healthz": expect(get=everyone(200)),
    "favicon": expect(get=everyone(302)),
    # accounts
    "accounts:login": expect(get=logged_in(302, anonymous=200), post=logged_in(302, anonymous=200)),
    "accounts:logout": expect(get=everyone(405), post=everyone(302)),
    "accounts:password_change": expect(get=logged_in(200), post=logged_in(200)),
    "accounts:password_change_done": expect(get=logged_in(200)),
    "accounts:password_reset": expect(get=everyone(200), post=everyone(200)),
    "accounts:password_reset_done": expect(get=everyone(200)),
    "accounts:password_reset_confirm": expect(get=everyone(200), post=everyone(200)),
    "accounts:password_reset_complete": expect(get=everyone(200)),
    "accounts:home": expect(get=logged_in(200)),
    "accounts:switch_language": expect(get=everyone(405), post=everyone(302)),
    "accounts:tokens": expect(
        get=logged_in(200),
        post=logged_in(201),
        changed={
            "post": (
                "secretariat",
                "gm",
                "coordinator_in",
                "coordinator_out",
                "nfp_kenya",
                "stc_kenya",
                "nfp_china",
                "api_reader",
            )
        },
    ),
    "accounts:api_client_list": expect(
        get=staff_only(200), post=staff_only(201, gm=403), changed={"post": ("secretariat",)}
    ),
    # Only the clients one may see are found: the others' requests end in 404.
    "accounts:api_client_rotate": expect(
        get=logged_in(405),
        post=staff_only(201, refused=404, gm=403),
        changed={"post": ("secretariat",)},
    ),
    "accounts:api_client_revoke": expect(
        get=logged_in(405),
        post=staff_only(302, refused=404, gm=403),
        changed={"post": ("secretariat",)},
    ),
    # django-allauth's names for the portal's own pages resolve to them (the same addresses).
    "account_login": expect(get=logged_in(302, anonymous=200), post=logged_in(302, anonymous=200)),
    "account_logout": expect(get=everyone(405), post=everyone(302)),
    "account_change_password": expect(get=logged_in(200), post=logged_in(200)),
    "account_reset_password": expect(get=everyone(200), post=everyone(200), delete=everyone(405)),
    # Nobody signs up: the sign-up address sends everyone to the login page.
    "account_signup": expect(get=everyone(LOGIN), post=everyone(LOGIN), delete=everyone(LOGIN)),
    "account_email": expect(get=everyone(302), post=everyone(302), delete=everyone(302)),
    "account_reauthenticate": expect(get=logged_in(200), post=logged_in(200)),
    "account_inactive": expect(get=everyone(200)),
    # Two-factor pages: each user's own. Changing a factor asks to confirm the sign-in first
    # (302 to the re-authentication; the matrix's sessions have none); a page about a factor
    # the user has not set up is not found; a security key of someone else (Senegal's NFP)
    # is reached by nobody.
    "mfa_index": expect(get=logged_in(200)),
    "mfa_authenticate": expect(get=logged_in(302), post=logged_in(302)),
    "mfa_reauthenticate": expect(get=logged_in(302), post=logged_in(302)),
    "mfa_activate_totp": expect(get=logged_in(302), post=logged_in(302)),
    "mfa_deactivate_totp": expect(get=logged_in(404), post=logged_in(404)),
    "mfa_view_recovery_codes": expect(get=logged_in(404)),
    "mfa_generate_recovery_codes": expect(get=logged_in(302), post=logged_in(302)),
    "mfa_download_recovery_codes": expect(get=logged_in(404)),
    "mfa_list_webauthn": expect(get=logged_in(200)),
    "mfa_add_webauthn": expect(get=logged_in(302), post=logged_in(302)),
    "mfa_reauthenticate_webauthn": expect(get=logged_in(302), post=logged_in(302)),
    "mfa_edit_webauthn": expect(get=logged_in(302), post=logged_in(302)),
    "mfa_remove_webauthn": expect(get=logged_in(302), post=logged_in(302), delete=logged_in(302)),
    "mfa_login_webauthn": expect(get=everyone(302, anonymous=LOGIN), post=everyone(302, anonymous=LOGIN)),
    # Staff single sign-on (configured for these requests: REQUEST_SETTINGS). The login page
    # only offers to go on to the provider; a callback without the sign-in's state is refused.
    "openid_connect_login": expect(get=everyone(200)),
    "openid_connect_callback": expect(get=everyone(401)),
    "socialaccount_login_cancelled": expect(get=everyone(200)),
    "socialaccount_login_error": expect(get=everyone(401)),
    # Without a sign-in waiting for it (an identity mapped to staff), to the login page.
    "socialaccount_signup": expect(get=everyone(LOGIN), post=everyone(LOGIN)),
    # No page links an identity to a signed-in account.
    "socialaccount_connections": expect(get=everyone(302), post=everyone(302), delete=everyone(302)),
    "accounts:session_keep_alive": expect(get=everyone(405), post=logged_in(200, anonymous=401)),
    # Each user's own inbox; an empty post saves e-mail off for every kind (unticked boxes).
    "accounts:notifications": expect(
        get=logged_in(200),
        post=logged_in(302),
        changed={
            "post": (
                "secretariat",
                "gm",
                "coordinator_in",
                "coordinator_out",
                "nfp_kenya",
                "stc_kenya",
                "nfp_china",
                "api_reader",
            )
        },
    ),
    # regions
    "regions:region_list": expect(get=everyone(200)),
    "regions:country_list": expect(get=everyone(200)),
    "regions:country_detail": expect(get=everyone(200)),
    "regions:country_edit": expect(get=staff_only(200), post=staff_only(200)),
    "regions:mechanism": expect(get=everyone(200)),
    "regions:host_institution_list": expect(get=logged_in(200)),
    "regions:host_institution_create": expect(get=staff_only(200), post=staff_only(200)),
    "regions:host_institution_detail": expect(get=logged_in(200)),
    "regions:host_institution_edit": expect(get=staff_only(200), post=staff_only(200)),
    "regions:office_list": expect(get=everyone(200)),
    "regions:office_create": expect(
        get=region_editors(200, coordinator_out=200),
        post=region_editors(302, coordinator_out=200),
        changed={"post": ("secretariat", "gm", "coordinator_in")},
    ),
    "regions:office_detail": expect(get=everyone(200)),
    "regions:office_edit": expect(get=region_editors(200), post=region_editors(200)),
    "regions:mou_list": expect(get=logged_in(200)),
    "regions:mou_create": expect(get=staff_only(200), post=staff_only(200)),
    "regions:mou_detail": expect(get=logged_in(200)),
    "regions:mou_edit": expect(get=staff_only(200), post=staff_only(200)),
    "regions:committee_list": expect(get=everyone(200)),
    "regions:committee_create": expect(
        get=region_editors(200, coordinator_out=200), post=region_editors(200, coordinator_out=200)
    ),
    "regions:committee_detail": expect(get=everyone(200)),
    "regions:committee_edit": expect(get=region_editors(200), post=region_editors(200)),
    "regions:membership_create": expect(
        get=region_editors(200, coordinator_out=200),
        post=region_editors(302, coordinator_out=200),
        changed={"post": ("secretariat", "gm", "coordinator_in")},
    ),
    "regions:membership_detail": expect(get=everyone(200)),
    "regions:membership_edit": expect(get=region_editors(200), post=region_editors(200)),
    "regions:meeting_list": expect(get=logged_in(200)),
    "regions:meeting_create": expect(
        get=region_editors(200, coordinator_out=200),
        post=region_editors(302, coordinator_out=200),
        changed={"post": ("secretariat", "gm", "coordinator_in")},
    ),
    "regions:meeting_detail": expect(get=logged_in(200)),
    "regions:meeting_edit": expect(get=region_editors(200), post=region_editors(200)),
    "regions:report_list": expect(get=everyone(200)),
    "regions:report_create": expect(
        get=region_editors(200, coordinator_out=200),
        post=region_editors(302, coordinator_out=200),
        changed={"post": ("secretariat", "gm", "coordinator_in")},
    ),
    "regions:report_detail": expect(get=region_editors(200, refused=404, anonymous=404)),
    "regions:report_edit": expect(
        get=region_editors(200, refused=404), post=region_editors(200, refused=404)
    ),
    "regions:network_list": expect(get=everyone(200)),
    "regions:network_create": expect(
        get=region_editors(200, coordinator_out=200),
        post=region_editors(302, coordinator_out=200),
        changed={"post": ("secretariat", "gm", "coordinator_in")},
    ),
    "regions:network_detail": expect(get=everyone(200)),
    "regions:network_edit": expect(get=region_editors(200), post=region_editors(200)),
    "regions:focal_point_list": expect(get=logged_in(200)),
    "regions:focal_point_create": expect(get=staff_only(200), post=staff_only(200)),
    "regions:focal_point_detail": expect(get=country_readers(200)),
    "regions:focal_point_edit": expect(
        get=row(LOGIN, 200, 200, 403, 404, 403, 403, 404, 404),
        post=row(LOGIN, 200, 200, 403, 404, 403, 403, 404, 404),
    ),
    "regions:nominate_stc": expect(
        get=row(LOGIN, 403, 403, 403, 403, 200, 403, 200, 403),
        post=row(LOGIN, 403, 403, 403, 403, 200, 403, 200, 403),
    ),
    "regions:nomination_list": expect(get=logged_in(200)),
    "regions:nomination_create": expect(get=staff_only(200), post=staff_only(200)),
    "regions:nomination_detail": expect(get=region_editors(200, refused=404, nfp_kenya=200)),
    "regions:nomination_edit": expect(
        get=row(LOGIN, 200, 200, 403, 404, 200, 404, 404, 404),
        post=row(LOGIN, 200, 200, 403, 404, 200, 404, 404, 404),
    ),
    "regions:nomination_submit": expect(
        get=logged_in(405),
        post=row(LOGIN, 302, 302, 403, 404, 302, 404, 404, 404),
        changed={"post": ("secretariat", "gm", "nfp_kenya")},
    ),
    "regions:nomination_accept": expect(
        get=logged_in(405),
        post=row(LOGIN, 302, 403, 403, 404, 403, 404, 404, 404),
        changed={"post": ("secretariat",)},
    ),
    "regions:nomination_reject": expect(
        get=logged_in(405),
        post=row(LOGIN, 302, 403, 403, 404, 403, 404, 404, 404),
        changed={"post": ("secretariat",)},
    ),
    "regions:partnership_list": expect(get=logged_in(200)),
    "regions:partnership_create": expect(get=staff_only(200), post=staff_only(200)),
    "regions:partnership_detail": expect(get=logged_in(200)),
    "regions:partnership_edit": expect(get=staff_only(200), post=staff_only(200)),
    "regions:document": expect(get=region_editors(200, refused=404, anonymous=404, nfp_kenya=200)),
    # workprogramme
    "workprogramme:framework_list": expect(get=everyone(200)),
    "workprogramme:framework_detail": expect(get=everyone(200)),
    "workprogramme:objective_detail": expect(get=everyone(200)),
    "workprogramme:indicator_detail": expect(get=everyone(200)),
    "workprogramme:regional_function_index": expect(get=everyone(200)),
    "workprogramme:regional_functions": expect(get=everyone(200)),
    "workprogramme:biennium_list": expect(get=everyone(200)),
    "workprogramme:biennium_detail": expect(get=everyone(200)),
    "workprogramme:work_programme_detail": expect(get=everyone(200)),
    "workprogramme:target_create": expect(
        get=region_editors(200, coordinator_out=200),
        post=region_editors(302, coordinator_out=200),
        changed={"post": ("secretariat", "gm", "coordinator_in")},
    ),
    "workprogramme:target_edit": expect(get=region_editors(200), post=region_editors(200)),
    "workprogramme:output_status": expect(
        get=logged_in(405),
        post=region_editors(302),
        changed={"post": ("secretariat", "gm", "coordinator_in")},
    ),
    "workprogramme:cycle_list": expect(get=everyone(200)),
    "workprogramme:cycle_create": expect(get=staff_only(200), post=staff_only(200)),
    "workprogramme:cycle_detail": expect(get=everyone(200)),
    "workprogramme:cycle_edit": expect(get=staff_only(200), post=staff_only(200)),
    "workprogramme:cycle_open": expect(get=logged_in(405), post=staff_only(302)),
    "workprogramme:cycle_close": expect(
        get=logged_in(405), post=staff_only(302), changed={"post": ("secretariat", "gm")}
    ),
    "workprogramme:submission_start": expect(
        get=logged_in(405),
        post=row(LOGIN, 403, 403, 403, 403, 302, 302, 302, 403),
        changed={"post": ("nfp_kenya", "stc_kenya", "nfp_china")},
    ),
    "workprogramme:cycle_import": expect(get=staff_only(200), post=staff_only(200)),
    # Default data: the secretariat only (not the GM).
    "workprogramme:default_data_import": expect(get=staff_only(200, gm=403), post=staff_only(200, gm=403)),
    "workprogramme:submission_list": expect(get=logged_in(200)),
    "workprogramme:submission_detail": expect(get=country_readers(200)),
    "workprogramme:submission_edit": expect(
        get=row(LOGIN, 403, 403, 403, 404, 200, 200, 404, 404),
        post=row(LOGIN, 403, 403, 403, 404, 200, 200, 404, 404),
    ),
    "workprogramme:submission_hand_in": expect(
        get=logged_in(405), post=row(LOGIN, 403, 403, 403, 404, 302, 403, 404, 404)
    ),
    "workprogramme:submission_review": expect(
        get=row(LOGIN, 200, 200, 403, 404, 403, 403, 404, 404),
        post=row(LOGIN, 200, 200, 403, 404, 403, 403, 404, 404),
    ),
    "workprogramme:submission_template": expect(get=country_readers(200)),
    "workprogramme:submission_upload": expect(
        get=row(LOGIN, 403, 403, 403, 404, 200, 200, 404, 404),
        post=row(LOGIN, 403, 403, 403, 404, 200, 200, 404, 404),
    ),
    "workprogramme:submission_evidence": expect(
        get=row(LOGIN, 403, 403, 403, 404, 200, 200, 404, 404),
        post=row(LOGIN, 403, 403, 403, 404, 200, 200, 404, 404),
    ),
    "workprogramme:submission_evidence_file": expect(get=country_readers(200)),
    "workprogramme:result_list": expect(get=logged_in(200)),
    "workprogramme:country_results": expect(get=country_readers(200, api_reader=200)),
    "workprogramme:capacity_list": expect(get=everyone(200)),
    "workprogramme:capacity_summary": expect(get=everyone(200)),
    "workprogramme:capacity_create": expect(get=staff_only(200), post=staff_only(200)),
    "workprogramme:capacity_detail": expect(get=everyone(200)),
    "workprogramme:capacity_edit": expect(get=staff_only(200), post=staff_only(200)),
    # reporting
    "reporting:index": expect(get=everyone(200)),
    "reporting:dashboard": expect(get=everyone(200)),
    "reporting:dashboard_csv": expect(get=everyone(200)),
    "reporting:dashboard_party": expect(get=everyone(200)),
    "reporting:dashboard_series": expect(get=everyone(200)),
    "reporting:report_request": expect(get=everyone(405), post=staff_only(400)),
    "reporting:report_detail": expect(get=staff_only(200, refused=404, anonymous=404)),
    "reporting:report_table_csv": expect(get=staff_only(200, refused=404, anonymous=404)),
    "reporting:report_download": expect(get=staff_only(200, refused=404, anonymous=404)),
    # GET: the confirmation (what the public will see change); POST: the confirmed step.
    "reporting:report_publish": expect(
        get=staff_only(200, refused=404, gm=403),
        post=staff_only(302, refused=404, gm=403),
        changed={"post": ("secretariat",)},
    ),
    "reporting:report_unpublish": expect(get=everyone(405), post=staff_only(302, refused=404, gm=403)),
    # The report is complete: staff are sent back to it with a message (only a failed one retries).
    "reporting:report_retry": expect(get=everyone(405), post=staff_only(302, refused=404)),
    "reporting:snapshot_list": expect(get=staff_only(200), post=staff_only(400)),
    "reporting:snapshot_detail": expect(get=staff_only(200), post=staff_only(400)),
    "reporting:item_edit": expect(get=staff_only(200), post=staff_only(400)),
    # API: accounts
    "api-token": expect(get=everyone(405), post=everyone(400)),
    # Notifications: each user's own (the one exercised is Kenya's NFP's); others' answer 404.
    "notification-list": expect(get=logged_in(200, anonymous=401)),
    "notification-detail": expect(get=logged_in(404, anonymous=401, nfp_kenya=200)),
    "notification-read": expect(
        get=logged_in(405, anonymous=401),
        post=logged_in(404, anonymous=401, nfp_kenya=200),
        changed={"post": ("nfp_kenya",)},
    ),
    "notification-read-all": expect(
        get=logged_in(405, anonymous=401),
        post=logged_in(200, anonymous=401),
        changed={"post": ("nfp_kenya",)},
    ),
    "notification-preferences": expect(
        get=logged_in(200, anonymous=401),
        put=logged_in(400, anonymous=401),
        patch=logged_in(400, anonymous=401),
    ),
    # API: regions
    "region-list": expect(get=everyone(200)),
    "region-detail": expect(get=everyone(200)),
    "country-list": expect(get=everyone(200)),
    "country-detail": expect(
        get=everyone(200),
        put=writers_only(400, STAFF),
        patch=staff_only(200, anonymous=401),
    ),
    "regional-office-list": expect(
        get=everyone(200),
        post=region_editors(201, anonymous=401),
        changed={"post": ("secretariat", "gm", "coordinator_in")},
    ),
    "regional-office-detail": expect(
        get=everyone(200),
        put=writers_only(400, REGION_WRITERS),
        patch=region_editors(200, anonymous=401),
        changed={"patch": ("secretariat", "gm", "coordinator_in")},
    ),
    "host-institution-list": expect(
        get=logged_in(200, anonymous=401),
        post=staff_only(201, anonymous=401),
        changed={"post": ("secretariat", "gm")},
    ),
    "host-institution-detail": expect(
        get=logged_in(200, anonymous=401),
        put=writers_only(400, STAFF),
        patch=staff_only(200, anonymous=401),
    ),
    "mou-list": expect(
        get=logged_in(200, anonymous=401),
        post=staff_only(201, anonymous=401),
        changed={"post": ("secretariat", "gm")},
    ),
    "mou-detail": expect(
        get=logged_in(200, anonymous=401),
        put=writers_only(400, STAFF),
        patch=staff_only(200, anonymous=401),
        changed={"patch": ("secretariat", "gm")},
    ),
    # Creating a committee outside one's region fails validation (the region has one) before
    # the check of the row as saved (core.services.save_validated): 400, nothing written.
    "regional-committee-list": expect(get=everyone(200), post=writers_only(400, REGION_WRITERS)),
    "regional-committee-detail": expect(
        get=everyone(200),
        put=writers_only(400, REGION_WRITERS),
        patch=region_editors(200, anonymous=401),
    ),
    "regional-committee-add-member": expect(
        get=everyone(405),
        post=region_editors(201, anonymous=401),
        changed={"post": ("secretariat", "gm", "coordinator_in")},
    ),
    "regional-committee-update-member": expect(
        get=everyone(405),
        patch=region_editors(200, anonymous=401),
        changed={"patch": ("secretariat", "gm", "coordinator_in")},
    ),
    "committee-meeting-list": expect(
        get=logged_in(200, anonymous=401),
        post=region_editors(201, anonymous=401),
        changed={"post": ("secretariat", "gm", "coordinator_in")},
    ),
    "committee-meeting-detail": expect(
        get=logged_in(200, anonymous=401),
        put=writers_only(400, REGION_WRITERS),
        patch=region_editors(200, anonymous=401),
    ),
    "committee-report-list": expect(
        get=everyone(200),
        post=region_editors(201, anonymous=401),
        changed={"post": ("secretariat", "gm", "coordinator_in")},
    ),
    "committee-report-detail": expect(
        get=region_editors(200, refused=404, anonymous=404),
        put=writers_only(400, REGION_WRITERS, coordinator_out=404),
        patch=writers_only(200, REGION_WRITERS, coordinator_out=404),
    ),
    "thematic-network-list": expect(
        get=everyone(200),
        post=region_editors(201, anonymous=401),
        changed={"post": ("secretariat", "gm", "coordinator_in")},
    ),
    "thematic-network-detail": expect(
        get=everyone(200),
        put=writers_only(400, REGION_WRITERS),
        patch=region_editors(200, anonymous=401),
    ),
    "focal-point-list": expect(
        get=logged_in(200, anonymous=401),
        post=staff_only(201, anonymous=401),
        changed={"post": ("secretariat", "gm")},
    ),
    "focal-point-detail": expect(
        get=country_readers(200, anonymous=401),
        put=writers_only(400, STAFF),
        patch=writers_only(200, STAFF),
        changed={"patch": ("secretariat", "gm")},
    ),
    "nomination-list": expect(
        get=logged_in(200, anonymous=401),
        post=staff_only(201, anonymous=401, nfp_kenya=201),
        changed={"post": ("secretariat", "gm", "nfp_kenya")},
    ),
    "nomination-detail": expect(
        get=region_editors(200, refused=404, anonymous=401, nfp_kenya=200),
        # Writers: staff and every NFP (an NFP nominates their country's STC).
        put=writers_only(400, NOMINATION_WRITERS, nfp_china=404),
        patch=writers_only(200, NOMINATION_WRITERS, nfp_china=404),
        changed={"patch": ("secretariat", "gm", "nfp_kenya")},
    ),
    "nomination-accept": expect(
        get=logged_in(405, anonymous=401),
        post=row(401, 200, 403, 403, 403, 403, 403, 404, 403),
        changed={"post": ("secretariat",)},
    ),
    "nomination-reject": expect(
        get=logged_in(405, anonymous=401),
        post=row(401, 200, 403, 403, 403, 403, 403, 404, 403),
        changed={"post": ("secretariat",)},
    ),
    "nomination-submit": expect(
        get=logged_in(405, anonymous=401),
        post=row(401, 200, 200, 403, 403, 200, 403, 404, 403),
        changed={"post": ("secretariat", "gm", "nfp_kenya")},
    ),
    "partnership-list": expect(
        get=logged_in(200, anonymous=401),
        post=staff_only(201, anonymous=401),
        changed={"post": ("secretariat", "gm")},
    ),
    "partnership-detail": expect(
        get=logged_in(200, anonymous=401),
        put=writers_only(400, STAFF),
        patch=staff_only(200, anonymous=401),
    ),
    # API: workprogramme
    "framework-list": expect(get=everyone(200)),
    "framework-detail": expect(get=everyone(200)),
    "objective-list": expect(get=everyone(200)),
    "objective-detail": expect(get=everyone(200)),
    "outcome-list": expect(get=everyone(200)),
    "outcome-detail": expect(get=everyone(200)),
    "indicator-list": expect(get=everyone(200)),
    "indicator-detail": expect(get=everyone(200)),
    "biennium-list": expect(get=everyone(200)),
    "biennium-detail": expect(get=everyone(200)),
    "work-programme-list": expect(get=everyone(200)),
    "work-programme-detail": expect(get=everyone(200)),
    "expected-accomplishment-list": expect(get=everyone(200)),
    "expected-accomplishment-detail": expect(get=everyone(200)),
    "performance-indicator-list": expect(get=everyone(200)),
    "performance-indicator-detail": expect(get=everyone(200)),
    "output-list": expect(get=everyone(200)),
    "output-detail": expect(get=everyone(200)),
    "output-status": expect(
        get=everyone(405),
        post=region_editors(200, anonymous=401),
        changed={"post": ("secretariat", "gm", "coordinator_in")},
    ),
    "target-list": expect(
        get=everyone(200),
        post=region_editors(201, anonymous=401),
        changed={"post": ("secretariat", "gm", "coordinator_in")},
    ),
    "target-detail": expect(
        get=everyone(200),
        delete=region_editors(204, anonymous=401),
        changed={"delete": ("secretariat", "gm", "coordinator_in")},
    ),
    "default-dataset-list": expect(get=everyone(200), post=writers_only(400, ("secretariat",))),
    "regional-function-list": expect(get=everyone(200)),
    "regional-function-detail": expect(get=everyone(200)),
    "reporting-cycle-list": expect(get=everyone(200), post=staff_only(400, anonymous=401)),
    "reporting-cycle-detail": expect(
        get=everyone(200),
        put=staff_only(400, anonymous=401),
        patch=staff_only(200, anonymous=401),
        changed={"patch": ("secretariat", "gm")},
    ),
    "reporting-cycle-close": expect(
        get=everyone(405), post=staff_only(200, anonymous=401), changed={"post": ("secretariat", "gm")}
    ),
    "reporting-cycle-import-values": expect(get=everyone(405), post=staff_only(400, anonymous=401)),
    "reporting-cycle-open": expect(get=everyone(405), post=staff_only(409, anonymous=401)),
    "submission-list": expect(
        get=logged_in(200, anonymous=401),
        post=country_readers(201, hidden=403, anonymous=401, coordinator_in=403),
        changed={"post": ("secretariat", "gm", "nfp_kenya", "stc_kenya")},
    ),
    "submission-detail": expect(get=country_readers(200, anonymous=401)),
    "submission-evidence": expect(
        get=logged_in(405, anonymous=401),
        post=country_readers(400, anonymous=401, coordinator_in=403, coordinator_out=403, api_reader=403),
    ),
    "submission-import-spreadsheet": expect(
        get=logged_in(405, anonymous=401),
        post=country_readers(400, anonymous=401, coordinator_in=403, coordinator_out=403, api_reader=403),
    ),
    "submission-resubmit": expect(
        get=logged_in(405, anonymous=401), post=row(401, 403, 403, 403, 403, 409, 403, 404, 403)
    ),
    "submission-return": expect(
        get=logged_in(405, anonymous=401), post=row(401, 409, 409, 403, 403, 403, 403, 404, 403)
    ),
    "submission-submit": expect(
        get=logged_in(405, anonymous=401), post=row(401, 403, 403, 403, 403, 400, 403, 404, 403)
    ),
    "submission-template": expect(get=country_readers(200, anonymous=401)),
    "submission-validate": expect(
        get=logged_in(405, anonymous=401), post=row(401, 409, 409, 403, 403, 403, 403, 404, 403)
    ),
    "submission-values": expect(
        get=logged_in(405, anonymous=401),
        post=row(401, 403, 403, 403, 403, 200, 200, 404, 403),
        changed={"post": ("nfp_kenya", "stc_kenya")},
    ),
    "result-list": expect(get=logged_in(200, anonymous=401)),
    "capacity-building-activity-list": expect(get=everyone(200), post=staff_only(400, anonymous=401)),
    "capacity-building-activity-detail": expect(
        get=everyone(200),
        put=staff_only(400, anonymous=401),
        patch=staff_only(200, anonymous=401),
        changed={"patch": ("secretariat", "gm")},
    ),
    # API: reporting
    "report-list": expect(get=everyone(200), post=staff_only(400, anonymous=401)),
    "report-detail": expect(get=staff_only(200, refused=404, anonymous=404)),
    "report-download": expect(get=staff_only(200, refused=404, anonymous=404)),
    "report-publish": expect(
        get=everyone(405), post=staff_only(200, anonymous=401, gm=403), changed={"post": ("secretariat",)}
    ),
    "report-table": expect(get=staff_only(200, refused=404, anonymous=404)),
    "report-tables": expect(get=staff_only(200, refused=404, anonymous=404)),
    "report-unpublish": expect(get=everyone(405), post=staff_only(409, anonymous=401, gm=403)),
    "report-retry": expect(get=everyone(405), post=staff_only(409, anonymous=401)),
    # Observations: validated data, public; background exports: any signed-in user asks, each sees
    # their own (Kenya's NFP asked for this one), staff all.
    "observation-list": expect(get=everyone(200)),
    "dashboard-series": expect(get=everyone(200)),
    "observation-export-list": expect(
        get=logged_in(200, anonymous=401),
        post=logged_in(202, anonymous=401),
        changed={
            "post": (
                "secretariat",
                "gm",
                "coordinator_in",
                "coordinator_out",
                "nfp_kenya",
                "stc_kenya",
                "nfp_china",
                "api_reader",
            )
        },
    ),
    "observation-export-detail": expect(get=staff_only(200, refused=404, anonymous=401, nfp_kenya=200)),
    "observation-export-download": expect(get=staff_only(200, refused=404, anonymous=401, nfp_kenya=200)),
    "finance-snapshot-list": expect(get=logged_in(200, anonymous=401)),
    "finance-snapshot-import-file": expect(
        get=logged_in(405, anonymous=401), post=staff_only(400, anonymous=401)
    ),
    "finance-snapshot-detail": expect(get=staff_only(200, refused=404, anonymous=401)),
    "post-snapshot-list": expect(get=logged_in(200, anonymous=401)),
    "post-snapshot-import-file": expect(
        get=logged_in(405, anonymous=401), post=staff_only(400, anonymous=401)
    ),
    "post-snapshot-detail": expect(get=staff_only(200, refused=404, anonymous=401)),
    # API: sign-in. Each user lists and revokes their own tokens (Kenya's NFP holds the one
    # exercised); the secretariat manages API clients, the GM only reads them.
    "api-own-tokens": expect(
        get=logged_in(200, anonymous=401),
        delete=logged_in(204, anonymous=401),
        changed={"delete": ("nfp_kenya",)},
    ),
    "api-own-token": expect(
        get=logged_in(404, anonymous=401, nfp_kenya=200),
        delete=logged_in(404, anonymous=401, nfp_kenya=204),
        changed={"delete": ("nfp_kenya",)},
    ),
    "api-client-list": expect(
        get=staff_only(200, anonymous=401),
        post=staff_only(201, anonymous=401, gm=403),
        changed={"post": ("secretariat",)},
    ),
    "api-client-detail": expect(get=staff_only(200, anonymous=401)),
    "api-client-revoke": expect(
        get=staff_only(405, anonymous=401),
        post=staff_only(200, anonymous=401, gm=403),
        changed={"post": ("secretariat",)},
    ),
    "api-client-rotate": expect(
        get=staff_only(405, anonymous=401),
        post=staff_only(200, anonymous=401, gm=403),
        changed={"post": ("secretariat",)},
    ),
    # The log of focal points' handovers names the predecessor: read like a focal point.
    "focal-point-handover-list": expect(get=logged_in(200, anonymous=401)),
    "focal-point-handover-detail": expect(get=country_readers(200, anonymous=401)),
}

# Text planted in private records -> who may read it. No response to anybody else, whatever its
# status, may contain it: not a refused page, not a list, not a form's choices.
STAFF_AND_COORDINATOR = {*STAFF, "coordinator_in", "coordinator_out"}  # the coordinator of Africa
PRIVATE_TEXT = {
    # Kenya's focal points and nominations are personal data; STCs do not see nominations.
    support.KENYA_FOCAL_POINT: {*STAFF_AND_COORDINATOR, "nfp_kenya", "stc_kenya"},
    support.KENYA_NOMINEE: {*STAFF_AND_COORDINATOR, "nfp_kenya"},
    # Kenya's report until it is validated.
    support.KENYA_DRAFT_NARRATIVE: {*STAFF_AND_COORDINATOR, "nfp_kenya", "stc_kenya"},
    support.KENYA_EVIDENCE: {*STAFF_AND_COORDINATOR, "nfp_kenya", "stc_kenya"},
    # A committee's draft annual report: those who may edit it.
    support.AFRICA_DRAFT_COMMITTEE_REPORT: STAFF_AND_COORDINATOR,
    # China's, outside the coordinator's region.
    support.CHINA_FOCAL_POINT: {*STAFF, "nfp_china"},
    support.CHINA_NOMINEE: {*STAFF, "nfp_china"},
    # A report version before it is published.
    support.UNPUBLISHED_REPORT: set(STAFF),
}

# (route, principal) -> why the recorded behaviour is a security bug. Each such case runs as
# xfail(strict=True): it fails CI once fixed, so that the fix also updates the table above.
# None was found when main was recorded for issue 9.
KNOWN_PROBLEMS: dict[tuple[str, str], str] = {}

# --- on which record each route is exercised ------------------------------------------------------
# route name -> (key of the record in support.build_world, URL parameters not read off it: a
# value, or a function of the record). The record is the Kenya/Africa copy for every principal
# but `coordinator_out`, who gets the China/Asia copy. `pk`, `code` and `iso3` are read off the
# record, `version` is v1. A write's record is also compared field by field before and after.

TARGETS = {
    # routes without a parameter, whose writes may change this record
    "workprogramme:target_create": ("target", {}),
    "target-list": ("target", {}),
    # accounts
    "accounts:password_reset_confirm": ("nfp", {"uidb64": support.password_reset_uid, "token": "bad-token"}),
    "accounts:api_client_rotate": ("api_client", {}),
    "accounts:api_client_revoke": ("api_client", {}),
    "mfa_edit_webauthn": ("security_key", {}),
    "mfa_remove_webauthn": ("security_key", {}),
    "openid_connect_login": (None, {"provider_id": "staff"}),
    "openid_connect_callback": (None, {"provider_id": "staff"}),
    "notification-detail": ("notification", {}),
    "notification-read": ("notification", {}),
    "notification-read-all": ("notification", {}),
    # regions pages
    "regions:country_detail": ("country", {}),
    "regions:country_edit": ("country", {}),
    "regions:host_institution_detail": ("host_institution", {}),
    "regions:host_institution_edit": ("host_institution", {}),
    "regions:office_detail": ("office", {}),
    "regions:office_edit": ("office", {}),
    "regions:mou_detail": ("mou", {}),
    "regions:mou_edit": ("mou", {}),
    "regions:committee_detail": ("committee", {}),
    "regions:committee_edit": ("committee", {}),
    "regions:membership_detail": ("membership", {}),
    "regions:membership_edit": ("membership", {}),
    "regions:meeting_detail": ("meeting", {}),
    "regions:meeting_edit": ("meeting", {}),
    "regions:report_detail": ("committee_report", {}),
    "regions:report_edit": ("committee_report", {}),
    "regions:network_detail": ("network", {}),
    "regions:network_edit": ("network", {}),
    "regions:focal_point_detail": ("focal_point", {}),
    "regions:focal_point_edit": ("focal_point", {}),
    "regions:nomination_detail": ("nomination", {}),
    "regions:nomination_edit": ("nomination", {}),
    "regions:nomination_submit": ("nomination", {}),
    "regions:nomination_accept": ("submitted_nomination", {}),
    "regions:nomination_reject": ("submitted_nomination", {}),
    "regions:partnership_detail": ("partnership", {}),
    "regions:partnership_edit": ("partnership", {}),
    "regions:document": ("nomination", {"kind": "nomination-letter"}),
    # workprogramme pages
    "workprogramme:framework_detail": ("framework", {}),
    "workprogramme:objective_detail": (
        "objective",
        {"code": lambda objective: objective.framework.code, "objective": lambda objective: objective.code},
    ),
    "workprogramme:indicator_detail": ("indicator", {}),
    "workprogramme:regional_functions": ("region", {"region": lambda region: region.code}),
    "workprogramme:biennium_detail": ("biennium", {}),
    "workprogramme:work_programme_detail": ("work_programme", {}),
    "workprogramme:target_edit": ("target", {}),
    "workprogramme:output_status": ("output", {}),
    "workprogramme:cycle_detail": ("cycle", {}),
    "workprogramme:cycle_edit": ("cycle", {}),
    "workprogramme:cycle_open": ("cycle", {}),
    "workprogramme:cycle_close": ("cycle", {}),
    "workprogramme:submission_start": ("fresh_cycle", {}),
    "workprogramme:cycle_import": ("cycle", {}),
    "workprogramme:submission_detail": ("submission", {}),
    "workprogramme:submission_edit": ("submission", {}),
    "workprogramme:submission_hand_in": ("submission", {}),
    "workprogramme:submission_review": ("submission", {}),
    "workprogramme:submission_template": ("submission", {}),
    "workprogramme:submission_upload": ("submission", {}),
    "workprogramme:submission_evidence": ("submission", {}),
    "workprogramme:submission_evidence_file": (
        "evidence",
        {"pk": lambda evidence: evidence.submission_id, "evidence_id": lambda evidence: evidence.pk},
    ),
    "workprogramme:country_results": ("country", {}),
    "workprogramme:capacity_detail": ("capacity_activity", {}),
    "workprogramme:capacity_edit": ("capacity_activity", {}),
    # reporting pages
    "reporting:dashboard_csv": (None, {"dataset": "parties"}),
    "dashboard-series": (None, {"code": "land-cover"}),
    "reporting:dashboard_party": ("country", {}),
    "reporting:report_detail": ("report", {}),
    "reporting:report_table_csv": ("report", {"number": 1}),
    "reporting:report_download": ("report", {"extension": "xlsx"}),
    "reporting:report_publish": ("report", {}),
    "reporting:report_unpublish": ("report", {}),
    "reporting:report_retry": ("report", {}),
    "reporting:snapshot_list": (None, {"kind": "finance"}),
    "reporting:snapshot_detail": ("finance_snapshot", {"kind": "finance"}),
    "reporting:item_edit": ("budget_line", {"kind": "finance"}),
    # API: regions
    "region-detail": ("region", {}),
    "country-detail": ("country", {}),
    "regional-office-detail": ("office", {}),
    "host-institution-detail": ("host_institution", {}),
    "mou-detail": ("mou", {}),
    "regional-committee-detail": ("committee", {}),
    "regional-committee-add-member": ("committee", {}),
    "regional-committee-update-member": (
        "membership",
        {"pk": lambda membership: membership.committee_id, "membership_id": lambda membership: membership.pk},
    ),
    "committee-meeting-detail": ("meeting", {}),
    "committee-report-detail": ("committee_report", {}),
    "thematic-network-detail": ("network", {}),
    "focal-point-detail": ("focal_point", {}),
    "focal-point-handover-detail": ("handover", {}),
    # API: accounts
    "api-own-token": ("own_token", {}),
    "api-client-detail": ("api_client", {}),
    "api-client-revoke": ("api_client", {}),
    "api-client-rotate": ("api_client", {}),
    "nomination-detail": ("nomination", {}),
    "nomination-submit": ("nomination", {}),
    "nomination-accept": ("submitted_nomination", {}),
    "nomination-reject": ("submitted_nomination", {}),
    "partnership-detail": ("partnership", {}),
    # API: workprogramme
    "framework-detail": ("framework", {}),
    "objective-detail": ("objective", {}),
    "outcome-detail": ("outcome", {}),
    "indicator-detail": ("indicator", {}),
    "biennium-detail": ("biennium", {}),
    "work-programme-detail": ("work_programme", {}),
    "expected-accomplishment-detail": ("expected_accomplishment", {}),
    "performance-indicator-detail": ("performance_indicator", {}),
    "output-detail": ("output", {}),
    "output-status": ("output", {}),
    "target-detail": ("target", {}),
    "regional-function-detail": ("regional_function", {}),
    "reporting-cycle-detail": ("cycle", {}),
    "reporting-cycle-open": ("cycle", {}),
    "reporting-cycle-close": ("cycle", {}),
    "reporting-cycle-import-values": ("cycle", {}),
    "submission-detail": ("submission", {}),
    "submission-values": ("submission", {}),
    "submission-submit": ("submission", {}),
    "submission-return": ("submission", {}),
    "submission-resubmit": ("submission", {}),
    "submission-validate": ("submission", {}),
    "submission-template": ("submission", {}),
    "submission-import-spreadsheet": ("submission", {}),
    "submission-evidence": ("submission", {}),
    "capacity-building-activity-detail": ("capacity_activity", {}),
    # API: reporting
    "report-detail": ("report", {}),
    "report-tables": ("report", {}),
    "report-table": ("report", {"number": 1}),
    "report-download": ("report", {"extension": "xlsx"}),
    "report-publish": ("report", {}),
    "report-unpublish": ("report", {}),
    "report-retry": ("report", {}),
    "observation-export-detail": ("observation_export", {}),
    "observation-export-download": ("observation_export", {}),
    "finance-snapshot-detail": ("finance_snapshot", {}),
    "post-snapshot-detail": ("post_snapshot", {}),
}

# --- what the writes send ---------------------------------------------------------------------
# By default a write sends an empty body: an empty form to a page, `{}` as JSON to the API.
# Where an empty body would be refused by validation before the authorisation is even asked
# (a create, a workflow step with a required field), the route gets a minimal valid body,
# built for the principal's side, so that its status says who may do it. A coordinator acting
# outside the region sends the Asia/China values.
JSON, MULTIPART, FORM = "json", "multipart", "form"


def _side(world, principal, key):
    return world.target(key, principal)


def _api_nomination(world, principal):
    return {
        "country": _side(world, principal, "country").iso3,
        "role": "stc",
        "first_name": "Matrix",
        "last_name": "Nominee",
        "email": "matrix.nominee@example.org",
        "nomination_letter": support.pdf("letter.pdf"),
        "cv": support.pdf("cv.pdf"),
    }, MULTIPART


BODIES = {
    # API: a real change (an empty PATCH changes nothing and writes no history)
    "regional-committee-update-member": lambda w, p: ({"representative": "Matrix representative"}, JSON),
    "regional-office-detail": lambda w, p: ({"city": "Matrix city"}, JSON),
    "mou-detail": lambda w, p: ({"title": "Matrix memorandum"}, JSON),
    "focal-point-detail": lambda w, p: ({"position": "Matrix position"}, JSON),
    "nomination-detail": lambda w, p: ({"position": "Matrix position"}, JSON),
    "capacity-building-activity-detail": lambda w, p: ({"title": "Matrix activity"}, JSON),
    # pages: region-scoped creates
    "regions:office_create": lambda w, p: {
        "region": _side(w, p, "region").pk,
        "name": "Matrix office",
        "status": "operating",
        "city": "Nairobi",
        "reporting_line": "Deputy Executive Secretary",
    },
    "regions:committee_create": lambda w, p: {"region": _side(w, p, "region").pk, "name": "Matrix committee"},
    "regions:membership_create": lambda w, p: {
        "committee": _side(w, p, "committee").pk,
        "country": _side(w, p, "other_country").pk,
        "role": "member",
        "start_date": "2024-01-01",
    },
    "regions:meeting_create": lambda w, p: {
        "committee": _side(w, p, "committee").pk,
        "title": "Matrix meeting",
        "date": "2025-05-05",
        "place": "online",
    },
    "regions:report_create": lambda w, p: {
        "committee": _side(w, p, "committee").pk,
        "year": 2026,
        "status": "draft",
        "text": "Matrix report",
    },
    "regions:network_create": lambda w, p: {
        "region": _side(w, p, "region").pk,
        "code": "TPN-MATRIX",
        "theme": "Matrix theme",
        "status": "active",
    },
    "workprogramme:target_create": lambda w, p: {
        "indicator": _side(w, p, "indicator").pk,
        "biennium": _side(w, p, "biennium").pk,
        "level": "regional",
        "region": _side(w, p, "region").pk,
        "value": "7",
    },
    # API: creates
    "regional-office-list": lambda w, p: (
        {"region": _side(w, p, "region").code, "name": "Matrix office", "status": "operating"},
        JSON,
    ),
    "host-institution-list": lambda w, p: (
        {"name": "Matrix host", "kind": "development_bank", "country": _side(w, p, "country").iso3},
        JSON,
    ),
    "mou-list": lambda w, p: (
        {
            "title": "Matrix memorandum",
            "office": _side(w, p, "office").pk,
            "host_institution": _side(w, p, "host_institution").pk,
            "signed_on": "2024-01-01",
            "valid_from": "2024-01-01",
            "valid_to": "2030-12-31",
            "status": "in_force",
        },
        JSON,
    ),
    "regional-committee-list": lambda w, p: (
        {"region": _side(w, p, "region").code, "name": "Matrix committee"},
        JSON,
    ),
    "regional-committee-add-member": lambda w, p: (
        {"country": _side(w, p, "other_country").iso3, "start_date": "2024-01-01", "role": "member"},
        JSON,
    ),
    "committee-meeting-list": lambda w, p: (
        {
            "committee": _side(w, p, "committee").pk,
            "title": "Matrix meeting",
            "date": "2025-05-05",
            "place": "online",
        },
        JSON,
    ),
    "committee-report-list": lambda w, p: (
        {"committee": _side(w, p, "committee").pk, "year": 2026, "status": "draft", "text": "Matrix"},
        JSON,
    ),
    "thematic-network-list": lambda w, p: (
        {"region": _side(w, p, "region").code, "code": "TPN-MATRIX", "theme": "Matrix theme"},
        JSON,
    ),
    "focal-point-list": lambda w, p: (
        {
            "country": _side(w, p, "country").iso3,
            "role": "stc",
            "first_name": "Matrix",
            "last_name": "Person",
            "email": "matrix.person@example.org",
            "start_date": "2024-01-01",
        },
        JSON,
    ),
    "nomination-list": _api_nomination,
    "partnership-list": lambda w, p: (
        {"partner": "Matrix partner", "kind": "informal", "scope": "capacity_building"},
        JSON,
    ),
    "submission-list": lambda w, p: (
        {"cycle": _side(w, p, "fresh_cycle").code, "country": _side(w, p, "country").iso3},
        JSON,
    ),
    "target-list": lambda w, p: (
        {
            "indicator": _side(w, p, "indicator").pk,
            "biennium": _side(w, p, "biennium").code,
            "level": "regional",
            "region": _side(w, p, "region").code,
            "value": "7",
        },
        JSON,
    ),
    # sign-in: a personal token, an API client
    "accounts:tokens": lambda w, p: {"name": "Matrix script", "days": "7"},
    "accounts:api_client_list": lambda w, p: {"name": "Matrix reader", "scope": "published", "days": "30"},
    "api-client-list": lambda w, p: ({"name": "Matrix reader", "scope": "published", "days": 30}, JSON),
    # API: workflow steps with a required field
    "nomination-reject": lambda w, p: ({"reason": "Not eligible."}, JSON),
    "output-status": lambda w, p: ({"status": "on_track"}, JSON),
    "regions:nomination_reject": lambda w, p: {"reason": "Not eligible."},
    "regions:nomination_accept": lambda w, p: {"start_date": "2025-01-01"},
    "workprogramme:output_status": lambda w, p: {"status": "on_track"},
    "workprogramme:submission_hand_in": lambda w, p: {"version": _side(w, p, "submission").version},
    "submission-values": lambda w, p: (
        {"version": _side(w, p, "submission").version, "values": []},
        JSON,
    ),
    # API: uploads are multipart only
    "reporting-cycle-import-values": lambda w, p: ({}, MULTIPART),
    "default-dataset-list": lambda w, p: ({}, MULTIPART),
    "submission-import-spreadsheet": lambda w, p: ({}, MULTIPART),
    "submission-evidence": lambda w, p: ({}, MULTIPART),
    "finance-snapshot-import-file": lambda w, p: ({}, MULTIPART),
    "post-snapshot-import-file": lambda w, p: ({}, MULTIPART),
}


def write_body(world, route, principal):
    """The body and its format of a write to `route` by `principal`."""
    make = BODIES.get(route.name)
    made = make(world, principal) if make else {}
    data, format_ = made if isinstance(made, tuple) else (made, JSON if route.is_api else FORM)
    return data, format_


def url_kwargs(world, route, principal) -> dict:
    """The route's URL parameters: read off its record (`pk`, `code`, `iso3`) unless TARGETS says."""
    key, extras = TARGETS.get(route.name, (None, {}))
    record = world.target(key, principal) if key else None
    kwargs = {}
    for name in route.parameters:
        if name in extras:
            value = extras[name]
            kwargs[name] = value(record) if callable(value) else value
        elif name == "version":
            kwargs[name] = "v1"
        else:
            kwargs[name] = getattr(record, name)
    return kwargs


# --- the data, once per module ---------------------------------------------------------------


@functools.cache
def routes() -> dict:
    found, problems = support.collect_routes(SKIPPED_PREFIXES)
    assert not problems, problems
    return found


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """The users and records, built once for the module's few thousand requests, in a transaction
    rolled back at the module's end; each test runs in a savepoint on top (pytest-django's),
    and each of its requests in one more, rolled back after it."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield support.build_world()
        transaction.set_rollback(True)


# Settings a route's requests run under. /healthz answers from the infrastructure (with a broker
# and no worker it waits for a ping and answers 503), not from the user: as in test_health.py,
# it runs in eager mode so that its row does not depend on where the suite runs.
# The single sign-on routes answer only when a provider is configured: one that is never
# reached (no request of the matrix completes a sign-in; tests/accounts/test_sso.py does).
SSO_CONFIGURED = {
    "SOCIALACCOUNT_PROVIDERS": {
        "openid_connect": {
            "OAUTH_PKCE_ENABLED": True,
            "APPS": [
                {
                    "provider_id": "staff",
                    "name": "UN staff sign-in",
                    "client_id": "matrix",
                    "secret": "matrix",
                    "settings": {"server_url": "http://127.0.0.1:9"},
                }
            ],
        }
    }
}
REQUEST_SETTINGS = {
    "healthz": {"CELERY_TASK_ALWAYS_EAGER": True},
    "openid_connect_login": SSO_CONFIGURED,
    "openid_connect_callback": SSO_CONFIGURED,
}


def exercise(world, route, method: str, principal: str):
    """Send the request; its URL, outcome, body, and what it changed (writes only)."""
    with override_settings(**REQUEST_SETTINGS.get(route.name, {})):
        return _exercise(world, route, method, principal)


def _exercise(world, route, method: str, principal: str):
    user = world.user(principal)
    client = support.client_for(world, route, principal)
    url = support.url_of(route, url_kwargs(world, route, principal))
    if method == "get":
        response = client.get(url)
        return url, support.outcome(response), support.body_text(response), []
    key = TARGETS.get(route.name, (None, {}))[0]
    record = world.target(key, principal) if key else None
    before = support.snapshot(record, user)
    data, format_ = write_body(world, route, principal)
    send = getattr(client, method)
    response = send(url, data, format=format_) if route.is_api else send(url, data)
    status, text = support.outcome(response), support.body_text(response)
    return url, status, text, support.differences(before, support.snapshot(record, user))


# --- the matrix, one test per route and principal -------------------------------------------------


def _cases():
    for route_name in EXPECTATIONS:
        for principal in PRINCIPALS:
            reason = KNOWN_PROBLEMS.get((route_name, principal))
            marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
            yield pytest.param(route_name, principal, id=f"{route_name}-{principal}", marks=marks)


@pytest.mark.django_db
@pytest.mark.parametrize(("route_name", "principal"), list(_cases()))
def test_authorisation(world, route_name, principal):
    route = routes().get(route_name)
    assert route is not None, f"{route_name} is no route of the URLconf"
    expected = EXPECTATIONS[route_name]
    failures = []
    for method, statuses in expected.statuses.items():
        with transaction.atomic():
            url, status, text, changes = exercise(world, route, method, principal)
            transaction.set_rollback(True)
        request = f"{method.upper()} {url} as {principal}"
        if status != statuses[principal]:
            failures.append(f"{request}: status {status}, expected {statuses[principal]}")
        leaked = support.leaked(text, principal, PRIVATE_TEXT)
        if leaked:
            failures.append(f"{request}: the response shows private data: {leaked}")
        if method != "get":
            expected_change = principal in expected.changed.get(method, ())
            if expected_change and not changes:
                failures.append(f"{request}: changed nothing, expected a change")
            if not expected_change and changes:
                failures.append(f"{request} ({status}) changed data:\n  " + "\n  ".join(changes))
    assert not failures, "\n".join(failures)


# --- the table against the URLconf ----------------------------------------------------------------


def test_every_route_has_an_expectation_and_every_expectation_a_route():
    missing = sorted(set(routes()) - set(EXPECTATIONS))
    stale = sorted(set(EXPECTATIONS) - set(routes()))
    assert not missing, f"routes without an expectation (add them to EXPECTATIONS): {missing}"
    assert not stale, f"expectations of routes that no longer exist: {stale}"


def test_expectations_cover_exactly_the_methods_each_route_answers():
    wrong = {
        name: (sorted(set(expected.statuses) - {"get"}), sorted(routes()[name].write_methods))
        for name, expected in EXPECTATIONS.items()
        if name in routes() and set(expected.statuses) - {"get"} != routes()[name].write_methods
    }
    assert not wrong, f"route: (methods in the table, write methods of the view): {wrong}"


def test_the_table_is_well_formed():
    for name, expected in EXPECTATIONS.items():
        assert "get" in expected.statuses, name
        for method, statuses in expected.statuses.items():
            assert set(statuses) == set(PRINCIPALS), (name, method)
            assert all(isinstance(status, int) or status == LOGIN for status in statuses.values()), name
        for method, principals in expected.changed.items():
            assert method in expected.statuses and method != "get", (name, method)
            refused = {p for p in principals if expected.statuses[method][p] in UNCHANGED}
            assert not refused, f"{name} {method}: a refused request cannot change data: {refused}"
    for table in (TARGETS, BODIES, REQUEST_SETTINGS):
        assert not set(table) - set(EXPECTATIONS), sorted(set(table) - set(EXPECTATIONS))
    assert not set(KNOWN_PROBLEMS) - {(n, p) for n in EXPECTATIONS for p in PRINCIPALS}


def test_every_url_parameter_has_a_value():
    unresolved = {}
    for name, route in routes().items():
        key, extras = TARGETS.get(name, (None, {}))
        missing = [p for p in route.parameters if p != "version" and p not in extras and key is None]
        if missing:
            unresolved[name] = missing
    assert not unresolved, f"add these routes to TARGETS (the record to exercise them on): {unresolved}"


# Where each private text is legitimately shown: proof that the leak check can see it.
PRIVATE_TEXT_SHOWN = {
    support.KENYA_FOCAL_POINT: ("regions:focal_point_detail", "stc_kenya"),
    support.KENYA_NOMINEE: ("regions:nomination_detail", "nfp_kenya"),
    support.KENYA_DRAFT_NARRATIVE: ("submission-detail", "coordinator_in"),
    support.KENYA_EVIDENCE: ("workprogramme:submission_detail", "nfp_kenya"),
    support.AFRICA_DRAFT_COMMITTEE_REPORT: ("regions:report_detail", "coordinator_in"),
    support.CHINA_FOCAL_POINT: ("regions:focal_point_list", "nfp_china"),
    support.CHINA_NOMINEE: ("regions:nomination_list", "nfp_china"),
    support.UNPUBLISHED_REPORT: ("report-tables", "gm"),
}


@pytest.mark.django_db
@pytest.mark.parametrize("private", list(PRIVATE_TEXT))
def test_each_private_text_is_shown_to_a_reader(world, private):
    route_name, principal = PRIVATE_TEXT_SHOWN[private]
    assert principal in PRIVATE_TEXT[private]
    with transaction.atomic():
        _, status, text, _ = exercise(world, routes()[route_name], "get", principal)
        transaction.set_rollback(True)
    assert status == 200 and private in text
