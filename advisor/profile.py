"""The company profile: the typed, validated inputs every assessment starts from.

Field names are a public contract: consultants write profile files by hand, so they stay stable.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from typing import Annotated, Any

import yaml
from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationError,
)

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

Rate = Annotated[float, BeforeValidator(parse_rate)]
NetRate = Annotated[float, BeforeValidator(parse_net_rate)]
Count = Annotated[int, BeforeValidator(parse_count)]
Money = Annotated[float, BeforeValidator(parse_money)]
PositiveMoney = Annotated[float, BeforeValidator(parse_positive_money)]
YesNo = Annotated[bool, BeforeValidator(parse_bool)]
Text = Annotated[str, BeforeValidator(parse_text)]
ShortText = Annotated[str | None, BeforeValidator(parse_short_text)]
TextList = Annotated[str | None, BeforeValidator(parse_text_list)]


class CompanyProfile(BaseModel):
    """What we know about the company; money fields are annual and in `currency`."""

    model_config = ConfigDict(extra="forbid", frozen=True, validate_default=True)

    company: Annotated[str, BeforeValidator(parse_company_name), Field(max_length=120)]
    segment: Annotated[Segment, BeforeValidator(enum_parser(Segment))]
    business_model: Annotated[BusinessModel, BeforeValidator(enum_parser(BusinessModel))] = (
        BusinessModel.SAAS_SUBSCRIPTION
    )
    currency: Annotated[str, BeforeValidator(parse_currency)] = "EUR"
    country: Annotated[str | None, BeforeValidator(parse_country)] = None
    city_band: Annotated[CityBand, BeforeValidator(enum_parser(CityBand))] | None = None
    active_accounts: Count
    current_account_managers: Annotated[Count, Field(le=10_000)] = 0
    avg_contract_value: Money
    gross_margin: Rate
    logo_churn_rate: Rate
    churn_trend: Annotated[ChurnTrend, BeforeValidator(enum_parser(ChurnTrend))]
    churn_cause_known: YesNo
    delivery_maturity: Annotated[DeliveryMaturity, BeforeValidator(enum_parser(DeliveryMaturity))]
    knowledge_holder: Annotated[KnowledgeHolder, BeforeValidator(enum_parser(KnowledgeHolder))]
    renewal_owner: Annotated[RenewalOwner, BeforeValidator(enum_parser(RenewalOwner))]
    renewal_lead_days: Annotated[Count, Field(le=3650)]
    # A whole month of a person's time is at most 744 hours; more is a unit mistake.
    renewal_hours_per_month: Annotated[Count, Field(le=744)] = 16
    renewals_by_month: Annotated[str | None, BeforeValidator(parse_renewal_months)] = None
    unworked_upsell: YesNo
    clients_escalate_to_leadership: YesNo
    onboarding_consistent: YesNo
    accounts_added_per_quarter: Count | None = None
    am_fully_loaded_cost: PositiveMoney | None = None
    nrr: NetRate | None = None
    grr: Annotated[float, BeforeValidator(parse_grr)] | None = None
    logo_retention: Rate | None = None
    contraction_rate: Rate | None = None
    nps: Annotated[float, BeforeValidator(parse_nps)] | None = None
    # The search (fields.SEARCH_GROUP): lists are kept as "a; b" texts (profile_values).
    sector: ShortText = None
    buyer_personas: TextList = None
    location: ShortText = None
    remote_policy: Annotated[RemotePolicy, BeforeValidator(enum_parser(RemotePolicy))] | None = None
    languages: TextList = None
    reports_to: Annotated[ReportsTo, BeforeValidator(enum_parser(ReportsTo))] | None = None
    ae_handover_accounts: Count | None = None
    ae_renewal_commission: (
        Annotated[AeRenewalCommission, BeforeValidator(enum_parser(AeRenewalCommission))] | None
    ) = None
    ae_handover_date: Annotated[str | None, BeforeValidator(parse_iso_date)] = None
    notes: Annotated[Text, Field(max_length=5000)] | None = None


# ---------------------------------------------------------------------------------------------
# Errors


class ProfileError(AdvisorError):
    """A profile was refused; every problem names its field in `path` (file and line if known)."""


def _problem_message(error: Mapping[str, Any]) -> str:
    kind = error["type"]
    if kind == "missing":
        return "required field is missing"
    if kind in ("string_too_short", "too_short"):
        return "must not be empty"
    if kind in ("string_too_long", "too_long"):
        return f"is longer than {error['ctx']['max_length']} characters"
    if kind == "less_than_equal":
        return f"{error['input']} is above the maximum of {error['ctx']['le']}"
    if kind == "value_error":
        return str(error["ctx"]["error"])
    return str(error["msg"])


def _problems_from(error: ValidationError, data: Mapping[str, Any], source: str) -> list[Problem]:
    """The problems in field order, unknown fields first.

    A misspelt key is the likeliest cause of everything else (the field it meant is then
    "missing"), so its did-you-mean leads, and the missing line of the field it names is left out.
    """
    line_of = data.line_of if isinstance(data, LineDict) else (lambda _key: 0)
    unknown: list[Problem] = []
    others: list[Problem] = []
    meant: set[str] = set()
    for item in error.errors():
        field = str(item["loc"][0]) if item["loc"] else "profile"
        if item["type"] == "extra_forbidden":
            match = closest(field, CompanyProfile.model_fields)
            if match:
                meant.add(match)
            message = f"unknown field{suggest(field, CompanyProfile.model_fields)}"
            unknown.append(Problem(message, file=source, line=line_of(field), path=field))
        else:
            others.append(
                Problem(_problem_message(item), file=source, line=line_of(field), path=field)
            )
    others = [
        p for p in others if not (p.path in meant and p.message == "required field is missing")
    ]
    order = list(CompanyProfile.model_fields)
    others.sort(key=lambda p: order.index(p.path) if p.path in order else len(order))
    unknown.sort(key=lambda p: p.line)
    return unknown + others


def parse_profile(data: object, source: str = "") -> CompanyProfile:
    """Validate a mapping into a CompanyProfile, or raise ProfileError naming every bad field."""
    if not isinstance(data, Mapping):
        found = "nothing" if data is None else type(data).__name__
        raise ProfileError.single(
            f"expected a mapping of field: value, found {found}", file=source, path="profile"
        )
    try:
        profile = CompanyProfile.model_validate(dict(data))
    except ValidationError as error:
        raise ProfileError(_problems_from(error, data, source)) from None
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
    data = profile.model_dump(mode="json")
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
    required = [name for name, info in CompanyProfile.model_fields.items() if info.is_required()]
    if all(name in given for name in required):
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
