"""Persist a project's state: PostgreSQL is the read model the REST API serves."""

from typing import Any
from uuid import UUID

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from temporalio import activity
from temporalio.exceptions import ApplicationError

from activities.contracts import PersistInput
from db.events import CHANNEL, event_payload
from db.models import Project
from domain.patch import merge_apply
from domain.state import ConsolidatedComicState

PROJECT_MISSING = "ProjectMissing"


def _missing(project_id: UUID) -> ApplicationError:
    return ApplicationError(f"project {project_id} no longer exists", type=PROJECT_MISSING, non_retryable=True)


class PersistenceActivities:
    """Reads and writes of the `projects` row on behalf of the ComicWorkflow."""

    def __init__(self, sessions: async_sessionmaker[AsyncSession]) -> None:
        self.sessions = sessions

    @activity.defn(name="persist_state")
    async def persist_state(self, request: PersistInput) -> int:
        """Apply the delta as `request.version`; idempotent (a retry of a write that landed changes nothing)."""
        async with self.sessions() as session, session.begin():
            row = (
                await session.execute(
                    select(Project.state, Project.version).where(Project.id == request.project_id).with_for_update()
                )
            ).one_or_none()
            if row is None:
                raise _missing(request.project_id)
            stored_state, stored_version = row
            if stored_version >= request.version:
                return int(stored_version)
            merged = merge_apply(stored_state, request.patch)
            # Validate before writing: the read model must always parse.
            state = ConsolidatedComicState.model_validate(merged).model_dump(mode="json")
            values: dict[str, Any] = {"state": state, "version": request.version, "updated_at": func.now()}
            if request.title is not None:
                values["title"] = request.title
            await session.execute(update(Project).where(Project.id == request.project_id).values(**values))
            # Delivered on commit, to every API process listening: they push `state.updated` to Socket.IO rooms.
            changes = [c.model_dump() for c in request.changes]
            payload = event_payload(request.project_id, request.version, changes)
            await session.execute(select(func.pg_notify(CHANNEL, payload)))
        return request.version
