"""The Clients page."""

from advisor.ui import clients_page

clients_page.render()
