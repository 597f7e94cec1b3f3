"""The consultancy's name and logo on the Clients page: set by an administrator, refused with
the limit named for a logo too large or not an image, drawn disabled for anyone else; and on
the Role page's brief of a saved case, with the client's recorded name."""

from __future__ import annotations

import io

import pytest
from apptest_support import errors_text, open_app, page_text
from PIL import Image
from roles_support import (
    ANNA,
    Scene,
    deferred_downloads,
    make_scene,
    open_page,
    signed_in_app,
    with_case_open,
)

from advisor.branding import MAX_LOGO_BYTES, Branding
from advisor.profile import parse_profile
from advisor.ui import branding_panel
from advisor.workshop import compare
from advisor.workspace.calibrations import grant_admin, revoke_admin
from advisor.workspace.store import Workspace


def _png(width: int = 300, height: int = 100) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), (31, 58, 95)).save(out, format="PNG")
    return out.getvalue()


def _saved(url: str) -> Branding:
    with Workspace.open(url) as ws:
        return ws.branding.read()


def test_the_local_user_sets_the_name_and_the_logo(workspace_url: str) -> None:
    at = open_app("Clients")
    at.text_input(key=branding_panel.NAME).set_value("Acme Advisory")
    at.file_uploader(key=branding_panel.LOGO).set_value(("acme.png", _png(), "image/png"))
    at.run()
    at.button(key=branding_panel.SAVE).click().run()
    assert "Saved the name and the logo: every brief's cover now shows them." in page_text(at)
    saved = _saved(workspace_url)
    assert saved.name == "Acme Advisory" and saved.logo is not None
    (shown,) = at.get("image")  # the kept logo, under the buttons
    assert shown.proto.imgs[0].caption == "The logo on the covers"
    at.button(key=branding_panel.REMOVE_LOGO).click().run()
    assert "Removed the logo: the covers show the name only." in page_text(at)
    assert _saved(workspace_url) == Branding("Acme Advisory")


def test_a_logo_too_large_is_refused_naming_the_limit_and_the_name_stays(
    workspace_url: str,
) -> None:
    at = open_app("Clients")
    at.text_input(key=branding_panel.NAME).set_value("Acme Advisory")
    big = _png() + b"\0" * MAX_LOGO_BYTES
    at.file_uploader(key=branding_panel.LOGO).set_value(("big.png", big, "image/png"))
    at.run()
    at.button(key=branding_panel.SAVE).click().run()
    assert (
        f"Nothing was saved: big.png: logo: the logo is {len(big):,} bytes; at most "
        f"{MAX_LOGO_BYTES:,} bytes are taken" in errors_text(at)
    )
    assert at.text_input(key=branding_panel.NAME).value == "Acme Advisory"
    assert _saved(workspace_url) == Branding()


def test_a_file_that_is_not_an_image_is_refused(workspace_url: str) -> None:
    at = open_app("Clients")
    at.file_uploader(key=branding_panel.LOGO).set_value(("logo.png", b"<svg/>", "image/png"))
    at.run()
    at.button(key=branding_panel.SAVE).click().run()
    assert "logo.png: logo: not a PNG or JPEG image" in errors_text(at)
    assert _saved(workspace_url) == Branding()


@pytest.fixture
def scene(workspace_url: str) -> Scene:
    return make_scene(workspace_url)


def test_a_consultant_who_is_not_an_administrator_cannot_change_the_branding(
    scene: Scene,
) -> None:
    with Workspace.open(scene.url) as ws:
        ws.branding.save("Acme Advisory")
    at = open_page(signed_in_app(ANNA), "Clients")
    assert at.text_input(key=branding_panel.NAME).value == "Acme Advisory"  # read by everyone
    assert at.button(key=branding_panel.SAVE).disabled
    assert "Only an administrator of this workspace changes the name and the logo" in page_text(at)
    with Workspace.open(scene.url) as ws:
        ws.database.write(lambda connection: grant_admin(connection, ANNA))
    at = open_page(signed_in_app(ANNA), "Clients")
    assert not at.button(key=branding_panel.SAVE).disabled


def test_a_saved_case_s_brief_names_the_client_as_recorded_and_who_prepared_it(
    scene: Scene,
) -> None:
    with scene.owner() as ws:
        ws.rename_client(scene.client_id, "Acme Holdings")
    with Workspace.open(scene.url) as ws:
        ws.branding.save("Acme Advisory", _png())
    at = with_case_open("owner", "Role")
    with deferred_downloads() as made:
        at.run()
    brief = made["am-brief-acme.md"]().decode("utf-8")
    assert brief.startswith("# Account Manager hiring brief: Acme Holdings\n")
    assert "**Prepared by Acme Advisory**" in brief


def test_a_name_typed_as_the_administrator_is_revoked_stays_and_nothing_is_saved(
    scene: Scene,
) -> None:
    with Workspace.open(scene.url) as ws:
        ws.database.write(lambda connection: grant_admin(connection, ANNA))
    at = open_page(signed_in_app(ANNA), "Clients")
    with Workspace.open(scene.url) as ws:
        ws.database.write(lambda connection: revoke_admin(connection, ANNA))
    # Typed and clicked on the page as it was drawn, while Anna was an administrator.
    at.text_input(key=branding_panel.NAME).set_value("Anna's firm")
    at.button(key=branding_panel.SAVE).click().run()
    assert _saved(scene.url) == Branding()
    assert at.button(key=branding_panel.SAVE).disabled
    assert "Only an administrator of this workspace changes the name and the logo" in page_text(at)
    assert at.text_input(key=branding_panel.NAME).value == "Anna's firm"  # what was typed stays


def test_the_workshop_page_s_brief_carries_the_cover_it_is_given(scene: Scene) -> None:
    from advisor.ui import workshop_page

    with scene.owner() as ws:
        case = ws.open_case(scene.case_id)
        base, pack = parse_profile(case.document.profile), ws.case_pack(scene.case_id)
        result = compare(base, ws.workshop_answers(scene.case_id), pack)
    cover = (Branding("Acme Advisory"), "Acme Holdings")
    brief = workshop_page.brief_builder(base, pack, result, None, "md", False, cover)()
    text = brief.decode("utf-8")
    assert text.startswith("# Account Manager hiring brief: Acme Holdings\n")
    assert "**Prepared by Acme Advisory**" in text
