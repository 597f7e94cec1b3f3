"""The Assess page."""

from advisor.ui import assess_page

assess_page.render()
