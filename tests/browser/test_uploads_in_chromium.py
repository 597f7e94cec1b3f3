"""Uploaded exports through `streamlit run`: read in the worker process, refused with the limit."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from browser_support import StreamlitServer
from test_app_in_chromium import expect

pytestmark = pytest.mark.browser


def open_upload(page: Any, server: StreamlitServer) -> Any:
    page.goto(server.url)
    page.get_by_test_id("stSidebarNav").get_by_role("link", name="Portfolio").click()
    expect(page.get_by_role("heading", name="Portfolio")).to_be_visible()
    page.get_by_text("Upload an export").click()
    uploader = page.get_by_test_id("stFileUploaderDropzoneInput").first
    expect(uploader).to_be_attached()
    return uploader


def test_an_upload_is_read_in_the_worker_and_a_file_of_blank_lines_refused(
    page: Any, app_server: StreamlitServer, tmp_path: Path
) -> None:
    uploader = open_upload(page, app_server)
    good = tmp_path / "crm.csv"
    good.write_text("account,arr start,arr end\nOak,1000,1200\nElm,500,0\nAsh,800,800\n")
    uploader.set_input_files(str(good))
    expect(page.get_by_text(re.compile(r"^Rows left out \(0\)$"))).to_be_visible()

    blank = tmp_path / "blank.csv"
    blank.write_bytes(b"account,arr start,arr end\n" + b"\n" * 9_900_000)
    uploader.set_input_files(str(blank))
    expect(
        page.get_by_text(re.compile(r"blank\.csv: the file holds more than 50,000 empty rows"))
    ).to_be_visible()
    assert "Traceback" not in app_server.output()
