"""Project repository: every read and write of the `projects` table goes through here."""

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import asyncpg
from sqlalchemy import delete, func, select, update
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from db.events import CHANNEL, deletion_payload, event_payload
from db.models import ActiveRun, Project
from db.quotas import document_is_generating
from domain.patch import state_apply_validated

# A bare statement on the driver: asyncpg prepares it once per connection, and outside a transaction it is one round
# trip (a session would wrap it in BEGIN ... ROLLBACK, two more, plus the ORM's per-call work).
_OWNED_VERSION = "SELECT version FROM projects WHERE id = $1 AND owner_id = $2"


async def owned_version(engine: AsyncEngine, project_id: uuid.UUID, owner_id: str) -> int | None:
    """The owner's project's version without reading its state; None when missing or someone else's."""
    for attempt in range(2):
        async with engine.connect() as connection:
            driver: asyncpg.Connection = (await connection.get_raw_connection()).driver_connection
            try:
                version = await driver.fetchval(_OWNED_VERSION, project_id, owner_id)
            except BaseException as e:
                # Past SQLAlchemy's cursor, the pool would not learn that the connection broke (or was cut off
                # mid-query by a cancellation) and would hand it out again: it is dropped here instead.
                await connection.invalidate()
                # A pooled connection left mid-operation by its server's termination (seen while PostgreSQL
                # terminated backends over and over): once more, on a fresh one.
                if isinstance(e, asyncpg.InternalClientError) and attempt == 0:
                    continue
                raise
            return None if version is None else int(version)
    raise AssertionError("unreachable")


class ProjectMissing(Exception):
    """The project does not exist (any more)."""


class VersionConflict(Exception):
    """The row's version is not the one the caller based its change on."""

    def __init__(self, expected: int, actual: int) -> None:
        super().__init__(f"version conflict: expected {expected}, current is {actual}")
        self.expected = expected
        self.actual = actual


@dataclass(frozen=True)
class Page:
    """A listing's items and the total across all its pages (the API answers both, with limit and offset)."""

    items: list[Project]
    total: int


class ProjectRepository:
    """CRUD on projects, always scoped to an owner where a user is involved."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def create(self, owner_id: str, title: str, state: dict[str, Any]) -> Project:
        """Insert a project at version 1."""
        project = Project(id=uuid.uuid4(), owner_id=owner_id, title=title, state=state, version=1)
        self.session.add(project)
        await self.session.commit()
        await self.session.refresh(project)
        return project

    async def get(self, project_id: uuid.UUID, owner_id: str | None = None) -> Project | None:
        """The project, or None when missing or (with `owner_id`) owned by someone else."""
        query = select(Project).where(Project.id == project_id)
        if owner_id is not None:
            query = query.where(Project.owner_id == owner_id)
        return (await self.session.execute(query)).scalar_one_or_none()

    async def list(self, owner_id: str, limit: int, offset: int) -> Page:
        """The owner's projects, newest first."""
        total = await self.session.scalar(select(func.count()).where(Project.owner_id == owner_id))
        rows = await self.session.execute(
            select(Project)
            .where(Project.owner_id == owner_id)
            .order_by(Project.created_at.desc(), Project.id)
            .limit(limit)
            .offset(offset)
        )
        return Page(items=list(rows.scalars()), total=int(total or 0))

    async def update(
        self,
        project_id: uuid.UUID,
        expected_version: int,
        *,
        owner_id: str | None = None,
        title: str | None = None,
        state: dict[str, Any] | None = None,
    ) -> Project | None:
        """Compare-and-set: change title and/or state only if the row is still at `expected_version`.

        Returns the updated project, None if it does not exist (for this owner); raises VersionConflict when
        the version moved on.
        """
        values: dict[str, Any] = {"version": Project.version + 1, "updated_at": func.now()}
        if title is not None:
            values["title"] = title
        if state is not None:
            values["state"] = state
        conditions = [Project.id == project_id, Project.version == expected_version]
        if owner_id is not None:
            conditions.append(Project.owner_id == owner_id)
        result = await self.session.execute(update(Project).where(*conditions).values(**values).returning(Project.id))
        if result.scalar_one_or_none() is None:
            await self.session.rollback()
            current = await self.get(project_id, owner_id)
            if current is None:
                return None
            raise VersionConflict(expected_version, current.version)
        await self.session.commit()
        return await self.refreshed(project_id)

    async def apply_patch(
        self,
        project_id: uuid.UUID,
        expected_version: int,
        version: int,
        patch: dict[str, Any],
        *,
        title: str | None = None,
        changes: Sequence[dict[str, Any]] = (),
    ) -> int:
        """Compare-and-set: write a state patch (`state_diff`) as `version` if the row holds `expected_version`.

        The project's workflow writes this way. A row already at `version` is a retry of a write that landed: nothing
        changes. Any other version raises VersionConflict (nothing written); a gone row ProjectMissing; a patch that
        would leave an invalid document InvalidState. The change is announced (NOTIFY, delivered on commit) to every
        process listening for state events. Returns `version`.
        """
        row = (
            await self.session.execute(
                select(Project.state, Project.version).where(Project.id == project_id).with_for_update()
            )
        ).one_or_none()
        if row is None:
            await self.session.rollback()
            raise ProjectMissing(str(project_id))
        stored_state, stored_version = row
        if stored_version != expected_version:
            await self.session.rollback()
            if stored_version == version:
                return version
            raise VersionConflict(expected_version, int(stored_version))
        # Validated before writing (the read model must always parse), but only what the patch touches: the
        # stored document is valid, and validating all of it made every write cost the document's size.
        state = state_apply_validated(stored_state, patch)
        values: dict[str, Any] = {"state": state, "version": version, "updated_at": func.now()}
        if title is not None:
            values["title"] = title
        await self.session.execute(update(Project).where(Project.id == project_id).values(**values))
        if not document_is_generating(state):
            # The run ended: the project stops counting against its owner's active runs (admission inserts).
            await self.session.execute(delete(ActiveRun).where(ActiveRun.project_id == project_id))
        await self.session.execute(select(func.pg_notify(CHANNEL, event_payload(project_id, version, list(changes)))))
        await self.session.commit()
        return version

    async def refreshed(self, project_id: uuid.UUID) -> Project | None:
        """Re-read a project bypassing the session's identity map."""
        query = select(Project).where(Project.id == project_id).execution_options(populate_existing=True)
        return (await self.session.execute(query)).scalar_one_or_none()

    async def delete(self, project_id: uuid.UUID, owner_id: str | None = None) -> bool:
        """Delete the project (the owner's only, with `owner_id`), announcing it; False when there was none."""
        conditions = [Project.id == project_id]
        if owner_id is not None:
            conditions.append(Project.owner_id == owner_id)
        result = await self.session.execute(delete(Project).where(*conditions).returning(Project.id))
        deleted = result.scalar_one_or_none() is not None
        if deleted:
            await self.session.execute(select(func.pg_notify(CHANNEL, deletion_payload(project_id))))
        await self.session.commit()
        return deleted
