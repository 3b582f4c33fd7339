"""Driving projects through the REST API in tests."""

import asyncio
import time
import uuid
from collections.abc import Callable
from typing import Any

import httpx
from pydantic import BaseModel
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from temporalio.client import Client

from api.comic import running_snapshot, send_update
from contracts.workflows import GENERATE_STORY, PhaseAccepted, Snapshot, StoryRequest
from core.config import Settings
from db.models import Project
from db.projects import ProjectRepository
from domain.state import ConsolidatedComicState
from domain.style import DEFAULT_STYLE, Style
from tests.helpers import auth

PROJECTS = "/api/comic-builder/projects"
PHASE = "/api/comic-builder/phase"


async def create_project(api: httpx.AsyncClient, user: str, title: str = "Lighthouse", prompt: str = "") -> dict:
    """Create a project and return its JSON."""
    response = await api.post(PROJECTS, json={"title": title, "prompt": prompt}, headers=auth(user))
    assert response.status_code == 201, response.text
    return dict(response.json())


async def settle(api: httpx.AsyncClient, user: str, project_id: str, within: float = 120) -> dict[str, Any]:
    """Poll the status endpoint until the workflow is idle and everything it did is persisted."""
    deadline = time.monotonic() + within
    while True:
        response = await api.get(f"{PHASE}/status/{project_id}", headers=auth(user))
        assert response.status_code == 200, response.text
        status = dict(response.json())
        if not status["busy"] and status["persisted_version"] == status["version"]:
            return status
        assert time.monotonic() < deadline, f"project did not settle: {status}"
        await asyncio.sleep(0.1)


async def get_project(api: httpx.AsyncClient, user: str, project_id: str) -> dict[str, Any]:
    """The stored project."""
    response = await api.get(f"{PROJECTS}/{project_id}", headers=auth(user))
    assert response.status_code == 200, response.text
    return dict(response.json())


def other_queues(settings: Settings, **overrides: Any) -> Settings:
    """`settings` with task queues of their own (a separate worker), plus `overrides`."""
    suffix = uuid.uuid4().hex[:6]
    return settings.model_copy(
        update={
            "temporal_task_queue": f"wf-{suffix}",
            "llm_task_queue": f"llm-{suffix}",
            "image_task_queue": f"img-{suffix}",
            **overrides,
        }
    )


async def start_project(
    sessions: async_sessionmaker[AsyncSession], prompt: str, owner: str = "workflow-tests", style: Style = DEFAULT_STYLE
) -> Project:
    """A stored project with a prompt (in `style`), for tests that drive the workflow without the REST API."""
    async with sessions() as session:
        state = ConsolidatedComicState(style=style)
        state.story.prompt = prompt
        return await ProjectRepository(session).create(owner, "Direct", state.model_dump(mode="json"))


async def wait_for(client: Client, project: Project, done: Callable[[Snapshot], bool], within: float = 60) -> Snapshot:
    """Poll the workflow's snapshot until `done` holds and nothing is in flight."""
    deadline = time.monotonic() + within
    while True:
        snapshot = await running_snapshot(client, project.id)
        assert snapshot is not None
        if done(snapshot) and not snapshot.busy:
            return snapshot
        assert time.monotonic() < deadline, snapshot.state.phases
        await asyncio.sleep(0.05)


async def request_phase(
    client: Client, settings: Settings, project_id: uuid.UUID, update: str, request: BaseModel | None = None
) -> PhaseAccepted:
    """Send the phase Update named `update` as the API does (update-with-start), without going through HTTP."""
    return await send_update(client, settings, project_id, update, request, PhaseAccepted)


async def phases_one_by_one(client: Client, settings: Settings, project: Project, *updates: str) -> Snapshot:
    """Request each phase Update in turn (the story with a default StoryRequest), each once the one before settled."""
    for update in updates:
        await request_phase(client, settings, project.id, update, StoryRequest() if update == GENERATE_STORY else None)
        snapshot = await wait_for(client, project, lambda s: True)
    return snapshot
