"""Where rendered images live: a local directory (default) or an S3-compatible bucket; served by the API at /media.

Artifact URLs are always `{PUBLIC_BASE_URL}/media/<key>`, whichever backend holds the bytes, so stored state does
not change when a deployment moves from one machine's disk to a bucket shared by many workers.
"""

import asyncio
from abc import ABC, abstractmethod
from pathlib import Path
from typing import Any


class MediaStore(ABC):
    """Stores media by key and names it by URL under `{base_url}/media/`."""

    def __init__(self, base_url: str) -> None:
        self.prefix = base_url.rstrip("/") + "/media/"

    def url_for(self, key: str) -> str:
        """The public URL of `key`."""
        return self.prefix + key

    def key_of(self, url: str) -> str | None:
        """The key of one of our URLs (absolute or `/media/...`), or None for foreign URLs."""
        if url.startswith(self.prefix):
            key = url[len(self.prefix) :]
        elif url.startswith("/media/"):
            key = url[len("/media/") :]
        else:
            return None
        if not key or key.startswith("/") or ".." in key.split("/"):
            return None
        return key

    async def save(self, key: str, data: bytes, content_type: str) -> str:
        """Store `data` under `key` and return its URL."""
        if self.key_of(self.url_for(key)) != key:
            raise ValueError(f"invalid media key: {key!r}")
        await self._write(key, data, content_type)
        return self.url_for(key)

    async def load(self, url: str) -> bytes | None:
        """The bytes behind one of our URLs; None when the URL is foreign or nothing is stored there."""
        key = self.key_of(url)
        return None if key is None else await self._read(key)

    @abstractmethod
    async def _write(self, key: str, data: bytes, content_type: str) -> None: ...

    @abstractmethod
    async def _read(self, key: str) -> bytes | None: ...


class LocalMediaStore(MediaStore):
    """Files under `root` (MEDIA_DIR); the API serves the directory itself."""

    def __init__(self, root: Path, base_url: str) -> None:
        super().__init__(base_url)
        self.root = root

    def _path(self, key: str) -> Path:
        path = (self.root / key).resolve()
        if not path.is_relative_to(self.root.resolve()):
            raise ValueError(f"media key escapes the media directory: {key!r}")
        return path

    async def _write(self, key: str, data: bytes, content_type: str) -> None:
        path = self._path(key)

        def write() -> None:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_suffix(path.suffix + ".tmp")
            tmp.write_bytes(data)
            tmp.replace(path)  # atomic: a reader never sees half a file

        await asyncio.to_thread(write)

    async def _read(self, key: str) -> bytes | None:
        try:
            return await asyncio.to_thread(self._path(key).read_bytes)
        except FileNotFoundError:
            return None


class S3MediaStore(MediaStore):
    """Objects in an S3-compatible bucket (AWS S3, MinIO, R2...), for several workers and API replicas.

    Credentials come from the standard AWS chain (AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY, profiles, roles).
    """

    def __init__(
        self, bucket: str, base_url: str, *, endpoint_url: str | None = None, region: str | None = None
    ) -> None:
        import boto3  # imported lazily: only deployments that use S3 need it

        super().__init__(base_url)
        self.bucket = bucket
        self.client: Any = boto3.client("s3", endpoint_url=endpoint_url, region_name=region)

    async def _write(self, key: str, data: bytes, content_type: str) -> None:
        await asyncio.to_thread(
            self.client.put_object, Bucket=self.bucket, Key=key, Body=data, ContentType=content_type
        )

    async def _read(self, key: str) -> bytes | None:
        def read() -> bytes | None:
            try:
                response = self.client.get_object(Bucket=self.bucket, Key=key)
            except self.client.exceptions.NoSuchKey:
                return None
            body: bytes = response["Body"].read()
            return body

        return await asyncio.to_thread(read)
