"""Signed, expiring media URLs: `/media/<key>?exp=<unix seconds>&sig=<hex HMAC-SHA256 of key and exp>`.

The only way to reach a stored image: the API signs the keys of a project's artifacts when it hands the project
to its owner, and `/media` serves a key only with a valid, unexpired signature (S3 presigned URLs work the same
way). A browser's `<img src>` needs nothing but the URL. Expiry is rounded up to a time bucket, so every response
for one version within a bucket carries the same URLs (and can be cached as bytes).
"""

import hashlib
import hmac
import math
import time
from urllib.parse import quote, unquote

from domain.artifact import is_media_key
from domain.state import ConsolidatedComicState

MEDIA_PATH = "/media/"
# Expiry granularity: URLs handed out within one bucket are identical (at most this much longer than the TTL).
MAX_BUCKET_SECONDS = 3600


def derive_signing_key(secret: str) -> bytes:
    """A media-signing key derived from a server secret (distinct from the secret itself)."""
    return hmac.new(secret.encode(), b"comic-builder/media-url/v1", hashlib.sha256).digest()


class MediaSigner:
    """Signs media keys into URLs under `base_url` and checks the signatures `/media` receives."""

    def __init__(self, key: bytes, base_url: str, ttl_seconds: int) -> None:
        self._key = key
        self.base = base_url.rstrip("/")
        self.ttl = ttl_seconds
        self.bucket = max(1, min(MAX_BUCKET_SECONDS, ttl_seconds // 4))

    def _signature(self, media_key: str, exp: int) -> str:
        return hmac.new(self._key, f"{media_key}\n{exp}".encode(), hashlib.sha256).hexdigest()

    def expiry(self, now: float | None = None) -> int:
        """The `exp` of URLs signed now: at least the TTL away, rounded up to the bucket."""
        moment = time.time() if now is None else now
        return math.ceil((moment + self.ttl) / self.bucket) * self.bucket

    def url(self, media_key: str, now: float | None = None) -> str:
        """The absolute signed URL of `media_key`."""
        exp = self.expiry(now)
        return f"{self.base}{MEDIA_PATH}{quote(media_key)}?exp={exp}&sig={self._signature(media_key, exp)}"

    def sign_state(self, state: ConsolidatedComicState, now: float | None = None) -> ConsolidatedComicState:
        """`state` with a signed URL on every artifact (in place; returned for convenience)."""
        for artifact in state.artifacts():
            artifact.url = self.url(artifact.key, now)
        return state

    def verify(self, media_key: str, exp: str | None, sig: str | None, now: float | None = None) -> bool:
        """Whether `exp`/`sig` are a valid, unexpired signature of `media_key`."""
        if not exp or not sig or not exp.isdigit() or not is_media_key(media_key):
            return False
        if int(exp) < (time.time() if now is None else now):
            return False
        return hmac.compare_digest(self._signature(media_key, int(exp)), sig)

    def key_of(self, url: str) -> str | None:
        """The media key a URL of ours names (signed or not, absolute or `/media/...`), or None for any other URL."""
        path = url.split("?", 1)[0]
        for prefix in (self.base + MEDIA_PATH, MEDIA_PATH):
            if path.startswith(prefix):
                key = unquote(path[len(prefix) :])
                return key if is_media_key(key) else None
        return None
