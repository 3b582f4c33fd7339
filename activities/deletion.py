"""Deleting a project: stop its run, delete its row, delete its media (each step retried until it is done)."""

from uuid import UUID

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from temporalio import activity
from temporalio.client import Client
from temporalio.service import RPCError, RPCStatusCode

from contracts.workflows import workflow_id
from db.projects import ProjectRepository
from providers.media_store import MediaStore


class DeletionActivities:
    """The steps of a ProjectDeletionWorkflow; each is idempotent, so a retry after a crash is harmless."""

    def __init__(self, client: Client, sessions: async_sessionmaker[AsyncSession], media: MediaStore) -> None:
        self.client = client
        self.sessions = sessions
        self.media = media

    @activity.defn(name="stop_project_run")
    async def stop_project_run(self, project_id: UUID) -> bool:
        """Terminate the project's ComicWorkflow (and so its story children); False when none was running."""
        try:
            await self.client.get_workflow_handle(workflow_id(project_id)).terminate(reason="project deleted")
        except RPCError as e:
            if e.status == RPCStatusCode.NOT_FOUND:
                return False
            raise
        return True

    @activity.defn(name="delete_project_row")
    async def delete_project_row(self, project_id: UUID) -> bool:
        """Delete the row (announcing it to Socket.IO subscribers); False when it was already gone."""
        async with self.sessions() as session:
            return await ProjectRepository(session).delete(project_id)

    @activity.defn(name="delete_project_media")
    async def delete_project_media(self, project_id: UUID) -> int:
        """Delete every stored file of the project; how many there were."""
        return await self.media.delete_project(str(project_id))
