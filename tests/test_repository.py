"""The project repository on a real PostgreSQL: compare-and-set edits and the workflow's monotonic patches."""

import uuid

import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from db.projects import ProjectMissing, ProjectRepository, VersionConflict
from domain.patch import state_diff
from domain.state import ConsolidatedComicState


async def test_update_is_compare_and_set(sessions: async_sessionmaker[AsyncSession]) -> None:
    async with sessions() as session:
        repo = ProjectRepository(session)
        # Ids, not ORM objects, across calls: a refused write rolls back, which expires loaded objects.
        pid = (await repo.create("repo-owner", "First", ConsolidatedComicState().model_dump(mode="json"))).id
        updated = await repo.update(pid, 1, owner_id="repo-owner", title="Second")
        assert updated is not None and (updated.title, updated.version) == ("Second", 2)
        with pytest.raises(VersionConflict) as conflict:
            await repo.update(pid, 1, owner_id="repo-owner", title="Stale")
        assert (conflict.value.expected, conflict.value.actual) == (1, 2)
        assert await repo.update(pid, 2, owner_id="someone-else", title="Theirs") is None
        stored = await repo.refreshed(pid)
        assert stored is not None and (stored.title, stored.version) == ("Second", 2)


async def test_apply_patch_is_a_compare_and_set_on_the_version(sessions: async_sessionmaker[AsyncSession]) -> None:
    async with sessions() as session:
        repo = ProjectRepository(session)
        empty = ConsolidatedComicState()
        pid = (await repo.create("repo-owner", "Patched", empty.model_dump(mode="json"))).id
        edited = empty.model_copy(deep=True)
        edited.story.text = "Once upon a tide."
        patch = state_diff(empty.model_dump(mode="json"), edited.model_dump(mode="json"))
        assert await repo.apply_patch(pid, 1, 5, patch, title="Renamed") == 5
        # A retry of the write that landed finds its own version: nothing changes, and it is reported as written.
        assert await repo.apply_patch(pid, 1, 5, patch, title="Renamed") == 5
        # A write based on any other version is refused, never taken for one that landed.
        stale = state_diff(empty.model_dump(mode="json"), {**empty.model_dump(mode="json"), "story": {"text": "old"}})
        for expected, version in ((1, 4), (3, 6), (2, 7)):
            with pytest.raises(VersionConflict) as conflict:
                await repo.apply_patch(pid, expected, version, stale)
            assert (conflict.value.expected, conflict.value.actual) == (expected, 5)
        stored = await repo.refreshed(pid)
        assert stored is not None
        assert (stored.title, stored.version) == ("Renamed", 5)
        assert ConsolidatedComicState.model_validate(stored.state) == edited
        with pytest.raises(ProjectMissing):
            await repo.apply_patch(uuid.uuid4(), 0, 1, patch)
