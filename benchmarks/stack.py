"""The whole service, started in-process for a benchmark: Temporal dev server, PostgreSQL, worker, API on HTTP."""

import asyncio
import gc
import json
import logging
import os
import sys
import uuid
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from tempfile import TemporaryDirectory
from typing import IO, Any

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

import worker as worker_module
from api.main import create_asgi_app
from core.config import Settings
from core.security import mint_token
from core.temporal import connect_temporal
from db.engine import make_engine, make_sessionmaker
from db.migrate import upgrade
from devstack.database import create_database, drop_database
from devstack.http import serve as http_serve
from devstack.ports import free_port
from devstack.postgres import start_embedded_postgres
from devstack.temporal import address_of, start_headless
from providers.factory import make_images, make_llm
from providers.images import ImageProvider
from providers.llm import LLMProvider

ROOT = Path(__file__).resolve().parent.parent
# The service's own log lines (INFO per request and per render) go here, so a benchmark's output stays readable.
LOG_FILE = ROOT / ".data" / "bench" / "stack.log"
# Requests still running when the stack stops (a 30 s long poll) get this long before they are cancelled.
GRACEFUL_HTTP_SHUTDOWN_SECONDS = 3

WrapLLM = Callable[[LLMProvider, Settings], LLMProvider]
WrapImages = Callable[[ImageProvider, Settings], ImageProvider]


@dataclass
class BenchStack:
    """What a benchmark talks to."""

    url: str
    settings: Settings
    temporal: Any
    sessions: async_sessionmaker[AsyncSession] | None = None
    llm: LLMProvider | None = None
    images: ImageProvider | None = None
    database: str = ""
    server_url: str = ""

    def token(self, user: str = "bench") -> str:
        """A bearer token of `user`, valid for an hour."""
        return mint_token(user, self.settings.auth_jwt_secret, 3600)

    def headers(self, user: str = "bench") -> dict[str, str]:
        """Authorization (and JSON answers) for `user`."""
        return {"Authorization": f"Bearer {self.token(user)}", "Accept": "application/json"}

    def env(self) -> dict[str, str]:
        """The stack's settings as environment variables, for a worker process of its own (`python -m cli worker`)."""
        return {**os.environ, **settings_env(self.settings)}


def settings_env(settings: Settings) -> dict[str, str]:
    """Every set field of `settings` as the environment variable that sets it."""
    env: dict[str, str] = {}
    for name, value in settings.model_dump().items():
        if value is None:
            continue
        env[name.upper()] = json.dumps(value) if isinstance(value, list | dict) else str(value)
    env["MEDIA_DIR"] = str(settings.resolved_media_dir)
    return env


@lru_cache(maxsize=1)
def _log_stream() -> IO[str]:
    """LOG_FILE, opened once per process and left open (like stderr)."""
    LOG_FILE.parent.mkdir(parents=True, exist_ok=True)
    return LOG_FILE.open("a")


def _service_logs_to_file() -> None:
    """Point the service's stderr log handlers (set up by create_asgi_app) at LOG_FILE; quiet the bench's httpx."""
    stream = _log_stream()
    for handler in logging.getLogger().handlers:
        if isinstance(handler, logging.StreamHandler) and handler.stream in (sys.stderr, sys.__stderr__):
            handler.setStream(stream)
    logging.getLogger("httpx").setLevel(logging.WARNING)


class _NoShutdownCancellations(logging.Filter):
    """Hides the tracebacks of requests cancelled by the graceful-shutdown timeout (long polls cut at the end)."""

    def filter(self, record: logging.LogRecord) -> bool:
        cancelled = bool(record.exc_info and record.exc_info[0] is asyncio.CancelledError)
        return not cancelled and "timeout graceful shutdown exceeded" not in record.getMessage()


@asynccontextmanager
async def serve(asgi_app: Any, port: int) -> AsyncIterator[str]:
    """devstack.http.serve, but requests left running at the end (long polls) are cut after a few seconds."""
    errors = logging.getLogger("uvicorn.error")
    if not any(isinstance(f, _NoShutdownCancellations) for f in errors.filters):
        errors.addFilter(_NoShutdownCancellations())
    async with http_serve(
        asgi_app, port, timeout_graceful_shutdown=GRACEFUL_HTTP_SHUTDOWN_SECONDS, backlog=4096
    ) as url:
        yield url


@asynccontextmanager
async def bench_stack(
    llm: LLMProvider | None = None,
    images: ImageProvider | None = None,
    *,
    wrap_llm: WrapLLM | None = None,
    wrap_images: WrapImages | None = None,
    in_process_worker: bool = True,
    **overrides: Any,
) -> AsyncIterator[BenchStack]:
    """Start everything on free ports and a throw-away database; stop it all afterwards.

    Providers: `llm`/`images` as given, else built from the settings (`overrides` included, e.g.
    `offline_render_delay`) like the service builds them, then passed through `wrap_llm`/`wrap_images`.
    `in_process_worker=False` leaves the task queues to worker processes the benchmark starts (`BenchStack.env`).
    The service's log lines go to .data/bench/stack.log.
    """
    temporal = await start_headless()
    handle = None
    server_url = os.environ.get("DATABASE_URL")
    try:
        if not server_url:
            handle, server_url = start_embedded_postgres(ROOT / ".data" / "bench-pg")
        name = f"comic_bench_{uuid.uuid4().hex[:8]}"
        database_url = await create_database(server_url, name)
        try:
            await asyncio.to_thread(upgrade, database_url)
            with TemporaryDirectory() as data_dir:
                port = free_port()
                settings = Settings(
                    **{
                        "database_url": database_url,
                        "data_dir": Path(data_dir),
                        "temporal_address": address_of(temporal),
                        "public_base_url": f"http://127.0.0.1:{port}",
                        "llm_provider": "offline",
                        "image_provider": "offline",
                        **overrides,
                    }
                )
                llm = llm or make_llm(settings)
                images = images or make_images(settings)
                if wrap_llm is not None:
                    llm = wrap_llm(llm, settings)
                if wrap_images is not None:
                    images = wrap_images(images, settings)
                client = await connect_temporal(settings)
                engine = make_engine(database_url)
                sessions = make_sessionmaker(engine)
                stop = asyncio.Event()
                worker_task = None
                if in_process_worker:
                    workers = worker_module.build_workers(client, settings, sessions, llm=llm, images=images)
                    worker_task = asyncio.create_task(worker_module.run_workers(workers, stop))
                app = create_asgi_app(settings)
                _service_logs_to_file()
                try:
                    async with serve(app, port) as url:
                        # As the service's processes do once started (devstack.http.ApiServer, comic worker).
                        gc.collect()
                        gc.freeze()
                        yield BenchStack(
                            url=url,
                            settings=settings,
                            temporal=client,
                            sessions=sessions,
                            llm=llm,
                            images=images,
                            database=name,
                            server_url=server_url,
                        )
                finally:
                    stop.set()
                    if worker_task is not None:
                        await worker_task
                    await engine.dispose()
        finally:
            await drop_database(server_url, name)
    finally:
        if handle is not None:
            handle.cleanup()
        await temporal.shutdown()
