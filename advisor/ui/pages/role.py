"""The Role page."""

from advisor.ui import role_page

role_page.render()
