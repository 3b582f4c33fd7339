"""Serving an ASGI app over real HTTP on loopback, in-process (tests that need a real socket, benchmarks)."""

import asyncio
import time
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager
from typing import Any

import uvicorn

from devstack.ports import free_port


class _EmbeddedServer(uvicorn.Server):
    @contextmanager
    def capture_signals(self) -> Iterator[None]:
        # The embedding program (pytest, a benchmark) owns the process's signals.
        yield


@asynccontextmanager
async def serve(asgi_app: Any, port: int | None = None, **uvicorn_options: Any) -> AsyncIterator[str]:
    """Run `asgi_app` (lifespan included) on 127.0.0.1 (a free port by default) for the block; yields its URL.

    `uvicorn_options` go to uvicorn.Config (e.g. `timeout_graceful_shutdown`, `backlog`).
    """
    port = port or free_port()
    options = {"host": "127.0.0.1", "port": port, "lifespan": "on", "log_level": "warning", **uvicorn_options}
    server = _EmbeddedServer(uvicorn.Config(asgi_app, **options))
    task = asyncio.create_task(server.serve())
    deadline = time.monotonic() + 30
    while not server.started:
        if task.done():
            task.result()
        if time.monotonic() > deadline:
            raise TimeoutError("the HTTP server did not start")
        await asyncio.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        await task
