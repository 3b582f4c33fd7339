"""`comic new|status|export|list` end to end: the CLI run as a subprocess against the API served over real HTTP
on loopback, with the session's worker behind it (the CLI only speaks HTTP)."""

import asyncio
import io
import os
import re
import subprocess
import sys
import uuid
import zipfile
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from pypdf import PdfReader
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from temporalio.client import Client

from api.main import create_asgi_app
from core.config import Settings
from core.security import mint_token
from devstack.http import serve
from devstack.ports import free_port
from providers.errors import ProviderError
from providers.offline.storyteller import OfflineStoryteller
from tests.conftest import worker_on
from tests.fault_providers import FaultyLLM
from tests.flow import PROJECTS, other_queues
from tests.helpers import JWT_SECRET

ROOT = Path(__file__).resolve().parent.parent
PROMPT = "a lighthouse keeper befriends a sea monster"
PHASE_LINES = ("story: completed", "characters: completed", "character sheets: completed", "panels: completed")


def comic(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """`comic ARGS` in a subprocess from the repo root, its output a pipe (not a terminal); no API/TOKEN inherited."""
    base = {k: v for k, v in os.environ.items() if k not in ("API", "TOKEN")}
    return subprocess.run(
        [sys.executable, "-m", "cli", *args],
        cwd=ROOT,
        env={**base, **(env or {})},
        capture_output=True,
        text=True,
        timeout=120,
    )


async def run_comic(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """`comic` without blocking the event loop that serves the API."""
    return await asyncio.to_thread(comic, *args, env=env)


def one_line_error(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 1, (result.stdout, result.stderr)
    assert "Traceback" not in result.stderr + result.stdout
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("comic: "), result.stderr
    return lines[0]


@pytest.fixture(scope="module")
async def service(settings: Settings, running_worker: None) -> AsyncIterator[str]:
    """The API over HTTP on the session's worker; yields its URL."""
    async with serve(create_asgi_app(settings)) as url:
        yield url


@pytest.fixture(scope="module")
async def made(service: str, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """A comic made by `comic new`, with what it printed."""
    user = f"cli-{uuid.uuid4().hex[:8]}"
    token = mint_token(user, JWT_SECRET, 3600)
    out = tmp_path_factory.mktemp("comic") / "out"
    result = await run_comic("new", PROMPT, "--url", service, "--token", token, "--out", str(out), "--style", "manga")
    assert result.returncode == 0, (result.stdout, result.stderr)
    found = re.search(r"^Project ([0-9a-f-]{36}) ", result.stdout, re.MULTILINE)
    assert found, result.stdout
    async with httpx.AsyncClient(base_url=service, headers={"Authorization": f"Bearer {token}"}) as http:
        project = (await http.get(f"{PROJECTS}/{found.group(1)}")).json()
    return {"result": result, "id": found.group(1), "token": token, "out": out, "project": project}


async def test_new_streams_the_story_shows_each_phase_and_downloads_the_comic(made: dict[str, Any]) -> None:
    result, project, out = made["result"], made["project"], made["out"]
    assert "Traceback" not in result.stderr and "HTTP Request" not in result.stderr
    story = project["state"]["story"]["text"]
    assert len(story) > 200 and story in result.stdout  # the streamed deltas, in order, are the stored story
    lines = result.stdout.splitlines()
    for expected in PHASE_LINES:
        assert expected in lines or any(line.startswith(expected + " ") for line in lines), (expected, lines)
    panels = len(project["state"]["panels"])
    assert f"panel renders: completed {panels}/{panels}" in lines
    pages = len(project["state"]["pages"])
    progress = [line for line in lines if line.startswith("pages: ")]
    assert progress[-1] == f"pages: completed {pages}/{pages}", "the pages composed before the exports are saved"
    assert lines.index(progress[-1]) < next(n for n, line in enumerate(lines) if line.startswith("Saved "))
    assert result.stdout.index("Writing the story") < result.stdout.index(story) < result.stdout.index("panels:")

    pdf, cbz = (
        out / "a-lighthouse-keeper-befriends-a-sea-monster.pdf",
        out / "a-lighthouse-keeper-befriends-a-sea-monster.cbz",
    )
    assert f"Saved {pdf} (" in result.stdout and f"Saved {cbz} (" in result.stdout
    assert pdf.read_bytes().startswith(b"%PDF")
    assert 2 <= len(PdfReader(pdf).pages) <= panels
    names = zipfile.ZipFile(cbz).namelist()
    assert "001.png" in names and "ComicInfo.xml" in names
    assert project["title"] == "A lighthouse keeper befriends a sea monster"
    assert project["state"]["style"] == "manga"


async def test_status_list_and_export(made: dict[str, Any], service: str, tmp_path: Path) -> None:
    pid, token = made["id"], made["token"]
    env = {"API": service, "TOKEN": token}  # the defaults of --url and --token
    status, listing, export, help_text = await asyncio.gather(
        run_comic("status", pid, env=env),
        run_comic("list", env=env),
        run_comic("export", pid, "--format", "png", "--out", str(tmp_path), env=env),
        run_comic("new", "--help", env=env),
    )
    assert status.returncode == 0, status.stderr
    assert made["project"]["title"] in status.stdout and pid in status.stdout
    for label in ("story", "characters", "character sheets", "panels", "panel renders", "pages"):
        assert re.search(rf"{label}\s*\S*\s*completed", status.stdout), (label, status.stdout)
    state = made["project"]["state"]
    number = {panel["id"]: n for n, panel in enumerate(state["panels"], 1)}
    for page in state["pages"]:
        first, last = number[page["panel_ids"][0]], number[page["panel_ids"][-1]]
        held = f"panels {first}-{last}" if last > first else f"panel {first}"
        assert f"Page {page['index'] + 1}: completed, {held}" in status.stdout.splitlines(), status.stdout
    usage = made["project"]["usage"]
    images = len(made["project"]["state"]["characters"]) + len(made["project"]["state"]["panels"])
    assert usage["images"] == images and usage["llm_calls"] == 3
    assert f"Style manga; usage: 3 LLM calls, {usage['prompt_tokens'] + usage['completion_tokens']:,} tokens" in (
        status.stdout
    )
    assert f"{images} images, estimated 0.0000 USD" in status.stdout  # offline models cost nothing

    assert listing.returncode == 0, listing.stderr
    assert pid in listing.stdout and "finished" in listing.stdout and "A lighthouse keeper" in listing.stdout

    assert export.returncode == 0, export.stderr
    path = tmp_path / "a-lighthouse-keeper-befriends-a-sea-monster.zip"
    assert f"Saved {path}" in export.stdout
    pages = zipfile.ZipFile(io.BytesIO(path.read_bytes())).namelist()
    assert pages and all(name.endswith(".png") for name in pages)

    assert "$API" in help_text.stdout and "$TOKEN" in help_text.stdout  # --help says which defaults it uses


async def test_errors_are_one_line(service: str, made: dict[str, Any]) -> None:
    user = f"cli-{uuid.uuid4().hex[:8]}"
    token = mint_token(user, JWT_SECRET, 3600)
    nowhere = f"http://127.0.0.1:{free_port()}"
    down, bad_token, empty, dev_token = await asyncio.gather(
        run_comic("new", PROMPT, "--url", nowhere, "--token", token),
        run_comic("list", "--url", service, "--token", mint_token(user, "another-secret-" + "x" * 32, 3600)),
        run_comic("new", "", "--url", service, "--token", token),
        # Neither --token nor TOKEN: a dev token minted with the local AUTH_JWT_SECRET.
        run_comic("list", "--url", service, env={"AUTH_JWT_SECRET": JWT_SECRET}),
    )
    assert one_line_error(down) == f"comic: cannot reach the Comic Builder API at {nowhere}: is `make run` running?"
    message = one_line_error(bad_token)
    assert "Unauthorized: invalid token" in message and "HTTP 401" in message
    message = one_line_error(empty)
    assert "No prompt" in message and "HTTP 422" in message
    assert dev_token.returncode == 0, dev_token.stderr
    # The project the refused run was for is deleted again.
    async with httpx.AsyncClient(base_url=service, headers={"Authorization": f"Bearer {token}"}) as http:
        assert (await http.get(PROJECTS)).json()["total"] == 0
    stranger = await run_comic("status", made["id"], "--url", service, "--token", token)
    assert "not found" in one_line_error(stranger) and "HTTP 404" in stranger.stderr


async def test_a_run_that_fails_names_the_phase_and_its_message(
    temporal_client: Client, settings: Settings, sessions: async_sessionmaker[AsyncSession], tmp_path: Path
) -> None:
    refusal = ProviderError("the cast was refused by the content policy", retryable=False)
    llm = FaultyLLM(OfflineStoryteller(), character_failures=[refusal])
    local = other_queues(settings)
    async with serve(create_asgi_app(local)) as url, worker_on(temporal_client, local, sessions, llm=llm):
        token = mint_token(f"cli-{uuid.uuid4().hex[:8]}", JWT_SECRET, 3600)
        result = await run_comic("new", PROMPT, "--url", url, "--token", token, "--out", str(tmp_path))
    message = one_line_error(result)
    assert "the run failed at characters:" in message and "refused by the content policy" in message, message
    assert "characters: error:" in result.stdout and "story: completed" in result.stdout
    assert not os.listdir(tmp_path)  # nothing downloaded
