"""The Workshop page."""

from advisor.ui import workshop_page

workshop_page.render()
