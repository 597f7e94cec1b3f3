"""The job description: ready to post, written to the candidate, at most two pages.

The company pitch (what the profile says of it: business model, sector, buyer personas — never an
amount), the role and its title, what it is and is not, the responsibilities, the must-haves,
nice-to-haves and knock-outs (the drafted role's "what the person brings" and the pack's `job:`
lines for the segment, the business model, the sector and the languages), the metrics the
Account Manager is measured on, the pay (the pay band of the profile's country when the pack has
one, else the pack's product default, and which of the two it is), where and how the work is
done, the reporting line and the hiring process.

No confidential figure: none of the profile's amounts, rates or scores, and not its notes, unless
the consultant disclosed the field (`KitInputs.disclose`, read from `kit.disclosure`). Targets
set from the company's own rates stay out with them; the book is said in accounts only. The pay
band is the offer, so its figures are stated.
"""

from __future__ import annotations

import math

from advisor import present, wording
from advisor.brief.common import sentence
from advisor.brief.model import Block, Bullets, Paragraph, Section, Subheading, Table
from advisor.economics import RegionPay
from advisor.i18n import N_, _, n_, p_
from advisor.i18n.formats import number
from advisor.kit.disclosure import DISCLOSABLE
from advisor.kit.document import KitDocument, KitInputs, written_in
from advisor.pack.job import JobTexts
from advisor.present import pay as pay_words
from advisor.role.draft import templates_for
from advisor.role.metrics import metric_text

TITLE = N_("Job description")
AUDIENCE = N_("For candidates")
NO_TEXTS = N_(
    "The rule pack has no job section (rules/45-job.yaml): the pitch, the requirements and the "
    "hiring process are left out."
)
WHERE = {
    "on_site": N_("on site"),
    "hybrid": N_("hybrid: part of the week at the office, part from home"),
    "remote": N_("fully remote"),
}
BOUNDARIES_LEAD = N_("The people around you, what each of them owns, and where your part stops:")
TO_BE_CONFIRMED = N_("to be confirmed")
# The metrics whose target is set from one of the profile's own rates.
METRIC_FIELDS = ("nrr", "grr", "logo_retention", "contraction_rate", "nps")


def _list(text: str | None) -> list[str]:
    """A profile's "a; b" list as its items."""
    return [item.strip() for item in (text or "").split(";") if item.strip()]


def _fill(template: str, **values: str) -> str:
    return wording.fill_template(template, values)


def company_blocks(kit: KitInputs) -> list[Block]:
    """The pitch, from what the profile says of the company, and the figures disclosed."""
    profile, texts = kit.profile, kit.pack.job
    lines: list[str] = []
    if texts is not None:
        pitch = texts.pitch.get(profile.business_model.value, "")
        lines.append(_fill(pitch, company=kit.company))
        if profile.sector:
            sector = wording.in_sentence(profile.sector)
            lines.append(_fill(texts.sector_line, company=kit.company, sector=sector))
        if personas := _list(profile.buyer_personas):
            lines.append(_fill(texts.personas_line, personas=wording.joined(personas)))
    blocks: list[Block] = [Paragraph(" ".join(line for line in lines if line))] if lines else []
    blocks.append(Paragraph(book_sentence(kit)))
    disclosed = _disclosed(kit)
    figures = " · ".join(f"{label}: {value}" for name, label, value in disclosed if name != "notes")
    if figures:
        blocks.append(Paragraph(figures, lead=_("In figures:")))
    blocks.extend(
        Paragraph(value, style="quote") for name, _l, value in disclosed if name == "notes"
    )
    return blocks


def book_sentence(kit: KitInputs) -> str:
    """The book in accounts: the only size of the company the description states unasked."""
    econ = kit.assessment.economics
    accounts, count = kit.profile.active_accounts, max(econ.recommended_am_count, 1)
    if count == 1:
        return n_(
            "The book you take over: {accounts} client account.",
            "The book you take over: {accounts} client accounts.",
            accounts,
            accounts=number(accounts),
        )
    each = math.ceil(accounts / count)
    # Translators: {ams} Account Managers (always more than one) share the book; {each} is the
    # accounts each one holds.
    return n_(
        "The book: {accounts} client account shared by {ams} Account Managers, about {each} each.",
        "The book: {accounts} client accounts shared by {ams} Account Managers, about {each} each.",
        accounts,
        accounts=number(accounts),
        ams=count,
        each=number(each),
    )


def disclosed_rows(kit: KitInputs) -> tuple[tuple[str, str], ...]:
    """Each confidential field the consultant allowed, with its value as the product writes it."""
    return tuple((label, value) for _name, label, value in _disclosed(kit))


def _disclosed(kit: KitInputs) -> tuple[tuple[str, str, str], ...]:
    """The disclosed fields as (field name, label, value)."""
    profile = kit.profile
    rows = []
    for name in DISCLOSABLE:
        raw = getattr(profile, name)
        if name in kit.disclose and raw is not None:
            value = wording.shown_value(name, raw, profile.currency)
            rows.append((name, wording.label(name), value))
    return tuple(rows)


def role_blocks(kit: KitInputs) -> list[Block]:
    role = kit.role
    blocks: list[Block] = [Paragraph(sentence(role.mission), lead=f"{role.title}.")]
    responsibilities = tuple(f"{r.area}: {sentence(r.description)}" for r in role.responsibilities)
    blocks.append(Bullets(responsibilities))
    return blocks


def boundary_blocks(kit: KitInputs) -> list[Block]:
    """What the role is not: each neighbouring role, what it owns and where this one stops."""
    rows = tuple(
        f"{b.role}: {sentence(b.owns)} {sentence(b.boundary)}" for b in kit.role.boundaries
    )
    return [Paragraph(_(BOUNDARIES_LEAD)), Bullets(rows)]


def requirement_lists(kit: KitInputs) -> tuple[list[str], list[str], list[str]]:
    """The must-haves, nice-to-haves and knock-outs for this company's role."""
    profile, texts = kit.profile, kit.pack.job
    must = [sentence(trait) for trait in kit.role.traits]
    nice: list[str] = []
    out: list[str] = []
    if texts is None:
        return must, nice, out
    segment, model = profile.segment.value, profile.business_model.value
    must.extend(texts.must_haves.lines(segment, model))
    languages = wording.joined(_list(profile.languages))
    if profile.sector:
        must.append(_fill(texts.sector_must_have, sector=wording.in_sentence(profile.sector)))
    if languages:
        must.append(_fill(texts.languages_must_have, languages=languages))
    nice.extend(texts.nice_to_haves.lines(segment, model))
    out.extend(texts.knock_outs.lines(segment, model))
    if languages:
        out.append(_fill(texts.languages_knock_out, languages=languages))
    return must, nice, out


def requirement_blocks(kit: KitInputs) -> list[Block]:
    must, nice, out = requirement_lists(kit)
    blocks: list[Block] = [Subheading(_("Must-haves: someone who")), Bullets(tuple(must))]
    if nice:
        blocks += [Subheading(_("Nice to have: someone who")), Bullets(tuple(nice))]
    if out:
        blocks += [Subheading(_("Not the role for you if")), Bullets(tuple(out))]
    if kit.pack.job is None:
        blocks.append(Paragraph(_(NO_TEXTS), style="note"))
    return blocks


def metric_blocks(kit: KitInputs) -> list[Block]:
    """The metrics by name and how each is measured; a target only where the consultant
    disclosed the company's own figure it is set from."""
    role = kit.role
    shown = [
        line for line in role.metrics if line.key in kit.disclose and line.key in METRIC_FIELDS
    ]
    targets = {
        line.key: bound_text(line.direction, metric_text(line.key, line.target_value))
        for line in shown
        if line.target_value is not None
    }
    columns: tuple[str, ...] = (p_("column", "Metric"), p_("column", "How it is measured"))
    if targets:
        columns = (*columns, p_("column", "Target"))
    in_offer = _("in the offer")
    rows = tuple(
        (line.label, line.how, *((targets.get(line.key, in_offer),) if targets else ()))
        for line in role.metrics
    )
    widths = (1.6, 4.4, 1.4) if targets else (1.6, 5.4)
    avoid = _either([wording.in_sentence(a.metric) for a in role.avoid_metrics])
    blocks: list[Block] = [Table(columns, rows, widths=widths)]
    closing = _("The targets for your book are written into the offer, before you sign.")
    if avoid:
        closing += " " + _("You are not measured on {metrics}.", metrics=avoid)
    blocks.append(Paragraph(closing))
    return blocks


def bound_text(direction: str, value: str) -> str:
    """A target as a bound: "at least 103%", "at most 8%"."""
    if direction == "higher":
        return _("at least {value}", value=value)
    return _("at most {value}", value=value)


def _either(items: list[str]) -> str:
    """ "a, b or c"."""
    if len(items) <= 1:
        return "".join(items)
    # Translators: the choices of a list: {items} are all but the last, comma-separated.
    return _("{items} or {last}", items=", ".join(items[:-1]), last=items[-1])


def _variable_split(kit: KitInputs) -> str:
    parts = [
        # Translators: a variable pay component and its share of the variable pay.
        _(
            "{component} {share}",
            component=wording.in_sentence(c.label),
            share=present.share(c.share),
        )
        for c in kit.role.compensation.components
        if c.share > 0
    ]
    if not parts:
        return ""
    return _("The variable pay is paid on {components}.", components=wording.joined(parts))


def band_of(kit: KitInputs) -> RegionPay | None:
    """The pay band of the profile's country, also when the profile's own AM cost sets the
    cost (the band is the market's figure; the profile's cost stays confidential)."""
    return kit.assessment.economics.pay


def default_ote(kit: KitInputs) -> tuple[float, str]:
    """The on-target earnings without a pay band, and what they are: the offer as edited on the
    role, else the pack's product default for the segment and currency (never the profile's own
    AM cost, which is confidential)."""
    comp = kit.role.compensation
    if comp.ote_source == "your figure":
        return comp.ote, _("the offer as set on the role")
    templates = templates_for(kit.pack, kit.profile.business_model.value)[0]
    factor = templates.figure("loaded_cost_factor")
    cost, _source = kit.pack.benchmark_am_cost(kit.profile.currency, kit.profile.segment.value)
    step = 1000 if cost / factor >= 10_000 else 1
    segment = wording.segment_label(kit.profile.segment.value)
    # Translators: {segment} is the client segment ("mid-market"), {currency} a currency code,
    # {why} why no market's pay band is used.
    what = _(
        "the rule pack's product default for an Account Manager with {segment} clients, in "
        "{currency}, not a market's pay band ({why}); the offer states the figure",
        segment=wording.in_sentence(segment),
        currency=kit.profile.currency,
        why=_no_band(kit),
    )
    return float(round(cost / factor / step) * step), what


def _no_band(kit: KitInputs) -> str:
    econ = kit.assessment.economics
    if econ.pay_status == "no_band":
        return _("the rule pack has no pay band for {country}", country=econ.pay_country)
    if econ.pay_status == "currency":
        return _(
            "the pay band for {country} is in {currency}",
            country=econ.pay_country,
            currency=econ.pay_currency,
        )
    return _("the profile names no country")


def pay_blocks(kit: KitInputs) -> list[Block]:
    comp, cur = kit.role.compensation, kit.profile.currency
    band = band_of(kit)
    if band is not None:
        lines = [
            band_sentence(band),
            monthly_sentence(band),
            _("From the pay band for {place}.", place=pay_words.place(band)),
        ]
        if comp.ote_source == "your figure":
            lines.append(
                _(
                    "The offer as set on the role: OTE {amount}.",
                    amount=present.money(comp.ote, cur),
                )
            )
    else:
        ote, source = default_ote(kit)
        base = ote * comp.base_share
        mix = round(comp.base_share * 100)
        # Translators: {base_share}/{variable_share} is the split of the pay, as "70/30".
        earnings = _(
            "On-target earnings about {ote} a year: base {base} and variable {variable} "
            "({base_share}/{variable_share} base/variable).",
            ote=present.money(ote, cur),
            base=present.money(base, cur),
            variable=present.money(ote - base, cur),
            base_share=mix,
            variable_share=100 - mix,
        )
        lines = [earnings, _("This is {source}.", source=source)]
    lines.append(_variable_split(kit))
    return [Paragraph(" ".join(line for line in lines if line))]


def band_sentence(band: RegionPay) -> str:
    """The pay band's base and OTE a year and its mix, as the offer states them."""
    cur = band.currency
    values = {
        "base_low": present.money(band.base_low, cur),
        "base_high": present.money(band.base_high, cur),
        "ote_low": present.money(band.ote_low, cur),
        "ote_high": present.money(band.ote_high, cur),
        "base_share": round(band.base_share * 100),
        "variable_share": 100 - round(band.base_share * 100),
    }
    if band.derived == "base":
        return _(
            "Base {base_low}–{base_high} and OTE {ote_low}–{ote_high} a year, "
            "{base_share}/{variable_share} base/variable (the base from the OTE and the mix).",
            **values,
        )
    if band.derived == "ote":
        return _(
            "Base {base_low}–{base_high} and OTE {ote_low}–{ote_high} a year, "
            "{base_share}/{variable_share} base/variable (the OTE from the base and the mix).",
            **values,
        )
    # Translators: the pay band: the gross base salary a year, low–high, and the on-target
    # earnings (base and variable pay) a year; {base_share}/{variable_share} is as "70/30".
    return _(
        "Base {base_low}–{base_high} and OTE {ote_low}–{ote_high} a year, "
        "{base_share}/{variable_share} base/variable.",
        **values,
    )


def monthly_sentence(band: RegionPay) -> str:
    """The gross base a month for each number of payments a year the band's country uses,
    where pay is not simply 12 payments; "" otherwise."""
    if band.payments == (12,):
        return ""
    cur = band.currency
    ways = []
    for index, count in enumerate(band.payments):
        values = {
            "low": present.money(band.base_low / count, cur),
            "high": present.money(band.base_high / count, cur),
        }
        if index == 0:
            ways.append(
                n_(
                    "Gross annual salary in {count} payment: base {low}–{high} a month",
                    "Gross annual salary in {count} payments: base {low}–{high} a month",
                    count,
                    **values,
                )
            )
        else:
            ways.append(
                n_(
                    "(in {count} payment: base {low}–{high} a month)",
                    "(in {count} payments: base {low}–{high} a month)",
                    count,
                    **values,
                )
            )
    return " ".join(ways) + "."


# Whom the posting's reader reports to, one sentence per manager (the `reports_to` choices).
YOU_REPORT_TO = {
    "ceo": N_("You report to the CEO."),
    "head_of_sales": N_("You report to the head of sales."),
    "head_of_cs": N_("You report to the head of customer success."),
}


def work_rows(kit: KitInputs) -> tuple[tuple[str, str], ...]:
    profile = kit.profile
    place = profile.location or ""
    if profile.country:
        place = ", ".join(part for part in (place, profile.country) if part)
    policy = WHERE.get(profile.remote_policy.value, "") if profile.remote_policy else ""
    where = "; ".join(part for part in (place, _(policy) if policy else "") if part)
    languages = wording.joined(_list(profile.languages)) or _(TO_BE_CONFIRMED)
    reports = kit.role.reporting_line
    if profile.reports_to is not None and profile.reports_to.value in YOU_REPORT_TO:
        reports = _(YOU_REPORT_TO[profile.reports_to.value])
    return (
        (_("Location"), where or _(TO_BE_CONFIRMED)),
        (_("Languages with clients"), languages),
        (_("Reporting line"), reports or _(TO_BE_CONFIRMED)),
        (_("Contract"), _("Full time, permanent")),
    )


def process_blocks(texts: JobTexts | None) -> list[Block]:
    if texts is None:
        return [Paragraph(_(NO_TEXTS), style="note")]
    stages = tuple(
        # Translators: a stage of the hiring process, who runs it, and what it is.
        _(
            "{stage} ({who}): {what}",
            stage=s.stage,
            who=wording.in_sentence(s.who),
            what=sentence(s.what),
        )
        for s in texts.process
    )
    return [Bullets(stages, ordered=True)]


def build_job(kit: KitInputs, language: str | None = None) -> KitDocument:
    """The job description, in `language` (the current language when None)."""
    with written_in(language):
        return _job(kit)


def _job(kit: KitInputs) -> KitDocument:
    work = work_rows(kit)
    sections = (
        Section(
            "company", 1, _("About {company}", company=kit.company), tuple(company_blocks(kit))
        ),
        Section("role", 2, _("The role"), tuple(role_blocks(kit))),
        Section("not", 3, _("What the role is not"), tuple(boundary_blocks(kit))),
        Section("requirements", 4, _("What you bring"), tuple(requirement_blocks(kit))),
        Section("metrics", 5, _("How you are measured"), tuple(metric_blocks(kit))),
        Section("pay", 6, p_("section", "Pay"), tuple(pay_blocks(kit))),
        Section("work", 7, _("Where and how you work"), (Table(("", ""), work, widths=(2, 5)),)),
        Section("process", 8, _("The hiring process"), tuple(process_blocks(kit.pack.job))),
    )
    return kit.document(
        "job",
        _(TITLE),
        _(AUDIENCE),
        sections,
        confidential=False,
        cover_facts=((_("Role"), kit.role.title), (_("Where"), work[0][1])),
    )
