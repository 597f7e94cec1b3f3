"""The Recommendation page."""

from advisor.ui import recommendation_page

recommendation_page.render()
