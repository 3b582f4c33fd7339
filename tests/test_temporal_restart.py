"""The Temporal server restarted mid-run (a file-backed dev server stopped and started on the same file): the run
completes, with nothing rendered twice."""

import asyncio
import time
from pathlib import Path

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from api.comic import running_snapshot
from contracts import workflows as names
from contracts.workflows import StoryRequest
from core.config import Settings
from core.temporal import connect_temporal
from db.projects import ProjectRepository
from devstack.ports import free_port
from devstack.temporal import address_of, start_headless
from providers.offline.renderer import OfflineRenderer
from tests.conftest import worker_on
from tests.fault_providers import MeteredImages
from tests.flow import other_queues, request_phase, start_project

OUTAGE_SECONDS = 3.0


async def test_a_run_completes_across_a_temporal_server_restart(
    settings: Settings, sessions: async_sessionmaker[AsyncSession], tmp_path: Path
) -> None:
    port, db_file = free_port(), tmp_path / "temporal.db"
    server = await start_headless(port, db_file)
    local = other_queues(settings, temporal_address=address_of(server))
    images = MeteredImages(OfflineRenderer(), delay=0.4)
    try:
        client = await connect_temporal(local)
        project = await start_project(sessions, "a lighthouse keeper befriends a sea monster")
        async with worker_on(client, local, sessions, images=images):
            await request_phase(client, local, project.id, names.RUN_AUTO, StoryRequest())
            deadline = time.monotonic() + 60
            while sum(c.startswith("panel:") for c in images.calls) < 3 or images.in_flight < 3:
                assert time.monotonic() < deadline, "panels never started rendering"
                await asyncio.sleep(0.05)
            in_flight_at_stop = images.in_flight
            await server.shutdown()  # mid bulk render
            await asyncio.sleep(OUTAGE_SECONDS)
            server = await start_headless(port, db_file)
            deadline = time.monotonic() + 120
            while True:
                try:
                    snapshot = await running_snapshot(client, project.id)
                except Exception:  # the client reconnecting
                    snapshot = None
                if snapshot is not None and not snapshot.auto_running and not snapshot.busy:
                    break
                assert time.monotonic() < deadline, "the run did not complete after the restart"
                await asyncio.sleep(0.2)
        state = snapshot.state
        assert {name: p.status for name, p in state.phases} == dict.fromkeys(
            ("story", "characters", "character_renders", "panels", "panel_renders", "pages"), "completed"
        )
        assert all(p.artifact is not None for p in state.panels)
        async with sessions() as session:
            row = await ProjectRepository(session).get(project.id)
        assert row is not None and row.version == snapshot.version
        # Only renders in flight at the stop may run again (their completion could not be recorded).
        panel_calls = [c for c in images.calls if c.startswith("panel:")]
        assert len(set(panel_calls)) == len(state.panels)
        assert len(panel_calls) - len(set(panel_calls)) <= in_flight_at_stop
    finally:
        await server.shutdown()
