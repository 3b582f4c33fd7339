"""Session fixtures: a real Temporal dev server, a real PostgreSQL database, the worker and the API."""

import asyncio
import os
import uuid
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import asynccontextmanager
from pathlib import Path

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from temporalio.client import Client
from temporalio.testing import WorkflowEnvironment

import worker as worker_module
from api.main import create_app
from core.config import Settings
from core.temporal import connect_temporal
from db.engine import make_engine, make_sessionmaker
from db.migrate import upgrade
from devstack.database import create_database, drop_database
from devstack.postgres import start_embedded_postgres
from devstack.temporal import address_of, start_headless
from providers.images import ImageProvider
from providers.llm import LLMProvider
from tests.helpers import JWT_SECRET

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
async def temporal_server() -> AsyncIterator[WorkflowEnvironment]:
    """A Temporal dev server on a free port, in memory, for the whole session."""
    env = await start_headless()
    yield env
    await env.shutdown()


@pytest.fixture(scope="session")
def postgres_server_url() -> Iterator[str]:
    """The PostgreSQL at DATABASE_URL, else an embedded one under .data/test-pg."""
    if os.environ.get("DATABASE_URL"):
        yield os.environ["DATABASE_URL"]
        return
    handle, url = start_embedded_postgres(ROOT / ".data" / "test-pg")
    yield url
    handle.cleanup()


@pytest.fixture(scope="session")
async def fresh_database(postgres_server_url: str) -> AsyncIterator[Callable[[], "asyncio.Future[str]"]]:
    """A factory of new, empty databases; all are dropped at the end of the session."""
    created: list[str] = []

    async def make() -> str:
        name = f"comic_test_{uuid.uuid4().hex[:10]}"
        created.append(name)
        return await create_database(postgres_server_url, name)

    yield make  # type: ignore[misc]
    for name in created:
        await drop_database(postgres_server_url, name)


@pytest.fixture(scope="session")
async def database_url(fresh_database: Callable[[], "asyncio.Future[str]"]) -> str:
    """A fresh database migrated to head, shared by the session."""
    url = await fresh_database()
    await asyncio.to_thread(upgrade, url)
    return url


@pytest.fixture(scope="session")
def settings(
    temporal_server: WorkflowEnvironment, database_url: str, tmp_path_factory: pytest.TempPathFactory
) -> Settings:
    """Settings pointing at the session's servers, with unique task queues."""
    suffix = uuid.uuid4().hex[:8]
    data_dir = tmp_path_factory.mktemp("data")
    return Settings(
        database_url=database_url,
        data_dir=data_dir,
        temporal_address=address_of(temporal_server),
        temporal_task_queue=f"comic-{suffix}",
        llm_task_queue=f"comic-llm-{suffix}",
        image_task_queue=f"comic-image-{suffix}",
        auth_jwt_secret=JWT_SECRET,
        llm_provider="offline",
        image_provider="offline",
        offline_chunk_delay=0.002,
    )


@pytest.fixture(scope="session")
async def temporal_client(settings: Settings) -> Client:
    """A client on the session's Temporal server."""
    return await connect_temporal(settings)


@pytest.fixture(scope="session")
async def sessions(database_url: str) -> AsyncIterator[async_sessionmaker[AsyncSession]]:
    """Database sessions on the session's database."""
    engine = make_engine(database_url)
    yield make_sessionmaker(engine)
    await engine.dispose()


@asynccontextmanager
async def worker_on(
    client: Client,
    settings: Settings,
    sessions: async_sessionmaker[AsyncSession],
    llm: LLMProvider | None = None,
    images: ImageProvider | None = None,
) -> AsyncIterator[None]:
    """Run the real workers (optionally on other providers) on `settings`' task queues for the block."""
    stop = asyncio.Event()
    workers = worker_module.build_workers(client, settings, sessions, llm=llm, images=images)
    task = asyncio.create_task(worker_module.run_workers(workers, stop))
    try:
        yield
    finally:
        stop.set()
        await task


@pytest.fixture(scope="session")
async def running_worker(
    temporal_client: Client, settings: Settings, sessions: async_sessionmaker[AsyncSession]
) -> AsyncIterator[None]:
    """The real worker, polling the session's task queues."""
    async with worker_on(temporal_client, settings, sessions):
        yield


@pytest.fixture(scope="session")
async def api(settings: Settings, running_worker: None) -> AsyncIterator[httpx.AsyncClient]:
    """The API in-process (ASGI transport), lifespan included."""
    async with api_client(settings) as client:
        yield client


@asynccontextmanager
async def api_client(settings: Settings) -> AsyncIterator[httpx.AsyncClient]:
    """An HTTP client on the API app built from `settings`, run in-process with its lifespan."""
    app = create_app(settings)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
            yield client


@pytest.fixture
def user() -> str:
    """A user id unique to the test, so tests never see each other's projects."""
    return f"user-{uuid.uuid4().hex[:8]}"
