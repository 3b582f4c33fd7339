"""Per-user quotas (active runs, request rate) on the real stack: PostgreSQL counts, the workflow is asked."""

import asyncio
import uuid
from collections.abc import Callable
from datetime import timedelta

import httpx
from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from temporalio.client import Client

from core.config import Settings
from db.migrate import downgrade, upgrade
from db.models import ActiveRun, GenerationRequest
from db.projects import ProjectRepository
from db.quotas import Limits, QuotaExceeded, QuotaRepository, state_is_generating
from domain.character import Character
from domain.panel import Panel
from domain.patch import state_diff
from domain.state import ConsolidatedComicState
from domain.style import DEFAULT_STYLE, Style
from providers.images import ReferenceImage, RenderedImage
from tests.conftest import api_client, worker_on
from tests.flow import PHASE, create_project, other_queues, settle
from tests.helpers import auth
from tests.test_migrations import tables_and_indexes

PROMPT = "a lighthouse keeper befriends a sea monster"
JSON = {"Accept": "application/json"}
# A 1x1 PNG: these tests are about admission, so renders should cost nothing.
PIXEL = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6300010000000500010d0a2db40000000049454e44ae426082"
)
# Slow enough that a story takes seconds, so admitted runs are still generating while a burst is decided.
SLOW_CHUNKS = 0.01


async def active_runs(sessions: async_sessionmaker[AsyncSession], owner: str) -> set[str]:
    """The ids of the owner's projects that hold an active-run row."""
    async with sessions() as session:
        rows = await session.scalars(select(ActiveRun.project_id).where(ActiveRun.owner_id == owner))
        return {str(pid) for pid in rows}


async def mark_active(sessions: async_sessionmaker[AsyncSession], owner: str, project_id: str, age: float) -> None:
    """An active-run row written `age` seconds ago, as a run that ended without cleaning up would leave it."""
    async with sessions() as session:
        started = select(func.now() - timedelta(seconds=age)).scalar_subquery()
        session.add(ActiveRun(project_id=uuid.UUID(project_id), owner_id=owner, started_at=started))
        await session.commit()


class PixelImages:
    """An image provider that answers at once with one pixel."""

    name = "pixel"

    async def render_character(self, character: Character, prompt: str, style: Style = DEFAULT_STYLE) -> RenderedImage:
        return RenderedImage(PIXEL, "image/png", 1, 1, "pixel")

    async def render_panel(
        self, panel: Panel, prompt: str, references: list[ReferenceImage], style: Style = DEFAULT_STYLE
    ) -> RenderedImage:
        return RenderedImage(PIXEL, "image/png", 1, 1, "pixel")


def assert_refused(response: httpx.Response, limit: str) -> int:
    """A 429 naming `limit`, with a whole-seconds Retry-After (returned)."""
    assert response.status_code == 429, response.text
    assert limit in response.json()["detail"], response.text
    retry_after = int(response.headers["Retry-After"])
    assert retry_after >= 1
    return retry_after


async def test_a_burst_on_two_replicas_admits_exactly_the_active_run_limit(
    settings: Settings, temporal_client: Client, sessions: async_sessionmaker[AsyncSession], user: str
) -> None:
    # A slow storyteller on its own worker keeps the admitted runs generating while the burst is decided.
    slow = other_queues(settings, offline_chunk_delay=SLOW_CHUNKS)
    async with (
        worker_on(temporal_client, slow, sessions, images=PixelImages()),
        api_client(slow) as one,
        api_client(slow) as two,
    ):
        projects = [(await create_project(one, user, f"Comic {i}", PROMPT))["id"] for i in range(8)]
        other = f"{user}-other"
        theirs = (await create_project(one, other, "Theirs", PROMPT))["id"]

        replicas = [one, two]
        requests = [replicas[i % 2].post(f"{PHASE}/run/{pid}", headers=auth(user)) for i, pid in enumerate(projects)]
        *responses, their_run = await asyncio.gather(*requests, two.post(f"{PHASE}/run/{theirs}", headers=auth(other)))

        accepted = [pid for pid, r in zip(projects, responses, strict=True) if r.status_code == 202]
        refused = [r for r in responses if r.status_code != 202]
        assert len(accepted) == 3, [r.text for r in responses]
        assert len(refused) == 5
        for response in refused:
            assert_refused(response, "USER_MAX_ACTIVE_RUNS (3)")
            assert "3 of your projects are generating" in response.json()["detail"]
        assert their_run.status_code == 202, their_run.text
        assert await active_runs(sessions, user) == set(accepted)

        for pid in accepted:
            await settle(one, user, pid)
        await settle(one, other, theirs)
        assert await active_runs(sessions, user) == set()

        again = next(pid for pid in projects if pid not in accepted)
        response = await two.post(f"{PHASE}/run/{again}", headers=auth(user))
        assert response.status_code == 202, response.text
        await settle(two, user, again)
        assert await active_runs(sessions, user) == set()


async def test_the_rate_limit_counts_every_phase_request_in_a_sliding_minute(
    api: httpx.AsyncClient, settings: Settings, sessions: async_sessionmaker[AsyncSession], user: str
) -> None:
    async with api_client(settings.model_copy(update={"user_generation_rate": 5})) as limited:
        running = (await create_project(limited, user, "Running", PROMPT))["id"]
        empty = (await create_project(limited, user, "No story yet"))["id"]
        story = await limited.post(f"{PHASE}/generate-story/{running}", headers={**auth(user), **JSON})
        assert story.status_code == 202, story.text
        for _ in range(4):  # refused by the workflow, but counted: the rate is about requests
            response = await limited.post(f"{PHASE}/extract-characters/{empty}", headers=auth(user))
            assert response.status_code == 409, response.text

        sixth = await limited.post(f"{PHASE}/generate-panels/{empty}", headers=auth(user))
        assert assert_refused(sixth, "USER_GENERATION_RATE (5 per minute)") <= 60
        other = f"{user}-other"
        theirs = (await create_project(limited, other, "Theirs"))["id"]
        assert (await limited.post(f"{PHASE}/extract-characters/{theirs}", headers=auth(other))).status_code == 409

        # A minute later the window has slid past them (and they are pruned on the next admission).
        async with sessions() as session:
            await session.execute(
                update(GenerationRequest)
                .where(GenerationRequest.owner_id == user)
                .values(at=GenerationRequest.at - timedelta(seconds=61))
            )
            await session.commit()
        response = await limited.post(f"{PHASE}/extract-characters/{empty}", headers=auth(user))
        assert response.status_code == 409, response.text
        async with sessions() as session:
            left = await session.scalar(select(func.count()).where(GenerationRequest.owner_id == user))
        assert left == 1
        await settle(limited, user, running)


async def test_a_stale_active_run_does_not_block_but_a_fresh_one_counts(
    settings: Settings, temporal_client: Client, sessions: async_sessionmaker[AsyncSession], user: str
) -> None:
    slow = other_queues(settings, offline_chunk_delay=SLOW_CHUNKS, user_max_active_runs=1)
    async with worker_on(temporal_client, slow, sessions, images=PixelImages()), api_client(slow) as limited:
        ghost = (await create_project(limited, user, "No workflow", PROMPT))["id"]
        project = (await create_project(limited, user, "Wanted", PROMPT))["id"]

        # Just admitted: its request may not have reached the workflow yet, so it is trusted.
        await mark_active(sessions, user, ghost, age=0)
        assert_refused(await limited.post(f"{PHASE}/run/{project}", headers=auth(user)), "USER_MAX_ACTIVE_RUNS (1)")

        # Older, and its workflow is not generating (there is none): dropped, the request goes through.
        async with sessions() as session:
            await session.execute(
                update(ActiveRun)
                .where(ActiveRun.project_id == uuid.UUID(ghost))
                .values(started_at=ActiveRun.started_at - timedelta(minutes=1))
            )
            await session.commit()
        response = await limited.post(f"{PHASE}/run/{project}", headers=auth(user))
        assert response.status_code == 202, response.text
        assert await active_runs(sessions, user) == {project}

        # More requests on the generating project are not refused by the limit; the workflow decides (409)
        # and the project's run, which this request did not create, stays counted.
        again = await limited.post(f"{PHASE}/run/{project}", headers=auth(user))
        assert again.status_code == 409, again.text
        assert await active_runs(sessions, user) == {project}
        await settle(limited, user, project)
        assert await active_runs(sessions, user) == set()


async def test_a_request_the_workflow_refuses_leaves_no_active_run(
    api: httpx.AsyncClient, sessions: async_sessionmaker[AsyncSession], user: str
) -> None:
    project = (await create_project(api, user, "No story yet"))["id"]
    response = await api.post(f"{PHASE}/extract-characters/{project}", headers=auth(user))
    assert response.status_code == 409, response.text
    assert await active_runs(sessions, user) == set()
    missing = await api.post(
        f"{PHASE}/render-character/{project}", json={"character_id": str(uuid.uuid4())}, headers=auth(user)
    )
    assert missing.status_code == 404, missing.text
    assert await active_runs(sessions, user) == set()


async def test_concurrent_admissions_of_one_user_are_serialised(sessions: async_sessionmaker[AsyncSession]) -> None:
    owner = f"burst-{uuid.uuid4().hex[:8]}"
    async with sessions() as session:
        repo = ProjectRepository(session)
        pids = [(await repo.create(owner, f"P{i}", {})).id for i in range(12)]

    async def no_workflow(_: uuid.UUID) -> bool:
        return False  # the rows are fresh, so they count without asking

    async def admit(pid: uuid.UUID) -> bool:
        async with sessions() as session:  # a session (connection) each, as on separate replicas
            try:
                await QuotaRepository(session).admit(
                    owner, pid, Limits(max_active_runs=3, rate_per_minute=5), no_workflow
                )
            except QuotaExceeded:
                return False
            return True

    admitted = await asyncio.gather(*(admit(pid) for pid in pids))
    assert sum(admitted) == 3
    assert len(await active_runs(sessions, owner)) == 3
    # Refused requests are not counted against the rate: two more fit on the already active projects.
    active = [pid for pid, ok in zip(pids, admitted, strict=True) if ok]
    assert sorted(await asyncio.gather(*(admit(pid) for pid in active))) == [False, True, True]


async def test_apply_patch_ends_the_active_run_when_nothing_is_generating(
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    owner = f"patch-{uuid.uuid4().hex[:8]}"
    idle = ConsolidatedComicState()
    streaming = idle.model_copy(deep=True)
    streaming.story.status, streaming.phases.story.status = "streaming", "running"
    done = streaming.model_copy(deep=True)
    done.story.status, done.phases.story.status = "completed", "completed"
    assert [state_is_generating(s) for s in (idle, streaming, done)] == [False, True, False]

    async with sessions() as session:
        repo = ProjectRepository(session)
        pid = (await repo.create(owner, "Patched", idle.model_dump(mode="json"))).id
    await mark_active(sessions, owner, str(pid), age=0)
    async with sessions() as session:
        repo = ProjectRepository(session)
        await repo.apply_patch(pid, 1, 2, state_diff(idle.model_dump(mode="json"), streaming.model_dump(mode="json")))
        assert await active_runs(sessions, owner) == {str(pid)}
        await repo.apply_patch(pid, 2, 3, state_diff(streaming.model_dump(mode="json"), done.model_dump(mode="json")))
        assert await active_runs(sessions, owner) == set()


async def test_quota_migration_upgrades_and_downgrades(fresh_database: Callable) -> None:  # type: ignore[type-arg]
    url = await fresh_database()
    await asyncio.to_thread(upgrade, url)
    tables, indexes = await tables_and_indexes(url)
    assert {"generation_requests", "active_runs"} <= tables
    assert {"ix_generation_requests_owner_id_at", "ix_active_runs_owner_id"} <= indexes

    await asyncio.to_thread(downgrade, url, "0001")
    tables, indexes = await tables_and_indexes(url)
    assert "projects" in tables and not {"generation_requests", "active_runs"} & tables
    assert "ix_generation_requests_owner_id_at" not in indexes

    await asyncio.to_thread(upgrade, url)
    tables, _ = await tables_and_indexes(url)
    assert {"generation_requests", "active_runs"} <= tables
