"""A shared client seen by its owner, a collaborator and a viewer, each signed in in AppTest.

Anna owns Acme, with the case "today" and a workshop on it (Dana has answered one question);
she has shared Acme with Ben as a collaborator and with Carl as a viewer.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from apptest_support import APP, PAGE_SCRIPTS, TIMEOUT_S, assert_no_exception
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.testing.v1 import AppTest
from test_sign_in import AUTH, signed_in

from advisor.engine import evaluate
from advisor.pack import load_pack
from advisor.pack.uploads import default_documents
from advisor.profile import parse_profile, profile_to_dict
from advisor.workspace.model import CaseDocument
from advisor.workspace.roles import COLLABORATOR, OWNER, VIEWER
from advisor.workspace.store import Workspace
from advisor.yamlio import read_document

ROOT = Path(__file__).resolve().parents[2]
ANNA, BEN, CARL = "anna@example.com", "ben@example.com", "carl@example.com"
PEOPLE = {OWNER: ANNA, COLLABORATOR: BEN, VIEWER: CARL}
ROLES = (OWNER, COLLABORATOR, VIEWER)


@dataclass(frozen=True)
class Scene:
    url: str
    client_id: int
    case_id: int
    respondent_id: int
    token: str

    def owner(self) -> Workspace:
        return Workspace.open(self.url, user=ANNA)


def save(ws: Workspace, client_id: int, scenario: str, **changes: Any) -> int:
    base = dict(read_document(ROOT / "tests" / "rule_cases" / "base.yaml"))
    profile = parse_profile({**base, "company": "Acme", **changes})
    pack = load_pack()
    document = CaseDocument(profile_to_dict(profile), None, None, pack.digest)
    summary = ws.save_case(
        client_id, scenario, document, evaluate(profile, pack), default_documents()
    )
    return summary.id


def make_scene(url: str) -> Scene:
    with Workspace.open(url, user=ANNA) as ws:
        client = ws.add_client("Acme")
        case_id = save(ws, client.id, "today")
        ws.start_workshop(case_id)
        respondent, token = ws.add_respondent(case_id, "Dana", "delivery")
        ws.save_answer(token, "delivery_maturity", "emerging")
        ws.share_client(client.id, BEN, COLLABORATOR)
        ws.share_client(client.id, CARL, VIEWER)
    return Scene(url, client.id, case_id, respondent.id, token)


def signed_in_app(user: str, **context: Any) -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT_S)
    at.secrets["auth"] = AUTH
    at.user = signed_in(user)
    if context:
        at.context = context
    at.run()
    assert_no_exception(at)
    return at


def open_page(at: AppTest, page: str) -> AppTest:
    at.switch_page(PAGE_SCRIPTS[page]).run()
    assert_no_exception(at)
    return at


def with_case_open(who: str, page: str, **context: Any) -> AppTest:
    """The session of `who` (a role of `PEOPLE`, or an address) with Acme's case "today"
    opened on the Cases page, showing `page`."""
    at = open_page(signed_in_app(PEOPLE.get(who, who), **context), "Cases")
    at.button(key="cases.open").click().run()
    assert_no_exception(at)
    return open_page(at, page) if page != "Cases" else at


def button(at: AppTest, key: str) -> Any | None:
    found = [b for b in at.button if b.key == key]
    return found[0] if found else None


def offered(at: AppTest, key: str) -> bool:
    """Whether the page offers the button (or widget): drawn and enabled."""
    found = [w for w in (*at.button, *at.selectbox, *at.text_input) if w.key == key]
    return bool(found) and not found[0].disabled


@contextmanager
def deferred_downloads() -> Iterator[dict[str, Callable[[], Any]]]:
    """Every download built on the click (a callable `data`) this block's runs draw, by file
    name: calling one is what the browser's click does."""
    made: dict[str, Callable[[], Any]] = {}
    original = MediaFileManager.add_deferred

    def add_deferred(self: MediaFileManager, data: Callable[[], Any], *args: Any, **kw: Any) -> str:
        name = kw.get("file_name") or (args[2] if len(args) > 2 else None)
        made[str(name)] = data
        return original(self, data, *args, **kw)

    MediaFileManager.add_deferred = add_deferred  # type: ignore[method-assign]
    try:
        yield made
    finally:
        MediaFileManager.add_deferred = original  # type: ignore[method-assign]
