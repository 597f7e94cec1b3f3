"""The Rules page."""

from advisor.ui import rules_page

rules_page.render()
