"""The Role page: its brief downloads of an open saved case are recorded in the client's
audit trail."""

from advisor.ui import cases, role_page

role_page.render(record=cases.open_case_download)
