"""Per-user quotas on the phase routes: admitted in PostgreSQL before the workflow hears of the request."""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from uuid import UUID

from fastapi import HTTPException, status
from sqlalchemy.ext.asyncio import AsyncSession
from temporalio.client import Client

from api.comic import running_snapshot
from core.config import Settings
from db.models import Project
from db.quotas import Limits, QuotaExceeded, QuotaRepository, state_is_generating

# What the workflow answers when it refuses a request: nothing started, so its active run is taken back.
WORKFLOW_REFUSALS = {status.HTTP_404_NOT_FOUND, status.HTTP_409_CONFLICT, status.HTTP_422_UNPROCESSABLE_CONTENT}


def limits_of(settings: Settings) -> Limits:
    """The deployment's per-user limits."""
    return Limits(max_active_runs=settings.user_max_active_runs, rate_per_minute=settings.user_generation_rate)


async def workflow_generating(client: Client, project_id: UUID) -> bool:
    """Whether the project's workflow is really at work (no open run, or idle with nothing running, is not)."""
    snapshot = await running_snapshot(client, project_id)
    return snapshot is not None and (snapshot.busy or state_is_generating(snapshot.state))


def too_many(refusal: QuotaExceeded) -> HTTPException:
    """The 429 naming the limit that was reached, with `Retry-After` in whole seconds."""
    if refusal.limit == "rate":
        detail = (
            f"USER_GENERATION_RATE ({refusal.allowed} per minute) reached: {refusal.current} generation requests "
            f"in the last minute; retry in {refusal.retry_after} s"
        )
    else:
        detail = (
            f"USER_MAX_ACTIVE_RUNS ({refusal.allowed}) reached: {refusal.current} of your projects are generating; "
            "wait for one to finish"
        )
    return HTTPException(status.HTTP_429_TOO_MANY_REQUESTS, detail, headers={"Retry-After": str(refusal.retry_after)})


@asynccontextmanager
async def admitted(session: AsyncSession, client: Client, settings: Settings, project: Project) -> AsyncIterator[None]:
    """Admit one generation request of the project's owner, or raise the 429, before the block sends it on.

    A refusal by the workflow inside the block removes the active run this admission created.
    """
    quotas = QuotaRepository(session)
    try:
        admission = await quotas.admit(
            project.owner_id, project.id, limits_of(settings), lambda pid: workflow_generating(client, pid)
        )
    except QuotaExceeded as refusal:
        raise too_many(refusal) from refusal
    try:
        yield
    except HTTPException as e:
        if e.status_code in WORKFLOW_REFUSALS:
            await quotas.release(admission)
        raise
