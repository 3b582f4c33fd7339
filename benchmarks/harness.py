"""What the benchmark rows share: an API client, a persisted-state watch, seeded states, history statistics."""

import asyncio
import json
import math
import statistics
import time
import uuid
from collections import Counter, defaultdict
from collections.abc import AsyncIterator, Callable, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import asyncpg
import httpx
from temporalio.api.enums.v1 import EventType
from temporalio.client import Client, WorkflowHistory

from benchmarks.stack import BenchStack
from contracts.workflows import story_workflow_id, workflow_id
from db.engine import driver_url
from db.events import CHANNEL
from db.projects import ProjectRepository
from domain.artifact import Artifact
from domain.character import Character
from domain.panel import Panel
from domain.state import ConsolidatedComicState, PhaseState
from domain.story import Story

PROJECTS = "/api/comic-builder/projects"
PHASE = "/api/comic-builder/phase"
PROMPT = "a lighthouse keeper befriends a sea monster"


def percentile(values: list[float], q: float) -> float:
    """The q-quantile (0..1) of `values` (nearest rank); 0 for no values."""
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def median(values: Sequence[float]) -> float:
    """The median, 0 for no values."""
    return statistics.median(values) if values else 0.0


class Api:
    """One user's HTTP calls on a stack (httpx, in the benchmark's process: used for setup and requests timed
    one at a time, never as the load generator)."""

    def __init__(self, stack: BenchStack, http: httpx.AsyncClient, user: str = "bench") -> None:
        self.stack, self.http, self.user = stack, http, user
        self.headers = stack.headers(user)

    async def call(self, method: str, path: str, **kwargs: Any) -> dict[str, Any]:
        response = await self.http.request(method, path, headers=self.headers, **kwargs)
        if response.status_code >= 300:
            raise RuntimeError(f"{method} {path}: {response.status_code} {response.text[:300]}")
        return dict(response.json()) if response.content else {}

    async def create(self, title: str = "Bench", prompt: str = PROMPT) -> uuid.UUID:
        return uuid.UUID((await self.call("POST", PROJECTS, json={"title": title, "prompt": prompt}))["id"])

    async def rename(self, project_id: uuid.UUID, version: int, title: str = "Bench (warm)") -> int:
        """PATCH the title: starts the project's workflow (if not running); answers once the edit is persisted."""
        body = await self.call("PATCH", f"{PROJECTS}/{project_id}", json={"version": version, "title": title})
        return int(body["version"])


@asynccontextmanager
async def api(stack: BenchStack, user: str = "bench") -> AsyncIterator[Api]:
    """An Api on `stack` with its own HTTP client, closed on exit."""
    limits = httpx.Limits(max_connections=200, max_keepalive_connections=200)
    async with httpx.AsyncClient(base_url=stack.url, timeout=120, limits=limits) as http:
        yield Api(stack, http, user)


Arrival = tuple[float, dict[str, Any]]  # (monotonic arrival time, event)


def run_finished(event: dict[str, Any]) -> bool:
    """A persisted change that ends a run: panel renders done (or failed), or any phase failing."""
    for change in event.get("changes", []):
        if change.get("kind") != "phase":
            continue
        status = change.get("status")
        if status == "error" or (change.get("id") == "panel_renders" and status == "completed"):
            return True
    return False


@dataclass
class StateWatch:
    """LISTENs to the state events every `persist_state` NOTIFYs (on commit): when a change was persisted."""

    connection: asyncpg.Connection
    reader: asyncpg.Connection
    queues: dict[str, asyncio.Queue[Arrival]] = field(default_factory=lambda: defaultdict(asyncio.Queue))
    reading: asyncio.Lock = field(default_factory=asyncio.Lock)  # one query at a time on `reader`

    def _received(self, _connection: object, _pid: int, _channel: str, payload: str) -> None:
        arrived = time.monotonic()
        event = json.loads(payload)
        self.queues[str(event.get("project_id"))].put_nowait((arrived, event))

    async def until(
        self, project_id: uuid.UUID, done: Callable[[dict[str, Any]], bool] = run_finished, within: float = 120
    ) -> float:
        """When (monotonic) the first persisted change of `project_id` satisfying `done` arrived."""
        queue = self.queues[str(project_id)]
        deadline = time.monotonic() + within
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise TimeoutError(f"project {project_id} did not finish within {within:g} s")
            arrived, event = await asyncio.wait_for(queue.get(), remaining)
            if event.get("truncated"):
                # The changes were too many for one NOTIFY: ask the row.
                if await self.row_finished(project_id):
                    return arrived
            elif done(event):
                return arrived

    def forget(self, project_id: uuid.UUID) -> None:
        self.queues.pop(str(project_id), None)

    async def row_finished(self, project_id: uuid.UUID) -> bool:
        phases = await self.phases(project_id)
        statuses = [p.get("status") for p in phases.values()]
        return "error" in statuses or phases.get("panel_renders", {}).get("status") == "completed"

    async def phases(self, project_id: uuid.UUID) -> dict[str, Any]:
        async with self.reading:
            raw = await self.reader.fetchval("SELECT state->'phases' FROM projects WHERE id = $1", project_id)
        return dict(json.loads(raw)) if raw else {}


@asynccontextmanager
async def state_watch(stack: BenchStack) -> AsyncIterator[StateWatch]:
    """A StateWatch on the stack's database."""
    url = driver_url(stack.settings.database_url or "")
    connection = await asyncpg.connect(url)
    reader = await asyncpg.connect(url)
    watch = StateWatch(connection, reader)
    await connection.add_listener(CHANNEL, watch._received)
    try:
        yield watch
    finally:
        await connection.close()
        await reader.close()


# ---- seeded states ---------------------------------------------------------------------------------------------


def _artifact(key: str, model: str) -> Artifact:
    return Artifact(key=key, model=model, prompt="seeded", created_at=datetime.now(UTC), width=1024, height=768)


def seeded_state(
    project_id: uuid.UUID, panels: int, characters: int = 0, rendered: bool = False, story_words: int = 400
) -> ConsolidatedComicState:
    """A finished story with `characters` and `panels` (all rendered, media keys of this project, if `rendered`)."""
    words = " ".join(f"word{i}" for i in range(story_words))
    story = Story(prompt=PROMPT, text=f"Mira Vask kept the lighthouse. {words}.", status="completed", run=1)
    cast: dict[uuid.UUID, Character] = {}
    for i in range(characters):
        cid = uuid.uuid4()
        cast[cid] = Character(
            id=cid,
            name=f"Character {i:02d}",
            brief="a seeded character with a brief of ordinary length for a comic's cast",
            visual_form="oilskin coat, lantern, weathered boots",
            color_palette=["#1f4e9c", "#d4af37", "#f5f5f5"],
            distinctive_markers=["a scar over the left eye", "a brass compass"],
            demeanor="calm",
            role="protagonist" if i == 0 else "supporting",
            render_status="completed" if rendered else "pending",
            artifact=_artifact(f"{project_id}/characters/{cid}-{uuid.uuid4()}.png", "offline/sheet-generator")
            if rendered
            else None,
        )
    names = [c.name for c in cast.values()]
    panel_list = []
    for i in range(panels):
        pid = uuid.uuid4()
        panel_list.append(
            Panel(
                id=pid,
                index=i,
                background=f"scene {i}: a lighthouse on a cliff at dusk, storm clouds gathering over the sea",
                characters=[names[i % len(names)], names[(i + 1) % len(names)]] if len(names) > 1 else names,
                dialogue=f"{names[i % len(names)]}: Line {i} of the story." if names else "",
                render_status="completed" if rendered else "pending",
                artifact=_artifact(f"{project_id}/panels/{pid}-{uuid.uuid4()}.png", "offline/compositor")
                if rendered
                else None,
            )
        )
    done = PhaseState(status="completed")
    state = ConsolidatedComicState(story=story, characters=cast, panels=panel_list)
    state.phases.story = state.phases.characters = state.phases.panels = done
    state.phases.character_renders = PhaseState(
        status="completed" if rendered and characters else "idle", done=characters if rendered else 0, total=characters
    )
    state.phases.panel_renders = PhaseState(
        status="completed" if rendered else "idle", done=panels if rendered else 0, total=panels
    )
    return state


async def seed(stack: BenchStack, project_id: uuid.UUID, state: ConsolidatedComicState) -> int:
    """Write `state` into a project created through the API (at version 1); returns the new version."""
    assert stack.sessions is not None
    async with stack.sessions() as session:
        project = await ProjectRepository(session).update(project_id, 1, state=state.model_dump(mode="json"))
    assert project is not None
    return int(project.version)


# ---- workflow histories ----------------------------------------------------------------------------------------

# An activity's closing event -> its attributes field (which names the scheduled event).
CLOSED = {
    EventType.EVENT_TYPE_ACTIVITY_TASK_COMPLETED: "activity_task_completed_event_attributes",
    EventType.EVENT_TYPE_ACTIVITY_TASK_FAILED: "activity_task_failed_event_attributes",
    EventType.EVENT_TYPE_ACTIVITY_TASK_TIMED_OUT: "activity_task_timed_out_event_attributes",
    EventType.EVENT_TYPE_ACTIVITY_TASK_CANCELED: "activity_task_canceled_event_attributes",
}


def _seconds(event: Any) -> float:
    return float(event.event_time.ToNanoseconds()) / 1e9


@dataclass
class HistoryStats:
    """What one or more workflow histories say about the activities they ran."""

    events: int = 0
    bytes: int = 0
    activities: int = 0
    workflow_tasks: int = 0
    by_type: Counter[str] = field(default_factory=Counter)
    # scheduled -> started (queueing and dispatch) and started -> closed (running), seconds, per activity
    waits: list[float] = field(default_factory=list)
    runs: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    # workflow task started -> completed: the worker's time to run the workflow code of one activation
    tasks: list[float] = field(default_factory=list)

    def add(self, history: WorkflowHistory) -> None:
        self.events += len(history.events)
        self.bytes += len(history.to_json())
        scheduled: dict[int, tuple[str, float]] = {}
        started: dict[int, float] = {}
        task_started = 0.0
        for event in history.events:
            kind = event.event_type
            if kind == EventType.EVENT_TYPE_WORKFLOW_TASK_STARTED:
                task_started = _seconds(event)
            elif kind == EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED:
                self.workflow_tasks += 1
                self.tasks.append(_seconds(event) - task_started)
            elif kind == EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED:
                name = event.activity_task_scheduled_event_attributes.activity_type.name
                scheduled[event.event_id] = (name, _seconds(event))
            elif kind == EventType.EVENT_TYPE_ACTIVITY_TASK_STARTED:
                started[event.activity_task_started_event_attributes.scheduled_event_id] = _seconds(event)
            elif kind in CLOSED:
                scheduled_id = int(getattr(event, CLOSED[kind]).scheduled_event_id)
                name, at = scheduled.get(scheduled_id, ("?", _seconds(event)))
                begun = started.get(scheduled_id, at)
                self.activities += 1
                self.by_type[name] += 1
                self.waits.append(begun - at)
                self.runs[name].append(_seconds(event) - begun)

    def summary(self) -> dict[str, Any]:
        return {
            "history_events": self.events,
            "history_bytes": self.bytes,
            "activities": self.activities,
            "workflow_tasks": self.workflow_tasks,
            "activity_types": dict(self.by_type),
            "dispatch_ms_p50": round(median(self.waits) * 1000, 1),
            "dispatch_ms_max": round(max(self.waits, default=0) * 1000, 1),
            "run_ms_by_type": {k: round(median(v) * 1000, 1) for k, v in sorted(self.runs.items())},
            "workflow_task_ms_p50": round(median(self.tasks) * 1000, 1),
            "workflow_task_ms_total": round(sum(self.tasks) * 1000, 1),
        }


async def project_histories(client: Client, project_id: uuid.UUID, stories: int = 0) -> HistoryStats:
    """The project's ComicWorkflow history (its latest run) and its first `stories` StoryWorkflows'."""
    stats = HistoryStats()
    stats.add(await client.get_workflow_handle(workflow_id(project_id)).fetch_history())
    for run in range(1, stories + 1):
        stats.add(await client.get_workflow_handle(story_workflow_id(project_id, run)).fetch_history())
    return stats


# ---- PostgreSQL connections ------------------------------------------------------------------------------------


async def sessions_established(stack: BenchStack) -> int:
    """How many connections were ever made to the stack's database (pg_stat_database.sessions, PostgreSQL 14+)."""
    connection = await asyncpg.connect(driver_url(stack.settings.database_url or ""))
    try:
        await asyncio.sleep(1.1)  # backends flush their statistics at most once a second
        value = await connection.fetchval("SELECT sessions FROM pg_stat_database WHERE datname = current_database()")
        return int(value or 0)
    except asyncpg.PostgresError:
        return -1
    finally:
        await connection.close()


@dataclass
class ConnectionSampler:
    """Samples pg_stat_activity for the stack's database every `period` seconds: the most connections seen."""

    stack: BenchStack
    period: float = 0.25
    max_total: int = 0
    max_in_use: int = 0
    max_active: int = 0
    samples: int = 0

    async def run(self) -> None:
        connection = await asyncpg.connect(driver_url(self.stack.settings.database_url or ""))
        try:
            while True:
                rows = await connection.fetch(
                    "SELECT state, count(*) AS n FROM pg_stat_activity "
                    "WHERE datname = current_database() AND pid <> pg_backend_pid() GROUP BY state"
                )
                counts = {row["state"]: int(row["n"]) for row in rows}
                in_use = sum(n for state, n in counts.items() if state and state != "idle")
                self.max_total = max(self.max_total, sum(counts.values()))
                self.max_in_use = max(self.max_in_use, in_use)
                self.max_active = max(self.max_active, counts.get("active", 0))
                self.samples += 1
                await asyncio.sleep(self.period)
        finally:
            await connection.close()


async def render_timeline(client: Client, project_id: uuid.UUID, latency: float, concurrency: int) -> dict[str, float]:
    """Where a bulk render's time went, from its ComicWorkflow history (server clock), in ms.

    head: the render-all update accepted -> first render started; span_over: first render started -> last render
    completed, beyond ceil(N/C) * L; handoff: a render ending -> the next one starting on its slot (p50);
    tail: last render completed -> the persist scheduled after it completed (the pages phase persists later ones).
    """
    history = await client.get_workflow_handle(workflow_id(project_id)).fetch_history()
    names: dict[int, str] = {}
    starts: dict[int, float] = {}
    renders: list[tuple[float, float]] = []
    accepted: list[float] = []
    scheduled: dict[int, float] = {}
    persists: list[tuple[float, float]] = []  # (scheduled, completed)
    for event in history.events:
        kind = event.event_type
        if kind == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED:
            accepted.append(_seconds(event))
        elif kind == EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED:
            names[event.event_id] = event.activity_task_scheduled_event_attributes.activity_type.name
            scheduled[event.event_id] = _seconds(event)
        elif kind == EventType.EVENT_TYPE_ACTIVITY_TASK_STARTED:
            starts[event.activity_task_started_event_attributes.scheduled_event_id] = _seconds(event)
        elif kind == EventType.EVENT_TYPE_ACTIVITY_TASK_COMPLETED:
            scheduled_id = event.activity_task_completed_event_attributes.scheduled_event_id
            if names.get(scheduled_id) == "render_panel":
                renders.append((starts[scheduled_id], _seconds(event)))
            elif names.get(scheduled_id) == "persist_state":
                persists.append((scheduled[scheduled_id], _seconds(event)))
    if not renders:
        return {}
    first = min(s for s, _ in renders)
    last = max(e for _, e in renders)
    request = max((t for t in accepted if t <= first), default=first)
    ordered = sorted(s for s, _ in renders)
    ends = sorted(e for _, e in renders)
    handoffs = [s - max(e for e in ends if e <= s) for s in ordered[concurrency:] if any(e <= s for e in ends)]
    waves = math.ceil(len(renders) / concurrency)
    persisted = min((done for at, done in persists if at >= last), default=last)
    return {
        "head_ms": round((first - request) * 1000, 1),
        "span_over_ms": round((last - first - waves * latency) * 1000, 1),
        "handoff_ms_p50": round(median(handoffs) * 1000, 1),
        "tail_ms": round((persisted - last) * 1000, 1),
    }
