"""A generated media file and where it came from."""

import re
from datetime import datetime
from typing import Any

from pydantic import Field, SerializerFunctionWrapHandler, field_validator, model_serializer

from domain.base import StrictModel

# A media key names a file in a project's own media store: `<project id>/<kind>/<file>`; never a URL.
MEDIA_KEY_PATTERN = r"^[0-9a-f-]{36}/[A-Za-z0-9._/-]+$"


def is_media_key(key: str) -> bool:
    """Whether `key` is a well-formed media key (no scheme, no host, no `..` or empty segment)."""
    return (
        len(key) <= 300
        and re.fullmatch(MEDIA_KEY_PATTERN, key) is not None
        and all(part not in ("", ".", "..") for part in key.split("/"))
    )


class Artifact(StrictModel):
    """One rendered image (or other media) produced by a provider, stored under a media key."""

    key: str = Field(pattern=MEDIA_KEY_PATTERN, max_length=300, description="Media key in the project's store")
    url: str | None = Field(
        default=None,
        description="Signed, expiring URL of the media (`/media/<key>?exp=&sig=`): set in responses, never stored",
    )
    media_type: str = "image/png"
    model: str = Field(description="Provider model that produced it, e.g. 'offline-renderer' or a fal model id")
    prompt: str = ""
    created_at: datetime
    provider_request_id: str | None = None
    width: int | None = Field(default=None, gt=0)
    height: int | None = Field(default=None, gt=0)
    metadata: dict[str, Any] = Field(
        default_factory=dict,
        description=(
            "What the renderer knows about the image (JSON). The offline renderer records `scene` (the scene kind "
            "it drew) and `figures`: [{name, box: [x0, y0, x1, y1] as fractions of the image}], which lettering "
            "uses to point a balloon's tail at its speaker; a provider that knows nothing leaves it empty"
        ),
    )

    @field_validator("key")
    @classmethod
    def _well_formed(cls, key: str) -> str:
        if not is_media_key(key):
            raise ValueError("not a media key")
        return key

    @model_serializer(mode="wrap")
    def _without_unsigned_url(self, handler: SerializerFunctionWrapHandler):  # type: ignore[no-untyped-def]
        # The URL is derived per response; a stored document (or a history payload) never carries one.
        data: dict[str, Any] = handler(self)
        if data.get("url") is None:
            data.pop("url", None)
        if not data.get("metadata"):
            data.pop("metadata", None)  # most renders have none: documents and payloads stay as they were
        return data
