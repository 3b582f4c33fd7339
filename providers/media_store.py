"""Where rendered images live: a local directory (default) or an S3-compatible bucket.

The store knows media keys (`<project id>/<kind>/<file>`), never URLs: the API hands out signed URLs for keys
(core/media_urls.py) and serves them at `/media`, whichever backend holds the bytes.
"""

import asyncio
import shutil
from abc import ABC, abstractmethod
from pathlib import Path
from typing import Any

from domain.artifact import is_media_key


def _checked(key: str) -> str:
    if not is_media_key(key):
        raise ValueError(f"invalid media key: {key!r}")
    return key


class MediaStore(ABC):
    """Stores media by key; a project's media is everything under `<project id>/`."""

    async def save(self, key: str, data: bytes, content_type: str) -> None:
        """Store `data` under `key` (replacing what was there)."""
        await self._write(_checked(key), data, content_type)

    async def load(self, key: str) -> bytes | None:
        """The bytes under `key`, or None when nothing is stored there."""
        return await self._read(_checked(key))

    async def delete_project(self, project_id: str) -> int:
        """Delete every file of the project; returns how many there were (0 when already gone)."""
        if not is_media_key(f"{project_id}/x"):
            raise ValueError(f"invalid project id: {project_id!r}")
        return await self._delete_prefix(f"{project_id}/")

    @abstractmethod
    async def _write(self, key: str, data: bytes, content_type: str) -> None: ...

    @abstractmethod
    async def _read(self, key: str) -> bytes | None: ...

    @abstractmethod
    async def _delete_prefix(self, prefix: str) -> int: ...


class LocalMediaStore(MediaStore):
    """Files under `root` (MEDIA_DIR)."""

    def __init__(self, root: Path) -> None:
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
        except (FileNotFoundError, IsADirectoryError):
            return None

    async def _delete_prefix(self, prefix: str) -> int:
        folder = self._path(prefix.rstrip("/"))

        def remove() -> int:
            if not folder.is_dir():
                return 0
            count = sum(1 for p in folder.rglob("*") if p.is_file())
            shutil.rmtree(folder, ignore_errors=True)
            return count

        return await asyncio.to_thread(remove)


class S3MediaStore(MediaStore):
    """Objects in an S3-compatible bucket (AWS S3, MinIO, R2...), for several workers and API replicas.

    Credentials come from the standard AWS chain (AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY, profiles, roles).
    """

    def __init__(self, bucket: str, *, endpoint_url: str | None = None, region: str | None = None) -> None:
        import boto3  # imported lazily: only deployments that use S3 need it

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

    async def _delete_prefix(self, prefix: str) -> int:
        def remove() -> int:
            count = 0
            for page in self.client.get_paginator("list_objects_v2").paginate(Bucket=self.bucket, Prefix=prefix):
                keys = [{"Key": item["Key"]} for item in page.get("Contents", [])]
                if keys:  # at most 1,000 per page, the limit of one DeleteObjects call
                    self.client.delete_objects(Bucket=self.bucket, Delete={"Objects": keys, "Quiet": True})
                    count += len(keys)
            return count

        return await asyncio.to_thread(remove)
