"""The API's side of the ComicWorkflow: start-or-reach it, map rejections to HTTP errors, read its state."""

import logging
from datetime import timedelta
from typing import Any, TypeVar
from uuid import UUID

from fastapi import HTTPException, status
from pydantic import BaseModel
from temporalio.client import (
    Client,
    WithStartWorkflowOperation,
    WorkflowHandle,
    WorkflowQueryRejectedError,
    WorkflowUpdateFailedError,
)
from temporalio.common import QueryRejectCondition, WorkflowIDConflictPolicy
from temporalio.exceptions import ApplicationError
from temporalio.service import RPCError, RPCStatusCode

from contracts import workflows as names
from contracts.errors import REJECT_INVALID, REJECT_NOT_FOUND, REJECT_STALE, REJECT_UNAVAILABLE
from contracts.workflows import (
    STRAGGLER_MARGIN_SECONDS,
    ComicInput,
    DeletionInput,
    Snapshot,
    deletion_workflow_id,
    workflow_id,
)
from core.config import Settings

log = logging.getLogger("comic.api")
QUERY_TIMEOUT = timedelta(seconds=3)
R = TypeVar("R")

_STATUS_OF_REJECTION = {
    REJECT_NOT_FOUND: status.HTTP_404_NOT_FOUND,
    REJECT_STALE: status.HTTP_409_CONFLICT,
    REJECT_INVALID: status.HTTP_422_UNPROCESSABLE_CONTENT,
    REJECT_UNAVAILABLE: status.HTTP_503_SERVICE_UNAVAILABLE,
}


def comic_input(project_id: UUID, settings: Settings, owner_id: str | None = None) -> ComicInput:
    """How a project's workflow starts: its id and this deployment's queues and limits (it loads the row itself)."""
    return ComicInput(
        project_id=project_id,
        fairness=settings.fairness_enabled,
        fairness_weight=settings.fairness_weight(owner_id) if owner_id else 1.0,
        llm_task_queue=settings.llm_task_queue,
        image_task_queue=settings.image_task_queue,
        render_fanout=settings.render_fanout,
        idle_timeout_seconds=settings.workflow_idle_timeout,
        render_heartbeat_seconds=settings.render_heartbeat_timeout,
    )


async def send_update(
    client: Client,
    settings: Settings,
    project_id: UUID,
    update: str,
    request: BaseModel | None,
    result_type: type[R],
    *,
    owner_id: str | None = None,
) -> R:
    """Execute the Update named `update` on the project's workflow, starting the workflow first if it is not running.

    A validator's rejection becomes a 404/409/422 with its message; Temporal being unreachable a 503.
    """
    start: WithStartWorkflowOperation[Any, str] = WithStartWorkflowOperation(
        names.COMIC_WORKFLOW,
        comic_input(project_id, settings, owner_id),
        id=workflow_id(project_id),
        id_conflict_policy=WorkflowIDConflictPolicy.USE_EXISTING,
        task_queue=settings.temporal_task_queue,
        result_type=str,
    )
    args = [] if request is None else [request]
    try:
        result: R = await client.execute_update_with_start_workflow(
            update, args=args, start_workflow_operation=start, result_type=result_type
        )
        return result
    except WorkflowUpdateFailedError as e:
        cause = e.cause
        if isinstance(cause, ApplicationError):
            code = _STATUS_OF_REJECTION.get(cause.type or "", status.HTTP_409_CONFLICT)
            raise HTTPException(code, cause.message) from e
        raise HTTPException(status.HTTP_409_CONFLICT, str(cause or e)) from e
    except RPCError as e:
        raise HTTPException(status.HTTP_503_SERVICE_UNAVAILABLE, f"Workflow service unavailable: {e.message}") from e


async def query_snapshot(handle: WorkflowHandle[Any, Any]) -> Snapshot:
    """Ask a ComicWorkflow run for its Snapshot; a closed run rejects the Query, one that no worker serves times out."""
    snapshot: Snapshot = await handle.query(
        names.SNAPSHOT,
        result_type=Snapshot,
        reject_condition=QueryRejectCondition.NOT_OPEN,
        rpc_timeout=QUERY_TIMEOUT,
    )
    return snapshot


async def running_snapshot(client: Client, project_id: UUID) -> Snapshot | None:
    """The state held by the project's running workflow, or None when no run is open or none answers in time.

    A run whose worker is gone (killed, restarting) cannot answer until another worker takes it over: after
    QUERY_TIMEOUT the caller serves the stored state instead of hanging.
    """
    handle = client.get_workflow_handle(workflow_id(project_id))
    try:
        snapshot = await query_snapshot(handle)
    except WorkflowQueryRejectedError:
        return None
    except RPCError as e:
        if e.status == RPCStatusCode.NOT_FOUND:
            return None
        if e.status in (RPCStatusCode.DEADLINE_EXCEEDED, RPCStatusCode.CANCELLED):  # the client's rpc_timeout
            log.warning(
                "the run of project %s did not answer within %s; serving the stored state", project_id, QUERY_TIMEOUT
            )
            return None
        raise HTTPException(status.HTTP_503_SERVICE_UNAVAILABLE, f"Workflow service unavailable: {e.message}") from e
    return snapshot


async def delete_project(client: Client, settings: Settings, project_id: UUID) -> None:
    """Start (or join) the project's durable deletion and return once its row is gone.

    The run is stopped first and the media deleted after, by the ProjectDeletionWorkflow, so a crash of this
    process mid-way never leaves a half-deleted project.
    """
    start: WithStartWorkflowOperation[Any, int] = WithStartWorkflowOperation(
        names.DELETION_WORKFLOW,
        DeletionInput(
            project_id=project_id,
            straggler_window_seconds=settings.render_heartbeat_timeout + STRAGGLER_MARGIN_SECONDS,
        ),
        id=deletion_workflow_id(project_id),
        id_conflict_policy=WorkflowIDConflictPolicy.USE_EXISTING,
        task_queue=settings.temporal_task_queue,
        result_type=int,
    )
    try:
        await client.execute_update_with_start_workflow(
            names.WAIT_ROW_DELETED, start_workflow_operation=start, result_type=bool
        )
    except RPCError as e:
        raise HTTPException(status.HTTP_503_SERVICE_UNAVAILABLE, f"Workflow service unavailable: {e.message}") from e
