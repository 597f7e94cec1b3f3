"""The brief's timing: what the date means for the verdict, the team plan, what waiting costs,
the growth and the renewal workload, all read from the assessment and worded by `present`.

Part of "The numbers behind the verdict": nothing here computes a date or a figure.
"""

from __future__ import annotations

from advisor import present
from advisor.brief import moved
from advisor.brief.common import BriefContext
from advisor.brief.model import Block, Chart, Paragraph, Subheading, Table
from advisor.i18n import _, p_


def timing_blocks(brief: BriefContext) -> list[Block]:
    """When: the plan for this verdict, the team plan, waiting, growth and workload; what the
    dates count from and the growth chart are in the method appendix (`brief.moved`)."""
    a = brief.assessment
    plan = a.plan
    if plan is None:
        return [Paragraph(present.plan_summary(a))]
    blocks: list[Block] = [
        Subheading(_("When: what the date means for this verdict")),
        Paragraph(present.plan_summary(a)),
    ]
    dates = present.plan_lines(a)
    if dates:
        blocks.append(
            Table(
                (p_("column", "Date"), p_("column", "When")),
                tuple((line.label, line.text) for line in dates if line.key != "gap"),
                widths=(4, 5),
            )
        )
    blocks.append(moved.pointer(moved.COUNTED, _("The lead times and their sources:")))
    blocks += _team_blocks(brief)
    blocks.append(Paragraph(present.waiting_sentence(a), lead=_("What waiting costs:")))
    blocks.append(Paragraph(present.growth_sentence(a), lead=_("Growth:")))
    # The renewal workload is the chart's own caption (`timing_chart_summary`): the months above
    # what the founder or AE can give, and the first of them; the bars show the peak.
    blocks.append(
        Chart(
            "timing",
            _("Renewal hours of the accounts no Account Manager carries"),
            present.timing_chart_summary(a),
            height=220,
        )
    )
    return blocks


def _team_blocks(brief: BriefContext) -> list[Block]:
    """The team plan when it plans hires: a date per hire and the team's cost by quarter."""
    a = brief.assessment
    team = a.team
    sentence = present.team_plan_sentence(a)
    if team is None or not team.hires:
        return [Paragraph(sentence, lead=_("Team plan:"))] if sentence else []
    return [
        Subheading(_("The team plan: a date for each hire")),
        Paragraph(sentence),
        Table(
            (
                p_("column", "Hire"),
                p_("column", "Needed from"),
                p_("column", "Open the search"),
                p_("column", "Carries the book from"),
            ),
            tuple(present.hire_rows(team)),
            widths=(2.2, 3.4, 2.4, 3),
        ),
        Table(
            (
                p_("column", "Quarter"),
                p_("column", "Account Managers paid"),
                p_("column", "Salaries and recruiting"),
            ),
            tuple(present.cost_rows(team, a.economics.currency)),
            widths=(2, 2.5, 3),
            numeric=(1, 2),
        ),
    ]
