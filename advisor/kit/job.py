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
from advisor.kit.disclosure import DISCLOSABLE
from advisor.kit.document import KitDocument, KitInputs
from advisor.pack.job import JobTexts
from advisor.present import pay as pay_words
from advisor.role.draft import templates_for
from advisor.role.metrics import metric_text
from advisor.role.search import REPORTS_TO

TITLE = "Job description"
AUDIENCE = "For candidates"
NO_TEXTS = (
    "The rule pack has no job section (rules/45-job.yaml): the pitch, the requirements and the "
    "hiring process are left out."
)
WHERE = {
    "on_site": "on site",
    "hybrid": "hybrid: part of the week at the office, part from home",
    "remote": "fully remote",
}
BOUNDARIES_LEAD = "The people around you, what each of them owns, and where your part stops:"
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
    disclosed = disclosed_rows(kit)
    figures = " · ".join(f"{label}: {value}" for label, value in disclosed if label != "Notes")
    if figures:
        blocks.append(Paragraph(figures, lead="In figures:"))
    blocks.extend(Paragraph(value, style="quote") for label, value in disclosed if label == "Notes")
    return blocks


def book_sentence(kit: KitInputs) -> str:
    """The book in accounts: the only size of the company the description states unasked."""
    econ = kit.assessment.economics
    accounts, count = kit.profile.active_accounts, max(econ.recommended_am_count, 1)
    book = wording.plural(accounts, "client account")
    if count == 1:
        return f"The book you take over: {book}."
    each = math.ceil(accounts / count)
    return f"The book: {book} shared by {count} Account Managers, about {each} each."


def disclosed_rows(kit: KitInputs) -> tuple[tuple[str, str], ...]:
    """Each confidential field the consultant allowed, with its value as the product writes it."""
    profile = kit.profile
    rows = []
    for name in DISCLOSABLE:
        raw = getattr(profile, name)
        if name in kit.disclose and raw is not None:
            rows.append((wording.label(name), wording.shown_value(name, raw, profile.currency)))
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
    return [Paragraph(BOUNDARIES_LEAD), Bullets(rows)]


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
    blocks: list[Block] = [Subheading("Must-haves: someone who"), Bullets(tuple(must))]
    if nice:
        blocks += [Subheading("Nice to have: someone who"), Bullets(tuple(nice))]
    if out:
        blocks += [Subheading("Not the role for you if"), Bullets(tuple(out))]
    if kit.pack.job is None:
        blocks.append(Paragraph(NO_TEXTS, style="note"))
    return blocks


def metric_blocks(kit: KitInputs) -> list[Block]:
    """The metrics by name and how each is measured; a target only where the consultant
    disclosed the company's own figure it is set from."""
    role = kit.role
    shown = [
        line for line in role.metrics if line.key in kit.disclose and line.key in METRIC_FIELDS
    ]
    targets = {
        line.key: f"{'at least' if line.direction == 'higher' else 'at most'} "
        f"{metric_text(line.key, line.target_value)}"
        for line in shown
        if line.target_value is not None
    }
    columns: tuple[str, ...] = ("Metric", "How it is measured")
    if targets:
        columns = (*columns, "Target")
    rows = tuple(
        (line.label, line.how, *((targets.get(line.key, "in the offer"),) if targets else ()))
        for line in role.metrics
    )
    widths = (1.6, 4.4, 1.4) if targets else (1.6, 5.4)
    avoid = _either([wording.in_sentence(a.metric) for a in role.avoid_metrics])
    blocks: list[Block] = [Table(columns, rows, widths=widths)]
    closing = "The targets for your book are written into the offer, before you sign."
    if avoid:
        closing += f" You are not measured on {avoid}."
    blocks.append(Paragraph(closing))
    return blocks


def _either(items: list[str]) -> str:
    """ "a, b or c"."""
    return " or ".join(filter(None, (", ".join(items[:-1]), *items[-1:])))


def _variable_split(kit: KitInputs) -> str:
    parts = [
        f"{wording.in_sentence(c.label)} {present.share(c.share)}"
        for c in kit.role.compensation.components
        if c.share > 0
    ]
    return f"The variable pay is paid on {wording.joined(parts)}." if parts else ""


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
        return comp.ote, "the offer as set on the role"
    templates = templates_for(kit.pack, kit.profile.business_model.value)[0]
    factor = templates.figure("loaded_cost_factor")
    cost, _ = kit.pack.benchmark_am_cost(kit.profile.currency, kit.profile.segment.value)
    step = 1000 if cost / factor >= 10_000 else 1
    segment = wording.segment_label(kit.profile.segment.value)
    what = (
        f"the rule pack's product default for an Account Manager with "
        f"{wording.in_sentence(segment)} clients, in {kit.profile.currency}, not a market's pay "
        f"band ({_no_band(kit)}); the offer states the figure"
    )
    return float(round(cost / factor / step) * step), what


def _no_band(kit: KitInputs) -> str:
    econ = kit.assessment.economics
    if econ.pay_status == "no_band":
        return f"the rule pack has no pay band for {econ.pay_country}"
    if econ.pay_status == "currency":
        return f"the pay band for {econ.pay_country} is in {econ.pay_currency}"
    return "the profile names no country"


def pay_blocks(kit: KitInputs) -> list[Block]:
    comp, cur = kit.role.compensation, kit.profile.currency
    band = band_of(kit)
    if band is not None:
        lines = [
            f"{wording.capitalised(pay_words.band_text(band))}.",
            sentence(wording.capitalised(pay_words.monthly_text(band))),
            f"From the pay band for {pay_words.place(band)}.",
        ]
        if comp.ote_source == "your figure":
            lines.append(f"The offer as set on the role: OTE {present.money(comp.ote, cur)}.")
    else:
        ote, source = default_ote(kit)
        base = ote * comp.base_share
        mix = round(comp.base_share * 100)
        earnings = (
            f"On-target earnings about {present.money(ote, cur)} a year: base "
            f"{present.money(base, cur)} and variable {present.money(ote - base, cur)} "
            f"({mix}/{100 - mix} base/variable)."
        )
        lines = [earnings, f"This is {source}."]
    lines.append(_variable_split(kit))
    return [Paragraph(" ".join(line for line in lines if line))]


def work_rows(kit: KitInputs) -> tuple[tuple[str, str], ...]:
    profile = kit.profile
    place = profile.location or ""
    if profile.country:
        place = ", ".join(part for part in (place, profile.country) if part)
    policy = WHERE.get(profile.remote_policy.value, "") if profile.remote_policy else ""
    where = "; ".join(part for part in (place, policy) if part) or "to be confirmed"
    languages = wording.joined(_list(profile.languages)) or "to be confirmed"
    reports = kit.role.reporting_line
    if profile.reports_to is not None and profile.reports_to.value in REPORTS_TO:
        reports = f"You report to {REPORTS_TO[profile.reports_to.value]}."
    return (
        ("Location", where),
        ("Languages with clients", languages),
        ("Reporting line", reports or "to be confirmed"),
        ("Contract", "Full time, permanent"),
    )


def process_blocks(texts: JobTexts | None) -> list[Block]:
    if texts is None:
        return [Paragraph(NO_TEXTS, style="note")]
    stages = tuple(
        f"{s.stage} ({wording.in_sentence(s.who)}): {sentence(s.what)}" for s in texts.process
    )
    return [Bullets(stages, ordered=True)]


def build_job(kit: KitInputs) -> KitDocument:
    sections = (
        Section("company", 1, f"About {kit.company}", tuple(company_blocks(kit))),
        Section("role", 2, "The role", tuple(role_blocks(kit))),
        Section("not", 3, "What the role is not", tuple(boundary_blocks(kit))),
        Section("requirements", 4, "What you bring", tuple(requirement_blocks(kit))),
        Section("metrics", 5, "How you are measured", tuple(metric_blocks(kit))),
        Section("pay", 6, "Pay", tuple(pay_blocks(kit))),
        Section(
            "work", 7, "Where and how you work", (Table(("", ""), work_rows(kit), widths=(2, 5)),)
        ),
        Section("process", 8, "The hiring process", tuple(process_blocks(kit.pack.job))),
    )
    return kit.document(
        "job",
        TITLE,
        AUDIENCE,
        sections,
        confidential=False,
        cover_facts=(("Role", kit.role.title), ("Where", work_rows(kit)[0][1])),
    )
