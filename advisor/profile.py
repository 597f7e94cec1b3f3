"""The company profile: the typed, validated inputs every assessment starts from.

Field names are a public contract: consultants write profile files by hand, so they stay stable.

`CompanyProfile` is a frozen msgspec Struct: a class built in C, so reading a profile loads no
validation library. `parse_profile` runs each field's parser (`advisor.profile_values`) on the
value given, or on the field's default, and refuses the profile with every bad field at once.
`profile_to_dict` gives its plain values and `msgspec.structs.replace` a copy with some changed
(unchecked: `updated_profile` checks them again).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import msgspec
import yaml

from advisor.fields import (
    CITY_BAND_COUNTRY,
    AeRenewalCommission,
    BusinessModel,
    ChurnTrend,
    CityBand,
    DeliveryMaturity,
    KnowledgeHolder,
    RemotePolicy,
    RenewalOwner,
    ReportsTo,
)

# The vocabulary is `advisor.fields`'s; the names other modules read from here are re-exported.
from advisor.fields import FIELD_GROUPS as FIELD_GROUPS
from advisor.fields import FIELDS as FIELDS
from advisor.fields import FIELDS_BY_GROUP as FIELDS_BY_GROUP
from advisor.fields import NUMERIC_KINDS as NUMERIC_KINDS
from advisor.fields import SEARCH_GROUP as SEARCH_GROUP
from advisor.fields import Segment as Segment
from advisor.i18n import _, formats
from advisor.problems import AdvisorError, Problem, closest, suggest
from advisor.profile_values import (
    enum_parser,
    parse_bool,
    parse_company_name,
    parse_count,
    parse_country,
    parse_currency,
    parse_grr,
    parse_iso_date,
    parse_money,
    parse_net_rate,
    parse_nps,
    parse_positive_money,
    parse_rate,
    parse_renewal_months,
    parse_short_text,
    parse_text,
    parse_text_list,
)
from advisor.yamlio import DocumentError, LineDict, parse_document, read_document


class CompanyProfile(msgspec.Struct, frozen=True, kw_only=True):
    """What we know about the company; money fields are annual and in `currency`.

    Build one with `parse_profile`: constructing the class directly checks nothing.
    """

    company: str
    segment: Segment
    business_model: BusinessModel = BusinessModel.SAAS_SUBSCRIPTION
    currency: str = "EUR"
    country: str | None = None
    city_band: CityBand | None = None
    active_accounts: int
    current_account_managers: int = 0
    avg_contract_value: float
    gross_margin: float
    logo_churn_rate: float
    churn_trend: ChurnTrend
    churn_cause_known: bool
    delivery_maturity: DeliveryMaturity
    knowledge_holder: KnowledgeHolder
    renewal_owner: RenewalOwner
    renewal_lead_days: int
    renewal_hours_per_month: int = 16
    renewals_by_month: str | None = None
    unworked_upsell: bool
    clients_escalate_to_leadership: bool
    onboarding_consistent: bool
    accounts_added_per_quarter: int | None = None
    am_fully_loaded_cost: float | None = None
    nrr: float | None = None
    grr: float | None = None
    logo_retention: float | None = None
    contraction_rate: float | None = None
    nps: float | None = None
    # The search (fields.SEARCH_GROUP): lists are kept as "a; b" texts (profile_values).
    sector: str | None = None
    buyer_personas: str | None = None
    location: str | None = None
    remote_policy: RemotePolicy | None = None
    languages: str | None = None
    reports_to: ReportsTo | None = None
    ae_handover_accounts: int | None = None
    ae_renewal_commission: AeRenewalCommission | None = None
    ae_handover_date: str | None = None
    notes: str | None = None


# Each field's parser: it reads the value given (or the field's default) and raises ValueError
# with the message shown after the field's name.
PARSERS: dict[str, Callable[[object], Any]] = {
    "company": parse_company_name,
    "segment": enum_parser(Segment),
    "business_model": enum_parser(BusinessModel),
    "currency": parse_currency,
    "country": parse_country,
    "city_band": enum_parser(CityBand),
    "active_accounts": parse_count,
    "current_account_managers": parse_count,
    "avg_contract_value": parse_money,
    "gross_margin": parse_rate,
    "logo_churn_rate": parse_rate,
    "churn_trend": enum_parser(ChurnTrend),
    "churn_cause_known": parse_bool,
    "delivery_maturity": enum_parser(DeliveryMaturity),
    "knowledge_holder": enum_parser(KnowledgeHolder),
    "renewal_owner": enum_parser(RenewalOwner),
    "renewal_lead_days": parse_count,
    "renewal_hours_per_month": parse_count,
    "renewals_by_month": parse_renewal_months,
    "unworked_upsell": parse_bool,
    "clients_escalate_to_leadership": parse_bool,
    "onboarding_consistent": parse_bool,
    "accounts_added_per_quarter": parse_count,
    "am_fully_loaded_cost": parse_positive_money,
    "nrr": parse_net_rate,
    "grr": parse_grr,
    "logo_retention": parse_rate,
    "contraction_rate": parse_rate,
    "nps": parse_nps,
    "sector": parse_short_text,
    "buyer_personas": parse_text_list,
    "location": parse_short_text,
    "remote_policy": enum_parser(RemotePolicy),
    "languages": parse_text_list,
    "reports_to": enum_parser(ReportsTo),
    "ae_handover_accounts": parse_count,
    "ae_renewal_commission": enum_parser(AeRenewalCommission),
    "ae_handover_date": parse_iso_date,
    "notes": parse_text,
}
# Texts longer than this many characters are refused.
MAX_LENGTH = {"company": 120, "notes": 5000}
# Counts above these are refused: a whole month of a person's time is at most 744 hours, more is
# a unit mistake.
MAXIMUM = {
    "current_account_managers": 10_000,
    "renewal_lead_days": 3650,
    "renewal_hours_per_month": 744,
}

PROFILE_FIELDS: tuple[str, ...] = CompanyProfile.__struct_fields__
# The defaults of the fields that have one; an optional field's is None, and None given for it
# means "not provided" without asking its parser. The rest are required.
_LAST = PROFILE_FIELDS[len(PROFILE_FIELDS) - len(CompanyProfile.__struct_defaults__) :]
DEFAULTS: dict[str, Any] = {
    name: default
    for name, default in zip(_LAST, CompanyProfile.__struct_defaults__, strict=True)
    if default is not msgspec.NODEFAULT
}
REQUIRED_FIELDS: tuple[str, ...] = tuple(name for name in PROFILE_FIELDS if name not in DEFAULTS)


# ---------------------------------------------------------------------------------------------
# Errors


class ProfileError(AdvisorError):
    """A profile was refused; every problem names its field in `path` (file and line if known)."""


# The fields whose parser gives one of its enum's members: every other text is kept as a str.
_CHOICES = frozenset(name for name, info in FIELDS.items() if info.kind == "choice")


def _plain(name: str, value: Any) -> Any:
    """The value as its field's plain type: a str or float subclass (an enum's member given as
    a text, numpy's float64) becomes a str or a float."""
    if isinstance(value, float) and type(value) is not float:
        return float(value)
    if isinstance(value, str) and type(value) is not str and name not in _CHOICES:
        return str.__str__(value)
    return value


def _field_value(name: str, raw: Any) -> Any:
    """The field's value read from `raw`; ValueError with the message shown after its name."""
    if raw is None and DEFAULTS.get(name, msgspec.NODEFAULT) is None:
        return None
    value = _plain(name, PARSERS[name](raw))
    longest = MAX_LENGTH.get(name)
    if longest is not None and len(value) > longest:
        raise ValueError(f"is longer than {longest} characters")
    most = MAXIMUM.get(name)
    if most is not None and value > most:
        raise ValueError(f"{raw} is above the maximum of {most}")
    return value


def _read_fields(data: Mapping[Any, Any]) -> tuple[dict[str, Any], list[tuple[str, str]]]:
    """Every field's value, and the fields refused as (field, message) in field order."""
    values: dict[str, Any] = {}
    refused: list[tuple[str, str]] = []
    for name in PROFILE_FIELDS:
        raw = data.get(name, DEFAULTS.get(name, msgspec.NODEFAULT))
        if raw is msgspec.NODEFAULT:
            refused.append((name, "required field is missing"))
            continue
        try:
            values[name] = _field_value(name, raw)
        except ValueError as error:
            refused.append((name, str(error)))
    return values, refused


def _problems(
    refused: list[tuple[str, str]], data: Mapping[Any, Any], source: str
) -> list[Problem]:
    """The problems in field order, unknown fields first.

    A misspelt key is the likeliest cause of everything else (the field it meant is then
    "missing"), so its did-you-mean leads, and the missing line of the field it names is left out.
    A key that is not a text comes last.
    """
    line_of = data.line_of if isinstance(data, LineDict) else (lambda _key: 0)
    others = [
        Problem(message, file=source, line=line_of(name), path=name) for name, message in refused
    ]
    unknown: list[Problem] = []
    meant: set[str] = set()
    for key in data:
        if not isinstance(key, str):
            path = str(key)
            others.append(
                Problem("Keys should be strings", file=source, line=line_of(path), path=path)
            )
        elif key not in PARSERS:
            match = closest(key, PROFILE_FIELDS)
            if match:
                meant.add(match)
            message = f"unknown field{suggest(key, PROFILE_FIELDS)}"
            unknown.append(Problem(message, file=source, line=line_of(key), path=key))
    others = [
        p for p in others if not (p.path in meant and p.message == "required field is missing")
    ]
    unknown.sort(key=lambda p: p.line)
    return unknown + others


def parse_profile(data: object, source: str = "") -> CompanyProfile:
    """Validate a mapping into a CompanyProfile, or raise ProfileError naming every bad field."""
    if not isinstance(data, Mapping):
        found = "nothing" if data is None else type(data).__name__
        raise ProfileError.single(
            f"expected a mapping of field: value, found {found}", file=source, path="profile"
        )
    values, refused = _read_fields(data)
    if refused or any(not isinstance(key, str) or key not in PARSERS for key in data):
        raise ProfileError(_problems(refused, data, source))
    profile = CompanyProfile(**values)
    line_of = data.line_of if isinstance(data, LineDict) else (lambda _key: 0)
    problems = [
        Problem(message, file=source, line=line_of(path), path=path)
        for path, message in cross_field_problems(profile)
    ]
    if problems:
        raise ProfileError(problems)
    return profile


def cross_field_problems(profile: CompanyProfile) -> list[tuple[str, str]]:
    """Combinations of fields that cannot be true together, as (field, message) pairs."""
    found = []
    if profile.grr is not None and profile.nrr is not None and profile.grr > profile.nrr:
        found.append(
            (
                "grr",
                (
                    f"{profile.grr:.0%} is above nrr ({profile.nrr:.0%}): net revenue retention adds "
                    "expansion to gross retention, so grr can never exceed nrr"
                ),
            )
        )
    if profile.city_band is not None:
        home = CITY_BAND_COUNTRY[profile.city_band.value]
        if profile.country != home:
            given = f"country is {profile.country!r}" if profile.country else "no country is given"
            found.append(
                (
                    "city_band",
                    (
                        f"{profile.city_band.value!r} is a city band of {home}, but {given}: "
                        f"set country to {home}, or pick a city band of your country or none"
                    ),
                )
            )
    if (
        profile.renewal_owner is RenewalOwner.ACCOUNT_MANAGER
        and profile.current_account_managers == 0
    ):
        found.append(
            (
                "renewal_owner",
                (
                    "'account_manager' runs renewals, but current_account_managers is 0: "
                    "give the number of AMs you have, or pick who runs renewals today"
                ),
            )
        )
    return found


# How far logo_retention may sit from 1 − logo_churn_rate before the two are read as
# contradicting each other (the periods or the account counts behind them usually differ).
LOGO_RETENTION_TOLERANCE = 0.05


def profile_warnings(profile: CompanyProfile) -> tuple[str, ...]:
    """Figures that are allowed together but disagree enough to question one of them."""
    warnings = []
    if profile.logo_retention is not None:
        implied = 1 - profile.logo_churn_rate
        if abs(profile.logo_retention - implied) > LOGO_RETENTION_TOLERANCE + 1e-9:
            apart = abs(profile.logo_retention - implied) * 100
            warnings.append(
                _(
                    "logo_retention ({retention}) and 1 − logo_churn_rate ({implied}) are "
                    "{apart} points apart (more than {tolerance}): check that both cover the "
                    "same 12 months and the same accounts",
                    retention=format(profile.logo_retention, ".0%"),
                    implied=format(implied, ".0%"),
                    apart=format(apart, ".0f"),
                    tolerance=format(LOGO_RETENTION_TOLERANCE * 100, ".0f"),
                )
            )
    handed = profile.ae_handover_accounts
    if handed is not None and handed > profile.active_accounts:
        # A warning, not a refusal: a what-if on active_accounts alone must still be assessed.
        warnings.append(
            _(
                "ae_handover_accounts ({handed}) is above active_accounts ({active}): the AEs "
                "can hand over at most the active accounts; correct one of the two",
                handed=formats.number(handed),
                active=formats.number(profile.active_accounts),
            )
        )
    return tuple(warnings)


def _file_problem(error: DocumentError, source: str) -> ProfileError:
    path = error.path or "file"
    return ProfileError([Problem(error.message, file=source, line=error.line, path=path)])


def profile_from_text(text: str, source: str = "profile.yaml") -> CompanyProfile:
    try:
        data = parse_document(text, source)
    except DocumentError as error:
        raise _file_problem(error, source) from None
    return parse_profile(data, source)


def load_profile(path: str | Path) -> CompanyProfile:
    """Read a profile from a YAML or JSON file."""
    try:
        data = read_document(path)
    except DocumentError as error:
        raise _file_problem(error, str(path)) from None
    return parse_profile(data, str(path))


def profile_to_dict(profile: CompanyProfile, *, include_empty: bool = False) -> dict[str, Any]:
    """Plain values in field order, ready for YAML/JSON; round-trips through parse_profile."""
    data: dict[str, Any] = msgspec.to_builtins(profile)
    if not include_empty:
        data = {key: value for key, value in data.items() if value is not None}
    return data


def updated_profile(profile: CompanyProfile, updates: Mapping[str, Any]) -> CompanyProfile:
    """The profile with `updates` merged in and validated again (ProfileError when refused)."""
    return parse_profile({**profile_to_dict(profile), **updates})


def changed_fields(old: Mapping[str, Any], new: Mapping[str, Any]) -> list[str]:
    """The profile fields whose plain values differ between two `profile_to_dict` results."""
    return [name for name in FIELDS if old.get(name) != new.get(name)]


# A profile in a link: one plain-text parameter per provided field, read back only through the
# profile's own validators.
LINK_SOURCE = "link"


def _link_text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    return str(value)


def profile_to_query(profile: CompanyProfile) -> dict[str, str]:
    """One plain-text parameter per provided field, readable and editable in a link."""
    return {name: _link_text(value) for name, value in profile_to_dict(profile).items()}


def profile_from_query(params: Mapping[str, str]) -> CompanyProfile | None:
    """The profile a link describes, or None when it names no profile field.

    Raises ProfileError naming each field the link gets wrong. Parameters that are not profile
    fields (tracking tags, a web framework's own) are ignored.
    """
    values = {name: params[name] for name in FIELDS if name in params}
    if not values:
        return None
    return parse_profile(values, source=LINK_SOURCE)


def profile_from_partial_query(
    params: Mapping[str, str], base: CompanyProfile
) -> tuple[CompanyProfile | None, tuple[str, ...]]:
    """The profile a link describes, with what it leaves out taken from `base`.

    A link holding every required field is a whole case and is read as it is (an optional field
    it leaves out stays unset). A link missing some required field keeps what it gives and takes
    every other field from `base`; the second value names the fields taken that way, in field
    order. Raises ProfileError naming each field the link gets wrong.
    """
    given = {name: params[name] for name in FIELDS if name in params}
    if not given:
        return None, ()
    if all(name in given for name in REQUIRED_FIELDS):
        return parse_profile(given, source=LINK_SOURCE), ()
    filled = {k: v for k, v in profile_to_dict(base).items() if k not in given}
    profile = parse_profile({**filled, **given}, source=LINK_SOURCE)
    return profile, tuple(name for name in FIELDS if name in filled)


def profile_to_yaml(profile: CompanyProfile) -> str:
    """The profile as a YAML file the upload and `advisor assess` read back unchanged."""
    one_line = " ".join(profile.company.split())  # a newline would end the comment
    header = (
        f"# AM Advisor profile: {one_line}\n"
        "# Rates are fractions (0.62 is 62%); money is per year in the currency below.\n"
    )
    body = yaml.safe_dump(profile_to_dict(profile), sort_keys=False, allow_unicode=True, width=100)
    return header + body


def profile_file_name(profile: CompanyProfile) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", profile.company.lower()).strip("-") or "profile"
    return f"{slug[:60]}.yaml"
