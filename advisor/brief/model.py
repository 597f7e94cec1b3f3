"""The Brief: one document model built from profile + assessment + role; renderers only render it.

A Brief is a cover plus numbered sections of plain blocks (paragraphs, lists, tables, callouts,
charts). Every string is cleaned on the way in — control characters dropped, lone surrogates
replaced, bidirectional overrides removed — so a renderer only has to escape for its own format
and can never be handed text that breaks it. Charts are placeholders until
`Brief.with_chart_images` fills them; a chart without an image says why it was omitted.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, fields, replace
from typing import Any

from advisor import wording
from advisor.engine import Assessment, RuleResult
from advisor.profile import FIELDS, CompanyProfile
from advisor.role import RoleDesign, draft_role, templates_for
from advisor.role_templates import RoleTemplates
from advisor.rules import RulePack
from advisor.textsafety import clean_text

MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def _clean_tree(value: Any, single_line: bool) -> Any:
    if isinstance(value, str):
        return clean_text(value, single_line=single_line)
    if isinstance(value, tuple):
        return tuple(_clean_tree(item, single_line) for item in value)
    return value


class _Clean:
    """Mixin: clean every text field of a frozen dataclass when it is built."""

    MULTILINE: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        for item in fields(self):  # type: ignore[arg-type]
            value = getattr(self, item.name)
            if isinstance(value, str | tuple):
                cleaned = _clean_tree(value, item.name not in self.MULTILINE)
                object.__setattr__(self, item.name, cleaned)


# ---------------------------------------------------------------------------------------------
# Blocks


@dataclass(frozen=True)
class Paragraph(_Clean):
    text: str
    lead: str = ""  # shown in bold before the text
    style: str = "body"  # body | note (small, for sources) | quote (the company's own words)
    MULTILINE = ("text",)


@dataclass(frozen=True)
class Bullets(_Clean):
    items: tuple[str, ...]
    ordered: bool = False


@dataclass(frozen=True)
class Table(_Clean):
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    widths: tuple[float, ...] = ()  # relative column widths; equal when empty
    row_tones: tuple[str, ...] = ()  # per row: "" | good | warn | bad
    numeric: tuple[int, ...] = ()  # columns aligned right


@dataclass(frozen=True)
class Callout(_Clean):
    text: str
    tone: str = "info"  # info | warning | verdict
    lead: str = ""


@dataclass(frozen=True)
class Subheading(_Clean):
    text: str


@dataclass(frozen=True)
class Chart(_Clean):
    key: str  # score | whatif | payout
    title: str
    summary: str  # the chart's content in words: Markdown shows it, others use it as a caption
    width: int = 900
    height: int = 460
    image: bytes | None = field(default=None, repr=False)
    omitted: str = ""  # why there is no image, shown in its place


Block = Paragraph | Bullets | Table | Callout | Subheading | Chart


@dataclass(frozen=True)
class Section(_Clean):
    key: str
    number: int
    title: str
    blocks: tuple[Block, ...]

    @property
    def heading(self) -> str:
        return f"{self.number}. {self.title}"


@dataclass(frozen=True)
class Brief(_Clean):
    title: str
    subtitle: str
    company: str
    prepared_on: dt.date
    verdict: str
    verdict_label: str
    score: float
    headline: str
    role_title: str
    cover_facts: tuple[tuple[str, str], ...]
    pack_line: str
    sections: tuple[Section, ...]
    assessment: Assessment = field(repr=False, compare=False)
    role: RoleDesign = field(repr=False, compare=False)
    pack: RulePack = field(repr=False, compare=False)

    @property
    def date_text(self) -> str:
        return (
            f"{self.prepared_on.day} {MONTHS[self.prepared_on.month - 1]} {self.prepared_on.year}"
        )

    def charts(self) -> Iterator[Chart]:
        for section in self.sections:
            for block in section.blocks:
                if isinstance(block, Chart):
                    yield block

    def with_chart_images(self, images: Mapping[str, bytes | None], omitted: str) -> Brief:
        """A copy with each chart's image from `images` (by key), or `omitted` as the reason."""
        sections = []
        for section in self.sections:
            blocks: list[Block] = []
            for block in section.blocks:
                if isinstance(block, Chart):
                    image = images.get(block.key)
                    block = replace(block, image=image, omitted="" if image else omitted)
                blocks.append(block)
            sections.append(replace(section, blocks=tuple(blocks)))
        return replace(self, sections=tuple(sections))

    def without_charts(self, reason: str) -> Brief:
        return self.with_chart_images({}, reason)


# ---------------------------------------------------------------------------------------------
# Building the brief


def _money(amount: float | None, currency: str) -> str:
    return "not defined" if amount is None else wording.money(amount, currency)


def _pct(rate: float) -> str:
    return f"{rate * 100:.0f}%"


def _sentence(text: str) -> str:
    text = text.strip()
    return text if not text or text[-1] in ".!?" else f"{text}."


def _note(text: str) -> Paragraph:
    return Paragraph(_sentence(text), lead="Sources:", style="note")


def _reason_text(result: RuleResult) -> str:
    facts = "; ".join(c.text for c in result.conditions if c.passed)
    text = _sentence(result.rationale)
    if facts:
        text += f" Here: {wording.in_sentence(facts)}."
    return f"{text} ({result.source})"


class _BriefBuilder:
    def __init__(
        self,
        profile: CompanyProfile,
        assessment: Assessment,
        pack: RulePack,
        role: RoleDesign,
        templates: RoleTemplates,
    ) -> None:
        self.profile = profile
        self.assessment = assessment
        self.pack = pack
        self.role = role
        self.templates = templates
        self.currency = profile.currency
        self.sections: list[Section] = []
        self.fill = {
            "company": profile.company,
            "segment": role.segment.replace("_", "-") if role.segment != "smb" else "SMB",
        }

    def money(self, amount: float | None) -> str:
        return _money(amount, self.currency)

    def add(self, key: str, blocks: list[Block]) -> None:
        text = self.templates.brief.sections[key]
        intro = text.intro
        for name, value in self.fill.items():
            intro = intro.replace(f"{{{name}}}", value)
        self.sections.append(
            Section(
                key,
                len(self.sections) + 1,
                text.title,
                (Paragraph(intro), *blocks),
            )
        )

    # --- sections -------------------------------------------------------------------------

    def summary(self) -> None:
        a, role = self.assessment, self.role
        blocks: list[Block] = [
            Callout(
                f"{a.verdict_label} — readiness score {a.score:.0f} of 100 "
                f"(hire now from {self.pack.scoring.hire_now_at:g}, prepare from "
                f"{self.pack.scoring.prepare_at:g}).",
                tone="verdict",
                lead="Verdict:",
            ),
            Paragraph(a.headline),
            Subheading("The three reasons that weigh most"),
            Bullets(
                tuple(f"{r.title}. {_reason_text(r)}" for r in a.key_reasons(3))
                or ("No rule fired: nothing in the inputs argues for or against a hire.",)
            ),
            Subheading("What we recommend"),
        ]
        if role.hire_now:
            count = a.recommended_am_count
            who = f"{count} × {role.title}" if count > 1 else role.title
            blocks.append(
                Paragraph(f"{_sentence(role.summary)} {role.mission}", lead=f"Hire: {who}.")
            )
        elif role.interim is not None:
            blocks.append(Paragraph(role.interim.summary, lead=f"{role.interim.title}."))
            blocks.append(
                Paragraph(
                    f"The role drafted below — {role.title} — is the hire to make once the "
                    "conditions are met.",
                )
            )
        if a.blockers:
            blocks.append(Subheading("What holds the verdict back"))
            blocks.append(Bullets(tuple(a.blockers)))
        flips = [flip.sentence for flip in a.flip_points[:4]]
        if flips:
            blocks.append(Subheading("What would change the verdict"))
            blocks.append(Bullets(tuple(flips)))
        blocks.append(
            Chart("score", "What moved the readiness score", self._score_summary(), height=420)
        )
        if self.profile.notes:
            blocks.append(
                Paragraph(
                    self.profile.notes, lead=f"Notes from {self.profile.company}:", style="quote"
                )
            )
        self.add("summary", blocks)

    def _score_summary(self) -> str:
        moved = sorted((r for r in self.assessment.fired if r.score), key=lambda r: -r.score)
        parts = [f"{r.score:+.0f} {r.title}" for r in moved]
        text = "; ".join(parts) if parts else "No rule with a score effect fired"
        return f"{text}. Total: {self.assessment.score:.0f} of 100."

    def numbers(self) -> None:
        e, p = self.assessment.economics, self.profile
        payback = (
            f"{e.payback_months:.0f} months" if e.payback_months is not None else "not defined"
        )
        rows = [
            ("Active client accounts", f"{p.active_accounts:,}", "As given"),
            (
                "Average contract value",
                self.money(p.avg_contract_value),
                "Per account per year, as given",
            ),
            ("Total ARR", self.money(e.total_arr), "Accounts × average contract value"),
            ("Gross margin", wording.percent(p.gross_margin), "As given"),
            ("Gross profit of the book", self.money(e.gross_profit), "ARR × gross margin"),
            (
                "Logo churn",
                wording.percent(p.logo_churn_rate),
                "Share of accounts lost in 12 months",
            ),
            (
                "ARR at risk each year",
                self.money(e.arr_at_risk),
                f"ARR × churn (about {e.accounts_at_risk:.1f} accounts)",
            ),
            ("AM fully loaded cost", self.money(e.am_cost), e.am_cost_source),
            (
                "AM cost as a share of gross profit",
                wording.percent(e.am_cost_share_of_gross_profit)
                if e.am_cost_share_of_gross_profit is not None
                else "not defined",
                "Below 25% is comfortable, above 50% is not supported",
            ),
            (
                "Break-even book",
                f"{e.break_even_accounts:.1f} accounts"
                if e.break_even_accounts is not None
                else "not defined",
                "Accounts whose gross profit pays one AM",
            ),
            (
                "Expected gross-profit gain a year",
                self.money(e.expected_gross_profit_gain),
                (
                    f"Churn kept ({self.money(e.expected_retained_arr)}) plus expansion "
                    f"({self.money(e.expected_expansion_arr)}), times margin "
                    f"({self.pack.am_impact.source})"
                ),
            ),
            (
                "Payback of the hire",
                payback,
                "AM cost ÷ monthly gain; an estimate, never part of the verdict",
            ),
            (
                "Accounts one AM can hold",
                f"{e.book_size_low}–{e.book_size_high}",
                self.pack.book_size_source,
            ),
            (
                "Account Managers the book needs",
                str(e.recommended_am_count),
                "Accounts ÷ the most one AM can hold, rounded up",
            ),
        ]
        self.add(
            "numbers",
            [
                Table(
                    ("Figure", "Value", "How it is worked out"),
                    tuple(rows),
                    widths=(3, 2, 5),
                    numeric=(1,),
                ),
                Chart(
                    "whatif",
                    "Readiness against the number of active accounts",
                    self._whatif_summary(),
                    height=420,
                ),
            ],
        )

    def _whatif_summary(self) -> str:
        p = self.profile
        text = (
            f"The readiness score as the book grows or shrinks, everything else unchanged. Today: "
            f"{p.active_accounts} accounts, score {self.assessment.score:.0f}."
        )
        for flip in self.assessment.flip_points:
            if flip.field == "active_accounts":
                text += f" {flip.sentence}"
        return text

    def instead(self) -> None:
        plan = self.role.interim
        if plan is None:
            return
        self.add(
            "instead",
            [
                Paragraph(plan.summary, lead=f"{plan.title}."),
                Table(
                    ("Step", "Owner", "When"),
                    tuple((s.step, s.owner, s.when) for s in plan.steps),
                    widths=(6, 2, 2),
                ),
                _note(plan.source),
            ],
        )

    def the_role(self) -> None:
        role = self.role
        facts = [
            ("Title", role.title),
            ("Shape", role.summary),
            ("Hire now?", "Yes" if role.hire_now else f"Not yet — {role.verdict_label.lower()}"),
            (
                "Accounts in the book",
                (
                    f"{role.capacity.active_accounts:,} today; "
                    f"{role.capacity.book_low}–{role.capacity.book_high} per AM"
                ),
            ),
        ]
        blocks: list[Block] = [
            Table(("", ""), tuple(facts), widths=(2, 7)),
            Paragraph(role.mission, lead="Mission:"),
            Subheading("Responsibilities, in priority order for this company"),
            Table(
                ("#", "Area", "What it means", "Why it ranks here"),
                tuple(
                    (str(i), r.area, r.description, r.why or "Core to the role.")
                    for i, r in enumerate(role.responsibilities, start=1)
                ),
                widths=(0.5, 2.2, 4.5, 3.5),
            ),
            _note(role.sources.get("shape", "")),
        ]
        self.add("role", blocks)

    def boundaries(self) -> None:
        role = self.role
        legend = "; ".join(f"{k} = {v}" for k, v in role.raci_legend.items())
        heading = (
            "Who does what once the role exists"
            if role.hire_now
            else (
                "Who does what once the role exists "
                "(until then the founder or AE holds the AM column)"
            )
        )
        tones = {"ok": "good", "gap": "bad", "overlap": "warn", "risk": "warn"}
        self.add(
            "boundaries",
            [
                Table(
                    ("Role", "Owns", "Where the Account Manager stops"),
                    tuple((b.role, b.owns, b.boundary) for b in role.boundaries),
                    widths=(2.2, 3.5, 5),
                ),
                Subheading(heading),
                Table(
                    ("Activity", *role.raci_roles),
                    tuple((r.activity, *(cell or "–" for cell in r.cells)) for r in role.raci),
                    widths=(3, *([1.5] * len(role.raci_roles))),
                ),
                Paragraph(legend, style="note"),
                Subheading("Who does it today"),
                Table(
                    ("Activity", "Today", "Status", "What it means"),
                    tuple((t.activity, t.owner, t.status.upper(), t.note) for t in role.today),
                    widths=(2.2, 2.8, 1.4, 5),
                    row_tones=tuple(tones.get(t.status, "") for t in role.today),
                ),
            ],
        )

    def profile_section(self) -> None:
        role = self.role
        self.add(
            "profile",
            [
                Paragraph(role.seniority_summary, lead=f"{role.seniority_level}."),
                Subheading("What the person brings"),
                Bullets(role.traits),
                Subheading("Skills to interview for"),
                Table(
                    ("Skill", "Ask", "Listen for"),
                    tuple((q.skill, q.ask, q.listen_for) for q in role.interview),
                    widths=(2, 4.5, 4),
                ),
            ],
        )

    def capacity(self) -> None:
        c = self.role.capacity
        quarters = (
            f"about {c.quarters_to_next_am} quarters"
            if c.quarters_to_next_am is not None
            else "not estimated (no growth rate given)"
        )
        rows = (
            ("Accounts one AM can hold here", f"{c.book_low}–{c.book_high}"),
            ("Active accounts today", f"{c.active_accounts:,}"),
            ("Share of one AM's maximum book", _pct(c.load)),
            ("Account Managers the book needs", str(c.am_count)),
            ("Next Account Manager due at", f"{c.next_am_at:,} accounts"),
            ("Time until then", quarters),
            (
                "Client hours the cadence needs",
                f"{c.cadence_hours:,.0f} a month ({_pct(c.cadence_load)} of one AM)",
            ),
            ("Team lead worth it from", f"{c.team_lead_at_ams} Account Managers"),
        )
        self.add(
            "capacity",
            [
                Table(("", ""), rows, widths=(4, 5), numeric=()),
                *(Paragraph(sentence) for sentence in c.sentences),
                _note(
                    f"Book size: {c.source}. Team lead: {self.role.sources.get('team_lead', '')}. "
                    f"Client hours: {self.role.sources.get('cadence_hours', '')}"
                ),
            ],
        )

    def metrics(self) -> None:
        role = self.role
        tones = {"healthy": "good", "watch": "warn", "alarm": "bad"}
        sources = "; ".join(dict.fromkeys(f"{m.label}: {m.source}" for m in role.metrics))
        self.add(
            "metrics",
            [
                Table(
                    ("Metric", "Target", "For this book", "Today", "How it is measured"),
                    tuple(
                        (
                            m.label,
                            m.target,
                            m.for_this_book or "–",
                            m.today if m.status == "unknown" else f"{m.today} ({m.status})",
                            m.how,
                        )
                        for m in role.metrics
                    ),
                    widths=(2, 2.8, 2.8, 1.6, 3.6),
                    row_tones=tuple(tones.get(m.status, "") for m in role.metrics),
                ),
                Callout(role.metrics_note, tone="info", lead="Read together:"),
                Subheading("What not to measure an Account Manager by"),
                Table(
                    ("Metric", "Why not"),
                    tuple((m.metric, m.why) for m in role.avoid_metrics),
                    widths=(3, 7),
                ),
                _note(f"{sources}; what not to measure: {role.sources.get('metrics_avoid', '')}"),
            ],
        )

    def compensation(self) -> None:
        comp = self.role.compensation
        money = self.money
        mix = f"{_pct(comp.base_share)} base / {_pct(1 - comp.base_share)} variable"
        facts = (
            ("On-target earnings (OTE)", money(comp.ote), comp.ote_source),
            ("Base salary", money(comp.base), mix),
            ("Variable pay at target", money(comp.variable), "Paid on the outcomes below"),
            (
                "On renewal and expansion",
                _pct(comp.renewal_expansion_share),
                (
                    f"of the variable pay; {_pct(comp.range_low)}–{_pct(comp.range_high)} went "
                    "with 25% better retention (seed 004)"
                ),
            ),
        )
        split = tuple(
            (c.label, _pct(c.share), money(comp.variable * c.share), c.measure or "–")
            for c in comp.components
        )
        rows = comp.payout_rows()
        payout = tuple(
            (
                _pct(row.attainment),
                money(row.base),
                *(money(part) for part in row.by_component),
                money(row.total),
                _pct(row.share_of_ote),
            )
            for row in rows
        )
        blocks: list[Block] = [
            Table(("", "", ""), facts, widths=(3, 2, 5), numeric=(1,)),
            Subheading("How the variable pay is split"),
            Table(
                ("Component", "Share", "At target", "Measured by"),
                split,
                widths=(3, 1.2, 1.8, 4.5),
                numeric=(1, 2),
            ),
            Subheading("Payout at 80, 100 and 120% attainment"),
            Table(
                ("Attainment", "Base", *(c.label for c in comp.components), "Total", "vs OTE"),
                payout,
                numeric=tuple(range(4 + len(comp.components))),
            ),
            Chart("payout", "Pay at each attainment level", self._payout_summary(), height=380),
        ]
        blocks.extend(Callout(w, tone="warning", lead="Warning:") for w in comp.warnings)
        curve = comp.curve
        blocks.append(
            Paragraph(
                f"Each component pays nothing below {_pct(curve.threshold)} of its target, in "
                f"proportion up to 100%, and {curve.accelerator:g} points for each point above, "
                "up to "
                f"{_pct(curve.cap)} of target.",
                style="note",
            )
        )
        blocks.append(_note(" ".join(_sentence(s) for s in comp.sources)))
        self.add("compensation", blocks)

    def _payout_summary(self) -> str:
        comp = self.role.compensation
        parts = [f"at {_pct(r.attainment)}: {self.money(r.total)}" for r in comp.payout_rows()]
        return "Total pay " + "; ".join(parts) + f" (OTE {self.money(comp.ote)})."

    def cadence(self) -> None:
        role = self.role
        rows = tuple(
            (
                f"{t.tier} — {t.label}" if t.label else t.tier,
                t.value_rule,
                str(t.accounts),
                t.contact,
                t.review,
                f"{t.hours_per_month:g}",
            )
            for t in role.tiers
        )
        self.add(
            "cadence",
            [
                Table(
                    (
                        "Tier",
                        "Contract value",
                        "Accounts",
                        "Contact",
                        "Business review",
                        "Hours / account / month",
                    ),
                    rows,
                    widths=(1.6, 2.4, 1.2, 2.8, 2.8, 1.4),
                    numeric=(2, 5),
                ),
                Paragraph(
                    "Account counts are estimated from the average contract value until the CRM "
                    "gives each account's value; adjust them to the real book.",
                    style="note",
                ),
                Subheading("What every quarterly business review covers"),
                Bullets(role.qbr_content),
                _note(f"{role.sources.get('cadence', '')}; reviews: {role.sources.get('qbr', '')}"),
            ],
        )

    def playbook(self) -> None:
        role = self.role
        blocks: list[Block] = [
            Table(
                ("When", "Milestone", "What happens", "Owner"),
                tuple(
                    (
                        f"T-{m.days_before}" if m.days_before else "T-0",
                        m.milestone,
                        m.actions,
                        m.owner,
                    )
                    for m in role.playbook
                ),
                widths=(1, 2.2, 5.5, 2),
            )
        ]
        if role.playbook_note:
            blocks.append(Callout(role.playbook_note, tone="warning", lead="Today:"))
        blocks.append(_note(role.sources.get("playbook", "")))
        self.add("playbook", blocks)

    def handover(self) -> None:
        role = self.role
        self.add(
            "handover",
            [
                Table(
                    ("", "Item", "Owner", "When"),
                    tuple(("☐", h.item, h.owner, h.when) for h in role.handover),
                    widths=(0.4, 6, 1.8, 2),
                ),
                _note(role.sources.get("handover", "")),
            ],
        )

    def onboarding(self) -> None:
        role = self.role
        goals = dict(role.onboarding_goals)
        blocks: list[Block] = []
        phases: dict[str, list[str]] = {}
        for step in role.onboarding:
            phases.setdefault(step.phase, []).append(step.action)
        for phase, actions in phases.items():
            goal = goals.get(phase)
            blocks.append(Subheading(f"{phase} — {goal}" if goal else phase))
            blocks.append(Bullets(tuple(actions)))
        blocks.append(_note(role.sources.get("onboarding", "")))
        self.add("onboarding", blocks)

    def mistakes(self) -> None:
        role = self.role
        blocks: list[Block] = []
        for mistake in role.mistakes:
            text = f"{_sentence(mistake.why)} What to do: {_sentence(mistake.advice)}"
            if mistake.raised_by:
                text += f" Raised by: {'; '.join(mistake.raised_by)}."
            text += f" ({mistake.source})"
            blocks.append(Paragraph(text, lead=f"{mistake.title}."))
        if not blocks:
            blocks.append(Paragraph("None of the usual mistakes is made likely by these inputs."))
        self.add("mistakes", blocks)

    def appendix(self) -> None:
        a, pack, role = self.assessment, self.pack, self.role
        pack_rows = (
            ("Rule pack", f"{pack.name} {pack.version}"),
            ("Digest", pack.digest),
            ("Files", ", ".join(pack.files)),
            ("Role texts", role.templates_origin),
            (
                "Edited by hand",
                ", ".join(role.edited)
                if role.edited
                else "nothing: this is the draft as generated",
            ),
        )
        fired = tuple(
            (
                r.rule_id,
                r.title,
                wording.effect_words(r.score, r.cap, r.verdict),
                r.explanation,
                r.source,
            )
            for r in a.fired
        )
        inputs = []
        for name, info in FIELDS.items():
            if name == "notes":
                continue
            raw = getattr(self.profile, name)
            if raw is None:
                continue
            raw = raw.value if hasattr(raw, "value") else raw
            inputs.append(
                (
                    info.label,
                    wording.value(name, raw, self.currency) + wording.unit_suffix(name),
                )
            )
        if role.inputs.top_accounts_share is not None:
            inputs.append(
                (
                    "Share of ARR in the three largest accounts",
                    wording.percent(role.inputs.top_accounts_share),
                )
            )
        thresholds = tuple(
            (row["name"], f"{row['value']} {row['unit']}".strip(), row["source"])
            for row in pack.threshold_rows()
        )
        documents = tuple(f"{name}: {text}" for name, text in role.source_documents.items())
        self.add(
            "appendix",
            [
                Table(("", ""), pack_rows, widths=(2, 8)),
                Subheading("Rules that fired"),
                Table(
                    ("Rule", "Title", "Effect", "Why", "Source"),
                    fired or (("–", "No rule fired", "", "", ""),),
                    widths=(2.2, 2.6, 1.4, 3.4, 2.6),
                ),
                Subheading("Inputs"),
                Table(("Field", "Value"), tuple(inputs), widths=(4, 5)),
                Subheading("Thresholds"),
                Table(("Name", "Value", "Source"), thresholds, widths=(2.4, 2.2, 6)),
                Subheading("Source documents"),
                Bullets(documents),
                Paragraph(
                    "A product default is a calibration of this tool, stated as such so it can be "
                    "tuned; every other figure names the document it comes from.",
                    style="note",
                ),
            ],
        )


def build_brief(
    profile: CompanyProfile,
    assessment: Assessment,
    pack: RulePack,
    role: RoleDesign | None = None,
    *,
    prepared_on: dt.date | None = None,
) -> Brief:
    """The whole brief for one company; `role` defaults to the undedited draft."""
    if role is None:
        role = draft_role(profile, assessment, pack)
    templates, _, _ = templates_for(pack)
    builder = _BriefBuilder(profile, assessment, pack, role, templates)
    builder.summary()
    builder.numbers()
    builder.instead()
    builder.the_role()
    builder.boundaries()
    builder.profile_section()
    builder.capacity()
    builder.metrics()
    builder.compensation()
    builder.cadence()
    builder.playbook()
    builder.handover()
    builder.onboarding()
    builder.mistakes()
    builder.appendix()
    economics = assessment.economics
    cover_facts = (
        ("Verdict", assessment.verdict_label),
        ("Readiness score", f"{assessment.score:.0f} of 100"),
        ("Role", role.title if role.hire_now else f"{role.title} (when due)"),
        ("Active accounts", f"{profile.active_accounts:,}"),
        ("Total ARR", wording.money(economics.total_arr, profile.currency)),
        ("ARR at risk each year", wording.money(economics.arr_at_risk, profile.currency)),
    )
    return Brief(
        title=templates.brief.title,
        subtitle=templates.brief.subtitle,
        company=profile.company,
        prepared_on=prepared_on or dt.date.today(),
        verdict=assessment.verdict.value,
        verdict_label=assessment.verdict_label,
        score=assessment.score,
        headline=assessment.headline,
        role_title=role.title,
        cover_facts=cover_facts,
        pack_line=f"{pack.name} {pack.version} · rules digest {pack.digest}",
        sections=tuple(builder.sections),
        assessment=assessment,
        role=role,
        pack=pack,
    )
