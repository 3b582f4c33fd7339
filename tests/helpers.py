"""Helpers shared by tests."""

import uuid

from core.security import mint_token

JWT_SECRET = "test-secret-" + uuid.uuid4().hex


def auth(user: str, ttl: int = 3600) -> dict[str, str]:
    """Headers authenticating as `user`."""
    return {"Authorization": f"Bearer {mint_token(user, JWT_SECRET, ttl)}"}
