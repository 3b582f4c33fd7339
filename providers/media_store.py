"""Where rendered images live: a local directory served by the API under /media."""

import asyncio
from pathlib import Path


class MediaStore:
    """Stores media files under `root` and names them by URL under `{base_url}/media/`."""

    def __init__(self, root: Path, base_url: str) -> None:
        self.root = root
        self.prefix = base_url.rstrip("/") + "/media/"

    def url_for(self, key: str) -> str:
        """The public URL of `key`."""
        return self.prefix + key

    def _path(self, key: str) -> Path:
        path = (self.root / key).resolve()
        if not path.is_relative_to(self.root.resolve()):
            raise ValueError(f"media key escapes the media directory: {key!r}")
        return path

    def key_of(self, url: str) -> str | None:
        """The key of one of our URLs (absolute or `/media/...`), or None for foreign URLs."""
        if url.startswith(self.prefix):
            return url[len(self.prefix) :]
        if url.startswith("/media/"):
            return url[len("/media/") :]
        return None

    async def save(self, key: str, data: bytes) -> str:
        """Write `data` under `key` (atomically) and return its URL."""
        path = self._path(key)

        def write() -> None:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_suffix(path.suffix + ".tmp")
            tmp.write_bytes(data)
            tmp.replace(path)

        await asyncio.to_thread(write)
        return self.url_for(key)

    async def load(self, url: str) -> bytes | None:
        """The bytes behind one of our URLs; None when the URL is foreign or the file is gone."""
        key = self.key_of(url)
        if key is None:
            return None
        path = self._path(key)
        try:
            return await asyncio.to_thread(path.read_bytes)
        except FileNotFoundError:
            return None
