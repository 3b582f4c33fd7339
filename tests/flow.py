"""Driving projects through the REST API in tests."""

import asyncio
import time
import uuid
from typing import Any

import httpx

from core.config import Settings
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
