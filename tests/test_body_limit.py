"""MAX_BODY_BYTES: oversized request bodies are a 413 before anything parses them, and nothing is written."""

import json
from collections.abc import AsyncIterator

import httpx
import pytest

from core.config import Settings
from tests.flow import PROJECTS, create_project, get_project
from tests.helpers import auth

FIVE_MB = 5 * 1024 * 1024
CHUNK = 64 * 1024
JSON = {"content-type": "application/json"}


def too_large(settings: Settings) -> dict[str, object]:
    return {"detail": f"Request body is larger than MAX_BODY_BYTES ({settings.max_body_bytes} bytes)", "errors": []}


def json_body(size: int, **fields: object) -> bytes:
    """A JSON object of exactly `size` bytes: `fields` plus a `prompt` padded to fit."""
    empty = json.dumps({**fields, "prompt": ""}).encode()
    body = json.dumps({**fields, "prompt": "a" * (size - len(empty))}).encode()
    assert len(body) == size
    return body


class CountingBody:
    """A chunked request body (no Content-Length) that records how much of it the server pulled."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        self.sent = 0

    async def __aiter__(self) -> AsyncIterator[bytes]:
        while self.sent < len(self.data):
            chunk = self.data[self.sent : self.sent + CHUNK]
            self.sent += len(chunk)
            yield chunk


async def total(api: httpx.AsyncClient, user: str) -> int:
    response = await api.get(PROJECTS, headers=auth(user))
    return int(response.json()["total"])


async def test_oversized_create_is_413_and_creates_nothing(
    api: httpx.AsyncClient, user: str, settings: Settings
) -> None:
    response = await api.post(PROJECTS, json={"title": "Big", "prompt": "a" * FIVE_MB}, headers=auth(user))
    assert response.status_code == 413, response.text
    assert response.json() == too_large(settings)
    assert await total(api, user) == 0


async def test_oversized_patch_is_413_and_row_unchanged(api: httpx.AsyncClient, user: str, settings: Settings) -> None:
    project = await create_project(api, user)
    url = f"{PROJECTS}/{project['id']}"
    response = await api.patch(url, json={"version": 1, "title": "x" * FIVE_MB}, headers=auth(user))
    assert response.status_code == 413, response.text
    assert response.json() == too_large(settings)
    assert await get_project(api, user, project["id"]) == project


async def test_oversized_body_is_refused_even_where_the_route_reads_none(
    api: httpx.AsyncClient, user: str, settings: Settings
) -> None:
    project = await create_project(api, user)
    url = f"{PROJECTS}/{project['id']}"
    response = await api.request("DELETE", url, content=b"x" * FIVE_MB, headers=auth(user))
    assert response.status_code == 413, response.text
    assert response.json() == too_large(settings)
    assert await get_project(api, user, project["id"]) == project
    assert (await api.request("GET", "/healthz", content=b"x" * FIVE_MB)).status_code == 413


async def test_chunked_body_over_the_limit_is_413_without_reading_it_all(
    api: httpx.AsyncClient, user: str, settings: Settings
) -> None:
    body = CountingBody(json_body(FIVE_MB, title="Chunked"))
    response = await api.post(PROJECTS, content=body, headers={**auth(user), **JSON})
    assert response.status_code == 413, response.text
    assert response.json() == too_large(settings)
    # Reading stopped at the chunk that crossed the limit, not at the end of the 5 MB.
    assert settings.max_body_bytes < body.sent <= settings.max_body_bytes + CHUNK
    assert await total(api, user) == 0


@pytest.mark.parametrize("chunked", [False, True], ids=["content-length", "chunked"])
async def test_body_of_exactly_the_limit_passes_the_size_check(
    api: httpx.AsyncClient, user: str, settings: Settings, chunked: bool
) -> None:
    data = json_body(settings.max_body_bytes, title="At the limit")
    content = CountingBody(data) if chunked else data
    response = await api.post(PROJECTS, content=content, headers={**auth(user), **JSON})
    # Parsed and validated: the prompt is far over its own 4000-character limit.
    assert response.status_code == 422, response.text
    assert "prompt" in response.json()["detail"]
