"""ProjectDeletionWorkflow: a project's deletion as a durable sequence (a crash mid-way resumes, never half-deletes).

Its run stops first, so nothing writes the project again; then the row goes (the API answers once it has); then
the media, twice: a render that was in flight when the run stopped can still store its file until its next
heartbeat tells it the run is gone, so a second sweep follows once that window has passed.
"""

from datetime import timedelta
from typing import Any
from uuid import UUID

from temporalio import workflow

with workflow.unsafe.imports_passed_through():
    from activities.deletion import DeletionActivities
    from contracts import workflows as names
    from contracts.workflows import DeletionInput
    from workflows import policies


@workflow.defn(name=names.DELETION_WORKFLOW)
class ProjectDeletionWorkflow:
    """Stops the project's run, deletes its row, deletes its media; returns how many files were deleted."""

    def __init__(self) -> None:
        self.row_deleted = False

    @workflow.run
    async def run(self, params: DeletionInput) -> int:
        """Delete the project `params.project_id` (idempotent steps, retried until done)."""
        await self._step(DeletionActivities.stop_project_run, params.project_id)
        await self._step(DeletionActivities.delete_project_row, params.project_id)
        self.row_deleted = True
        files: int = await self._step(DeletionActivities.delete_project_media, params.project_id)
        await workflow.sleep(timedelta(seconds=params.straggler_window_seconds))
        files += await self._step(DeletionActivities.delete_project_media, params.project_id)
        return files

    async def _step(self, activity: Any, project_id: UUID) -> Any:
        return await workflow.execute_activity_method(
            activity, project_id, start_to_close_timeout=policies.CLEANUP_TIMEOUT, retry_policy=policies.CLEANUP_RETRY
        )

    @workflow.update(name=names.WAIT_ROW_DELETED)
    async def wait_row_deleted(self) -> bool:
        """Answers once the project's row is gone (what `DELETE /projects/{id}` waits for)."""
        await workflow.wait_condition(lambda: self.row_deleted)
        return True
