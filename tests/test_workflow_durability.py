"""No lost edit: the run loads its own start, persistence is a compare-and-set the workflow checks, idleness counts
from the last change."""

import asyncio
import time

from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from temporalio.client import Client, WorkflowExecutionStatus

from api.comic import comic_input, running_snapshot
from contracts.workflows import workflow_id
from core.config import Settings
from db.models import Project
from db.projects import ProjectRepository
from domain.state import ConsolidatedComicState
from tests.conftest import api_client, worker_on
from tests.flow import PHASE, PROJECTS, create_project, get_project, other_queues, start_project
from tests.helpers import auth
from workflows.comic import ComicWorkflow


async def test_a_run_starts_from_the_row_as_it_is_when_it_starts(
    temporal_client: Client, settings: Settings, sessions: async_sessionmaker[AsyncSession]
) -> None:
    local = other_queues(settings)
    project = await start_project(sessions, "a lighthouse keeper befriends a sea monster")
    # The row moves on after someone read it (what an API process holding an old copy would have started from).
    async with sessions() as session:
        newer = ConsolidatedComicState.model_validate(project.state)
        newer.story.prompt = "written after the read"
        await ProjectRepository(session).update(project.id, 1, state=newer.model_dump(mode="json"))
    async with worker_on(temporal_client, local, sessions):
        handle = await temporal_client.start_workflow(
            ComicWorkflow.run,
            comic_input(project.id, local),
            id=workflow_id(project.id),
            task_queue=local.temporal_task_queue,
        )
        deadline = time.monotonic() + 20
        while (snapshot := await running_snapshot(temporal_client, project.id)) is None or snapshot.version == 0:
            assert time.monotonic() < deadline
            await asyncio.sleep(0.05)
        assert snapshot.version == 2 and snapshot.owner_id == project.owner_id
        assert snapshot.state.story.prompt == "written after the read"
        await handle.terminate()


async def test_a_write_that_cannot_land_is_an_error_never_taken_for_written(
    settings: Settings, sessions: async_sessionmaker[AsyncSession], temporal_client: Client, user: str
) -> None:
    local = other_queues(settings)
    async with worker_on(temporal_client, local, sessions), api_client(local) as api:
        project = await create_project(api, user, title="Contested")
        url = f"{PROJECTS}/{project['id']}"
        first = await api.patch(url, json={"version": 1, "title": "Mine"}, headers=auth(user))
        assert first.status_code == 200 and first.json()["version"] == 2
        # Another writer moves the row behind the run's back.
        async with sessions() as session:
            await session.execute(
                update(Project).where(Project.id == project["id"]).values(version=9, title="Someone else's")
            )
            await session.commit()
        refused = await api.patch(url, json={"version": 2, "title": "Lost?"}, headers=auth(user))
        assert refused.status_code == 503, refused.text
        assert "version 9, not 2" in refused.json()["detail"]
        stored = await get_project(api, user, project["id"])
        assert (stored["title"], stored["version"]) == ("Someone else's", 9)  # nothing overwritten
        status = await api.get(f"{PHASE}/status/{project['id']}", headers=auth(user))
        assert status.json()["persist_error"] and "version 9" in status.json()["persist_error"]
        await temporal_client.get_workflow_handle(workflow_id(project["id"])).terminate()


async def test_idleness_counts_from_the_last_change(
    settings: Settings, sessions: async_sessionmaker[AsyncSession], temporal_client: Client, user: str
) -> None:
    local = other_queues(settings, workflow_idle_timeout=3)
    async with worker_on(temporal_client, local, sessions), api_client(local) as api:
        project = await create_project(api, user, title="Quiet")
        url = f"{PROJECTS}/{project['id']}"
        handle = temporal_client.get_workflow_handle(workflow_id(project["id"]))
        assert (await api.patch(url, json={"version": 1, "title": "A"}, headers=auth(user))).status_code == 200
        started = time.monotonic()
        await asyncio.sleep(2)
        assert (await api.patch(url, json={"version": 2, "title": "B"}, headers=auth(user))).status_code == 200
        changed = time.monotonic()
        # Counted from the start of the wait the run would close 3 s after the first edit; it must outlive that.
        await asyncio.sleep(max(0.0, started + 3.8 - time.monotonic()))
        assert (await handle.describe()).status == WorkflowExecutionStatus.RUNNING
        deadline = changed + 12
        while (await handle.describe()).status == WorkflowExecutionStatus.RUNNING:
            assert time.monotonic() < deadline, "the run never closed after being idle"
            await asyncio.sleep(0.2)
        assert time.monotonic() - changed >= 2.5  # (`changed` is read after the edit was answered)
        assert await handle.result() == "closed after being idle"
        # The next request starts a new run from the stored row.
        again = await api.patch(url, json={"version": 3, "title": "C"}, headers=auth(user))
        assert again.status_code == 200 and again.json()["title"] == "C"


async def test_an_edit_right_after_a_run_closed_is_not_lost(
    settings: Settings, sessions: async_sessionmaker[AsyncSession], temporal_client: Client, user: str
) -> None:
    local = other_queues(settings, workflow_idle_timeout=1)
    async with worker_on(temporal_client, local, sessions), api_client(local) as api:
        project = await create_project(api, user, title="Edits")
        url = f"{PROJECTS}/{project['id']}"
        version = 1
        for i in range(4):  # edits landing around the moment the idle run closes
            response = await api.patch(url, json={"version": version, "title": f"T{i}"}, headers=auth(user))
            assert response.status_code == 200, response.text
            version = response.json()["version"]
            assert (await get_project(api, user, project["id"]))["title"] == f"T{i}"
            await asyncio.sleep(0.6 * i)
