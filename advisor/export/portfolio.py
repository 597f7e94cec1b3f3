"""The portfolio report as plain text for the terminal, Markdown for sharing, and strict JSON.

The text and Markdown render the one document `reports.portfolio` builds, so they say the same
sentences; the Markdown escapes every piece of text that comes from the export or the rule pack
(account and owner names, columns, reasons, sources), so a name cannot become a link, an image,
HTML or formatting.
"""

from __future__ import annotations

import json

from advisor.export import markdown
from advisor.export import text as plain
from advisor.portfolio import PortfolioReport
from advisor.reports.portfolio import LISTED_ROWS, build_portfolio_report

__all__ = ["LISTED_ROWS", "render_json", "render_markdown", "render_text"]


def render_json(report: PortfolioReport) -> str:
    return json.dumps(report.to_dict(), indent=2, ensure_ascii=False, allow_nan=False) + "\n"


def render_text(report: PortfolioReport) -> str:
    return plain.render_text(build_portfolio_report(report))


def render_markdown(report: PortfolioReport) -> str:
    return markdown.render_report(build_portfolio_report(report))
