"""The wheel's build step: compile each language's message catalogue (`.po` → `.mo`) into the
package, so an installed app reads compiled catalogues. A checkout compiles a stale catalogue in
memory instead (`advisor.i18n.catalogue`)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface


class CustomBuildHook(BuildHookInterface):  # type: ignore[type-arg]
    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        from babel.messages.mofile import write_mo
        from babel.messages.pofile import read_po

        for source in sorted(Path(self.root, "advisor", "locale").glob("*/LC_MESSAGES/*.po")):
            with source.open("rb") as handle:
                messages = read_po(handle, locale=source.parents[1].name)
            with source.with_suffix(".mo").open("wb") as handle:
                write_mo(handle, messages)
