"""The ComicWorkflow end to end: real Temporal dev server, real PostgreSQL, real worker, offline providers."""

import asyncio
import io
import time
import uuid
from typing import Any

import httpx
import pytest
from fastapi import HTTPException
from PIL import Image
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from temporalio.client import Client
from temporalio.worker import Replayer

from api.comic import comic_input, running_snapshot
from api.main import create_app
from contracts import workflows as names
from contracts.workflows import CharacterRef, StoryRequest, workflow_id
from core.config import Settings
from core.payloads import data_converter
from domain.state import ConsolidatedComicState
from providers.errors import ProviderError
from providers.offline.renderer import OfflineRenderer
from providers.offline.storyteller import OfflineStoryteller
from tests.conftest import worker_on
from tests.fault_providers import FaultyLLM, MeteredImages
from tests.flow import (
    PHASE,
    PROJECTS,
    create_project,
    get_project,
    other_queues,
    phases_one_by_one,
    request_phase,
    settle,
    start_project,
    wait_for,
)
from tests.helpers import auth
from workflows.comic import ComicWorkflow

PROMPT = "a lighthouse keeper befriends a sea monster"
PANEL_HOLD_SECONDS = 1.5


async def png_at(api: httpx.AsyncClient, url: str) -> Image.Image:
    """Fetch an artifact URL through the API's /media route and decode it."""
    path = url[url.index("/media/") :]
    response = await api.get(path)
    assert response.status_code == 200, path
    assert response.headers["content-type"] == "image/png"
    image = Image.open(io.BytesIO(response.content))
    image.load()
    return image


async def test_auto_run_builds_a_whole_comic(
    api: httpx.AsyncClient, user: str, temporal_client: Client, settings: Settings
) -> None:
    project = await create_project(api, user, prompt=PROMPT)
    pid = project["id"]
    response = await api.post(f"{PHASE}/run/{pid}", headers=auth(user))
    assert response.status_code == 202, response.text
    assert response.json()["phase"] == "auto"
    assert response.json()["status"]["status"] == "running"

    # While the automatic run goes on, other phase requests are refused with a reason.
    busy = await api.post(f"{PHASE}/generate-story/{pid}", json={"prompt": "x"}, headers=auth(user))
    assert busy.status_code == 409
    assert "automatic run is in progress" in busy.json()["detail"]

    status = await settle(api, user, pid)
    assert {name: phase["status"] for name, phase in status["phases"].items()} == {
        "story": "completed",
        "characters": "completed",
        "character_renders": "completed",
        "panels": "completed",
        "panel_renders": "completed",
        "pages": "completed",
    }
    stored = await get_project(api, user, pid)
    state = ConsolidatedComicState.model_validate(stored["state"])
    assert state.story.status == "completed" and len(state.story.text) > 500
    assert len(state.characters) >= 3
    assert len(state.panels) >= 6
    cast = {c.name for c in state.characters.values()}
    for character in state.characters.values():
        assert character.render_status == "completed" and character.artifact is not None
        assert (await png_at(api, character.artifact.url)).size == (character.artifact.width, character.artifact.height)
    with_characters = 0
    for panel in state.panels:
        assert panel.artifact is not None and panel.render_status == "completed"
        assert set(panel.characters) <= cast
        image = await png_at(api, panel.artifact.url)
        assert image.size == (panel.artifact.width, panel.artifact.height)
        if panel.characters:
            with_characters += 1
            assert panel.artifact.model == "offline/compositor"
        else:
            assert panel.artifact.model == "offline/scene-generator"
    assert with_characters >= 1
    assert state.usage.completion_tokens > 0

    # The read model in PostgreSQL equals what the workflow holds.
    snapshot = await running_snapshot(temporal_client, uuid.UUID(pid))
    assert snapshot is not None
    for artifact in state.artifacts():  # the API signs URLs per response; the workflow holds keys only
        assert artifact.url is not None and artifact.key in artifact.url
        artifact.url = None
    assert snapshot.state == state
    assert snapshot.version == stored["version"] == status["version"]

    # Its history replays deterministically.
    history = await temporal_client.get_workflow_handle(workflow_id(uuid.UUID(pid))).fetch_history()
    await Replayer(workflows=[ComicWorkflow], data_converter=data_converter).replay_workflow(history)


async def test_phases_one_by_one_and_out_of_order_requests(
    api: httpx.AsyncClient, user: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = await create_project(api, user)
    pid = project["id"]

    async def call(method: str, path: str, **kwargs: Any) -> httpx.Response:
        return await api.request(method, f"{PHASE}/{path}/{pid}", headers=auth(user), **kwargs)

    # Nothing before a story exists.
    for method, path, reason in [
        ("GET", "extract-characters", "generate the story first"),
        ("GET", "generate-panels", "generate the story first"),
        ("POST", "render-all-panels", "generate panels first"),
        ("POST", "render-all-characters", "generate the story first"),
    ]:
        response = await call(method, path)
        assert response.status_code == 409, (path, response.text)
        assert reason in response.json()["detail"]
    no_prompt = await call("POST", "generate-story")
    assert no_prompt.status_code == 422 and "No prompt" in no_prompt.json()["detail"]

    started = await api.post(
        f"{PHASE}/generate-story/{pid}",
        json={"prompt": PROMPT},
        headers={**auth(user), "Accept": "application/json"},
    )
    assert started.status_code == 202 and started.json()["status"]["status"] == "running"
    await settle(api, user, pid)
    early = await call("GET", "generate-panels")
    assert early.status_code == 409 and "extract characters first" in early.json()["detail"]

    assert (await call("GET", "extract-characters")).status_code == 202
    await settle(api, user, pid)
    state = (await get_project(api, user, pid))["state"]
    character_id = next(iter(state["characters"]))
    missing = await call("POST", "render-character", json={"character_id": str(uuid.uuid4())})
    assert missing.status_code == 404
    assert (await call("POST", "render-character", json={"character_id": character_id})).status_code == 202
    await settle(api, user, pid)

    assert (await call("GET", "generate-panels")).status_code == 202
    await settle(api, user, pid)
    state = (await get_project(api, user, pid))["state"]
    assert state["characters"][character_id]["artifact"] is not None
    assert state["phases"]["character_renders"] == {
        "status": "idle",
        "error": None,
        "done": 1,
        "total": len(state["characters"]),
    }
    panel_id = state["panels"][0]["id"]
    # Panels composite their characters' sheets: render the rest of the cast first.
    assert (await call("POST", "render-all-characters")).status_code == 202
    await settle(api, user, pid)
    render_panel = OfflineRenderer.render_panel

    async def held(self: OfflineRenderer, *args: Any, **kwargs: Any) -> Any:
        await asyncio.sleep(PANEL_HOLD_SECONDS)
        return await render_panel(self, *args, **kwargs)

    # Panel renders held, so that none finishes (and leaves the queue) between the requests below.
    with monkeypatch.context() as patch:
        patch.setattr(OfflineRenderer, "render_panel", held)
        assert (await call("POST", "render-panel", json={"panel_id": panel_id})).status_code == 202
        # The bulk render takes every panel but the one already rendering; a second bulk request has nothing left.
        bulk = await call("POST", "render-all-panels")
        assert bulk.status_code == 202
        assert bulk.json()["message"] == f"Rendering {len(state['panels']) - 1} panels"
        again = await call("POST", "render-all-panels")
        assert again.status_code == 409 and "already being rendered" in again.json()["detail"]
    await settle(api, user, pid)
    state = (await get_project(api, user, pid))["state"]
    assert all(p["render_status"] == "completed" for p in state["panels"])
    assert state["phases"]["panel_renders"]["status"] == "completed"
    assert all(p["history"] == [] for p in state["panels"])
    # Rendering a panel again keeps the earlier artifact in its history.
    assert (await call("POST", "render-panel", json={"panel_id": panel_id})).status_code == 202
    await settle(api, user, pid)
    first = (await get_project(api, user, pid))["state"]["panels"][0]
    assert len(first["history"]) == 1 and first["history"][0]["url"] != first["artifact"]["url"]

    # Re-running a phase would discard its output: refused unless asked, and what is replaced is kept.
    refused = await call("GET", "generate-panels")
    assert refused.status_code == 409 and "panels" in refused.json()["detail"] and "replace" in refused.json()["detail"]
    assert (await call("POST", "extract-characters")).status_code == 409
    assert (await call("POST", "generate-story", json={"prompt": PROMPT})).status_code == 409
    before = (await get_project(api, user, pid))["state"]
    assert (await call("POST", "generate-panels", json={"replace": True})).status_code == 202
    await settle(api, user, pid)
    again = (await get_project(api, user, pid))["state"]
    assert {p["id"] for p in again["panels"]}.isdisjoint({p["id"] for p in state["panels"]})
    assert all(p["render_status"] == "pending" for p in again["panels"])
    (kept,) = again["previous"]
    assert kept["kind"] == "panels" and [p["id"] for p in kept["panels"]] == [p["id"] for p in before["panels"]]
    assert kept["panels"][0]["artifact"]["key"] == before["panels"][0]["artifact"]["key"]

    # Restoring puts the rendered panels back, and keeps the ones it replaces in turn.
    restored = await call("POST", "restore", json={"previous_id": kept["id"]})
    assert restored.status_code == 200, restored.text
    await settle(api, user, pid)
    back = (await get_project(api, user, pid))["state"]
    assert [(p["id"], p["artifact"]["key"]) for p in back["panels"]] == [
        (p["id"], p["artifact"]["key"]) for p in before["panels"]
    ]
    assert back["phases"]["panel_renders"]["status"] == "completed"
    assert [p["kind"] for p in back["previous"]] == ["panels"] and back["previous"][0]["id"] != kept["id"]
    missing = await call("POST", "restore", json={"previous_id": kept["id"]})
    assert missing.status_code == 404


async def test_patch_during_renders_keeps_both_edit_and_renders(api: httpx.AsyncClient, user: str) -> None:
    project = await create_project(api, user, prompt=PROMPT)
    pid = project["id"]
    for path in ("generate-story", "extract-characters", "generate-panels"):
        response = await api.post(f"{PHASE}/{path}/{pid}", headers={**auth(user), "Accept": "application/json"})
        assert response.status_code == 202
        await settle(api, user, pid)
    assert (await api.post(f"{PHASE}/render-all-characters/{pid}", headers=auth(user))).status_code == 202
    await settle(api, user, pid)
    assert (await api.post(f"{PHASE}/render-all-panels/{pid}", headers=auth(user))).status_code == 202
    # Edit the last panel's dialogue while the renders are in flight.
    for _ in range(20):
        current = await get_project(api, user, pid)
        state = current["state"]
        state["panels"][-1]["dialogue"] = "Edited while rendering!"
        response = await api.patch(
            f"/api/comic-builder/projects/{pid}",
            json={"version": current["version"], "state": state},
            headers=auth(user),
        )
        if response.status_code == 200:
            break
        assert response.status_code == 409  # the version moved on under us: fetch and retry, as a client would
    else:
        pytest.fail("could not land an edit")
    await settle(api, user, pid)
    final = (await get_project(api, user, pid))["state"]
    assert final["panels"][-1]["dialogue"] == "Edited while rendering!"
    assert all(p["render_status"] == "completed" and p["artifact"] for p in final["panels"])


async def test_transient_failure_is_retried_and_refusal_is_final(
    temporal_client: Client, settings: Settings, sessions: async_sessionmaker[AsyncSession]
) -> None:
    llm = FaultyLLM(
        OfflineStoryteller(),
        story_failures=[ProviderError("rate limited", retryable=True, retry_after=0.2)],
        character_failures=[ProviderError("content policy violation: refused", retryable=False)],
    )
    local = other_queues(settings)
    project = await start_project(sessions, PROMPT)
    async with worker_on(temporal_client, local, sessions, llm=llm):
        await request_phase(temporal_client, local, project.id, names.GENERATE_STORY, StoryRequest())
        snapshot = await wait_for(temporal_client, project, lambda s: s.state.phases.story.status != "running")
        assert snapshot.state.story.status == "completed"
        assert llm.calls["story"] == 2  # one failure, retried by Temporal, then success

        await request_phase(temporal_client, local, project.id, names.EXTRACT_CHARACTERS)
        snapshot = await wait_for(temporal_client, project, lambda s: s.state.phases.characters.status != "running")
        assert snapshot.state.phases.characters.status == "error"
        assert snapshot.state.phases.characters.error == "content policy violation: refused"
        assert llm.calls["characters"] == 1  # not retried
        with pytest.raises(HTTPException) as refused:
            await request_phase(temporal_client, local, project.id, names.GENERATE_PANELS)
        assert refused.value.status_code == 409
        assert "extract characters first" in refused.value.detail


async def test_bounded_fanout_and_a_refused_panel(
    temporal_client: Client, settings: Settings, sessions: async_sessionmaker[AsyncSession]
) -> None:
    images = MeteredImages(OfflineRenderer(), delay=0.3, refuse_panel_indexes={1})
    local = other_queues(settings, render_fanout=3, image_max_concurrent=10)
    project = await start_project(sessions, PROMPT)
    async with worker_on(temporal_client, local, sessions, images=images):
        await phases_one_by_one(
            temporal_client,
            local,
            project,
            names.GENERATE_STORY,
            names.EXTRACT_CHARACTERS,
            names.GENERATE_PANELS,
            names.RENDER_ALL_CHARACTERS,
        )
        await request_phase(temporal_client, local, project.id, names.RENDER_ALL_PANELS)
        snapshot = await wait_for(temporal_client, project, lambda s: s.state.phases.panel_renders.status != "running")
    panels = snapshot.state.panels
    assert len(panels) >= 6
    assert images.peak == 3, f"peak concurrency {images.peak} with a fan-out limit of 3"
    refused = panels[1]
    assert refused.render_status == "error" and refused.render_error == "content policy: panel 1 refused"
    assert all(p.render_status == "completed" for p in panels if p.index != 1)
    phase = snapshot.state.phases.panel_renders
    assert phase.status == "error" and phase.done == len(panels) - 1 and "1 of" in (phase.error or "")
    assert images.calls.count("panel:1") == 1  # refusals are not retried


async def test_continue_as_new_keeps_the_state(
    temporal_client: Client, settings: Settings, sessions: async_sessionmaker[AsyncSession]
) -> None:
    local = other_queues(settings)
    project = await start_project(sessions, PROMPT)
    # A small history limit stands in for Temporal's continue-as-new suggestion on a long-lived project.
    params = comic_input(project.id, local).model_copy(update={"continue_as_new_after_events": 40})
    wid = workflow_id(project.id)
    async with worker_on(temporal_client, local, sessions):
        first = await temporal_client.start_workflow(
            ComicWorkflow.run, params, id=wid, task_queue=local.temporal_task_queue
        )
        handle = temporal_client.get_workflow_handle(wid)  # follows the latest run
        await handle.execute_update(ComicWorkflow.generate_story, StoryRequest())
        story = await wait_for(temporal_client, project, lambda s: s.state.story.status == "completed")
        await handle.execute_update(ComicWorkflow.extract_characters)
        cast = await wait_for(temporal_client, project, lambda s: s.state.phases.characters.status == "completed")
        deadline = time.monotonic() + 30
        while (description := await handle.describe()).run_id == first.first_execution_run_id:
            assert time.monotonic() < deadline, "the run never continued as new"
            await asyncio.sleep(0.1)
        after = await running_snapshot(temporal_client, project.id)
        # The new run serves requests on the carried-over state.
        await handle.execute_update(
            ComicWorkflow.render_character, CharacterRef(character_id=next(iter(cast.state.characters)))
        )
        rendered = await wait_for(temporal_client, project, lambda s: s.state.phases.character_renders.done == 1)
    assert description.history_length < 40
    assert after is not None
    assert after.state.story.text == story.state.story.text
    assert after.state.characters == cast.state.characters
    assert after.version == cast.version
    assert rendered.version > after.version


async def test_status_poll_is_cheap_when_unchanged_and_can_wait_for_a_change(api: httpx.AsyncClient, user: str) -> None:
    project = await create_project(api, user, prompt=PROMPT)
    pid = project["id"]
    url = f"{PHASE}/status/{pid}"
    first = await api.get(url, headers=auth(user))
    assert first.status_code == 200 and first.json()["workflow_running"] is False
    etag = first.headers["etag"]
    assert etag.startswith(f'W/"{project["version"]}-')

    unchanged = await api.get(url, headers={**auth(user), "If-None-Match": etag})
    assert unchanged.status_code == 304 and unchanged.content == b"" and unchanged.headers["etag"] == etag

    # Long poll: held until the project changes (a story request lands meanwhile), then the new state.
    async def change_soon() -> None:
        await asyncio.sleep(0.5)
        response = await api.post(f"{PHASE}/generate-story/{pid}", headers={**auth(user), "Accept": "application/json"})
        assert response.status_code == 202

    started = time.monotonic()
    waited, _ = await asyncio.gather(
        api.get(url, params={"wait": 10}, headers={**auth(user), "If-None-Match": etag}), change_soon()
    )
    assert waited.status_code == 200
    assert 0.4 < time.monotonic() - started < 8
    assert waited.headers["etag"] != etag and waited.json()["workflow_running"] is True
    await settle(api, user, pid)

    # Nothing changes: the long poll ends with 304 after the wait.
    settled = await api.get(url, headers=auth(user))
    started = time.monotonic()
    quiet = await api.get(url, params={"wait": 0.6}, headers={**auth(user), "If-None-Match": settled.headers["etag"]})
    assert quiet.status_code == 304 and time.monotonic() - started >= 0.6


async def test_long_polls_hold_no_database_connection_and_a_long_wait_is_capped(
    settings: Settings, running_worker: None, user: str
) -> None:
    app = create_app(settings)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://test", timeout=30) as api:
            projects = [await create_project(api, user, title=f"P{i}") for i in range(20)]
            etags = {}
            for p in projects:
                etags[p["id"]] = (await api.get(f"{PHASE}/status/{p['id']}", headers=auth(user))).headers["etag"]
            polls = [
                asyncio.ensure_future(
                    api.get(
                        f"{PHASE}/status/{pid}",
                        params={"wait": 2.5},
                        headers={**auth(user), "If-None-Match": etag},
                    )
                )
                for pid, etag in etags.items()
            ]
            await asyncio.sleep(1.0)
            assert app.state.engine.pool.checkedout() == 0  # 20 waiting pollers, no pooled connection held
            # Meanwhile the API serves others, and a change wakes its poller at once.
            target = projects[0]["id"]
            patch = {"version": 1, "title": "Changed"}
            assert (await api.patch(f"{PROJECTS}/{target}", json=patch, headers=auth(user))).status_code == 200
            responses = await asyncio.gather(*polls)
            by_id = dict(zip(etags, responses, strict=True))
            assert by_id[target].status_code == 200 and by_id[target].json()["version"] == 2
            assert all(r.status_code == 304 for pid, r in by_id.items() if pid != target)
            capped = await api.get(f"{PHASE}/status/{target}", params={"wait": 600}, headers=auth(user))
            assert capped.status_code == 200  # above the maximum is capped, not refused (no If-None-Match: at once)
