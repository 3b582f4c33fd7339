"""The pages phase on the real stack: composed after the renders, stored as artifacts, re-lettered on an edit."""

from io import BytesIO
from typing import Any

import httpx
import pytest
from PIL import Image

from api import page_status
from tests.flow import PHASE, PROJECTS, create_project, get_project, settle
from tests.helpers import auth

PROMPT = "a lighthouse keeper befriends a sea monster"


@pytest.fixture(scope="module")
async def comic(api: httpx.AsyncClient) -> dict[str, Any]:
    user = "pages-phase"
    project = await create_project(api, user, title="The Lighthouse", prompt=PROMPT)
    assert (await api.post(f"{PHASE}/run/{project['id']}", headers=auth(user))).status_code == 202
    await settle(api, user, project["id"])
    return {"user": user, "id": project["id"]}


def page_keys(state: dict[str, Any]) -> list[str]:
    return [page["artifact"]["key"] for page in state["pages"]]


async def test_an_auto_run_ends_with_every_panel_on_a_stored_page(
    api: httpx.AsyncClient, comic: dict[str, Any]
) -> None:
    project = await get_project(api, comic["user"], comic["id"])
    state = project["state"]
    pages, panels = state["pages"], state["panels"]
    assert len(pages) >= 2 and state["phases"]["pages"] == {
        "status": "completed", "error": None, "done": len(pages), "total": len(pages),
    }  # fmt: skip
    assert [pid for page in pages for pid in page["panel_ids"]] == [p["id"] for p in panels], (
        "each panel once, in order"
    )
    assert [page["index"] for page in pages] == list(range(len(pages)))
    for page in pages:
        assert page["status"] == "completed" and page["artifact"]["key"].startswith(
            f"{comic['id']}/pages/{page['id']}-"
        )
        assert page["artifact"]["key"].endswith(f"-{page['inputs_digest']}.png")
        assert [slot["panel_id"] for slot in page["slots"]] == page["panel_ids"]
        url = page["artifact"]["url"]
        served = await api.get(url[url.index("/media/") :])  # the signed URL alone, as an <img src>
        assert served.status_code == 200 and served.headers["content-type"] == "image/png"
        image = Image.open(BytesIO(served.content))
        assert image.size == (page["artifact"]["width"], page["artifact"]["height"]) == (1654, 2339)


async def test_the_status_lists_each_page_and_an_unchanged_poll_plans_nothing(
    api: httpx.AsyncClient, comic: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    pages = (await get_project(api, comic["user"], comic["id"]))["state"]["pages"]
    answer = await api.get(f"{PHASE}/status/{comic['id']}", headers=auth(comic["user"]))
    status = answer.json()
    assert status["phases"]["pages"]["status"] == "completed"
    assert [(p["id"], p["number"], p["status"], p["panel_ids"]) for p in status["pages"]] == [
        (page["id"], page["index"] + 1, "completed", page["panel_ids"]) for page in pages
    ]
    for shown, page in zip(status["pages"], pages, strict=True):
        served = await api.get(shown["url"][shown["url"].index("/media/") :])
        assert (
            served.content
            == (await api.get(page["artifact"]["url"][page["artifact"]["url"].index("/media/") :])).content
        )
    planned: list[object] = []
    monkeypatch.setattr(page_status, "plan_pages", lambda *a, **k: planned.append(a) or [])
    again = await api.get(
        f"{PHASE}/status/{comic['id']}", headers={**auth(comic["user"]), "If-None-Match": answer.headers["etag"]}
    )
    assert again.status_code == 304 and planned == [], "an unchanged version is not planned again"


async def test_editing_a_dialogue_recomposes_only_its_page_and_renders_no_art(
    api: httpx.AsyncClient, comic: dict[str, Any]
) -> None:
    user, pid = comic["user"], comic["id"]
    before = await get_project(api, user, pid)
    state = before["state"]
    last = state["panels"][-1]
    edit = {"version": before["version"], "state": {"panels": [
        {"id": p["id"], "dialogue": "Narrator: And the light kept burning." if p["id"] == last["id"] else p["dialogue"]}
        for p in state["panels"]
    ]}}  # fmt: skip
    assert (await api.patch(f"{PROJECTS}/{pid}", json=edit, headers=auth(user))).status_code == 200
    await settle(api, user, pid)
    after = (await get_project(api, user, pid))["state"]
    old, new = page_keys(state), page_keys(after)
    assert len(new) == len(old)
    changed = [n for n, (a, b) in enumerate(zip(old, new, strict=True)) if a != b]
    holding = next(n for n, page in enumerate(state["pages"]) if last["id"] in page["panel_ids"])
    assert changed == [holding], "only the page holding the edited panel is composed again"
    assert [p["artifact"]["key"] for p in after["panels"]] == [p["artifact"]["key"] for p in state["panels"]]
    assert all(not p["history"] for p in after["panels"]), "no panel art was rendered again"
    assert [a["key"] for a in after["pages"][holding]["history"]] == [old[holding]]
    assert after["phases"]["pages"]["status"] == "completed"


async def test_emphasis_and_layout_reshape_the_pages(api: httpx.AsyncClient, comic: dict[str, Any]) -> None:
    user, pid = comic["user"], comic["id"]
    before = await get_project(api, user, pid)
    panels = before["state"]["panels"]
    splash = panels[1]["id"]
    edit = {"version": before["version"], "state": {"layout": "dynamic", "panels": [
        {"id": p["id"], "emphasis": "splash" if p["id"] == splash else "normal"} for p in panels
    ]}}  # fmt: skip
    assert (await api.patch(f"{PROJECTS}/{pid}", json=edit, headers=auth(user))).status_code == 200
    await settle(api, user, pid)
    after = (await get_project(api, user, pid))["state"]
    alone = [page for page in after["pages"] if splash in page["panel_ids"]]
    assert alone and alone[0]["panel_ids"] == [splash], "a splash panel has a page of its own"
    assert [pid for page in after["pages"] for pid in page["panel_ids"]] == [p["id"] for p in panels]
    assert after["phases"]["pages"]["status"] == "completed"
    # Nothing stale: asking again composes nothing.
    again = await api.post(f"{PHASE}/compose-pages/{pid}", headers=auth(user))
    assert again.status_code == 202 and "up to date" in again.json()["message"], again.text
    assert again.json()["phase"] == "pages"


async def test_pages_are_the_pipelines_and_need_rendered_panels(api: httpx.AsyncClient, user: str) -> None:
    bare = await create_project(api, user, title="Bare")
    refused = await api.post(f"{PHASE}/compose-pages/{bare['id']}", headers=auth(user))
    assert refused.status_code == 409 and "no panels yet" in refused.json()["detail"]
    edit = {"version": 1, "state": {"panels": [{"background": "a cliff", "caption": "Dawn."}]}}
    edited = await api.patch(f"{PROJECTS}/{bare['id']}", json=edit, headers=auth(user))
    assert edited.status_code == 200 and edited.json()["state"]["panels"][0]["caption"] == "Dawn."
    refused = await api.post(f"{PHASE}/compose-pages/{bare['id']}", headers=auth(user))
    assert refused.status_code == 409 and "Panels 1 have no render yet" in refused.json()["detail"]
    await settle(api, user, bare["id"])
    version = (await get_project(api, user, bare["id"]))["version"]
    forged = {"version": version, "state": {"pages": [{"id": bare["id"], "index": 0}]}}
    refused = await api.patch(f"{PROJECTS}/{bare['id']}", json=forged, headers=auth(user))
    assert refused.status_code == 422 and "state.pages" in refused.json()["detail"]
