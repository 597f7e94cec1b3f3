"""The Cases page."""

from advisor.ui import cases_page

cases_page.render()
