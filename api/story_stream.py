"""Story streams for HTTP followers: one Workflow Streams subscription per story per API process, fanned out.

Every live subscriber's long-polls are written to the hosting workflow's history, so followers never subscribe
themselves: the hub keeps one subscription per story, buffers its items (a story is small) and serves each
follower from any offset.
"""

import asyncio
import contextlib
import json
from collections import OrderedDict
from collections.abc import AsyncGenerator, AsyncIterator, Callable
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from fastapi.sse import format_sse_event
from temporalio.client import Client
from temporalio.contrib.workflow_streams import WorkflowStreamClient, WorkflowStreamItem

from contracts.workflows import CONTROL_TOPIC, DELTA_TOPIC


@dataclass
class Envelope:
    """One line of the NDJSON story stream (or one SSE event)."""

    type: str
    data: Any
    offset: int

    def ndjson(self) -> bytes:
        """The envelope as one NDJSON line."""
        return (json.dumps({"type": self.type, "data": self.data, "offset": self.offset}) + "\n").encode()

    def sse(self) -> bytes:
        """The envelope as a Server-Sent Event whose id is its offset (so Last-Event-ID resumes after it)."""
        return format_sse_event(data_str=json.dumps(self.data), event=self.type, id=str(self.offset))


def envelope_of(item: WorkflowStreamItem[Any]) -> Envelope | None:
    """The envelope a stream item becomes; None for items followers need not see (a first attempt's marker)."""
    if item.topic == DELTA_TOPIC:
        return Envelope("delta", item.data, item.offset)
    if item.topic != CONTROL_TOPIC or not isinstance(item.data, dict):
        return None
    kind = item.data.get("type")
    if kind == "attempt":
        attempt = int(item.data.get("attempt", 1))
        return Envelope("reset", {"attempt": attempt}, item.offset) if attempt > 1 else None
    if kind == "done":
        data = {k: v for k, v in item.data.items() if k != "type"}
        return Envelope("done", data, item.offset)
    if kind == "error":
        return Envelope("error", {"message": item.data.get("message", "story failed")}, item.offset)
    return None


def is_final(envelope: Envelope | None) -> bool:
    """Whether the story ends with this envelope."""
    return envelope is not None and envelope.type in ("done", "error")


@dataclass
class _Feed:
    items: list[WorkflowStreamItem[Any]] = field(default_factory=list)
    finished: bool = False
    failure: str | None = None
    changed: asyncio.Condition = field(default_factory=asyncio.Condition)
    task: "asyncio.Task[None] | None" = None


def _ignore(_: int) -> None:
    return None


class StoryStreamHub:
    """Shared subscriptions to StoryWorkflow streams, keeping the last `keep` finished stories cached.

    `on_followers(+1 / -1)` is told whenever an HTTP follower starts or stops following (the metrics' gauge).
    """

    def __init__(
        self, client: Client, poll_cooldown: timedelta, keep: int = 64, on_followers: Callable[[int], None] = _ignore
    ) -> None:
        self.client = client
        self.poll_cooldown = poll_cooldown
        self.keep = keep
        self.on_followers = on_followers
        self._feeds: OrderedDict[str, _Feed] = OrderedDict()

    def _feed(self, stream_id: str) -> _Feed:
        feed = self._feeds.get(stream_id)
        if feed is None or (feed.finished and feed.failure is not None):
            feed = _Feed()
            self._feeds[stream_id] = feed
            feed.task = asyncio.create_task(self._pump(stream_id, feed))
            self._evict()
        self._feeds.move_to_end(stream_id)
        return feed

    def _evict(self) -> None:
        finished = [key for key, feed in self._feeds.items() if feed.finished]
        for key in finished[: max(0, len(finished) - self.keep)]:
            del self._feeds[key]

    async def _pump(self, stream_id: str, feed: _Feed) -> None:
        try:
            stream = WorkflowStreamClient.create(self.client, stream_id)
            async for item in stream.subscribe(None, 0, poll_cooldown=self.poll_cooldown):
                async with feed.changed:
                    feed.items.append(item)
                    feed.changed.notify_all()
                if is_final(envelope_of(item)):
                    break
        except Exception as e:
            feed.failure = f"story stream unavailable: {e}"
        finally:
            async with feed.changed:
                feed.finished = True
                feed.changed.notify_all()

    async def follow(self, stream_id: str, from_offset: int = 0) -> AsyncIterator[Envelope]:
        """Envelopes of the stream from `from_offset` on, live, ending with `done` or `error`."""
        self.on_followers(1)
        try:
            async with contextlib.aclosing(self._follow(stream_id, from_offset)) as envelopes:
                async for envelope in envelopes:
                    yield envelope
        finally:
            self.on_followers(-1)

    async def _follow(self, stream_id: str, from_offset: int) -> AsyncGenerator[Envelope, None]:
        feed = self._feed(stream_id)
        index = 0
        while True:
            async with feed.changed:
                await feed.changed.wait_for(lambda: len(feed.items) > index or feed.finished)  # noqa: B023
                batch = feed.items[index:]
                finished, failure = feed.finished, feed.failure
            index += len(batch)
            for item in batch:
                envelope = envelope_of(item) if item.offset >= from_offset else None
                if envelope is not None:
                    yield envelope
                if is_final(envelope_of(item)):
                    return
            if finished and index >= len(feed.items):
                if failure is not None:
                    yield Envelope("error", {"message": failure}, from_offset)
                return

    async def close(self) -> None:
        """Stop every subscription."""
        for feed in self._feeds.values():
            if feed.task is not None:
                feed.task.cancel()
                with contextlib.suppress(asyncio.CancelledError, Exception):
                    await feed.task
        self._feeds.clear()
