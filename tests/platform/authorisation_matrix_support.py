"""Machinery of the authorisation matrix (test_authorisation_matrix.py): the principals, the
URLconf walk, the data the requests run against, and what a request changed or leaked.

The expectations themselves live in the test module; nothing here decides who may do what.
"""

import contextlib
import datetime
import functools
import inspect
from dataclasses import dataclass, field

from django.apps import apps
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from rest_framework.test import APIClient

from accounts.services import api_client_create, token_create
from core.roles import Role
from tests import factories

# --- principals -------------------------------------------------------------------------------

# The columns of the matrix, in the order of the `row(...)` helper of the test module.
PRINCIPALS = (
    "anonymous",
    "secretariat",
    "gm",
    "coordinator_in",  # the regional coordinator of Africa (Annex I), on an Africa/Kenya object
    "coordinator_out",  # the same coordinator, on the matching China/Asia object
    "nfp_kenya",
    "stc_kenya",
    "nfp_china",  # another country's NFP, on Kenya's object
    "api_reader",
)
# Who acts on the object outside the region; everybody else acts on the Kenya/Africa one.
OUTSIDE_PRINCIPALS = frozenset({"coordinator_out"})
# Which user each principal logs in as (both coordinator columns are one person).
USER_OF = {
    "anonymous": None,
    "secretariat": "secretariat",
    "gm": "gm",
    "coordinator_in": "coordinator",
    "coordinator_out": "coordinator",
    "nfp_kenya": "nfp_kenya",
    "stc_kenya": "stc_kenya",
    "nfp_china": "nfp_china",
    "api_reader": "api_reader",
}

# `302` to the login page: a page's way of refusing an anonymous visitor.
LOGIN = "login"
# Statuses that refuse the request: it must neither change anything nor show private data.
REFUSED = frozenset({LOGIN, 401, 403, 404, 405, 409})
# A write answered with one of these must not have changed anything either.
UNCHANGED = REFUSED | {400, 415}

# --- the URLconf ------------------------------------------------------------------------------

# The API's routes: requests go through DRF's APIClient (JSON bodies, force_authenticate).
API_PREFIX = "api/<version>/"


@dataclass
class Route:
    """One named route: its readable pattern, URL parameters and, for viewsets, the write methods."""

    name: str
    pattern: str
    parameters: tuple[str, ...]
    view: object
    write_methods: frozenset[str]

    @property
    def is_api(self) -> bool:
        return self.pattern.startswith(API_PREFIX)


def _readable(pattern) -> str:
    text = str(pattern)
    return text.removeprefix("^").removesuffix("$")


def _parameters(pattern) -> list[str]:
    regex = getattr(pattern, "regex", None)
    converters = getattr(pattern, "converters", None)
    if converters:
        return list(converters)
    return list(regex.groupindex) if regex is not None else []


def _view_source(callback) -> str:
    """The source of a function view and of the functions its decorators wrap."""
    texts, seen, todo = [], set(), [callback]
    while todo:
        function = todo.pop()
        if id(function) in seen or not callable(function):
            continue
        seen.add(id(function))
        with contextlib.suppress(OSError, TypeError):  # builtins and C functions have no source
            texts.append(inspect.getsource(function))
        todo.append(getattr(function, "__wrapped__", None))
        todo.extend(cell.cell_contents for cell in getattr(function, "__closure__", None) or ())
    return "\n".join(texts)


def _write_methods(callback) -> frozenset[str]:
    """The write methods a route answers, read off its view.

    A viewset route: the router's method map. A class-based view: the write handlers it
    defines (Django's form views answer PUT as POST; only POST is sent to them). A function
    view: POST when its source (or a decorator's) mentions POST.
    """
    actions = getattr(callback, "actions", None)
    if actions is not None:
        answered = set(getattr(callback.cls, "http_method_names", ()))
        return frozenset(
            method for method in actions if method in {"post", "put", "patch", "delete"} & answered
        )
    view_class = getattr(callback, "view_class", None) or getattr(callback, "cls", None)
    if view_class is not None:
        allowed = set(getattr(view_class, "http_method_names", ())) & {"post", "delete"}
        return frozenset(method for method in allowed if hasattr(view_class, method))
    return frozenset({"post"}) if "POST" in _view_source(callback) else frozenset()


def _walk(resolver, prefix="", namespace=None, parameters=()):
    for entry in resolver.url_patterns:
        pattern = prefix + _readable(entry.pattern)
        found = (*parameters, *_parameters(entry.pattern))
        if isinstance(entry, URLResolver):
            inner = namespace
            if entry.namespace:
                inner = f"{namespace}:{entry.namespace}" if namespace else entry.namespace
            yield from _walk(entry, pattern, inner, found)
        elif isinstance(entry, URLPattern):
            name = entry.name and (f"{namespace}:{entry.name}" if namespace else entry.name)
            yield name, pattern, found, entry.callback


def collect_routes(skipped_prefixes: tuple[str, ...]) -> tuple[dict[str, Route], list[str]]:
    """Every named route of the URLconf outside `skipped_prefixes`, and the problems found on the way.

    A DRF router adds a `.<format>` variant under the same name as each route; it is the same
    view and is folded into its route. Any other route without a name, or sharing one, is a problem.
    """
    routes: dict[str, Route] = {}
    problems: list[str] = []
    for name, pattern, parameters, callback in _walk(get_resolver()):
        if pattern.startswith(skipped_prefixes):
            continue
        if "format" in parameters:
            if name not in routes:
                problems.append(f"format-suffix route without its base route: {pattern}")
            continue
        if not name:
            problems.append(f"route without a name (give it one, then an expectation): {pattern}")
            continue
        if name in routes:
            problems.append(f"two routes named {name}: {routes[name].pattern} and {pattern}")
            continue
        routes[name] = Route(name, pattern, tuple(parameters), callback, _write_methods(callback))
    return routes, problems


# --- the data the requests run against -------------------------------------------------------

# Text planted in private records; the test module says who may read each (PRIVATE_TEXT) and
# asserts that no response to anybody else contains it.
KENYA_FOCAL_POINT = "Wanjiru-KEN-FP-4817"  # last name of Kenya's STC
KENYA_NOMINEE = "Otieno-KEN-NOM-2290"  # last name of Kenya's STC nominees
KENYA_DRAFT_NARRATIVE = "KEN-DRAFT-NARRATIVE-6603"  # a value's narrative in Kenya's draft report
KENYA_EVIDENCE = "KEN-EVIDENCE-TITLE-3158"  # title of a file attached to Kenya's draft
AFRICA_DRAFT_COMMITTEE_REPORT = "AFR-DRAFT-COMMITTEE-REPORT-9021"  # text of Africa's draft report
CHINA_FOCAL_POINT = "Li-CHN-FP-5531"
CHINA_NOMINEE = "Wang-CHN-NOM-7710"
UNPUBLISHED_REPORT = "UNPUBLISHED-REPORT-TABLE-8842"  # a table title of an unpublished version


@dataclass
class World:
    """Users by name, and each kind of object in two copies: inside (Kenya/Africa) and outside
    (China/Asia) the coordinator's region."""

    users: dict = field(default_factory=dict)
    objects: dict = field(default_factory=dict)
    sessions: dict = field(default_factory=dict)  # user name -> session key of a forced login

    def user(self, principal: str):
        name = USER_OF[principal]
        return self.users[name] if name else None

    def target(self, key: str, principal: str):
        """The record `principal` is exercised on: the outside copy for `coordinator_out`."""
        inside, outside = self.objects[key]
        return outside if principal in OUTSIDE_PRINCIPALS else inside


def _model(label: str):
    return apps.get_model(*label.split("."))


def pdf(name: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, b"%PDF-1.4\n% matrix\n%%EOF\n", content_type="application/pdf")


def build_world() -> World:
    """Users of every role and the records the routes are exercised on, each in an inside
    (Kenya/Africa) and an outside (China/Asia) copy where the model has a country or region."""
    region = _model("regions.Region").objects.get
    country = _model("regions.Country").objects.get
    users = {
        "secretariat": factories.UserFactory(role=Role.SECRETARIAT),
        "gm": factories.UserFactory(role=Role.GM),
        "coordinator": factories.UserFactory(role=Role.REGIONAL_COORDINATOR, region=region(code="I")),
        "nfp_kenya": factories.UserFactory(role=Role.NATIONAL_FOCAL_POINT, country=country(iso3="KEN")),
        "stc_kenya": factories.UserFactory(role=Role.STC, country=country(iso3="KEN")),
        "nfp_china": factories.UserFactory(role=Role.NATIONAL_FOCAL_POINT, country=country(iso3="CHN")),
        "api_reader": factories.UserFactory(role=Role.API_READER),
    }
    world = World(users=users)
    objects = world.objects

    def both(key, make):
        """`make(side)` for each side; `side.of(key)` is that side's copy of an earlier record."""
        objects[key] = (make(_Side(world, 0)), make(_Side(world, 1)))

    def shared(key, record):
        objects[key] = (record, record)

    objects["region"] = (region(code="I"), region(code="II"))
    objects["country"] = (country(iso3="KEN"), country(iso3="CHN"))
    # A second country of each region, without a committee seat (for new memberships).
    objects["other_country"] = (country(iso3="SEN"), country(iso3="IND"))
    objects["nfp"] = (users["nfp_kenya"], users["nfp_china"])

    # The regional coordination mechanism.
    both("host_institution", lambda side: factories.HostInstitutionFactory(country=side.of("country")))
    both(
        "office",
        lambda side: factories.RegionalOfficeFactory(
            region=side.of("region"), host_institution=side.of("host_institution")
        ),
    )
    both("mou", lambda side: factories.MoUFactory(office=side.of("office")))
    both("committee", lambda side: factories.RegionalCommitteeFactory(region=side.of("region")))
    both(
        "membership",
        lambda side: factories.CommitteeMembershipFactory(
            committee=side.of("committee"), country=side.of("country")
        ),
    )
    both("meeting", lambda side: factories.CommitteeMeetingFactory(committee=side.of("committee")))
    both(
        "committee_report",
        lambda side: factories.CommitteeAnnualReportFactory(
            committee=side.of("committee"),
            year=2025,
            status="draft",
            text=side.pick(AFRICA_DRAFT_COMMITTEE_REPORT, "Asia's draft report"),
        ),
    )
    both("network", lambda side: factories.NetworkFactory(region=side.of("region")))
    both(
        "focal_point",
        lambda side: factories.FocalPointFactory(
            country=side.of("country"), last_name=side.pick(KENYA_FOCAL_POINT, CHINA_FOCAL_POINT)
        ),
    )
    both(
        "nomination",
        lambda side: factories.NominationFactory(
            country=side.of("country"),
            created_by=side.of("nfp"),
            last_name=side.pick(KENYA_NOMINEE, CHINA_NOMINEE),
        ),
    )
    both(
        "submitted_nomination",
        lambda side: factories.NominationFactory(
            country=side.of("country"),
            created_by=side.of("nfp"),
            submitted_by=side.of("nfp"),
            submitted_at=timezone.now(),
            status="submitted",
            last_name=side.pick(KENYA_NOMINEE, CHINA_NOMINEE),
        ),
    )

    def partnership(side):
        made = factories.PartnershipFactory()
        made.regions.set([side.of("region")])
        made.countries.set([side.of("country")])
        return made

    both("partnership", partnership)

    # Results frameworks, work programmes and targets.
    Indicator = _model("workprogramme.Indicator")
    asked = list(
        Indicator.objects.filter(outcome__objective__framework__code="sf-2018-2030", code__in=["1.1", "5.2"])
    )
    indicator = next(item for item in asked if item.code == "1.1")
    asked_number = next(item for item in asked if item.code == "5.2")
    shared("framework", indicator.outcome.objective.framework)
    shared("objective", indicator.outcome.objective)
    shared("outcome", indicator.outcome)
    shared("indicator", indicator)
    shared("regional_function", _model("workprogramme.RegionalFunction").objects.order_by("pk").first())
    biennium = factories.BienniumFactory(start_year=2026)
    past_biennium = factories.BienniumFactory(start_year=2024)
    shared("biennium", biennium)
    both(
        "work_programme",
        lambda side: factories.WorkProgrammeFactory(
            biennium=biennium, kind="regional", regional_office=side.of("office")
        ),
    )
    both(
        "expected_accomplishment",
        lambda side: factories.ExpectedAccomplishmentFactory(work_programme=side.of("work_programme")),
    )
    both(
        "performance_indicator",
        lambda side: _model("workprogramme.PerformanceIndicator").objects.create(
            expected_accomplishment=side.of("expected_accomplishment"), code="1.1.a", text="Events held"
        ),
    )
    both(
        "output",
        lambda side: _model("workprogramme.Output").objects.create(
            expected_accomplishment=side.of("expected_accomplishment"),
            title="Output of the regional office",
            owner_kind="regional_office",
            owner_office=side.of("office"),
        ),
    )
    both(
        "target",
        lambda side: factories.TargetFactory(
            indicator=indicator, biennium=biennium, level="regional", region=side.of("region")
        ),
    )

    # Reporting cycles and the countries' submissions: an open cycle with both countries'
    # drafts, a second open cycle nobody has started, and a closed one with validated values.
    shared("cycle", factories.ReportingCycleFactory(code="matrix-2026", biennium=biennium, indicators=asked))
    shared(
        "fresh_cycle",
        factories.ReportingCycleFactory(code="matrix-2026-b", biennium=biennium, indicators=asked),
    )
    past_cycle = factories.ReportingCycleFactory(
        code="matrix-2024",
        biennium=past_biennium,
        indicators=asked,
        state="closed",
        opens_on=datetime.date(2024, 1, 1),
        deadline=datetime.date(2024, 6, 30),
    )
    for validated_country in objects["country"]:
        validated = factories.SubmissionFactory(
            cycle=past_cycle, country=validated_country, state="validated"
        )
        factories.ObservationFactory(submission=validated, indicator=indicator)

    def draft(side):
        made = factories.SubmissionFactory(cycle=side.of("cycle"), country=side.of("country"), state="draft")
        narrative = side.pick(KENYA_DRAFT_NARRATIVE, "China's draft narrative")
        factories.ObservationFactory(submission=made, indicator=indicator, narrative=narrative)
        factories.ObservationFactory(
            submission=made, indicator=asked_number, raw_value="", boolean_value=None, source=""
        )
        return made

    both("submission", draft)
    both(
        "evidence",
        lambda side: _model("workprogramme.SubmissionEvidence").objects.create(
            submission=side.of("submission"),
            file=pdf("evidence.pdf"),
            title=side.pick(KENYA_EVIDENCE, "China's evidence"),
            uploaded_by=side.of("nfp"),
        ),
    )
    shared("capacity_activity", factories.CapacityBuildingActivityFactory())

    # A handover of each country's focal point (the log names the predecessor: personal data).
    both(
        "handover",
        lambda side: _model("regions.FocalPointHandover").objects.create(
            country=side.of("country"),
            role="stc",
            previous=side.of("focal_point"),
            successor=factories.FocalPointFactory(country=side.of("country"), last_name="Successor"),
            handed_over_on=datetime.date(2025, 1, 1),
            recorded_at=timezone.now(),
            recorded_by=users["secretariat"],
            access_ended=True,
        ),
    )

    # Sign-in: an API client (made by the secretariat), Kenya's NFP's personal API token, and
    # Senegal's NFP's security key: each user reaches only their own.
    shared(
        "api_client", api_client_create(user=users["secretariat"], name="Matrix client", scope="published")[0]
    )
    shared("own_token", token_create(user=users["nfp_kenya"], name="Matrix script")[0])
    shared(
        "security_key",
        _model("mfa.Authenticator").objects.create(
            user=factories.UserFactory(role=Role.NATIONAL_FOCAL_POINT, country=country(iso3="SEN")),
            type="webauthn",
            data={"name": "Matrix key", "passwordless": False, "credential": {}},
        ),
    )

    # An unpublished report version, and the finance and staffing data behind reports.
    report = factories.ReportFactory(biennium=past_biennium, published=False)
    report.tables[0]["title"] = UNPUBLISHED_REPORT
    report.save(update_fields=["tables"])
    shared("report", report)
    finance = factories.FinanceSnapshotFactory(biennium=past_biennium)
    shared("finance_snapshot", finance)
    shared("budget_line", factories.BudgetLineFactory(snapshot=finance))
    posts = factories.PostSnapshotFactory(biennium=past_biennium)
    shared("post_snapshot", posts)
    shared("post", factories.PostFactory(snapshot=posts))

    # A finished background export of the observations, asked for by Kenya's NFP.
    export = _model("workprogramme.ObservationExport")(
        requested_by=users["nfp_kenya"], format="csv", state="complete", progress=100, row_count=0
    )
    export.file.save("observations.csv", ContentFile(b"indicator,country\n"), save=False)
    export.finished_at = export.started_at = timezone.now()
    export.save()
    shared("observation_export", export)

    # An unread notification in Kenya's NFP's inbox.
    shared(
        "notification",
        _model("accounts.Notification").objects.create(
            recipient=users["nfp_kenya"],
            kind="submission_returned",
            message="submission_returned",
            params={"country": "Kenya", "cycle": "2026", "comment": "Check 1.1."},
        ),
    )

    # One forced login per user, whose session every page request of the module reuses.
    for name, user in users.items():
        client = Client()
        client.force_login(user)
        world.sessions[name] = client.cookies[settings.SESSION_COOKIE_NAME].value
    return world


@dataclass
class _Side:
    world: World
    index: int  # 0 inside, 1 outside

    def of(self, key: str):
        return self.world.objects[key][self.index]

    def pick(self, inside, outside):
        return (inside, outside)[self.index]


def password_reset_uid(user) -> str:
    return urlsafe_base64_encode(force_bytes(user.pk))


# --- requests --------------------------------------------------------------------------------


def url_of(route: Route, kwargs: dict) -> str:
    return reverse(route.name, kwargs=kwargs)


def client_for(world: World, route: Route, principal: str):
    """A page is visited with the principal's logged-in session (see build_world), an API
    endpoint with DRF's forced authentication."""
    user = world.user(principal)
    if route.is_api:
        client = APIClient()
        if user is not None:
            client.force_authenticate(user)
        return client
    client = Client()
    if user is not None:
        client.cookies[settings.SESSION_COOKIE_NAME] = world.sessions[USER_OF[principal]]
    return client


def outcome(response) -> int | str:
    """The status, with a redirect to the login page told apart from other redirects."""
    if response.status_code == 302 and response["Location"].startswith(reverse("accounts:login")):
        return LOGIN
    return response.status_code


def body_text(response) -> str:
    """The response's body as text (files and streams read whole).

    The test client closes the response itself (a stream once it is read to the end), with
    Django's close_old_connections unhooked: closing it here again would close the database
    connection under the module's transaction on PostgreSQL.
    """
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content).decode("utf-8", "replace")
    return response.content.decode("utf-8", "replace")


def leaked(text: str, principal: str, private_text: dict) -> list[str]:
    """The private texts (text -> its readers) in `text` that `principal` may not read."""
    return [
        private for private, readers in private_text.items() if principal not in readers and private in text
    ]


# --- what a write changed --------------------------------------------------------------------

# allauth's tables too (e-mail addresses, linked sign-on identities, second factors).
TRACKED_APPS = ("accounts", "regions", "workprogramme", "reporting", "account", "socialaccount", "mfa")
# `created`: an API token's (a renewed token replaces one: same count, a newer row).
VERSION_COLUMNS = ("updated_at", "version", "created")


@functools.cache
def _fingerprint_sql() -> str:
    """One query: per table of the portal's apps (history tables included), its row count and,
    where the table has them, its latest `updated_at` and `created` and the sum of its `version`s."""
    quote = connection.ops.quote_name
    selects = []
    for label in TRACKED_APPS:
        for model in apps.get_app_config(label).get_models():
            table = model._meta.db_table
            # A `version` counter is an integer (a dataset's `version` label is text: skip it).
            columns = {
                f.column
                for f in model._meta.concrete_fields
                if f.column != "version" or f.get_internal_type().endswith("IntegerField")
            }
            stamps = [
                (f"CAST(SUM({quote(c)}) AS TEXT)" if c == "version" else f"CAST(MAX({quote(c)}) AS TEXT)")
                if c in columns
                else "NULL"
                for c in VERSION_COLUMNS
            ]
            selects.append(f"SELECT '{table}', COUNT(*), {', '.join(stamps)} FROM {quote(table)}")
    return " UNION ALL ".join(selects)


def snapshot(*records) -> dict:
    """The tables' fingerprints, and every column of `records` (the route's record, the acting user)."""
    quote = connection.ops.quote_name
    fields = {}
    with connection.cursor() as cursor:
        cursor.execute(_fingerprint_sql())
        tables = {row[0]: tuple(row[1:]) for row in cursor.fetchall()}
        for record in records:
            if record is None:
                continue
            meta = type(record)._meta
            cursor.execute(
                f"SELECT * FROM {quote(meta.db_table)} WHERE {quote(meta.pk.column)} = %s", [record.pk]
            )
            fields[f"{meta.label}#{record.pk}"] = cursor.fetchone()
    return {"tables": tables, "records": fields}


def differences(before: dict, after: dict) -> list[str]:
    """What changed between two snapshots, one line per table or record."""
    changed = [
        f"table {table}: {before['tables'][table]} -> {after['tables'][table]}"
        for table in before["tables"]
        if before["tables"][table] != after["tables"][table]
    ]
    changed += [
        f"{key}: {before['records'][key]} -> {after['records'][key]}"
        for key in before["records"]
        if before["records"][key] != after["records"][key]
    ]
    return changed
