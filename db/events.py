"""State-change events across processes: workers NOTIFY when they persist, API processes LISTEN and fan out."""

import asyncio
import json
import logging
from collections.abc import Awaitable, Callable
from typing import Any
from uuid import UUID

import asyncpg

from db.engine import driver_url

log = logging.getLogger("comic.events")

CHANNEL = "comic_state_updated"
# PostgreSQL caps a NOTIFY payload at 8000 bytes.
MAX_PAYLOAD = 7500
KEEPALIVE_SECONDS = 15.0


def event_payload(project_id: UUID, version: int, changes: list[dict[str, Any]]) -> str:
    """The NOTIFY payload for one persisted state change (changes dropped, and flagged, if too large)."""
    payload = json.dumps({"project_id": str(project_id), "version": version, "changes": changes})
    if len(payload) > MAX_PAYLOAD:
        payload = json.dumps(
            {"project_id": str(project_id), "version": version, "changes": [], "truncated": len(changes)}
        )
    return payload


def deletion_payload(project_id: UUID) -> str:
    """The NOTIFY payload announcing that a project was deleted."""
    return json.dumps({"project_id": str(project_id), "deleted": True})


class StateEventListener:
    """LISTENs on the channel with its own connection (reconnecting with backoff) and hands events on in order."""

    def __init__(self, database_url: str, on_event: Callable[[dict[str, Any]], Awaitable[None]]) -> None:
        self.url = driver_url(database_url)
        self.on_event = on_event
        self.connected = asyncio.Event()
        self._queue: asyncio.Queue[dict[str, Any]] = asyncio.Queue()

    def _received(self, _connection: object, _pid: int, _channel: str, payload: str) -> None:
        try:
            self._queue.put_nowait(json.loads(payload))
        except json.JSONDecodeError:
            log.warning("ignoring malformed state event: %r", payload[:200])

    async def _deliver(self) -> None:
        while True:
            event = await self._queue.get()
            try:
                await self.on_event(event)
            except Exception:
                log.exception("delivering state event failed")

    @staticmethod
    async def _until_lost(connection: asyncpg.Connection, lost: asyncio.Event) -> None:
        # A silently dropped TCP connection raises nothing until used: ping now and then.
        while not lost.is_set():
            try:
                await asyncio.wait_for(lost.wait(), KEEPALIVE_SECONDS)
            except TimeoutError:
                try:
                    await asyncio.wait_for(connection.execute("SELECT 1"), KEEPALIVE_SECONDS)
                except (OSError, asyncpg.PostgresError, asyncpg.InterfaceError, TimeoutError):
                    return

    async def run(self) -> None:
        """Listen until cancelled."""
        deliver = asyncio.create_task(self._deliver())
        delay = 0.5
        try:
            while True:
                try:
                    connection = await asyncpg.connect(self.url)
                except (OSError, asyncpg.PostgresError) as e:
                    log.warning("state events: cannot connect (%s); retrying in %.1fs", e, delay)
                    await asyncio.sleep(delay)
                    delay = min(delay * 2, 10)
                    continue
                lost = asyncio.Event()
                connection.add_termination_listener(lambda _c, lost=lost: lost.set())
                try:
                    await connection.add_listener(CHANNEL, self._received)
                    self.connected.set()
                    delay = 0.5
                    await self._until_lost(connection, lost)
                    log.warning("state events: connection lost; reconnecting")
                finally:
                    self.connected.clear()
                    if not connection.is_closed():
                        await connection.close()
        finally:
            deliver.cancel()
