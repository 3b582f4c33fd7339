"""Live output over real HTTP on loopback: the story streamed through Workflow Streams as NDJSON/SSE, and
Socket.IO `state.updated` events relayed from PostgreSQL NOTIFY."""

import asyncio
import json
import os
import sys
import time
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any

import httpx
import pytest
import socketio
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from temporalio.api.enums.v1 import EventType
from temporalio.client import Client

from api.main import create_asgi_app
from contracts.workflows import story_workflow_id, workflow_id
from core.config import Settings
from devstack.http import serve
from providers.errors import ProviderError
from providers.offline.storyteller import OfflineStoryteller
from tests.conftest import worker_on
from tests.fault_providers import FaultyLLM, TokenStoryteller
from tests.flow import PHASE, create_project, get_project, other_queues, settle
from tests.helpers import auth

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PROMPT = "a lighthouse keeper befriends a sea monster"
JSON = {"Accept": "application/json"}


@dataclass
class Stack:
    """A worker and an API served over HTTP, on task queues of their own."""

    url: str
    http: httpx.AsyncClient
    settings: Settings


@asynccontextmanager
async def stack(
    temporal_client: Client,
    settings: Settings,
    sessions: async_sessionmaker[AsyncSession],
    llm: Any = None,
    worker: bool = True,
    **overrides: Any,
) -> AsyncIterator[Stack]:
    local = other_queues(settings, **overrides)
    async with serve(create_asgi_app(local)) as url, httpx.AsyncClient(base_url=url, timeout=60) as http:
        if worker:
            async with worker_on(temporal_client, local, sessions, llm=llm):
                yield Stack(url, http, local)
        else:
            yield Stack(url, http, local)


async def read_stream(
    http: httpx.AsyncClient, method: str, path: str, user: str, stop_after: int | None = None, **kwargs: Any
) -> list[tuple[float, dict[str, Any]]]:
    """(arrival time, envelope) for each NDJSON line; stop after `stop_after` deltas (a dropped client)."""
    lines: list[tuple[float, dict[str, Any]]] = []
    headers = {**auth(user), **kwargs.pop("headers", {})}
    async with http.stream(method, path, headers=headers, **kwargs) as response:
        assert response.status_code == 200, await response.aread()
        assert response.headers["content-type"].startswith("application/x-ndjson")
        async for line in response.aiter_lines():
            if not line:
                continue
            lines.append((time.monotonic(), json.loads(line)))
            deltas = sum(1 for _, e in lines if e["type"] == "delta")
            if stop_after is not None and deltas >= stop_after:
                break
    return lines


def text_of(envelopes: list[dict[str, Any]]) -> str:
    """The story a client shows: deltas, starting over at each reset."""
    text = ""
    for envelope in envelopes:
        if envelope["type"] == "reset":
            text = ""
        elif envelope["type"] == "delta":
            text += envelope["data"]
    return text


@pytest.fixture(scope="module")
async def live(
    temporal_client: Client, settings: Settings, sessions: async_sessionmaker[AsyncSession]
) -> AsyncIterator[Stack]:
    """A stack whose offline storyteller streams slowly enough to watch (about 2 s a story)."""
    async with stack(temporal_client, settings, sessions, offline_chunk_delay=0.01, story_batch_interval=0.05) as s:
        yield s


async def test_story_arrives_incrementally_and_matches_the_stored_story(live: Stack, user: str) -> None:
    project = await create_project(live.http, user, prompt=PROMPT)
    pid = project["id"]
    started = time.monotonic()
    lines = await read_stream(live.http, "POST", f"{PHASE}/generate-story/{pid}", user)
    envelopes = [e for _, e in lines]
    assert envelopes[0]["type"] == "status" and envelopes[0]["data"]["status"] == "streaming"
    assert envelopes[-1]["type"] == "done"
    assert all(e["type"] == "delta" for e in envelopes[1:-1])
    first_delta = next(t for t, e in lines if e["type"] == "delta")
    done_at = lines[-1][0]
    # Measured: the first words arrive long before the story is finished.
    assert first_delta - started < 1.5, first_delta - started
    assert done_at - first_delta > 1.0, done_at - first_delta
    offsets = [e["offset"] for e in envelopes[1:]]
    assert offsets == sorted(offsets) and len(set(offsets)) == len(offsets)
    await settle(live.http, user, pid)
    story = (await get_project(live.http, user, pid))["state"]["story"]
    assert story["status"] == "completed"
    assert text_of(envelopes) == story["text"]
    assert envelopes[-1]["data"]["length"] == len(story["text"])
    assert envelopes[-1]["data"]["usage"]["completion_tokens"] > 0


async def test_reconnect_concurrent_followers_late_follower_and_sse(live: Stack, user: str) -> None:
    project = await create_project(live.http, user, prompt=PROMPT + " at the end of the world")
    pid = project["id"]
    accepted = await live.http.post(f"{PHASE}/generate-story/{pid}", headers={**auth(user), **JSON})
    assert accepted.status_code == 202
    assert accepted.json()["story_stream"] == story_workflow_id(uuid.UUID(pid), 1)
    second = await live.http.post(f"{PHASE}/generate-story/{pid}", json={"prompt": "again"}, headers=auth(user))
    assert second.status_code == 409 and "already running" in second.json()["detail"]
    stranger = await live.http.get(f"{PHASE}/story-stream/{pid}", headers=auth(user + "-stranger"))
    assert stranger.status_code == 404

    path = f"{PHASE}/story-stream/{pid}"
    dropped, follower_a, follower_b = await asyncio.gather(
        read_stream(live.http, "GET", path, user, stop_after=5),
        read_stream(live.http, "GET", path, user),
        read_stream(live.http, "GET", path, user),
    )
    a = [e for _, e in follower_a]
    b = [e for _, e in follower_b]
    assert a[1:] == b[1:]  # two followers see identical envelopes
    full = text_of(a)
    assert a[-1]["type"] == "done"
    # The dropped client resumes after the last offset it saw and gets exactly the rest.
    seen = [e for _, e in dropped]
    resumed = await read_stream(live.http, "GET", path, user, params={"offset": seen[-1]["offset"] + 1})
    assert text_of(seen) + text_of([e for _, e in resumed]) == full
    await settle(live.http, user, pid)
    assert (await get_project(live.http, user, pid))["state"]["story"]["text"] == full

    # After completion: the whole text and `done` at once.
    started = time.monotonic()
    late = [e for _, e in await read_stream(live.http, "GET", path, user)]
    assert time.monotonic() - started < 1.0
    assert text_of(late) == full and late[-1]["type"] == "done"

    # SSE, resuming after Last-Event-ID as a browser EventSource does.
    middle = a[len(a) // 2]["offset"]
    events: list[tuple[str, str, str]] = []
    headers = {**auth(user), "Accept": "text/event-stream", "Last-Event-ID": str(middle)}
    async with live.http.stream("GET", path, headers=headers) as response:
        assert response.headers["content-type"].startswith("text/event-stream")
        block: dict[str, str] = {}
        async for line in response.aiter_lines():
            if line:
                key, _, value = line.partition(": ")
                block[key] = value
            elif block:
                events.append((block.get("id", ""), block.get("event", ""), block.get("data", "")))
                block = {}
    deltas = [(int(i), json.loads(d)) for i, kind, d in events if kind == "delta"]
    assert all(offset > middle for offset, _ in deltas)
    expected = "".join(e["data"] for e in a if e["type"] == "delta" and e["offset"] > middle)
    assert "".join(text for _, text in deltas) == expected
    assert events[-1][1] == "done"


async def test_retried_story_streams_reset_then_the_second_attempt(
    temporal_client: Client, settings: Settings, sessions: async_sessionmaker[AsyncSession], user: str
) -> None:
    llm = FaultyLLM(
        OfflineStoryteller(chunk_delay=0.005),
        story_fault_after_deltas=(12, ProviderError("upstream reset the connection", retryable=True, retry_after=0.1)),
    )
    async with stack(temporal_client, settings, sessions, llm=llm) as s:
        project = await create_project(s.http, user, prompt=PROMPT)
        envelopes = [e for _, e in await read_stream(s.http, "POST", f"{PHASE}/generate-story/{project['id']}", user)]
        await settle(s.http, user, project["id"])
        stored = (await get_project(s.http, user, project["id"]))["state"]["story"]["text"]
    kinds = [e["type"] for e in envelopes]
    reset = kinds.index("reset")
    assert envelopes[reset]["data"] == {"attempt": 2}
    assert kinds[1:reset] == ["delta"] * 12  # the failed attempt's text, then the reset
    assert kinds[-1] == "done"
    after_reset = "".join(e["data"] for e in envelopes[reset:] if e["type"] == "delta")
    assert after_reset == stored == text_of(envelopes)
    assert llm.calls["story"] == 2


async def test_failed_story_ends_the_stream_with_error(
    temporal_client: Client, settings: Settings, sessions: async_sessionmaker[AsyncSession], user: str
) -> None:
    llm = FaultyLLM(OfflineStoryteller(), story_failures=[ProviderError("prompt rejected by policy", retryable=False)])
    async with stack(temporal_client, settings, sessions, llm=llm) as s:
        project = await create_project(s.http, user, prompt=PROMPT)
        envelopes = [e for _, e in await read_stream(s.http, "POST", f"{PHASE}/generate-story/{project['id']}", user)]
        status = await settle(s.http, user, project["id"])
    assert envelopes[-1] == {
        "type": "error",
        "data": {"message": "prompt rejected by policy"},
        "offset": envelopes[-1]["offset"],
    }
    assert status["story_status"] == "error" and status["story_error"] == "prompt rejected by policy"


async def history_length(client: Client, workflow: str) -> tuple[int, int]:
    """(events, signals) in a workflow's history, fetched from the server."""
    events = [e async for e in client.get_workflow_handle(workflow).fetch_history_events()]
    signals = sum(1 for e in events if e.event_type == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED)
    return len(events), signals


async def test_comic_history_does_not_grow_with_story_length(
    temporal_client: Client, settings: Settings, sessions: async_sessionmaker[AsyncSession], user: str
) -> None:
    lengths: dict[int, tuple[int, int, int]] = {}
    for tokens in (50, 2000):
        llm = TokenStoryteller(OfflineStoryteller(), tokens=tokens, delay=0.001)
        async with stack(temporal_client, settings, sessions, llm=llm) as s:
            project = await create_project(s.http, user, prompt=PROMPT)
            envelopes = [
                e for _, e in await read_stream(s.http, "POST", f"{PHASE}/generate-story/{project['id']}", user)
            ]
            assert sum(1 for e in envelopes if e["type"] == "delta") == tokens
            await settle(s.http, user, project["id"])
            pid = uuid.UUID(project["id"])
            comic_events, _ = await history_length(temporal_client, workflow_id(pid))
            story_events, signals = await history_length(temporal_client, story_workflow_id(pid, 1))
            lengths[tokens] = (comic_events, story_events, signals)
    print(f"\nhistory events (comic, story, signals) by story tokens: {lengths}")
    # The ComicWorkflow sees only the finished story: the same order of events either way (persist batching
    # varies a little with timing), while the story workflow's history grows with the tokens.
    assert lengths[2000][0] <= 1.5 * lengths[50][0]
    assert lengths[2000][1] > 3 * lengths[50][1]


async def collect_events(client: socketio.AsyncClient) -> list[dict[str, Any]]:
    events: list[dict[str, Any]] = []
    client.on("state.updated", lambda data: events.append(data))
    return events


async def socket_client(url: str, user: str) -> socketio.AsyncClient:
    client = socketio.AsyncClient(reconnection=False)
    await client.connect(url, auth={"token": auth(user)["Authorization"][7:]}, transports=["websocket"])
    return client


async def wait_until(predicate: Any, within: float = 30) -> None:
    deadline = time.monotonic() + within
    while not predicate():
        assert time.monotonic() < deadline, "condition not met in time"
        await asyncio.sleep(0.05)


async def test_socketio_state_updated_per_render_and_owner_only(live: Stack, user: str) -> None:
    project = await create_project(live.http, user, prompt=PROMPT)
    pid = project["id"]
    for path in ("generate-story", "extract-characters", "generate-panels"):
        assert (await live.http.post(f"{PHASE}/{path}/{pid}", headers={**auth(user), **JSON})).status_code == 202
        await settle(live.http, user, pid)

    owner = await socket_client(live.url, user)
    intruder = await socket_client(live.url, user + "-intruder")
    errors: list[dict[str, Any]] = []
    intruder.on("error", lambda data: errors.append(data))
    try:
        owner_events = await collect_events(owner)
        intruder_events = await collect_events(intruder)
        ack = await owner.call("subscribe", {"project_id": pid})
        assert ack["ok"] is True
        refused = await intruder.call("subscribe", {"project_id": pid})
        assert refused["ok"] is False and "not found" in refused["error"]
        await wait_until(lambda: errors)
        assert "not found" in errors[0]["message"]

        state = (await get_project(live.http, user, pid))["state"]
        characters, panels = set(state["characters"]), {p["id"] for p in state["panels"]}
        assert (await live.http.post(f"{PHASE}/render-all-characters/{pid}", headers=auth(user))).status_code == 202
        await settle(live.http, user, pid)
        assert (await live.http.post(f"{PHASE}/render-all-panels/{pid}", headers=auth(user))).status_code == 202
        await settle(live.http, user, pid)

        def completed(kind: str) -> list[str]:
            return [
                e["change"]["id"]
                for e in owner_events
                if e["change"] and e["change"]["kind"] == kind and e["change"]["status"] == "completed"
            ]

        await wait_until(lambda: len(completed("panel")) >= len(panels))
        assert sorted(completed("character")) == sorted(characters)  # one event per character render
        assert sorted(completed("panel")) == sorted(panels)  # one event per rendered panel
        panel_events = [e for e in owner_events if e["phase"] == "panel_renders"]
        assert all(e["project_id"] == pid for e in owner_events)
        versions = [e["version"] for e in owner_events]
        assert versions == sorted(versions)
        final = (await get_project(live.http, user, pid))["version"]
        # The pages are composed after the renders: the last event, the pages phase's, carries the final version.
        await wait_until(lambda: owner_events[-1]["version"] == final)
        assert panel_events[-1]["version"] < final and owner_events[-1]["phase"] == "pages"
        await asyncio.sleep(0.3)
        assert intruder_events == []
    finally:
        await owner.disconnect()
        await intruder.disconnect()

    with pytest.raises(socketio.exceptions.ConnectionError):
        bad = socketio.AsyncClient(reconnection=False)
        await bad.connect(live.url, auth={"token": "not-a-token"}, transports=["websocket"])


async def test_events_cross_processes_from_a_separate_worker(
    temporal_client: Client, settings: Settings, sessions: async_sessionmaker[AsyncSession], user: str
) -> None:
    async with stack(temporal_client, settings, sessions, worker=False) as s:
        env = {
            **os.environ,
            "DATABASE_URL": s.settings.database_url or "",
            "TEMPORAL_ADDRESS": s.settings.temporal_address,
            "TEMPORAL_TASK_QUEUE": s.settings.temporal_task_queue,
            "LLM_TASK_QUEUE": s.settings.llm_task_queue,
            "IMAGE_TASK_QUEUE": s.settings.image_task_queue,
            "MEDIA_DIR": str(s.settings.resolved_media_dir),
            "PUBLIC_BASE_URL": s.settings.public_base_url,
            "LLM_PROVIDER": "offline",
            "IMAGE_PROVIDER": "offline",
        }
        worker = await asyncio.create_subprocess_exec(sys.executable, "-m", "cli", "worker", cwd=ROOT, env=env)
        try:
            project = await create_project(s.http, user, prompt=PROMPT)
            client = await socket_client(s.url, user)
            try:
                events = await collect_events(client)
                assert (await client.call("subscribe", {"project_id": project["id"]}))["ok"]
                response = await s.http.post(f"{PHASE}/run/{project['id']}", headers=auth(user))
                assert response.status_code == 202
                await settle(s.http, user, project["id"], within=120)
                await wait_until(
                    lambda: any(
                        e["phase"] == "panel_renders" and e["change"]["status"] == "completed"
                        for e in events
                        if e["change"]
                    )
                )
            finally:
                await client.disconnect()
        finally:
            worker.terminate()
            await asyncio.wait_for(worker.wait(), 30)
    phases = {e["phase"] for e in events}
    assert {"story", "characters", "character_renders", "panels", "panel_renders"} <= phases


async def test_another_api_process_serves_a_finished_story_from_the_closed_stream(live: Stack, user: str) -> None:
    project = await create_project(live.http, user, prompt="a lonely robot learns to paint")
    pid = project["id"]
    first = [e for _, e in await read_stream(live.http, "POST", f"{PHASE}/generate-story/{pid}", user)]
    await settle(live.http, user, pid)
    # A second API process has no cached copy: its one subscription drains the closed StoryWorkflow (a Query).
    async with serve(create_asgi_app(live.settings)) as url, httpx.AsyncClient(base_url=url, timeout=60) as other:
        late = [e for _, e in await read_stream(other, "GET", f"{PHASE}/story-stream/{pid}", user)]
        tail = [
            e for _, e in await read_stream(other, "GET", f"{PHASE}/story-stream/{pid}", user, params={"offset": 10})
        ]
    assert text_of(late) == text_of(first) == (await get_project(live.http, user, pid))["state"]["story"]["text"]
    assert late[-1]["type"] == "done"
    assert text_of(tail) == "".join(e["data"] for e in first if e["type"] == "delta" and e["offset"] >= 10)
