"""Operator actions: admin-only, list failed/running/stuck runs, cancel a run, reset a phase when no run is open."""

import asyncio
import time
import uuid
from collections.abc import Awaitable, Callable
from typing import Any

import httpx
import jwt
import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from temporalio import workflow
from temporalio.client import Client, WorkflowExecutionStatus, WorkflowFailureError
from temporalio.exceptions import ApplicationError
from temporalio.worker import UnsandboxedWorkflowRunner, Worker

from core.config import Settings
from tests.conftest import api_client, worker_on
from tests.flow import PHASE, create_project, get_project, other_queues, settle
from tests.helpers import JWT_SECRET, auth

ADMIN = "/api/comic-builder/admin"
JSON_ACCEPT = {"Accept": "application/json"}


def token_headers(claims: dict[str, Any]) -> dict[str, str]:
    now = int(time.time())
    token = jwt.encode({"iat": now, "exp": now + 600, **claims}, JWT_SECRET, algorithm="HS256")
    return {"Authorization": f"Bearer {token}"}


def admin() -> dict[str, str]:
    return token_headers({"sub": f"ops-{uuid.uuid4().hex[:6]}", "roles": ["admin"]})


async def eventually(check: Callable[[], Awaitable[bool]], what: str, within: float = 15) -> None:
    """Poll `check` (visibility and cancellation take a moment) until it holds."""
    deadline = time.monotonic() + within
    while not await check():
        assert time.monotonic() < deadline, what
        await asyncio.sleep(0.2)


async def listed(api: httpx.AsyncClient, status: str, **params: Any) -> list[dict[str, Any]]:
    response = await api.get(f"{ADMIN}/workflows", params={"status": status, **params}, headers=admin())
    assert response.status_code == 200, response.text
    return list(response.json()["items"])


async def reset_phase(api: httpx.AsyncClient, pid: str, phase: str) -> httpx.Response:
    return await api.post(f"{ADMIN}/projects/{pid}/reset-phase", json={"phase": phase}, headers=admin())


def admin_routes(pid: str) -> list[tuple[str, str, dict[str, Any] | None]]:
    return [
        ("GET", f"{ADMIN}/workflows?status=failed", None),
        ("POST", f"{ADMIN}/projects/{pid}/cancel", None),
        ("POST", f"{ADMIN}/projects/{pid}/reset-phase", {"phase": "story"}),
    ]


async def test_only_admins_reach_admin_routes(api: httpx.AsyncClient, user: str) -> None:
    pid = (await create_project(api, user))["id"]
    schema_paths = {
        (method.upper(), path)
        for path, operations in (await api.get("/openapi.json")).json()["paths"].items()
        for method in operations
        if path.startswith(ADMIN)
    }
    tested = {(m, p.split("?")[0].replace(pid, "{project_id}")) for m, p, _ in admin_routes(pid)}
    assert schema_paths == tested  # a new admin route must be added here
    refused = {
        "user": auth(user),  # the project's own owner, no roles
        "other role": token_headers({"sub": user, "roles": ["viewer"]}),
        "roles not a list": token_headers({"sub": user, "roles": "admin"}),
    }
    for method, path, body in admin_routes(pid):
        for name, headers in refused.items():
            response = await api.request(method, path, json=body, headers=headers)
            assert response.status_code == 403, (method, path, name, response.text)
            assert response.json() == {
                "detail": 'Forbidden: operator actions need a token with roles ["admin"]',
                "errors": [],
            }
        assert (await api.request(method, path, json=body)).status_code == 401
        forged = jwt.encode({"sub": "x", "roles": ["admin"], "exp": int(time.time()) + 60}, "not-the-secret-" * 3)
        response = await api.request(method, path, json=body, headers={"Authorization": f"Bearer {forged}"})
        assert response.status_code == 401, (method, path)
    assert (await get_project(api, user, pid))["version"] == 1  # nothing was done


@workflow.defn(name="ComicWorkflow")
class FailingComicWorkflow:
    """Stands in for a ComicWorkflow run that fails (same type name, its own task queue)."""

    @workflow.run
    async def run(self, _: Any) -> None:
        raise ApplicationError("the run failed for the test", non_retryable=True)


async def test_admin_lists_a_failed_run(api: httpx.AsyncClient, temporal_client: Client) -> None:
    project_id = uuid.uuid4()
    queue = f"failing-{uuid.uuid4().hex[:6]}"
    async with Worker(
        temporal_client, task_queue=queue, workflows=[FailingComicWorkflow], workflow_runner=UnsandboxedWorkflowRunner()
    ):
        with pytest.raises(WorkflowFailureError):
            await temporal_client.execute_workflow("ComicWorkflow", {}, id=f"comic-{project_id}", task_queue=queue)

    async def found() -> bool:
        items = await listed(api, "failed")
        return any(i["workflow_id"] == f"comic-{project_id}" for i in items)

    await eventually(found, "the failed run is listed")
    [item] = await listed(api, "failed", project_id=str(project_id))
    assert item["project_id"] == str(project_id)
    assert item["status"] == "failed" and item["closed_at"] is not None
    assert await listed(api, "running", project_id=str(project_id)) == []


async def test_cancel_then_reset_phase_then_a_new_run(
    temporal_client: Client, settings: Settings, sessions: async_sessionmaker[AsyncSession], user: str
) -> None:
    slow = other_queues(settings, offline_render_delay=3.0)
    async with worker_on(temporal_client, slow, sessions), api_client(slow) as api:
        pid = (await create_project(api, user, prompt="a lighthouse keeper befriends a sea monster"))["id"]
        for path in (f"generate-story/{pid}", f"extract-characters/{pid}"):
            response = await api.post(f"{PHASE}/{path}", headers={**auth(user), **JSON_ACCEPT})
            assert response.status_code == 202, response.text
            await settle(api, user, pid)
        handle = temporal_client.get_workflow_handle(f"comic-{pid}")
        first_run = (await handle.describe()).run_id
        response = await api.post(f"{PHASE}/render-all-characters/{pid}", headers=auth(user))
        assert response.status_code == 202, response.text

        async def rendering_stored() -> bool:
            return (await get_project(api, user, pid))["state"]["phases"]["character_renders"]["status"] == "running"

        await eventually(rendering_stored, "the render phase is stored as running")
        assert [i["workflow_id"] for i in await listed(api, "running", project_id=pid)] == [f"comic-{pid}"]
        [stuck] = await listed(api, "stuck", project_id=pid, stuck_minutes=0)  # busy, and 0 minutes is enough
        assert stuck["answered"] is True and stuck["running_phases"] == ["character_renders"]
        assert await listed(api, "stuck", project_id=pid) == []  # its row changed within the last 15 minutes

        reset = await api.post(
            f"{ADMIN}/projects/{pid}/reset-phase", json={"phase": "character_renders"}, headers=admin()
        )
        assert reset.status_code == 409 and "cancel the run first" in reset.json()["detail"]

        cancelled = await api.post(f"{ADMIN}/projects/{pid}/cancel", headers=admin())
        assert cancelled.status_code == 202, cancelled.text
        assert cancelled.json()["run_id"] == first_run

        async def closed() -> bool:
            return (await handle.describe()).status == WorkflowExecutionStatus.CANCELED

        await eventually(closed, "the run ends as Canceled")
        again = await api.post(f"{ADMIN}/projects/{pid}/cancel", headers=admin())
        assert again.status_code == 409 and "No run" in again.json()["detail"]

        before = await get_project(api, user, pid)
        assert before["state"]["phases"]["character_renders"]["status"] == "running"  # what the run left behind
        reset = await api.post(
            f"{ADMIN}/projects/{pid}/reset-phase", json={"phase": "character_renders"}, headers=admin()
        )
        assert reset.status_code == 200, reset.text
        assert reset.json()["status"]["status"] == "idle" and reset.json()["status"]["error"] is None
        after = await get_project(api, user, pid)
        assert after["version"] == before["version"] + 1 == reset.json()["version"]
        assert after["state"]["phases"]["character_renders"]["status"] == "idle"
        assert after["state"]["characters"] == before["state"]["characters"]  # only the phase changed

        bad = await api.post(f"{ADMIN}/projects/{pid}/reset-phase", json={"phase": "lettering"}, headers=admin())
        assert bad.status_code == 422
        missing = await api.post(
            f"{ADMIN}/projects/{uuid.uuid4()}/reset-phase", json={"phase": "story"}, headers=admin()
        )
        assert missing.status_code == 404

        # The next request starts a new run from the stored row, and the phase runs to the end.
        response = await api.post(f"{PHASE}/render-all-characters/{pid}", headers=auth(user))
        assert response.status_code == 202, response.text
        await settle(api, user, pid, within=60)
        assert (await handle.describe()).run_id != first_run
        done = (await get_project(api, user, pid))["state"]
        assert done["phases"]["character_renders"]["status"] == "completed"
        assert {c["render_status"] for c in done["characters"].values()} == {"completed"}
