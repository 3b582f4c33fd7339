"""`/media/<key>?exp=&sig=`: stored images, for whoever holds a URL the API signed (whichever backend holds them)."""

import mimetypes
import time
from typing import Annotated

from fastapi import APIRouter, HTTPException, Query, Request, Response, status

from core.media_urls import MediaSigner
from providers.media_store import MediaStore

router = APIRouter(tags=["media"])


@router.get(
    "/media/{key:path}",
    responses={
        200: {"content": {"image/png": {}}, "description": "The stored bytes"},
        403: {"description": "Missing, tampered or expired signature"},
        404: {"description": "Nothing stored under that key (e.g. its project was deleted)"},
    },
)
async def media(
    key: str,
    request: Request,
    exp: Annotated[str | None, Query(description="Expiry, unix seconds (from the signed URL)")] = None,
    sig: Annotated[str | None, Query(description="HMAC-SHA256 of key and exp, hex (from the signed URL)")] = None,
) -> Response:
    """The media under `key`, if `exp`/`sig` are the API's unexpired signature of it (no bearer token needed)."""
    signer: MediaSigner = request.app.state.signer
    if not signer.verify(key, exp, sig):
        raise HTTPException(status.HTTP_403_FORBIDDEN, "Invalid or expired media URL: fetch the project for a new one")
    store: MediaStore = request.app.state.media
    data = await store.load(key)
    if data is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, f"No media at {key}")
    media_type = mimetypes.guess_type(key)[0] or "application/octet-stream"
    # Keys are unique per render, so the bytes never change; the URL itself stops working at `exp`.
    max_age = max(0, int(exp or 0) - int(time.time()))
    return Response(data, media_type=media_type, headers={"Cache-Control": f"private, max-age={max_age}, immutable"})
