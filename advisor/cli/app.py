"""`advisor app`: start the app, from a checkout or an installed wheel alike."""

from __future__ import annotations

import argparse
import subprocess
import sys
from typing import Any, TextIO

from advisor.i18n import _
from advisor.resources import shipped

EXAMPLES = """examples:
  advisor app
  advisor app --server.port 8502 --server.address 0.0.0.0
  advisor app --server.headless true

Every option after `app` is Streamlit's own (`streamlit run --help` lists them)."""


def register(commands: Any) -> None:
    parser: argparse.ArgumentParser = commands.add_parser(
        "app",
        help=_("start the app in a browser (Streamlit's options pass through)"),
        description=_("Start the AM Advisor app on the shipped rule pack and sample companies."),
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.set_defaults(handler=run, streamlit_options=[])


def run(args: argparse.Namespace, stdout: TextIO) -> int:
    """Streamlit serving the shipped entry script until it stops; its exit code. The app's
    launcher (`advisor.ui.serve`) is `streamlit run` with the first page's modules loading while
    the server starts."""
    entry = shipped("app.py")
    command = [sys.executable, "-m", "advisor.ui.serve", str(entry), *args.streamlit_options]
    return subprocess.call(command)
