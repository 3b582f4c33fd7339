"""A generated media file and where it came from."""

from datetime import datetime

from pydantic import Field

from domain.base import StrictModel


class Artifact(StrictModel):
    """One rendered image (or other media) produced by a provider."""

    url: str = Field(min_length=1)
    media_type: str = "image/png"
    model: str = Field(description="Provider model that produced it, e.g. 'offline-renderer' or a fal model id")
    prompt: str = ""
    created_at: datetime
    provider_request_id: str | None = None
    width: int | None = Field(default=None, gt=0)
    height: int | None = Field(default=None, gt=0)
