"""Serialised response bodies kept per (project, version, URL expiry): an unchanged project is serialised once.

Signed media URLs are part of a body; their expiry moves in buckets (core/media_urls.py), so one entry serves
every request for a version within a bucket. Bounded by total bytes, least recently used out first.
"""

from collections import OrderedDict
from uuid import UUID

Key = tuple[UUID, int, int]


class BodyCache:
    """An LRU of response bodies, at most `max_bytes` in all."""

    def __init__(self, max_bytes: int = 64 * 1024 * 1024) -> None:
        self.max_bytes = max_bytes
        self._bodies: OrderedDict[Key, bytes] = OrderedDict()
        self._size = 0

    def get(self, key: Key) -> bytes | None:
        """The body stored under `key`, if any (and mark it recently used)."""
        body = self._bodies.get(key)
        if body is not None:
            self._bodies.move_to_end(key)
        return body

    def put(self, key: Key, body: bytes) -> None:
        """Keep `body`, evicting the least recently used ones beyond the budget (a body over it is not kept)."""
        if len(body) > self.max_bytes or key in self._bodies:
            return
        self._bodies[key] = body
        self._size += len(body)
        while self._size > self.max_bytes:
            _, evicted = self._bodies.popitem(last=False)
            self._size -= len(evicted)
