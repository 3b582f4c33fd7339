"""Versions of renders: picking the current one by PATCH (pure edits), and through the API and the workflow."""

import io
import itertools
import json
import uuid
import zipfile
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from temporalio.client import Client

from comics.pages import plan_pages, stale
from contracts.workflows import workflow_id
from core.config import Settings
from domain.artifact import Artifact
from domain.character import Character
from domain.edits import EditRejected, StateEdit, apply_edit
from domain.page import Page
from domain.panel import Panel
from domain.state import ConsolidatedComicState
from domain.style import DEFAULT_STYLE, Style
from providers.errors import ProviderError
from providers.factory import make_images
from providers.images import ImageProvider, ReferenceImage, RenderedImage
from tests.conftest import api_client, worker_on
from tests.flow import PHASE, PROJECTS, create_project, get_project, other_queues, settle
from tests.helpers import auth
from tests.test_state_models import sample_state

T0 = datetime(2026, 12, 1, tzinfo=UTC)


def edit(state: ConsolidatedComicState, document: dict) -> ConsolidatedComicState:  # type: ignore[type-arg]
    counter = itertools.count(1)
    return apply_edit(state, StateEdit.model_validate(document), lambda: uuid.UUID(int=next(counter)))


def three_versions() -> tuple[ConsolidatedComicState, uuid.UUID, list[Artifact]]:
    """A state whose hero has three sheets: two in history (oldest first) and the newest current."""
    state = sample_state()
    hero = next(iter(state.characters.values()))
    project = hero.artifact.key.split("/")[0] if hero.artifact else ""
    sheets = [
        Artifact(key=f"{project}/characters/{hero.id}-{n}.png", model="m", prompt="p", created_at=T0 + timedelta(n))
        for n in range(3)
    ]
    hero.history, hero.artifact = sheets[:2], sheets[2]
    return state, hero.id, sheets


def test_picking_an_older_version_swaps_it_in_and_keeps_every_other_one() -> None:
    state, hero_id, sheets = three_versions()
    after = edit(state, {"characters": {str(hero_id): {"current_key": sheets[0].key}}})
    hero = after.characters[hero_id]
    assert hero.artifact == sheets[0]
    assert hero.history == [sheets[1], sheets[2]]  # oldest first, the one that was current included
    again = edit(after, {"characters": {str(hero_id): {"current_key": sheets[2].key}}})
    assert again.characters[hero_id].artifact == sheets[2] and again.characters[hero_id].history == sheets[:2]
    # The current key is a no-op; the rest of the document is untouched.
    same = edit(state, {"characters": {str(hero_id): {"current_key": sheets[2].key}}})
    assert same == state


def test_a_key_that_is_not_a_version_is_refused_with_its_path() -> None:
    state, hero_id, sheets = three_versions()
    other = state.panels[0].id
    with pytest.raises(EditRejected) as refused:
        edit(state, {"characters": {str(hero_id): {"current_key": f"{uuid.uuid4()}/characters/x.png"}}})
    assert refused.value.field == f"state.characters.{hero_id}.current_key"
    assert sheets[0].key in str(refused.value)  # the message lists the versions there are
    with pytest.raises(EditRejected) as refused:  # a character's sheet is not a version of a panel
        edit(state, {"panels": [{"id": str(other), "current_key": sheets[0].key}, {"id": str(state.panels[1].id)}]})
    assert refused.value.field == "state.panels[0].current_key"
    with pytest.raises(EditRejected, match="no render yet"):  # a new entity has no versions
        edit(state, {"characters": [{"id": str(hero_id)}, {"name": "Grendlow", "current_key": sheets[0].key}]})


def test_picking_a_version_after_a_failed_render_makes_the_entity_rendered_again() -> None:
    state, hero_id, sheets = three_versions()
    state.characters[hero_id].render_status, state.characters[hero_id].render_error = "error", "fal said no"
    hero = edit(state, {"characters": {str(hero_id): {"current_key": sheets[1].key}}}).characters[hero_id]
    assert (hero.render_status, hero.render_error, hero.artifact) == ("completed", None, sheets[1])


def paged() -> tuple[ConsolidatedComicState, list[Artifact]]:
    """A state whose panels are on one page composed three times (two in history, oldest first), none stale."""
    state = sample_state()
    project = uuid.uuid4()
    for panel in state.panels:
        panel.render_status = "completed"
        panel.artifact = Artifact(key=f"{project}/panels/{panel.id}-1.png", model="m", prompt="p", created_at=T0)
    (plan,) = plan_pages(state.panels, "Lighthouse")
    page_id = uuid.uuid4()
    images = [
        Artifact(key=f"{project}/pages/{page_id}-{n}.png", model="m", prompt="", created_at=T0 + timedelta(n))
        for n in range(3)
    ]
    page = Page(
        id=page_id, index=0, panel_ids=plan.panel_ids, status="completed", artifact=images[2], history=images[:2]
    )
    state.pages = [page.model_copy(update={"inputs_digest": plan.digest})]
    return state, images


def test_a_page_pick_swaps_versions_and_holds_until_the_pages_inputs_change() -> None:
    state, images = paged()
    echoed = state.model_dump(mode="json")["pages"][0]
    for sent in ({"current_key": images[0].key}, {**echoed, "current_key": images[0].key}):
        after = edit(state, {"pages": [sent]})
        (page,) = after.pages
        assert page.artifact == images[0] and page.history == [images[1], images[2]]
        assert page.inputs_digest == state.pages[0].inputs_digest
        assert stale(plan_pages(after.panels, "Lighthouse"), after.pages) == [], "a pick is no reason to recompose"
    # A change of what the page is made of makes it stale again: the pipeline composes it anew.
    after.panels[0].dialogue = "Mira Vale: Let go!"
    assert [p.index for p in stale(plan_pages(after.panels, "Lighthouse"), after.pages)] == [0]


def test_a_page_key_that_is_no_version_and_every_other_page_field_are_refused_by_path() -> None:
    state, images = paged()
    with pytest.raises(EditRejected) as refused:
        edit(state, {"pages": [{"current_key": f"{uuid.uuid4()}/pages/x.png"}]})
    assert refused.value.field == "state.pages[0].current_key"
    assert all(image.key in str(refused.value) for image in images), "the message lists the versions"
    changes = {
        "id": str(uuid.uuid4()),
        "index": 1,
        "panel_ids": [],
        "status": "error",
        "error": "x",
        "artifact": images[0].model_dump(mode="json"),
        "history": [],
        "inputs_digest": "0",
        "slots": [{"panel_id": str(state.panels[0].id), "x": 0, "y": 0, "width": 9, "height": 9}],
    }
    for name, value in changes.items():
        with pytest.raises(EditRejected) as refused:
            edit(state, {"pages": [{name: value}]})
        assert refused.value.field == f"state.pages[0].{name}"
    with pytest.raises(EditRejected) as refused:  # pages are not added or removed by hand
        edit(state, {"pages": []})
    assert refused.value.field == "state.pages"
    state.phases.pages.status = "running"
    with pytest.raises(EditRejected, match="being composed"):
        edit(state, {"pages": [{"current_key": images[0].key}]})
    assert edit(state, {"pages": [{"current_key": images[2].key}]}) == state, "picking the current one is a no-op"


async def scheduled_inputs(client: Client, project_id: str, activity: str) -> list[dict]:  # type: ignore[type-arg]
    """The inputs of the `activity` calls the project's workflow scheduled (its current run), in order."""
    history = await client.get_workflow_handle(workflow_id(uuid.UUID(project_id))).fetch_history()
    found = []
    for event in history.events:
        if event.HasField("activity_task_scheduled_event_attributes"):
            scheduled = event.activity_task_scheduled_event_attributes
            if scheduled.activity_type.name == activity:
                found.append(json.loads(scheduled.input.payloads[0].data))
    return found


async def rendered_project(api: httpx.AsyncClient, user: str) -> dict:  # type: ignore[type-arg]
    """A project run to the end (story, cast and sheets, panels and renders)."""
    project = await create_project(api, user, prompt="a lighthouse keeper befriends a sea monster")
    response = await api.post(f"{PHASE}/run/{project['id']}", headers=auth(user))
    assert response.status_code == 202, response.text
    await settle(api, user, project["id"])
    return await get_project(api, user, project["id"])


async def patch(api: httpx.AsyncClient, user: str, project: dict, state: dict) -> httpx.Response:  # type: ignore[type-arg]
    return await api.patch(
        f"{PROJECTS}/{project['id']}", json={"version": project["version"], "state": state}, headers=auth(user)
    )


async def test_cascade_re_renders_exactly_the_panels_showing_the_character_and_picks_follow(
    api: httpx.AsyncClient, temporal_client: Client, user: str
) -> None:
    project = await rendered_project(api, user)
    pid = project["id"]
    characters = project["state"]["characters"]
    cast = {c["name"]: c for c in characters.values()}
    showing = {name: {p["id"] for p in project["state"]["panels"] if name in p["characters"]} for name in cast}
    # The character shown in some panels but not all (so "exactly" can fail both ways).
    name = next(n for n, ids in showing.items() if 0 < len(ids) < len(project["state"]["panels"]))
    hero = cast[name]
    old_sheet = hero["artifact"]["key"]

    # Without cascade: only the sheet is rendered; the answer names the panels that show the character.
    response = await api.post(f"{PHASE}/render-character/{pid}", json={"character_id": hero["id"]}, headers=auth(user))
    assert response.status_code == 202, response.text
    assert set(response.json()["panels_showing"]) == showing[name]
    await settle(api, user, pid)
    after = await get_project(api, user, pid)
    assert all(p["history"] == [] for p in after["state"]["panels"])
    second_sheet = after["state"]["characters"][hero["id"]]["artifact"]

    # With ?cascade=true: the sheet, then exactly the panels showing the character, each once.
    response = await api.post(
        f"{PHASE}/render-character/{pid}?cascade=true", json={"character_id": hero["id"]}, headers=auth(user)
    )
    assert response.status_code == 202, response.text
    await settle(api, user, pid)
    after = await get_project(api, user, pid)
    third_sheet = after["state"]["characters"][hero["id"]]["artifact"]
    assert [a["key"] for a in after["state"]["characters"][hero["id"]]["history"]] == [old_sheet, second_sheet["key"]]
    rerendered = {p["id"] for p in after["state"]["panels"] if p["history"]}
    assert rerendered == showing[name]
    for panel in after["state"]["panels"]:
        assert len(panel["history"]) == (1 if panel["id"] in showing[name] else 0)
        assert panel["render_status"] == "completed"
        if panel["id"] in showing[name]:
            assert panel["artifact"]["created_at"] > third_sheet["created_at"]  # drawn from the new sheet

    # Pick the first sheet again, then re-render a panel: the render uses the picked sheet as its reference.
    # (A sent section is the whole cast: the others are listed unchanged.)
    pick = {cid: {"current_key": old_sheet} if cid == hero["id"] else {} for cid in characters}
    response = await patch(api, user, after, {"characters": pick})
    assert response.status_code == 200, response.text
    picked = response.json()["state"]["characters"][hero["id"]]
    assert picked["artifact"]["key"] == old_sheet
    assert [a["key"] for a in picked["history"]] == [second_sheet["key"], third_sheet["key"]]
    panel = next(p for p in after["state"]["panels"] if p["id"] in showing[name])
    response = await api.post(f"{PHASE}/render-panel/{pid}", json={"panel_id": panel["id"]}, headers=auth(user))
    assert response.status_code == 202, response.text
    await settle(api, user, pid)
    last_render = (await scheduled_inputs(temporal_client, pid, "render_panel"))[-1]
    assert last_render["panel"]["id"] == panel["id"]
    assert {r["name"]: r["key"] for r in last_render["references"]}[name] == old_sheet
    after = await get_project(api, user, pid)
    panel = next(p for p in after["state"]["panels"] if p["id"] == panel["id"])
    first_render = panel["history"][0]["key"]
    response = await patch(
        api,
        user,
        after,
        {
            "panels": [
                {"id": p["id"], "current_key": first_render if p["id"] == panel["id"] else p["artifact"]["key"]}
                for p in after["state"]["panels"]
            ]
        },
    )
    assert response.status_code == 200, response.text
    shown = next(p for p in response.json()["state"]["panels"] if p["id"] == panel["id"])
    assert shown["artifact"]["key"] == first_render and len(shown["history"]) == 2

    # The page holding that panel is composed again from the picked render (the others stay), and the export
    # takes the pages as they are now.
    await settle(api, user, pid)
    current = await get_project(api, user, pid)
    before_pages = {pg["id"]: pg for pg in after["state"]["pages"]}
    for page in current["state"]["pages"]:
        changed = page["artifact"]["key"] != before_pages[page["id"]]["artifact"]["key"]
        assert changed == (panel["id"] in page["panel_ids"]), page["index"]
    exported = await api.get(f"{PROJECTS}/{pid}/export?format=cbz", headers=auth(user))
    assert exported.status_code == 200, exported.text
    export_input = (await scheduled_inputs(temporal_client, pid, "export_comic"))[-1]
    assert export_input["page_keys"] == [pg["artifact"]["key"] for pg in current["state"]["pages"]]
    current = await get_project(api, user, pid)
    # A key that is no version of that entity: 422 naming the path, nothing written.
    pick = {cid: {"current_key": first_render} if cid == hero["id"] else {} for cid in characters}
    response = await patch(api, user, current, {"characters": pick})
    assert response.status_code == 422, response.text
    assert f"state.characters.{hero['id']}.current_key" in response.json()["detail"]
    assert (await get_project(api, user, pid))["version"] == current["version"]


async def media(api: httpx.AsyncClient, artifact: dict) -> bytes:  # type: ignore[type-arg]
    url = artifact["url"]
    served = await api.get(url[url.index("/media/") :])  # the signed URL alone
    assert served.status_code == 200, served.text
    return served.content


async def test_a_picked_page_is_current_and_exported_until_its_panels_change(
    api: httpx.AsyncClient, temporal_client: Client, user: str
) -> None:
    project = await rendered_project(api, user)
    pid = project["id"]

    async def reletter(project: dict, panel_id: str, dialogue: str) -> None:  # type: ignore[type-arg]
        panels = [
            {"id": p["id"]} | ({"dialogue": dialogue} if p["id"] == panel_id else {})
            for p in project["state"]["panels"]
        ]
        response = await patch(api, user, project, {"panels": panels})
        assert response.status_code == 200, response.text
        await settle(api, user, pid)

    # A second composition of the page holding the last panel: its first one goes to history.
    last = project["state"]["panels"][-1]["id"]
    holding = next(n for n, page in enumerate(project["state"]["pages"]) if last in page["panel_ids"])
    await reletter(project, last, "Narrator: And the light kept burning.")
    project = await get_project(api, user, pid)
    first, second = project["state"]["pages"][holding]["history"][0], project["state"]["pages"][holding]["artifact"]

    pick = [{"current_key": first["key"]} if n == holding else {} for n in range(len(project["state"]["pages"]))]
    response = await patch(api, user, project, {"pages": pick})
    assert response.status_code == 200, response.text
    await settle(api, user, pid)
    project = await get_project(api, user, pid)
    page = project["state"]["pages"][holding]
    assert page["artifact"]["key"] == first["key"], "the pick holds: nothing recomposed it"
    assert [a["key"] for a in page["history"]] == [second["key"]]
    exported = await api.get(f"{PROJECTS}/{pid}/export?format=cbz", headers=auth(user))
    assert exported.status_code == 200, exported.text
    archive = zipfile.ZipFile(io.BytesIO(exported.content))
    assert archive.read(f"{holding + 1:03d}.png") == await media(api, first) != await media(api, second)
    export_input = (await scheduled_inputs(temporal_client, pid, "export_comic"))[-1]
    assert export_input["page_keys"] == [pg["artifact"]["key"] for pg in project["state"]["pages"]]

    # A key that is none of the page's versions: 422 naming the path and listing them, nothing written.
    pick[holding] = {"current_key": f"{pid}/pages/{page['id']}-nope.png"}
    response = await patch(api, user, project, {"pages": pick})
    assert response.status_code == 422, response.text
    detail = response.json()["detail"]
    assert f"state.pages[{holding}].current_key" in detail and first["key"] in detail and second["key"] in detail
    assert (await get_project(api, user, pid))["version"] == project["version"]

    # The page's inputs change: it is composed anew, and the pick joins its history.
    await reletter(project, last, "Narrator: The light burned on.")
    page = (await get_project(api, user, pid))["state"]["pages"][holding]
    assert page["artifact"]["key"] not in (first["key"], second["key"])
    assert {a["key"] for a in page["history"]} == {first["key"], second["key"]}


@dataclass
class RefusingSheets:
    """Delegates to a real renderer; refuses character sheets (as a content policy would) while `refuse` is set."""

    inner: ImageProvider
    refuse: bool = False
    panels: int = 0
    name: str = "refusing-sheets"

    async def render_character(self, character: Character, prompt: str, style: Style = DEFAULT_STYLE) -> RenderedImage:
        if self.refuse:
            raise ProviderError(f"content policy: {character.name} refused", retryable=False)
        return await self.inner.render_character(character, prompt, style)

    async def render_panel(
        self, panel: Panel, prompt: str, references: list[ReferenceImage], style: Style = DEFAULT_STYLE
    ) -> RenderedImage:
        self.panels += 1
        return await self.inner.render_panel(panel, prompt, references, style)


async def test_a_sheet_that_fails_cascades_nothing(
    temporal_client: Client, settings: Settings, sessions: async_sessionmaker[AsyncSession], user: str
) -> None:
    local = other_queues(settings)
    images = RefusingSheets(make_images(local))
    async with worker_on(temporal_client, local, sessions, images=images), api_client(local) as api:
        project = await rendered_project(api, user)
        rendered_panels = images.panels
        hero = next(iter(project["state"]["characters"].values()))
        images.refuse = True
        response = await api.post(
            f"{PHASE}/render-character/{project['id']}?cascade=true",
            json={"character_id": hero["id"]},
            headers=auth(user),
        )
        assert response.status_code == 202, response.text
        assert response.json()["panels_showing"]  # there were panels to cascade to
        await settle(api, user, project["id"])
        after = await get_project(api, user, project["id"])
    failed = after["state"]["characters"][hero["id"]]
    assert failed["render_status"] == "error" and "refused" in failed["render_error"]
    assert failed["artifact"]["key"] == hero["artifact"]["key"]  # the sheet the panels were drawn from is current
    assert images.panels == rendered_panels  # no panel was rendered again
    keys = [p["artifact"]["key"] for p in after["state"]["panels"]]
    assert keys == [p["artifact"]["key"] for p in project["state"]["panels"]]
