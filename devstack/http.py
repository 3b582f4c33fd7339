"""Serving an ASGI app over real HTTP: the API's server, and in-process on loopback (tests that need a real socket,
benchmarks)."""

import asyncio
import gc
import socket
import time
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager
from typing import Any

import uvicorn

from devstack.ports import free_port


class ApiServer(uvicorn.Server):
    """uvicorn's server, with the heap as it stands after the app's startup frozen out of the garbage collector.

    Measured under load: a full collection scanned every object of the imports and the lifespan (Temporal client,
    pydantic schemas, routes) each time, 60-240 ms with every request in flight waiting (the p99 of GET /projects);
    frozen, only what came after is scanned.
    """

    async def startup(self, sockets: list[socket.socket] | None = None) -> None:
        await super().startup(sockets)
        gc.collect()
        gc.freeze()


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


def reuse_port_socket(host: str, port: int, backlog: int) -> socket.socket:
    """A listening TCP socket on `host`:`port` that other processes may bind as well (SO_REUSEPORT): the kernel
    spreads incoming connections over every process listening so, and one exiting leaves the others serving."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
    sock.bind((host, port))
    sock.listen(backlog)
    return sock
