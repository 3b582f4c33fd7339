"""Persist a project's state: PostgreSQL is the read model the REST API serves."""

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from temporalio import activity
from temporalio.exceptions import ApplicationError

from activities.contracts import PersistInput
from db.projects import ProjectMissing, ProjectRepository

PROJECT_MISSING = "ProjectMissing"


class PersistenceActivities:
    """Writes of the `projects` row on behalf of the ComicWorkflow."""

    def __init__(self, sessions: async_sessionmaker[AsyncSession]) -> None:
        self.sessions = sessions

    @activity.defn(name="persist_state")
    async def persist_state(self, request: PersistInput) -> int:
        """Apply the delta as `request.version`; idempotent (a retry of a write that landed changes nothing).

        Each write NOTIFYs the API processes, which push `state.updated` to Socket.IO rooms.
        """
        async with self.sessions() as session:
            try:
                return await ProjectRepository(session).apply_patch(
                    request.project_id,
                    request.version,
                    request.patch,
                    title=request.title,
                    changes=[c.model_dump() for c in request.changes],
                )
            except ProjectMissing as e:
                raise ApplicationError(
                    f"project {request.project_id} no longer exists", type=PROJECT_MISSING, non_retryable=True
                ) from e
