"""What the brief leaves to its method appendix to stay within ten pages, and the short notes
that say where each part went.

The brief keeps what a founder decides on: the verdict and its reasons, what would change it,
the dates, the team and the money, and the role. The method appendix (`brief.appendix`) carries
the rest, built from the same assessment: how each figure is worked out and from which
sources, what the plan's dates count from, the sources of each section, the charts that draw
what a list or a table of the brief already says, and notes longer than the brief shows.
"""

from __future__ import annotations

from advisor import present, wording
from advisor.brief.common import BriefContext, sentence, short_citation
from advisor.brief.model import Block, Brief, Chart, Paragraph, Subheading, Table
from advisor.engine import Assessment
from advisor.fields import FIELDS

# The appendix's parts that hold what left the brief, by their headings.
HOW = "How the figures are worked out"
COUNTED = "What the dates count from"
MEASURED = "How each metric is measured"
INTERVIEW = "Interview questions"
ROLES = "Roles and gaps"
DUTIES = "What each responsibility means"
RAISED = "What raised each mistake"
SOURCES = "Sources by section"
CHARTS = "Charts"
NOTES = "Notes in full"

# The most of the company's notes the brief's summary quotes; the appendix has them all.
NOTES_CHARS = 400
NOTES_LINES = 6

# How each figure of the economics block is worked out, where the presenter gives no note.
HOW_TEXT = {
    "total_arr": "Accounts × average contract value",
    "gross_profit": "{revenue} × gross margin",
    "expansion": "Net revenue retention less gross revenue retention, as given",
    "cost_share": (
        "The cost of the team the book needs against the gross profit of the book; the "
        "affordability rules read one AM's cost"
    ),
    "break_even": "The {revenue} whose gross profit equals one AM's cost",
    "supported_from": "The smallest book whose gross profit is that multiple of one AM's cost",
    "am_count": "Enough AMs that none holds more accounts or more client hours than one AM can",
    "book_basis": (
        "The largest of three needs: the accounts, the book's revenue (or gross profit) where "
        "the business model bounds it, and the client hours"
    ),
    "client_hours": "The cadence of each tier and the renewals, against one budget per AM",
    "team_today": "The Account Managers on the team today, as given",
    "next_am": "The first book the team the book needs can no longer hold",
}
# The steps between the inputs and the figures a founder decides on, which only the appendix
# lists (with the inputs themselves): the break-even book and the book the margin supports.
DERIVED = frozenset({"break_even", "supported_from"})
# The figures whose working the brief leaves to the appendix: their values say enough.
LONG_HOW = frozenset({"cost_share", "am_count", "book_basis", "client_hours", "next_am"})
BOOK_SIZE = "Accounts one AM can hold"
RANGE_HOW = (
    "The payback if an AM keeps less or more of what churn takes, and adds less or more "
    "expansion, than expected"
)


def where(part: str) -> str:
    """Where a part of the method appendix is, as a reader is told."""
    return f"in the method appendix, under \u201c{part}\u201d"


def pointer(part: str = SOURCES, lead: str = "Sources:") -> Paragraph:
    """The short note a section keeps where its sources (or another part) moved."""
    return Paragraph(f"{where(part)}.", lead=lead, style="note")


# --- The figures, with how each is worked out -------------------------------------------------


def book_source(brief: BriefContext) -> str:
    """Where the book's size comes from: the accounts benchmark, and the business model's bound
    on its revenue (or gross profit) when the pack gives one."""
    source = brief.pack.book_size_source
    if brief.assessment.economics.book_size_band:
        source += f"; by band of contract value: {brief.pack.book_size_band_source}"
    spec = brief.pack.business_model(str(brief.profile.business_model))
    if spec is not None and spec.revenue_per_am_source:
        source += f"; {spec.label}, per AM: {spec.revenue_per_am_source}"
    return source


def figure_rows(brief: BriefContext, *, full: bool) -> tuple[tuple[str, str, str], ...]:
    """The numbers behind the verdict: each figure, its value and how it is worked out.

    In the brief (`full` false) the inputs, the `DERIVED` steps and an expansion nobody
    measured are left out, and a
    figure's sources are named by their documents; the appendix's rows (`full`) carry them all,
    whole.
    """
    a, p = brief.assessment, brief.profile
    rows = [
        (
            FIELDS[name].label,
            wording.with_unit(name, getattr(p, name), brief.currency),
            "As given",
        )
        for name in ("active_accounts", "avg_contract_value", "gross_margin", "logo_churn_rate")
        if full
    ]
    revenue = present.revenue(a.economics)
    for line in present.economics_lines(a):
        if not full and line.key in DERIVED:
            continue
        if not full and line.key == "expansion" and a.economics.expansion_measured is None:
            continue  # no figure: the metrics say NRR and GRR are not measured yet
        if line.key == "am_count":
            low, high = a.economics.book_size_low, a.economics.book_size_high
            how = book_source(brief) if full else "The segment's, or its band of contract value's"
            rows.append((BOOK_SIZE, f"{low}\u2013{high}", how))
        how = line.note or HOW_TEXT.get(line.key, "").replace("{revenue}", revenue)
        if not full and not line.note and line.key in LONG_HOW:
            how = "\u2013"
        if line.key == "payback_range":
            source = brief.pack.am_effect.source
            how = (
                f"{RANGE_HOW}. {wording.cited(source)}"
                if full
                else f"{RANGE_HOW}: an assumed effect, {short_citation(source)}"
            )
        rows.append((line.label, line.text, how))
    return tuple(rows)


# --- Each section's sources -------------------------------------------------------------------


def section_sources(brief: BriefContext) -> dict[str, tuple[str, ...]]:
    """The sources each section of the brief rests on, by section key, as the appendix lists
    them; the sections themselves point there."""
    role = brief.role
    src = role.sources
    comp = role.compensation
    metrics = "; ".join(dict.fromkeys(f"{m.label}: {m.source}" for m in role.metrics))
    found: dict[str, tuple[str, ...]] = {
        "instead": (role.interim.source,) if role.interim is not None else (),
        "role": (src.get("shape", ""),),
        "capacity": (
            f"Book size: {role.capacity.source}",
            f"Team lead: {src.get('team_lead', '')}",
            f"Client hours: {src.get('cadence_hours', '')}",
        ),
        "metrics": (metrics, f"What not to measure: {src.get('metrics_avoid', '')}"),
        "compensation": tuple(comp.sources),
        "cadence": (src.get("cadence", ""), f"Reviews: {src.get('qbr', '')}"),
        "playbook": (src.get("playbook", ""),),
        "handover": (src.get("handover", ""),),
        "onboarding": (src.get("onboarding", ""),),
    }
    return {key: tuple(sentence(t) for t in texts if t.strip()) for key, texts in found.items()}


# --- Charts that draw what the brief says in words --------------------------------------------


def score_chart(assessment: Assessment) -> Chart:
    """The rules' weights behind the readiness score: the brief lists the reasons instead."""
    title = "What the rules weigh" if assessment.gated else "What moved the readiness score"
    moved = sorted((r for r in assessment.fired if r.score), key=lambda r: -r.score)
    parts = [f"{r.score:+.0f} {r.title}" for r in moved]
    text = "; ".join(parts) if parts else "No rule with a score effect fired"
    return Chart("score", title, f"{text}. {present.score_total(assessment)}", height=420)


def whatif_chart(brief: BriefContext) -> Chart | None:
    """Readiness against the book's size: the brief's summary gives the flip points instead.

    Under a gate every book size gives the same verdict: the chart would only draw a score
    that does not count."""
    a, p = brief.assessment, brief.profile
    if a.gated:
        return None
    text = (
        f"The readiness score as the book grows or shrinks, everything else unchanged. Today: "
        f"{p.active_accounts} accounts, {present.score_text(a)}."
    )
    for flip in a.flip_points:
        if flip.field == "active_accounts":
            text += f" {flip.sentence}"
    return Chart("whatif", "Readiness against the number of active accounts", text, height=420)


def growth_chart(assessment: Assessment) -> Chart | None:
    """Active accounts by quarter: the brief gives the growth in a sentence instead."""
    growth = assessment.growth
    if growth is None or not growth.pace:
        return None
    text = present.growth_sentence(assessment)
    return Chart("growth", "Active accounts by quarter at today's pace", text, height=380)


def payout_chart(brief: BriefContext) -> Chart:
    """Pay at each attainment level: the brief's payout table gives the same figures."""
    comp = brief.role.compensation
    parts = [
        f"at {wording.percent(r.attainment, 0)}: {brief.money(r.total)}" for r in comp.payout_rows()
    ]
    text = "Total pay " + "; ".join(parts) + f" (OTE {brief.money(comp.ote)})."
    return Chart("payout", "Pay at each attainment level", text, height=380)


# --- Notes ------------------------------------------------------------------------------------


def notes_excerpt(notes: str) -> tuple[str, bool]:
    """The company's notes as the brief quotes them, and whether they were cut: at most
    NOTES_LINES lines and NOTES_CHARS characters, cut at a word."""
    lines = notes.strip().splitlines()
    text = "\n".join(lines[:NOTES_LINES])
    cut = len(lines) > NOTES_LINES
    if len(text) > NOTES_CHARS:
        text = text[:NOTES_CHARS]
        space = text.rfind(" ")
        text = text[:space] if space > NOTES_CHARS // 2 else text
        cut = True
    return (f"{text.rstrip()} \u2026" if cut else text), cut


def notes_blocks(brief: BriefContext) -> list[Block]:
    """The summary's quote of the company's notes, and where the rest is when they were cut."""
    notes = brief.profile.notes
    if not notes:
        return []
    text, cut = notes_excerpt(notes)
    blocks: list[Block] = [
        Paragraph(text, lead=f"Notes from {brief.profile.company}:", style="quote")
    ]
    if cut:
        count = f"{len(notes):,}"
        blocks.append(
            Paragraph(f"The notes run to {count} characters; {where(NOTES)}.", style="note")
        )
    return blocks


# --- The appendix's parts ---------------------------------------------------------------------


def appendix_blocks(brief: Brief) -> list[Block]:
    """What left the brief, for its method appendix: the figures with how each is worked out,
    what the dates count from, each section's sources, the charts and the notes in full."""
    profile = brief.assessment.profile
    context = BriefContext(profile, brief.assessment, brief.pack, brief.role)
    blocks: list[Block] = [
        Subheading(HOW),
        Table(
            ("Figure", "Value", "How it is worked out"),
            figure_rows(context, full=True),
            widths=(3, 3, 5),
        ),
    ]
    counted = present.plan_figure_rows(brief.assessment, brief.pack)
    if counted:
        blocks += [
            Subheading(COUNTED),
            Table(("Counted from", "Value", "Source"), tuple(counted), widths=(3, 1.5, 6)),
        ]
    blocks += [
        Subheading(MEASURED),
        Table(
            ("Metric", "How it is measured"),
            tuple((m.label, m.how) for m in brief.role.metrics),
            widths=(3, 8),
        ),
    ]
    blocks += _role_detail(context)
    blocks += _sources_blocks(context, brief)
    charts = (
        score_chart(brief.assessment),
        whatif_chart(context),
        growth_chart(brief.assessment),
        payout_chart(context),
    )
    blocks += [Subheading(CHARTS), *(chart for chart in charts if chart is not None)]
    if profile.notes:
        blocks += [
            Subheading(NOTES),
            Paragraph(profile.notes, lead=f"Notes from {profile.company}:", style="quote"),
        ]
    return blocks


def _role_detail(brief: BriefContext) -> list[Block]:
    """What each responsibility means, what each neighbouring role owns, who does each
    activity today and what it means, the interview questions for each skill, and why each
    mistake matters with what raised it and its source."""
    role = brief.role
    blocks: list[Block] = []
    tones = {"ok": "good", "gap": "bad", "overlap": "warn", "risk": "warn"}
    if role.responsibilities:
        blocks += [
            Subheading(DUTIES),
            Table(
                ("Area", "What it means"),
                tuple((r.area, r.description) for r in role.responsibilities),
                widths=(3, 8),
            ),
        ]
    if role.boundaries or role.today:
        blocks.append(Subheading(ROLES))
    if role.boundaries:
        blocks.append(
            Table(
                ("Role", "Owns"),
                tuple((b.role, b.owns) for b in role.boundaries),
                widths=(3, 8),
            )
        )
    if role.today:
        blocks.append(
            Table(
                ("Activity", "Today", "Status", "What it means"),
                tuple((t.activity, t.owner, t.status.upper(), t.note) for t in role.today),
                widths=(2.2, 2.8, 1.4, 5),
                row_tones=tuple(tones.get(t.status, "") for t in role.today),
            )
        )
    if role.interview:
        blocks += [
            Subheading(INTERVIEW),
            Table(
                ("Skill", "Ask", "Listen for"),
                tuple((q.skill, q.ask, q.listen_for) for q in role.interview),
                widths=(2, 4.5, 4),
            ),
        ]
    if role.mistakes:
        blocks += [
            Subheading(RAISED),
            Table(
                ("Mistake", "Why it matters", "Raised by", "Source"),
                tuple(
                    (
                        m.title,
                        sentence(m.why),
                        "; ".join(m.raised_by) or "\u2013",
                        m.source or "\u2013",
                    )
                    for m in role.mistakes
                ),
                widths=(2.4, 3.6, 3, 3),
            ),
        ]
    return blocks


def _sources_blocks(context: BriefContext, brief: Brief) -> list[Block]:
    found = section_sources(context)
    blocks: list[Block] = [Subheading(SOURCES)]
    for section in brief.sections:
        texts = found.get(section.key, ())
        if texts:
            blocks.append(Paragraph(" ".join(texts), lead=f"{section.heading}.", style="note"))
    return blocks
