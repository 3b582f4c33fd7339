"""Helpers shared by tests."""

import uuid

from core.config import Settings
from core.security import mint_token
from providers.factory import make_media_signer

JWT_SECRET = "test-secret-" + uuid.uuid4().hex


def auth(user: str, ttl: int = 3600) -> dict[str, str]:
    """Headers authenticating as `user`."""
    return {"Authorization": f"Bearer {mint_token(user, JWT_SECRET, ttl)}"}


def media_path(settings: Settings, key: str) -> str:
    """The signed `/media/...` path (with its query) the API would hand out for `key`."""
    url = make_media_signer(settings).url(key)
    return url[url.index("/media/") :]
