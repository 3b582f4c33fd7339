"""The read path's shortcuts keep their answers: cached token verdicts, the one-round-trip version read, several
API processes on one port (`comic run` with API_WORKERS), and the API server's frozen startup heap."""

import asyncio
import gc
import re
import socket
import sys
import time
import uuid
from pathlib import Path

import httpx
import pytest
import uvicorn
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

import core.security
from cli import _api_processes
from core.config import Settings
from core.security import InvalidToken, mint_token, read_token
from db.engine import make_engine
from db.projects import ProjectRepository, owned_version
from devstack.http import ApiServer, reuse_port_socket
from devstack.ports import free_port
from tests.test_render_durability import ROOT, wait_until, worker_env


def test_a_token_read_before_is_still_refused_once_expired_or_under_another_secret(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    settings = Settings(auth_jwt_secret="s" * 40)
    token = mint_token("alice", settings.auth_jwt_secret, 60)
    assert read_token(settings, token).sub == "alice"
    assert read_token(settings, token).sub == "alice"  # the cached verdict
    with pytest.raises(InvalidToken, match="invalid token"):
        read_token(settings.model_copy(update={"auth_jwt_secret": "t" * 40}), token)
    with pytest.raises(InvalidToken, match='missing the "aud" claim'):
        read_token(settings.model_copy(update={"auth_jwt_audience": "comic"}), token)
    later = time.time() + 61
    monkeypatch.setattr(core.security.time, "time", lambda: later)
    with pytest.raises(InvalidToken, match="token expired"):
        read_token(settings, token)


async def test_the_version_read_answers_only_the_owner(
    database_url: str, sessions: async_sessionmaker[AsyncSession]
) -> None:
    async with sessions() as session:
        project = await ProjectRepository(session).create("reader", "Read", {})
        await ProjectRepository(session).update(project.id, 1, title="Read again")
    engine = make_engine(database_url)
    try:
        assert await owned_version(engine, project.id, "reader") == 2
        assert await owned_version(engine, project.id, "someone-else") is None
        assert await owned_version(engine, uuid.uuid4(), "reader") is None
    finally:
        await engine.dispose()


def test_comic_run_starts_api_workers_processes_sharing_the_port() -> None:
    assert _api_processes(Settings(api_workers=1)) == [("api", [sys.executable, "-m", "cli", "api"])]
    names = [(name, args[-1]) for name, args in _api_processes(Settings(api_workers=3))]
    assert names == [("api-1", "--reuse-port"), ("api-2", "--reuse-port"), ("api-3", "--reuse-port")]


def test_reuse_port_sockets_share_a_port_that_a_plain_bind_cannot_take() -> None:
    port = free_port()
    first, second = (reuse_port_socket("127.0.0.1", port, 16) for _ in range(2))
    try:
        plain = socket.socket()
        with pytest.raises(OSError, match="in use"):
            plain.bind(("127.0.0.1", port))
        plain.close()
        with socket.create_connection(("127.0.0.1", port), timeout=5):
            pass
    finally:
        first.close()
        second.close()


async def test_the_api_server_freezes_the_heap_it_started_with() -> None:
    async def app(scope: dict[str, object], receive: object, send: object) -> None:
        assert scope["type"] == "lifespan"

    gc.unfreeze()
    server = ApiServer(uvicorn.Config(app, host="127.0.0.1", port=free_port(), lifespan="off", log_level="warning"))
    task = asyncio.create_task(server.serve())

    async def started() -> bool:
        return bool(server.started)

    try:
        await wait_until(started, 30, "the server started")
        assert gc.get_freeze_count() > 0
    finally:
        server.should_exit = True
        await task
        gc.unfreeze()


async def test_two_api_processes_on_one_port_both_serve(settings: Settings, tmp_path: Path) -> None:
    port = free_port()
    env = worker_env(settings, API_PORT=str(port), API_WORKERS="2")
    processes = []
    try:
        for n in range(2):
            with (tmp_path / f"api-{n}.log").open("wb") as log:
                processes.append(
                    await asyncio.create_subprocess_exec(
                        sys.executable, "-m", "cli", "api", "--reuse-port", cwd=ROOT, env=env, stderr=log
                    )
                )
            await asyncio.sleep(0.1)  # start times 10 ms apart at least: their identities below
        # Each connection goes to one of them: the processes tell themselves apart by their start time.
        started: set[str] = set()
        deadline = time.monotonic() + 60
        while len(started) < 2 and time.monotonic() < deadline:
            try:
                async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}") as http:
                    metrics = (await http.get("/metrics")).text
            except httpx.TransportError:
                await asyncio.sleep(0.2)
                continue
            started |= set(re.findall(r"^process_start_time_seconds (\S+)$", metrics, re.MULTILINE))
        assert len(started) == 2, "both processes should have answered (logs in tmp_path/api-N.log)"
        # Several processes: Socket.IO serves WebSockets only (a long-polling session could reach the other one).
        async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}") as http:
            polling = await http.get("/socket.io/", params={"EIO": "4", "transport": "polling"})
        assert polling.status_code == 400
    finally:
        for process in processes:
            process.kill()
            await process.wait()
