"""`python -m advisor.ui.serve app.py [OPTIONS]`: the app served as `streamlit run app.py
[OPTIONS]` serves it, with the modules a first run needs loading once the server has started,
while the browser loads the page.

How `make run`, `advisor app` and the container image start the app. Everything but the
preload (`advisor.ui.preload`) is Streamlit's own command line: the same options, the same
output, the same exit code. A plain `streamlit run app.py` serves the same app, only with a
longer wait on the first page.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence


def main(options: Sequence[str] | None = None) -> None:
    """`streamlit run` with `options` (the command line's by default); it exits the process."""
    # Streamlit first: the preload never imports a module the server's thread is importing.
    from streamlit.web import cli

    from advisor.ui import preload

    preload.start()
    arguments = sys.argv[1:] if options is None else list(options)
    cli.main(args=["run", *arguments], prog_name="streamlit")


if __name__ == "__main__":
    main()
