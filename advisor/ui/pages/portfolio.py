"""The Portfolio page."""

from advisor.ui import portfolio_page

portfolio_page.render()
