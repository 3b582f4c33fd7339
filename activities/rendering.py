"""What both render phases share: one render request is paid for once, however many attempts it takes.

Every attempt of a render request stores under the same key stem (`<project>/<kind>/<id>-<render id>`). The
image is written first, then its Artifact as a manifest next to it (`<stem>.json`): an attempt that finds the
manifest returns that Artifact without calling the provider. Otherwise it renders with a RenderJournal wired to
the activity's heartbeat details, so a request the provider noted (fal's request id) is resumed by the next attempt.
"""

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from datetime import UTC, datetime
from typing import Any

from prometheus_client import Gauge
from pydantic import ValidationError
from temporalio import activity
from temporalio.exceptions import ApplicationError

from activities.errors import provider_errors
from domain.artifact import Artifact
from providers.images import RenderedImage, RenderJournal, render_journal
from providers.media_store import MediaStore

HEARTBEAT_SECONDS = 5.0
# In prometheus_client's default registry: the worker serves it on METRICS_PORT + 1.
RENDERS_IN_FLIGHT = Gauge("comic_renders_in_flight", "Renders this worker process has at its image provider")
_EXTENSIONS = {"image/png": "png", "image/jpeg": "jpg", "image/webp": "webp"}


class Heartbeat:
    """The activity's heartbeats, each carrying the latest details: Temporal keeps only the last beat's."""

    def __init__(self, details: dict[str, Any] | None) -> None:
        self.details = details

    def beat(self) -> None:
        if self.details is None:
            activity.heartbeat()
        else:
            activity.heartbeat(self.details)

    def note(self, details: dict[str, Any]) -> None:
        """Make `details` the attempt's heartbeat details, sent at once."""
        self.details = details
        self.beat()


def _interval(longest: float) -> float:
    # Well inside the heartbeat timeout, whatever the workflow set it to.
    timeout = activity.info().heartbeat_timeout
    return min(longest, timeout.total_seconds() / 3) if timeout else longest


def retried_after_cancel() -> bool:
    """Whether the attempt is being cancelled for a reason after which Temporal runs the render again."""
    details = activity.cancellation_details()
    return details is not None and (details.timed_out or details.worker_shutdown or details.paused)


def earlier_details() -> dict[str, Any] | None:
    """The heartbeat details a previous attempt of this activity left (None on a first attempt)."""
    details = activity.info().heartbeat_details
    return details[0] if details and isinstance(details[0], dict) else None


@asynccontextmanager
async def heartbeating(
    details: dict[str, Any] | None = None, interval: float = HEARTBEAT_SECONDS, render: bool = True
) -> AsyncIterator[Heartbeat]:
    """Heartbeat for as long as the block runs (renders and LLM calls can take minutes), with the latest details.

    The first beat waits one interval: Temporal sends an attempt's first heartbeat at once but throttles later ones
    (to 0.8 x the heartbeat timeout), so a provider's note made before then reaches the server immediately.
    `render` counts the block in the renders-in-flight gauge.
    """
    heartbeat = Heartbeat(details)
    period = _interval(interval)

    async def beat() -> None:
        while True:
            await asyncio.sleep(period)
            heartbeat.beat()

    task = asyncio.create_task(beat())
    if render:
        RENDERS_IN_FLIGHT.inc()
    try:
        yield heartbeat
    finally:
        if render:
            RENDERS_IN_FLIGHT.dec()
        task.cancel()


@asynccontextmanager
async def llm_call() -> AsyncIterator[None]:
    """Around an LLM call: heartbeats, so a retry starts on another worker within LLM_HEARTBEAT when this one dies
    mid-call, and a ProviderError turned into Temporal's retry semantics."""
    async with heartbeating(render=False):
        with provider_errors():
            yield


async def render_once(
    media: MediaStore, key_stem: str, prompt: str, render: Callable[[], Awaitable[RenderedImage]]
) -> Artifact:
    """The Artifact of render request `key_stem`: the stored one if an earlier attempt got that far, else `render`
    (resuming the provider request an earlier attempt noted) and store it."""
    stored = await stored_artifact(media, key_stem)
    if stored is not None:
        activity.logger.info("render %s was stored by an earlier attempt: reusing it", key_stem)
        return stored
    async with heartbeating(earlier_details()) as heartbeat:
        journal = RenderJournal(earlier=heartbeat.details, note=heartbeat.note, resumable=retried_after_cancel)
        token = render_journal.set(journal)
        try:
            with provider_errors():
                image = await render()
        finally:
            render_journal.reset(token)
    return await store_artifact(media, key_stem, image, prompt)


async def load_own(
    media: MediaStore, key: str | None, prefix: str, *, error_type: str, foreign: str, missing: str
) -> bytes:
    """The bytes under `key`, which must lie under `prefix` (the project's own media of that kind): state can never
    point a render, page or export at anything else. Non-retryable `error_type` with `foreign` or `missing` else."""
    if key is None or not key.startswith(prefix):
        raise ApplicationError(foreign, type=error_type, non_retryable=True)
    data = await media.load(key)
    if data is None:
        raise ApplicationError(missing, type=error_type, non_retryable=True)
    return data


async def stored_artifact(media: MediaStore, key_stem: str) -> Artifact | None:
    """The Artifact stored for `key_stem`, or None when no attempt finished storing it."""
    manifest = await media.load(f"{key_stem}.json")
    if manifest is None:
        return None
    try:
        return Artifact.model_validate_json(manifest)
    except ValidationError:
        return None  # unreadable (an older format?): rendering again is always correct


async def store_artifact(media: MediaStore, key_stem: str, image: RenderedImage, prompt: str) -> Artifact:
    """Save the image under `key_stem`, then its Artifact as the manifest that marks the render as done."""
    key = f"{key_stem}.{_EXTENSIONS.get(image.content_type, 'bin')}"
    await media.save(key, image.data, image.content_type)
    artifact = Artifact(
        key=key,
        media_type=image.content_type,
        model=image.model,
        prompt=prompt,
        created_at=datetime.now(UTC),
        provider_request_id=image.provider_request_id,
        width=image.width,
        height=image.height,
        metadata=dict(image.metadata),
    )
    # After the image: a manifest is only ever found next to a complete file.
    await media.save(f"{key_stem}.json", artifact.model_dump_json().encode(), "application/json")
    return artifact
