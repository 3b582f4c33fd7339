"""The whole service, started in-process for a benchmark: Temporal dev server, PostgreSQL, worker, API on HTTP."""

import asyncio
import os
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from tempfile import TemporaryDirectory
from typing import Any

import worker as worker_module
from api.main import create_asgi_app
from core.config import Settings
from core.temporal import connect_temporal
from db.engine import make_engine, make_sessionmaker
from db.migrate import upgrade
from devstack.database import create_database, drop_database
from devstack.http import serve
from devstack.ports import free_port
from devstack.postgres import start_embedded_postgres
from devstack.temporal import TemporalDevServer
from providers.images import ImageProvider
from providers.llm import LLMProvider

ROOT = Path(__file__).resolve().parent.parent


@dataclass
class BenchStack:
    """What a benchmark talks to."""

    url: str
    settings: Settings
    temporal: Any


@asynccontextmanager
async def bench_stack(
    llm: LLMProvider | None = None, images: ImageProvider | None = None, **overrides: Any
) -> AsyncIterator[BenchStack]:
    """Start everything on free ports and a throw-away database; stop it all afterwards."""
    temporal = TemporalDevServer(port=free_port(), ui_port=None).start()
    handle = None
    server_url = os.environ.get("DATABASE_URL")
    if not server_url:
        handle, server_url = start_embedded_postgres(ROOT / ".data" / "bench-pg")
    name = f"comic_bench_{uuid.uuid4().hex[:8]}"
    database_url = await create_database(server_url, name)
    await asyncio.to_thread(upgrade, database_url)
    with TemporaryDirectory() as data_dir:
        port = free_port()
        settings = Settings(
            database_url=database_url,
            data_dir=Path(data_dir),
            temporal_address=temporal.address,
            public_base_url=f"http://127.0.0.1:{port}",
            llm_provider="offline",
            image_provider="offline",
            **overrides,
        )
        client = await connect_temporal(settings)
        engine = make_engine(database_url)
        stop = asyncio.Event()
        workers = worker_module.build_workers(client, settings, make_sessionmaker(engine), llm=llm, images=images)
        worker_task = asyncio.create_task(worker_module.run_workers(workers, stop))
        try:
            async with serve(create_asgi_app(settings), port) as url:
                yield BenchStack(url=url, settings=settings, temporal=client)
        finally:
            stop.set()
            await worker_task
            await engine.dispose()
            await drop_database(server_url, name)
            if handle is not None:
                handle.cleanup()
            temporal.stop()
