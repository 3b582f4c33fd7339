"""Operator actions, for tokens whose `roles` claim holds "admin": list failed, running or stuck runs, cancel a
project's run, reset a phase of a project that has no run open.

Every action is logged (logger `comic.admin`) with the admin's user id.
"""

import asyncio
import logging
from datetime import UTC, datetime, timedelta
from typing import Annotated, Any, Literal, get_args
from uuid import UUID

import jwt
from fastapi import APIRouter, Depends, HTTPException, Query, status
from fastapi.security import HTTPAuthorizationCredentials
from pydantic import BaseModel, Field
from sqlalchemy import func, select
from temporalio.client import Client, WorkflowExecution, WorkflowExecutionStatus, WorkflowQueryRejectedError
from temporalio.service import RPCError, RPCStatusCode

from api.comic import query_snapshot
from api.deps import CurrentUser, RepositoryDep, SessionDep, TemporalDep, _bearer
from api.schemas import ErrorOut
from contracts.workflows import COMIC_WORKFLOW, Snapshot, workflow_id
from core.logs import project_of
from db.events import CHANNEL, event_payload
from db.models import Project
from db.projects import VersionConflict
from domain.state import ConsolidatedComicState, PhaseName, PhaseState
from domain.user_input import UserInput

log = logging.getLogger("comic.admin")

ADMIN_ROLE = "admin"
LISTED_TYPE = COMIC_WORKFLOW
PROBES_AT_ONCE = 10  # snapshot queries the stuck listing sends at a time


def require_admin(
    user: CurrentUser, credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]
) -> str:
    """The admin's user id; 401 without a valid token (CurrentUser), 403 when its `roles` claim lacks "admin"."""
    assert credentials is not None  # CurrentUser refused a request without one
    # CurrentUser has verified this very token (signature, expiry, audience): only the claim is read here.
    roles = jwt.decode(credentials.credentials, options={"verify_signature": False}).get("roles")
    if not isinstance(roles, list) or ADMIN_ROLE not in roles:
        raise HTTPException(status.HTTP_403_FORBIDDEN, 'Forbidden: operator actions need a token with roles ["admin"]')
    return user


Admin = Annotated[str, Depends(require_admin)]

router = APIRouter(
    prefix="/admin",
    tags=["admin"],
    dependencies=[Depends(require_admin)],
    responses={403: {"model": ErrorOut, "description": 'The token has no "admin" role'}},
)


class AdminWorkflow(BaseModel):
    """One project run as Temporal's visibility lists it (stuck listings add what made it stuck)."""

    workflow_id: str
    run_id: str
    project_id: UUID | None
    status: str = Field(description="Temporal's execution status: running, failed, ...")
    started_at: datetime | None
    closed_at: datetime | None
    stored_at: datetime | None = Field(default=None, description="When the project's row last changed (stuck)")
    answered: bool | None = Field(default=None, description="Whether the run answered its status query (stuck)")
    running_phases: list[str] = Field(default_factory=list, description="Phases the run reports running (stuck)")


class AdminWorkflowList(BaseModel):
    """The runs a listing found, most recent first."""

    status: str
    query: str = Field(description="The visibility query sent (`temporal workflow list --query` takes it as is)")
    items: list[AdminWorkflow]


class RunCancelled(BaseModel):
    """A cancellation was requested; the run ends as Canceled once its worker takes the request in."""

    project_id: UUID
    workflow_id: str
    run_id: str
    message: str


class ResetPhase(UserInput):
    """Which phase of the stored project to set back to `idle`."""

    phase: PhaseName


class PhaseReset(BaseModel):
    """The phase's mark after the reset, and the version that stored it (a client's next PATCH bases on it)."""

    project_id: UUID
    phase: PhaseName
    status: PhaseState
    version: int


def _query(execution_status: str) -> str:
    return f"WorkflowType='{LISTED_TYPE}' AND ExecutionStatus='{execution_status}'"


def _listed(execution: WorkflowExecution) -> AdminWorkflow:
    project = project_of(execution.id)
    return AdminWorkflow(
        workflow_id=execution.id,
        run_id=execution.run_id,
        project_id=UUID(project) if project else None,
        status=execution.status.name.lower() if execution.status else "unknown",
        started_at=execution.start_time,
        closed_at=execution.close_time,
    )


def _unavailable(e: RPCError) -> HTTPException:
    return HTTPException(status.HTTP_503_SERVICE_UNAVAILABLE, f"Workflow service unavailable: {e.message}")


async def _list(client: Client, query: str, limit: int) -> list[AdminWorkflow]:
    try:
        return [_listed(execution) async for execution in client.list_workflows(query, limit=limit)]
    except RPCError as e:
        raise _unavailable(e) from e


async def _probe(client: Client, run: AdminWorkflow) -> Snapshot | None:
    """The run's snapshot; None when it does not answer in QUERY_TIMEOUT (no worker serves it) or has closed."""
    handle = client.get_workflow_handle(run.workflow_id, run_id=run.run_id)
    try:
        return await query_snapshot(handle)
    except (WorkflowQueryRejectedError, RPCError):
        return None


async def _stuck(
    client: Client, session: SessionDep, running: list[AdminWorkflow], quiet: timedelta
) -> list[AdminWorkflow]:
    """Running runs whose project row has not changed for `quiet` while the run is busy, or does not answer."""
    ids = [run.project_id for run in running if run.project_id is not None]
    rows = await session.execute(select(Project.id, Project.updated_at).where(Project.id.in_(ids)))
    stored: dict[UUID, datetime] = {row.id: row.updated_at for row in rows}
    now = (await session.scalar(select(func.now()))) or datetime.now(UTC)  # the clock updated_at was set by
    await session.commit()  # no transaction held while the runs are queried
    candidates = []
    for run in running:
        last = stored.get(run.project_id) if run.project_id else None
        if last is None or now - last >= quiet:
            candidates.append(run.model_copy(update={"stored_at": last}))
    gate = asyncio.Semaphore(PROBES_AT_ONCE)

    async def probed(run: AdminWorkflow) -> AdminWorkflow | None:
        async with gate:
            snapshot = await _probe(client, run)
        if snapshot is None:
            return run.model_copy(update={"answered": False})
        phases = [name for name in get_args(PhaseName) if getattr(snapshot.state.phases, name).status == "running"]
        if not snapshot.busy and not phases:
            return None  # open and idle: waiting for the next request (or its idle timeout), not stuck
        return run.model_copy(update={"answered": True, "running_phases": phases})

    return [run for run in await asyncio.gather(*(probed(r) for r in candidates)) if run is not None]


@router.get("/workflows", response_model=AdminWorkflowList)
async def list_runs(
    client: TemporalDep,
    session: SessionDep,
    status_: Annotated[Literal["failed", "running", "stuck"], Query(alias="status")],
    project_id: Annotated[UUID | None, Query(description="Only this project's runs")] = None,
    limit: Annotated[int, Query(ge=1, le=1000, description="Most runs listed")] = 100,
    stuck_minutes: Annotated[
        int,
        Query(ge=0, le=7 * 24 * 60, description="stuck: minutes the row has not changed while the run is busy"),
    ] = 15,
) -> AdminWorkflowList:
    """Project runs (ComicWorkflows) from Temporal's visibility, most recent first.

    `failed`: runs that ended Failed. `running`: open runs. `stuck`: open runs whose project row has not changed
    for `stuck_minutes` (0: any) although the run is busy (a phase or a write in progress), or that do not answer
    their status query within 3 s (no worker serves them). Visibility lags the runs by up to a second or so.
    """
    query = _query("Failed" if status_ == "failed" else "Running")
    if project_id is not None:
        query += f" AND WorkflowId='{workflow_id(project_id)}'"  # a UUID: nothing to escape
    runs = await _list(client, query, limit)
    if status_ == "stuck":
        runs = await _stuck(client, session, runs, timedelta(minutes=stuck_minutes))
    return AdminWorkflowList(status=status_, query=query, items=runs)


async def _open_run(client: Client, project_id: UUID) -> str | None:
    """The run id of the project's open ComicWorkflow run, or None when none is open."""
    try:
        description = await client.get_workflow_handle(workflow_id(project_id)).describe()
    except RPCError as e:
        if e.status == RPCStatusCode.NOT_FOUND:
            return None
        raise _unavailable(e) from e
    return description.run_id if description.status == WorkflowExecutionStatus.RUNNING else None


@router.post("/projects/{project_id}/cancel", status_code=status.HTTP_202_ACCEPTED, response_model=RunCancelled)
async def cancel_run(project_id: UUID, admin: Admin, client: TemporalDep) -> RunCancelled:
    """Request cancellation of the project's open run (Temporal's workflow cancel); 409 when none is open.

    The run stops where it is and ends as Canceled; what it had not stored yet is lost, and phases it left
    `running` in the row become `error` ("interrupted") when the next request starts a new run from the row.
    """
    run_id = await _open_run(client, project_id)
    if run_id is None:
        raise HTTPException(status.HTTP_409_CONFLICT, f"No run of project {project_id} is open")
    try:
        await client.get_workflow_handle(workflow_id(project_id), run_id=run_id).cancel()
    except RPCError as e:
        raise _unavailable(e) from e
    log.warning("admin %s cancelled run %s of project %s", admin, run_id, project_id)
    return RunCancelled(
        project_id=project_id, workflow_id=workflow_id(project_id), run_id=run_id, message="cancellation requested"
    )


@router.post("/projects/{project_id}/reset-phase", response_model=PhaseReset)
async def reset_phase(
    project_id: UUID, body: ResetPhase, admin: Admin, client: TemporalDep, repo: RepositoryDep
) -> PhaseReset:
    """Set one phase of the stored project back to `idle`, its error cleared (progress counts kept).

    Only while no run is open (409 "cancel the run first"): an open run is the state's single writer. The write
    is a compare-and-set on the row's version (409 if it moved) and is announced like any state change.
    """
    if await _open_run(client, project_id) is not None:
        raise HTTPException(
            status.HTTP_409_CONFLICT,
            f"A run of project {project_id} is open: cancel the run first (POST /admin/projects/{project_id}/cancel)",
        )
    project = await repo.get(project_id)
    if project is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, f"Project {project_id} not found")
    state = ConsolidatedComicState.from_stored(project.state)
    current: PhaseState = getattr(state.phases, body.phase)
    reset = PhaseState(status="idle", error=None, done=current.done, total=current.total)
    setattr(state.phases, body.phase, reset)
    try:
        updated = await repo.update(project_id, project.version, state=state.model_dump(mode="json"))
    except VersionConflict as e:
        raise HTTPException(status.HTTP_409_CONFLICT, f"The project changed meanwhile ({e}); try again") from e
    if updated is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, f"Project {project_id} not found")
    change: dict[str, Any] = {"kind": "phase", "id": body.phase, "status": "idle"}
    await repo.session.execute(select(func.pg_notify(CHANNEL, event_payload(project_id, updated.version, [change]))))
    await repo.session.commit()
    log.warning("admin %s reset phase %s of project %s (was %s)", admin, body.phase, project_id, current.status)
    return PhaseReset(project_id=project_id, phase=body.phase, status=reset, version=updated.version)
