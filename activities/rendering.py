"""What both render phases share: heartbeats while a provider works, and storing the result as an Artifact."""

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime

from temporalio import activity

from domain.artifact import Artifact
from providers.images import RenderedImage
from providers.media_store import MediaStore

HEARTBEAT_SECONDS = 5.0


@asynccontextmanager
async def heartbeating(interval: float = HEARTBEAT_SECONDS) -> AsyncIterator[None]:
    """Heartbeat every `interval` seconds for as long as the block runs (renders can take minutes)."""

    async def beat() -> None:
        while True:
            activity.heartbeat()
            await asyncio.sleep(interval)

    task = asyncio.create_task(beat())
    try:
        yield
    finally:
        task.cancel()


async def store_artifact(media: MediaStore, key_stem: str, image: RenderedImage, prompt: str) -> Artifact:
    """Save the image under `key_stem` (one per render request) and describe it as an Artifact."""
    extension = {"image/png": "png", "image/jpeg": "jpg", "image/webp": "webp"}.get(image.content_type, "bin")
    key = f"{key_stem}.{extension}"
    await media.save(key, image.data, image.content_type)
    return Artifact(
        key=key,
        media_type=image.content_type,
        model=image.model,
        prompt=prompt,
        created_at=datetime.now(UTC),
        provider_request_id=image.provider_request_id,
        width=image.width,
        height=image.height,
    )
