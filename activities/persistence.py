"""Persist a project's state: PostgreSQL is the read model the REST API serves."""

from uuid import UUID

from sqlalchemy.exc import DataError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from temporalio import activity
from temporalio.exceptions import ApplicationError

from contracts.activities import PersistInput, StoredProject
from contracts.errors import PERSIST_REFUSED, PROJECT_MISSING
from db.projects import ProjectMissing, ProjectRepository, VersionConflict
from domain.patch import InvalidState
from domain.state import ConsolidatedComicState


class PersistenceActivities:
    """Writes of the `projects` row on behalf of the ComicWorkflow."""

    def __init__(self, sessions: async_sessionmaker[AsyncSession]) -> None:
        self.sessions = sessions

    @activity.defn(name="load_project")
    async def load_project(self, project_id: UUID) -> StoredProject | None:
        """The stored project a run starts from; None when it does not exist (any more)."""
        async with self.sessions() as session:
            project = await ProjectRepository(session).get(project_id)
            if project is None:
                return None
            return StoredProject(
                title=project.title,
                owner_id=project.owner_id,
                version=project.version,
                state=ConsolidatedComicState.from_stored(project.state),
            )

    @activity.defn(name="persist_state")
    async def persist_state(self, request: PersistInput) -> int:
        """Apply the delta as `request.version` if the row still holds `request.expected_version` (compare-and-set).

        A retry of a write that landed finds the row at `request.version` and changes nothing. Any other version
        means the row moved under the run: refused, never reported as written. Each write NOTIFYs the API
        processes, which push `state.updated` to Socket.IO rooms.
        """
        async with self.sessions() as session:
            try:
                return await ProjectRepository(session).apply_patch(
                    request.project_id,
                    request.expected_version,
                    request.version,
                    request.patch,
                    title=request.title,
                    changes=[c.model_dump() for c in request.changes],
                )
            except ProjectMissing as e:
                raise ApplicationError(
                    f"project {request.project_id} no longer exists", type=PROJECT_MISSING, non_retryable=True
                ) from e
            except VersionConflict as e:
                raise ApplicationError(
                    f"the stored project is at version {e.actual}, not {e.expected}: another writer changed it",
                    type=PERSIST_REFUSED,
                    non_retryable=True,
                ) from e
            except InvalidState as e:
                raise ApplicationError(
                    f"the state does not validate: {e}", type=PERSIST_REFUSED, non_retryable=True
                ) from e
            except DataError as e:  # PostgreSQL refuses the value itself (e.g. a NUL in text): retrying cannot help
                raise ApplicationError(
                    f"PostgreSQL refused the data: {e.orig}", type=PERSIST_REFUSED, non_retryable=True
                ) from e
