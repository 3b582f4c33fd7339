"""`/media/<key>` when the media lives in an S3 bucket (a local MEDIA_DIR is served as static files instead)."""

import mimetypes

from fastapi import APIRouter, HTTPException, Request, Response, status

from providers.media_store import MediaStore

router = APIRouter(tags=["media"])


@router.get("/media/{key:path}")
async def media(key: str, request: Request) -> Response:
    """The stored bytes; keys are unique per render attempt, so they may be cached for good."""
    store: MediaStore = request.app.state.media
    data = await store.load(store.url_for(key))
    if data is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, f"No media at {key}")
    media_type = mimetypes.guess_type(key)[0] or "application/octet-stream"
    return Response(data, media_type=media_type, headers={"Cache-Control": "public, max-age=31536000, immutable"})
