"""State-change events across processes: workers NOTIFY when they persist, API processes LISTEN and fan out."""

import asyncio
import contextlib
import json
import logging
from collections.abc import Awaitable, Callable
from typing import Any
from uuid import UUID

import asyncpg

from db.engine import CONNECT_TIMEOUT_SECONDS, driver_url

log = logging.getLogger("comic.events")

CHANNEL = "comic_state_updated"
# PostgreSQL caps a NOTIFY payload at 8000 bytes.
MAX_PAYLOAD = 7500
KEEPALIVE_SECONDS = 15.0
# Reconnect backoff: short enough that events flow again within seconds of the database's return.
RECONNECT_FIRST_SECONDS = 0.5
RECONNECT_MAX_SECONDS = 5.0
CLOSE_TIMEOUT_SECONDS = 2.0
CATCH_UP_TIMEOUT_SECONDS = 10.0
# Anything the driver raises is retried (a dropped database, a password changed): the listener must not die.
# The driver's own state errors too: a LISTEN on a connection the server is ending can raise "cannot switch to
# state 11; another operation is in progress" (InternalClientError), which once ended the listener for good.
LISTENER_FAILURES = (OSError, asyncpg.PostgresError, asyncpg.InterfaceError, asyncpg.exceptions.InternalClientError)


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
    """LISTENs on the channel with its own connection (reconnecting with backoff) and hands events on in order.

    NOTIFYs sent while the connection is down are lost: each time LISTEN is (re-)established, `on_listening` runs
    (in order with the events) so the caller can catch up from the table, e.g. tell subscribers the current version.
    """

    def __init__(
        self,
        database_url: str,
        on_event: Callable[[dict[str, Any]], Awaitable[None]],
        on_listening: Callable[[], Awaitable[None]] | None = None,
    ) -> None:
        self.url = driver_url(database_url)
        self.on_event = on_event
        self.on_listening = on_listening
        self.connected = asyncio.Event()
        # None marks "listening (again)" between the events.
        self._queue: asyncio.Queue[dict[str, Any] | None] = asyncio.Queue()

    def _received(self, _connection: object, _pid: int, _channel: str, payload: str) -> None:
        try:
            self._queue.put_nowait(json.loads(payload))
        except json.JSONDecodeError:
            log.warning("ignoring malformed state event: %r", payload[:200])

    async def _deliver(self) -> None:
        while True:
            event = await self._queue.get()
            if event is None:
                await self._catch_up()
                continue
            try:
                await self.on_event(event)
            except Exception:
                log.exception("delivering state event failed")

    async def _catch_up(self) -> None:
        """`on_listening`, tried again while it fails and LISTEN stays up.

        The database may still be flapping: without a retry, a catch-up that failed after the last reconnect would
        leave subscribers without the changes whose NOTIFYs were lost. After another loss, the next connection's
        catch-up takes over.
        """
        while self.on_listening is not None:
            try:
                await asyncio.wait_for(self.on_listening(), CATCH_UP_TIMEOUT_SECONDS)
                return
            except Exception as e:
                log.warning("state events: catching up failed (%s: %s); retrying", type(e).__name__, e)
            await asyncio.sleep(RECONNECT_FIRST_SECONDS)
            if not self.connected.is_set():
                return

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

    async def _listen_once(self) -> bool:
        """Connect, LISTEN until the connection is lost; False when it never got to LISTEN."""
        try:
            connection = await asyncpg.connect(self.url, timeout=CONNECT_TIMEOUT_SECONDS)
        except LISTENER_FAILURES as e:
            log.warning("state events: cannot connect (%s: %s)", type(e).__name__, e)
            return False
        lost = asyncio.Event()
        connection.add_termination_listener(lambda _c: lost.set())
        try:
            # Bounded like the connect: a connection the server ended mid-handshake may never answer the LISTEN.
            await asyncio.wait_for(connection.add_listener(CHANNEL, self._received), CONNECT_TIMEOUT_SECONDS)
            self.connected.set()
            self._queue.put_nowait(None)
            await self._until_lost(connection, lost)
            log.warning("state events: connection lost; reconnecting")
            return True
        except LISTENER_FAILURES as e:
            log.warning("state events: LISTEN failed (%s: %s)", type(e).__name__, e)
            return False
        finally:
            self.connected.clear()
            # Bounded: a broken connection would wait a minute for the server's goodbye (asyncpg then aborts it).
            with contextlib.suppress(Exception):
                await connection.close(timeout=CLOSE_TIMEOUT_SECONDS)

    async def run(self) -> None:
        """Listen until cancelled; retries after 0.5 s, doubling up to RECONNECT_MAX_SECONDS while it fails."""
        deliver = asyncio.create_task(self._deliver())
        delay = RECONNECT_FIRST_SECONDS
        try:
            while True:
                try:
                    listened = await self._listen_once()
                except Exception:  # an error of a kind not foreseen must not end the state events for good
                    log.exception("state events: listening failed; reconnecting")
                    listened = False
                if listened:
                    delay = RECONNECT_FIRST_SECONDS
                await asyncio.sleep(delay)
                delay = min(delay * 2, RECONNECT_MAX_SECONDS)
        finally:
            deliver.cancel()
