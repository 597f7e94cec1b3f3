"""The Compare page."""

from advisor.ui import compare_page

compare_page.render()
