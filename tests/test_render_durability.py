"""Nothing is paid for twice: a render retried after its worker was killed reuses what is stored or resumes fal.

The worker runs as `python -m cli worker` in its own process, killed with SIGKILL mid bulk render and replaced by
a new one; the API runs in the test process throughout. Render heartbeats time out after 2 s here (not 30 s).
"""

import asyncio
import os
import signal
import subprocess
import sys
import time
import uuid
from collections import defaultdict
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any, TypeVar

import certifi
import httpx
import pytest
from temporalio.client import Client
from temporalio.testing import ActivityEnvironment

from activities.character_render import CharacterRenderActivities
from api.comic import running_snapshot
from contracts.activities import RenderCharacterInput, RenderPanelInput
from contracts.workflows import workflow_id
from core.config import Settings
from domain.character import Character
from domain.panel import Panel
from domain.state import ConsolidatedComicState
from domain.style import DEFAULT_STYLE, Style
from providers.images import ReferenceImage, RenderedImage
from providers.media_store import LocalMediaStore
from providers.offline.renderer import OfflineRenderer
from tests.conftest import api_client
from tests.fakes.fal_server import FakeFal, RunningFake, running_fake_fal
from tests.flow import PHASE, PROJECTS, create_project, get_project, other_queues, settle
from tests.helpers import auth

ROOT = Path(__file__).resolve().parent.parent
T = TypeVar("T")
FAL_KEY = "durability-key"
STORY = (
    "Mara Quill kept the lighthouse on the black rocks. Every night she climbed the stairs and lit the lamp.\n\n"
    "One stormy night a sea monster named Nessie rose from the waves. Mara waved her lantern at it.\n\n"
    "Nessie came back the next night, and the next. Mara began to sing to her across the water."
)


# ---- the activity on its own --------------------------------------------------------------------------------------


class CountingRenderer(OfflineRenderer):
    """The offline renderer, counting its calls."""

    calls = 0

    async def render_character(self, character: Character, prompt: str, style: Style = DEFAULT_STYLE) -> RenderedImage:
        self.calls += 1
        return await super().render_character(character, prompt, style)

    async def render_panel(
        self, panel: Panel, prompt: str, references: list[ReferenceImage], style: Style = DEFAULT_STYLE
    ) -> RenderedImage:
        self.calls += 1
        return await super().render_panel(panel, prompt, references, style)


async def test_a_retried_render_reuses_the_stored_result(tmp_path: Path) -> None:
    renderer = CountingRenderer()
    store = LocalMediaStore(tmp_path)
    activities = CharacterRenderActivities(renderer, store)
    character = Character(id=uuid.uuid4(), name="Mara", brief="a lighthouse keeper", character_type="humanoid")
    request = RenderCharacterInput(project_id=uuid.uuid4(), render_id=uuid.uuid4(), character=character)

    first = await ActivityEnvironment().run(activities.render_character, request)
    retried = await ActivityEnvironment().run(activities.render_character, request)
    assert renderer.calls == 1
    assert retried == first  # the same Artifact: key, model, size, prompt, even created_at
    assert (first.width, first.height) == (768, 512) and (tmp_path / first.key).is_file()

    # Another render request of the same character is a new render.
    again = request.model_copy(update={"render_id": uuid.uuid4()})
    assert (await ActivityEnvironment().run(activities.render_character, again)).key != first.key
    assert renderer.calls == 2


# ---- a worker in its own process ----------------------------------------------------------------------------------


def worker_env(settings: Settings, **extra: str) -> dict[str, str]:
    """Environment variables configuring a worker process exactly as `settings` (and nothing from this shell)."""
    names = {name.upper() for name in Settings.model_fields}
    env = {key: value for key, value in os.environ.items() if key.upper() not in names}
    for name in Settings.model_fields:
        value = getattr(settings, name)
        if value is not None:
            env[name.upper()] = str(value)
    return {**env, **extra}


@asynccontextmanager
async def worker_processes() -> AsyncIterator[list[subprocess.Popen[bytes]]]:
    """A list for `start_worker`; every worker in it still alive at the end is killed."""
    started: list[subprocess.Popen[bytes]] = []
    try:
        yield started
    finally:
        for process in started:
            if process.poll() is None:
                kill(process)


def start_worker(started: list[subprocess.Popen[bytes]], env: dict[str, str], log_dir: Path) -> None:
    """`python -m cli worker` with `env`, its output in `log_dir`/worker-N.log."""
    log = open(log_dir / f"worker-{len(started) + 1}.log", "wb")
    # Its own session: the kill reaches the whole process group and nothing of the test's terminal.
    process = subprocess.Popen(
        [sys.executable, "-m", "cli", "worker"], cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
        start_new_session=True,
    )  # fmt: skip
    log.close()
    started.append(process)


def kill(process: subprocess.Popen[bytes]) -> None:
    """SIGKILL: no graceful shutdown, no cancellation, no last heartbeat."""
    os.killpg(process.pid, signal.SIGKILL)
    process.wait(timeout=10)


async def wait_until(condition: Callable[[], Awaitable[T | None]], within: float, what: str) -> T:
    """The first truthy result of `condition`, polled."""
    deadline = time.monotonic() + within
    while not (result := await condition()):
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        await asyncio.sleep(0.05)
    return result


# ---- a comic of many panels, by hand ------------------------------------------------------------------------------


async def patch_state(api: httpx.AsyncClient, user: str, project_id: str, state: dict[str, Any]) -> None:
    version = (await get_project(api, user, project_id))["version"]
    response = await api.patch(
        f"{PROJECTS}/{project_id}", json={"version": version, "state": state}, headers=auth(user)
    )
    assert response.status_code == 200, response.text


async def phase(api: httpx.AsyncClient, user: str, name: str, project_id: str) -> None:
    response = await api.post(f"{PHASE}/{name}/{project_id}", headers=auth(user))
    assert response.status_code == 202, response.text


async def comic_of(api: httpx.AsyncClient, user: str, panels: int) -> str:
    """A project with `panels` hand-written panels (distinct scenes, so distinct prompts), none rendered yet."""
    project_id = str((await create_project(api, user, title="Durability"))["id"])
    await patch_state(api, user, project_id, {"story": {"text": STORY}})  # written by hand: a finished story
    for name in ("extract-characters", "generate-panels"):
        await phase(api, user, name, project_id)
        await settle(api, user, project_id, within=60)
    scenes = [
        {"background": f"the lighthouse gallery, view {i + 1}", "dialogue": f"Line {i + 1}"} for i in range(panels)
    ]
    await patch_state(api, user, project_id, {"panels": scenes})
    return project_id


async def panel_status(api: httpx.AsyncClient, user: str, project_id: str) -> list[dict[str, Any]]:
    response = await api.get(f"{PHASE}/status/{project_id}", headers=auth(user), timeout=30)
    assert response.status_code == 200, response.text
    return list(response.json()["panels"])


async def rendered(api: httpx.AsyncClient, client: Client, user: str, project_id: str) -> ConsolidatedComicState:
    """The workflow's state once every panel is rendered.

    Read from the workflow, not PostgreSQL: a persist_state attempt cut off by the kill is only retried after its
    30 s start-to-close timeout, and this test is about renders.
    """

    async def done() -> bool | None:
        response = await api.get(f"{PHASE}/status/{project_id}", headers=auth(user), timeout=30)
        assert response.status_code == 200, response.text
        return response.json()["phases"]["panel_renders"]["status"] == "completed" or None

    await wait_until(done, 60, "every panel rendered")
    snapshot = await running_snapshot(client, uuid.UUID(project_id))
    assert snapshot is not None
    return snapshot.state


async def render_attempts(client: Client, project_id: str) -> dict[str, list[int]]:
    """Per panel id, the attempt on which each of its render_panel activities ended (from the workflow history)."""
    history = await client.get_workflow_handle(workflow_id(uuid.UUID(project_id))).fetch_history()
    panel_of: dict[int, str] = {}
    attempts: dict[str, list[int]] = defaultdict(list)
    for event in history.events:
        if event.HasField("activity_task_scheduled_event_attributes"):
            scheduled = event.activity_task_scheduled_event_attributes
            if scheduled.activity_type.name == "render_panel":
                request = RenderPanelInput.model_validate_json(scheduled.input.payloads[0].data)
                panel_of[event.event_id] = str(request.panel.id)
        elif event.HasField("activity_task_started_event_attributes"):
            started = event.activity_task_started_event_attributes
            if started.scheduled_event_id in panel_of:
                attempts[panel_of[started.scheduled_event_id]].append(started.attempt)
    return attempts


# ---- killing the worker mid bulk render ---------------------------------------------------------------------------


@pytest.fixture
def durable(settings: Settings) -> Settings:
    """Settings of their own: short render heartbeats, a few renders at a time, slow offline renders."""
    return other_queues(
        settings, render_heartbeat_timeout=2, render_fanout=4, offline_render_delay=0.8, user_generation_rate=100
    )


async def test_killing_the_worker_mid_bulk_render_renders_nothing_twice(
    durable: Settings, temporal_client: Client, user: str, tmp_path: Path
) -> None:
    env = worker_env(durable)
    async with api_client(durable) as api:
        async with worker_processes() as workers:
            start_worker(workers, env, tmp_path)
            project_id = await comic_of(api, user, panels=16)
            await phase(api, user, "render-all-panels", project_id)

            async def half_done() -> list[dict[str, Any]] | None:
                panels = await panel_status(api, user, project_id)
                return panels if sum(p["render_status"] == "completed" for p in panels) >= 8 else None

            seen = await wait_until(half_done, 60, "half of the panels")
            kill(workers[0])
            # The API answers throughout: the stored project from PostgreSQL at once, and /status too (the run can
            # be queried only through a worker: with none, it answers from the stored state after a short wait).
            assert (await api.get(f"{PROJECTS}/{project_id}", headers=auth(user))).status_code == 200
            started = time.monotonic()
            gap = await api.get(f"{PHASE}/status/{project_id}", headers=auth(user), timeout=30)
            assert gap.status_code == 200 and time.monotonic() - started < 10, gap.text
            start_worker(workers, env, tmp_path)
            state = await rendered(api, temporal_client, user, project_id)

    assert len(state.panels) == 16
    assert all(p.render_status == "completed" and p.artifact for p in state.panels)
    done_before = {p["id"]: p["url"].split("?")[0] for p in seen if p["render_status"] == "completed"}
    for panel in state.panels:
        if str(panel.id) in done_before:  # finished before the kill: the very same render, not redone
            assert panel.artifact and done_before[str(panel.id)].endswith(panel.artifact.key) and panel.history == []
    attempts = await render_attempts(temporal_client, project_id)
    in_flight = [p["id"] for p in seen if p["render_status"] == "rendering"]
    assert set(attempts) == {str(p.id) for p in state.panels}
    assert all(len(runs) == 1 for runs in attempts.values())  # one render request per panel
    assert all(attempts[i] == [1] for i in done_before)
    assert all(runs[0] <= 2 for runs in attempts.values())  # a render cut off ran once more, at most
    assert any(attempts[i] == [2] for i in in_flight)  # and the kill did cut renders off


# ---- fal: one submit per render across a worker kill --------------------------------------------------------------


@pytest.fixture(scope="module")
def fal_fake(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningFake]:
    """The fal fake over TLS; a worker process reaches it through fal-client's host variables and SSL_CERT_FILE."""
    system_cas = os.environ.get("SSL_CERT_FILE") or certifi.where()
    fake = FakeFal(key=FAL_KEY, render_seconds=3)
    with running_fake_fal(tmp_path_factory.mktemp("fal"), fake, extra_ca_file=system_cas) as running:
        yield running


async def test_killing_the_worker_while_fal_renders_pays_once(
    durable: Settings, temporal_client: Client, user: str, tmp_path: Path, fal_fake: RunningFake
) -> None:
    fal = fal_fake.fake
    fal.reset()
    fal.render_seconds = 3
    on_fal = durable.model_copy(update={"image_provider": "fal", "fal_key": FAL_KEY, "render_fanout": 10})
    env = worker_env(
        on_fal,
        FAL_RUN_HOST=fal_fake.host,
        FAL_QUEUE_RUN_HOST=fal_fake.host,
        SSL_CERT_FILE=str(fal_fake.ca_bundle),
    )
    async with api_client(on_fal) as api:
        async with worker_processes() as workers:
            start_worker(workers, env, tmp_path)
            project_id = await comic_of(api, user, panels=10)
            await phase(api, user, "render-all-panels", project_id)

            async def all_submitted() -> bool | None:
                return len(fal.requests) == 10 or None

            await wait_until(all_submitted, 60, "every panel submitted to fal")
            await asyncio.sleep(0.5)  # mid-render: each request takes 3 s
            kill(workers[0])
            assert all(r.result_status is None for r in fal.requests)
            start_worker(workers, env, tmp_path)
            state = await rendered(api, temporal_client, user, project_id)

    assert sorted(fal.submits().values()) == [1] * 10  # one paid request per panel, none submitted again
    by_id = {r.request_id: r for r in fal.requests}
    for panel in state.panels:
        assert panel.render_status == "completed" and panel.artifact and panel.artifact.provider_request_id
        request = by_id[panel.artifact.provider_request_id]  # resumed by the new worker: polled, fetched, stored
        assert request.payload["prompt"] == panel.artifact.prompt and request.result_status == 200
    assert fal.cancels == []
