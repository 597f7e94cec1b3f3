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
from advisor.i18n import N_, _, n_, p_
from advisor.i18n.formats import number

# The appendix's parts that hold what left the brief, by their headings.
HOW = N_("How the figures are worked out")
COUNTED = N_("What the dates count from")
MEASURED = N_("How each metric is measured")
INTERVIEW = N_("Interview questions")
ROLES = N_("Roles and gaps")
DUTIES = N_("What each responsibility means")
RAISED = N_("What raised each mistake")
SOURCES = N_("Sources by section")
CHARTS = N_("Charts")
NOTES = N_("Notes in full")

# The most of the company's notes the brief's summary quotes; the appendix has them all.
NOTES_CHARS = 400
NOTES_LINES = 6

# How each figure of the economics block is worked out, where the presenter gives no note.
# ({revenue} is the business model's word for its yearly revenue: "ARR", "annual fees".)
HOW_TEXT = {
    "total_arr": N_("Accounts × average contract value"),
    "gross_profit": N_("{revenue} × gross margin"),
    "expansion": N_("Net revenue retention less gross revenue retention, as given"),
    "cost_share": N_(
        "The cost of the team the book needs against the gross profit of the book; the "
        "affordability rules read one AM's cost"
    ),
    "break_even": N_("The {revenue} whose gross profit equals one AM's cost"),
    "supported_from": N_("The smallest book whose gross profit is that multiple of one AM's cost"),
    "am_count": N_("Enough AMs that none holds more accounts or more client hours than one AM can"),
    "book_basis": N_(
        "The largest of three needs: the accounts, the book's revenue (or gross profit) where "
        "the business model bounds it, and the client hours"
    ),
    "client_hours": N_("The cadence of each tier and the renewals, against one budget per AM"),
    "team_today": N_("The Account Managers on the team today, as given"),
    "next_am": N_("The first book the team the book needs can no longer hold"),
}
# The steps between the inputs and the figures a founder decides on, which only the appendix
# lists (with the inputs themselves): the break-even book and the book the margin supports.
DERIVED = frozenset({"break_even", "supported_from"})
# The figures whose working the brief leaves to the appendix: their values say enough.
LONG_HOW = frozenset({"cost_share", "am_count", "book_basis", "client_hours", "next_am"})
BOOK_SIZE = N_("Accounts one AM can hold")


def where(part: str) -> str:
    """Where a part of the method appendix is, as a reader is told."""
    # Translators: {part} is the heading of a part of the method appendix.
    return _("in the method appendix, under \u201c{part}\u201d", part=_(part))


def pointer(part: str = SOURCES, lead: str | None = None) -> Paragraph:
    """The short note a section keeps where its sources (or another part) moved; the lead
    is "Sources:" unless given."""
    return Paragraph(f"{where(part)}.", lead=_("Sources:") if lead is None else lead, style="note")


def figure_columns() -> tuple[str, str, str]:
    """The headers of the table of figures, in the brief and in its appendix."""
    return (p_("column", "Figure"), p_("column", "Value"), p_("column", "How it is worked out"))


# --- The figures, with how each is worked out -------------------------------------------------


def book_source(brief: BriefContext) -> str:
    """Where the book's size comes from: the accounts benchmark, and the business model's bound
    on its revenue (or gross profit) when the pack gives one."""
    source = brief.pack.book_size_source
    if brief.assessment.economics.book_size_band:
        # Translators: {sources} are the benchmarks of the book's size; {band} the sources of
        # the book size by band of contract value.
        source = _(
            "{sources}; by band of contract value: {band}",
            sources=source,
            band=brief.pack.book_size_band_source,
        )
    spec = brief.pack.business_model(str(brief.profile.business_model))
    if spec is not None and spec.revenue_per_am_source:
        # Translators: {model} is a business model's name; {source} what bounds an AM's book.
        source = _(
            "{sources}; {model}, per AM: {source}",
            sources=source,
            model=spec.label,
            source=spec.revenue_per_am_source,
        )
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
            _(FIELDS[name].label),
            wording.with_unit(name, getattr(p, name), brief.currency),
            _("As given"),
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
            how = (
                book_source(brief) if full else _("The segment's, or its band of contract value's")
            )
            rows.append((_(BOOK_SIZE), f"{number(low)}\u2013{number(high)}", how))
        how = line.note or _how(line.key, revenue)
        if not full and not line.note and line.key in LONG_HOW:
            how = "\u2013"
        if line.key == "payback_range":
            source = brief.pack.am_effect.source
            how = (
                _(
                    "The payback if an AM keeps less or more of what churn takes, and adds less "
                    "or more expansion, than expected. {source}",
                    source=wording.cited(source),
                )
                if full
                # Translators: {source} names the documents the assumed effect comes from.
                else _(
                    "The payback if an AM keeps less or more of what churn takes, and adds less "
                    "or more expansion, than expected: an assumed effect, {source}",
                    source=short_citation(source),
                )
            )
        rows.append((line.label, line.text, how))
    return tuple(rows)


def _how(key: str, revenue: str) -> str:
    """How the figure `key` is worked out, where the presenter gives no note."""
    text = HOW_TEXT.get(key, "")
    if not text:
        return ""
    return _(text, revenue=revenue) if "{revenue}" in text else _(text)


# --- Each section's sources -------------------------------------------------------------------


def section_sources(brief: BriefContext) -> dict[str, tuple[str, ...]]:
    """The sources each section of the brief rests on, by section key, as the appendix lists
    them; the sections themselves point there."""
    role = brief.role
    src = role.sources
    comp = role.compensation
    metrics = "; ".join(dict.fromkeys(f"{m.label}: {m.source}" for m in role.metrics))
    # Translators: each "{source}" is a citation: a document's title and publisher.
    found: dict[str, tuple[str, ...]] = {
        "instead": (role.interim.source,) if role.interim is not None else (),
        "role": (src.get("shape", ""),),
        "capacity": (
            _("Book size: {source}", source=role.capacity.source),
            _("Team lead: {source}", source=src.get("team_lead", "")),
            _("Client hours: {source}", source=src.get("cadence_hours", "")),
        ),
        "metrics": (
            metrics,
            _("What not to measure: {source}", source=src.get("metrics_avoid", "")),
        ),
        "compensation": tuple(comp.sources),
        "cadence": (src.get("cadence", ""), _("Reviews: {source}", source=src.get("qbr", ""))),
        "playbook": (src.get("playbook", ""),),
        "handover": (src.get("handover", ""),),
        "onboarding": (src.get("onboarding", ""),),
    }
    return {key: tuple(sentence(t) for t in texts if t.strip()) for key, texts in found.items()}


# --- Charts that draw what the brief says in words --------------------------------------------


def score_chart(assessment: Assessment) -> Chart:
    """The rules' weights behind the readiness score: the brief lists the reasons instead."""
    title = _("What the rules weigh") if assessment.gated else _("What moved the readiness score")
    moved = sorted((r for r in assessment.fired if r.score), key=lambda r: -r.score)
    # Translators: {points} is a signed score effect ("+12", "-8"); {rule} a rule's title.
    parts = [_("{points} {rule}", points=_signed(r.score), rule=r.title) for r in moved]
    text = "; ".join(parts) if parts else _("No rule with a score effect fired")
    return Chart("score", title, f"{text}. {present.score_total(assessment)}", height=420)


def _signed(points: float) -> str:
    """A score effect with its sign, in whole points: '+12', '-8'."""
    return ("+" if points >= 0 else "-") + number(abs(points))


def whatif_chart(brief: BriefContext) -> Chart | None:
    """Readiness against the book's size: the brief's summary gives the flip points instead.

    Under a gate every book size gives the same verdict: the chart would only draw a score
    that does not count."""
    a, p = brief.assessment, brief.profile
    if a.gated:
        return None
    # Translators: {score} is today's readiness score ("62/100").
    text = n_(
        "The readiness score as the book grows or shrinks, everything else unchanged. Today: "
        "{accounts} account, {score}.",
        "The readiness score as the book grows or shrinks, everything else unchanged. Today: "
        "{accounts} accounts, {score}.",
        p.active_accounts,
        accounts=p.active_accounts,
        score=present.score_text(a),
    )
    for flip in a.flip_points:
        if flip.field == "active_accounts":
            text += f" {flip.sentence}"
    title = _("Readiness against the number of active accounts")
    return Chart("whatif", title, text, height=420)


def growth_chart(assessment: Assessment) -> Chart | None:
    """Active accounts by quarter: the brief gives the growth in a sentence instead."""
    growth = assessment.growth
    if growth is None or not growth.pace:
        return None
    text = present.growth_sentence(assessment)
    return Chart("growth", _("Active accounts by quarter at today's pace"), text, height=380)


def payout_chart(brief: BriefContext) -> Chart:
    """Pay at each attainment level: the brief's payout table gives the same figures."""
    comp = brief.role.compensation
    # Translators: {attainment} is a share of the target reached ("120%"); {pay} an amount.
    parts = [
        _(
            "at {attainment}: {pay}",
            attainment=wording.percent(r.attainment, 0),
            pay=brief.money(r.total),
        )
        for r in comp.payout_rows()
    ]
    # Translators: {levels} lists the pay at each level ("at 50%: €40,000; at 100%: …").
    text = _("Total pay {levels} (OTE {ote}).", levels="; ".join(parts), ote=brief.money(comp.ote))
    return Chart("payout", _("Pay at each attainment level"), text, height=380)


def status_label(status: str) -> str:
    """An activity's status today as the tables show it: OK, GAP, OVERLAP, RISK."""
    labels = {
        "ok": p_("status", "OK"),
        "gap": p_("status", "GAP"),
        "overlap": p_("status", "OVERLAP"),
        "risk": p_("status", "RISK"),
    }
    return labels.get(status, status.upper())


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
        Paragraph(
            text,
            lead=_("Notes from {company}:", company=brief.profile.company),
            style="quote",
        )
    ]
    if cut:
        blocks.append(
            Paragraph(
                # Translators: {where} says where in the method appendix the notes are.
                n_(
                    "The notes run to {characters} character; {where}.",
                    "The notes run to {characters} characters; {where}.",
                    len(notes),
                    characters=number(len(notes)),
                    where=where(NOTES),
                ),
                style="note",
            )
        )
    return blocks


# --- The appendix's parts ---------------------------------------------------------------------


def appendix_blocks(brief: Brief) -> list[Block]:
    """What left the brief, for its method appendix: the figures with how each is worked out,
    what the dates count from, each section's sources, the charts and the notes in full."""
    profile = brief.assessment.profile
    context = BriefContext(profile, brief.assessment, brief.pack, brief.role)
    blocks: list[Block] = [
        Subheading(_(HOW)),
        Table(
            figure_columns(),
            figure_rows(context, full=True),
            widths=(3, 3, 5),
        ),
    ]
    counted = present.plan_figure_rows(brief.assessment, brief.pack)
    if counted:
        blocks += [
            Subheading(_(COUNTED)),
            Table(
                (p_("column", "Counted from"), p_("column", "Value"), p_("column", "Source")),
                tuple(counted),
                widths=(3, 1.5, 6),
            ),
        ]
    blocks += [
        Subheading(_(MEASURED)),
        Table(
            (p_("column", "Metric"), p_("column", "How it is measured")),
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
    blocks += [Subheading(_(CHARTS)), *(chart for chart in charts if chart is not None)]
    if profile.notes:
        blocks += [
            Subheading(_(NOTES)),
            Paragraph(
                profile.notes,
                # Translators: {company} is the company's name.
                lead=_("Notes from {company}:", company=profile.company),
                style="quote",
            ),
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
            Subheading(_(DUTIES)),
            Table(
                (p_("column", "Area"), p_("column", "What it means")),
                tuple((r.area, r.description) for r in role.responsibilities),
                widths=(3, 8),
            ),
        ]
    if role.boundaries or role.today:
        blocks.append(Subheading(_(ROLES)))
    if role.boundaries:
        blocks.append(
            Table(
                (p_("column", "Role"), p_("column", "Owns")),
                tuple((b.role, b.owns) for b in role.boundaries),
                widths=(3, 8),
            )
        )
    if role.today:
        blocks.append(
            Table(
                (
                    p_("column", "Activity"),
                    p_("column", "Today"),
                    p_("column", "Status"),
                    p_("column", "What it means"),
                ),
                tuple((t.activity, t.owner, status_label(t.status), t.note) for t in role.today),
                widths=(2.2, 2.8, 1.4, 5),
                row_tones=tuple(tones.get(t.status, "") for t in role.today),
            )
        )
    if role.interview:
        blocks += [
            Subheading(_(INTERVIEW)),
            Table(
                (p_("column", "Skill"), p_("column", "Ask"), p_("column", "Listen for")),
                tuple((q.skill, q.ask, q.listen_for) for q in role.interview),
                widths=(2, 4.5, 4),
            ),
        ]
    if role.mistakes:
        blocks += [
            Subheading(_(RAISED)),
            Table(
                (
                    p_("column", "Mistake"),
                    p_("column", "Why it matters"),
                    p_("column", "Raised by"),
                    p_("column", "Source"),
                ),
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
    blocks: list[Block] = [Subheading(_(SOURCES))]
    for section in brief.sections:
        texts = found.get(section.key, ())
        if texts:
            blocks.append(Paragraph(" ".join(texts), lead=f"{section.heading}.", style="note"))
    return blocks
