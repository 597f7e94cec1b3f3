"""Readable reports of one assessment: plain text for the terminal, Markdown for sharing.

Both render the one document `reports.assessment` builds, so they say the same sentences.
"""

from __future__ import annotations

from advisor.engine import Assessment
from advisor.export import markdown
from advisor.export import text as plain
from advisor.reports.assessment import build_assessment_report


def render_text(assessment: Assessment) -> str:
    return plain.render_text(build_assessment_report(assessment))


def render_markdown(assessment: Assessment) -> str:
    return markdown.render_report(build_assessment_report(assessment))
