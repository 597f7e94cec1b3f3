"""The History page."""

from advisor.ui import history_page

history_page.render()
