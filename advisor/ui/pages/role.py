"""The Role page: its brief downloads of an open saved case are recorded in the client's
audit trail, and every brief's cover carries the consultancy's branding and the saved client's
recorded name."""

from advisor.ui import cases, role_page

role_page.render(record=cases.open_case_download, cover=cases.document_cover)
