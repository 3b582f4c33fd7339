"""Per-user quotas on paid work, in PostgreSQL so every API replica and worker counts the same requests and runs."""

import math
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Literal

from sqlalchemy import delete, func, insert, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import ActiveRun, GenerationRequest
from domain.character import Character
from domain.panel import Panel
from domain.state import ConsolidatedComicState, Phases

WINDOW = timedelta(seconds=60)
# A row this young is trusted without asking its workflow: the request that wrote it may not have reached the
# workflow yet, which would then look idle and the row stale.
ADMISSION_GRACE = timedelta(seconds=15)
# How long to tell a client refused for too many active runs to wait (a run's end cannot be predicted).
ACTIVE_RUNS_RETRY_AFTER = 10
# First key of the two-int advisory lock, so the per-owner locks cannot collide with any other advisory lock.
_LOCK_NAMESPACE = 0x51_07_A0

IsGenerating = Callable[[uuid.UUID], Awaitable[bool]]


@dataclass(frozen=True)
class Limits:
    """The quotas one user's admissions are held to."""

    max_active_runs: int
    rate_per_minute: int


@dataclass(frozen=True)
class Admission:
    """What `admit` recorded, so a request the workflow then refuses can take its active run back."""

    project_id: uuid.UUID
    started_at: datetime
    inserted: bool


class QuotaExceeded(Exception):
    """A request over one of the user's limits; `current` is what was counted against `allowed`."""

    def __init__(self, limit: Literal["active_runs", "rate"], allowed: int, current: int, retry_after: int) -> None:
        super().__init__(f"{limit} quota reached: {current} of {allowed}")
        self.limit, self.allowed, self.current, self.retry_after = limit, allowed, current, retry_after


def state_is_generating(state: ConsolidatedComicState) -> bool:
    """Whether the state document shows work in flight (a phase running, the story streaming, a render)."""
    if state.story.status == "streaming":
        return True
    if any(getattr(state.phases, name).status == "running" for name in Phases.model_fields):
        return True
    entities: list[Character | Panel] = [*state.characters.values(), *state.panels]
    return any(e.render_status == "rendering" for e in entities)


def document_is_generating(document: dict[str, Any]) -> bool:
    """`state_is_generating` on a stored (valid) state document, without building the model."""
    if (document.get("story") or {}).get("status") == "streaming":
        return True
    if any(phase.get("status") == "running" for phase in (document.get("phases") or {}).values()):
        return True
    entities = [*(document.get("characters") or {}).values(), *(document.get("panels") or [])]
    return any(e.get("render_status") == "rendering" for e in entities)


def _seconds_until(moment: datetime, now: datetime) -> int:
    return max(1, math.ceil((moment - now).total_seconds()))


class QuotaRepository:
    """Admission of generation requests against a user's rate and active-run limits."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def admit(
        self, owner_id: str, project_id: uuid.UUID, limits: Limits, is_generating: IsGenerating
    ) -> Admission:
        """Record one generation request on `project_id` and mark the project active, or raise QuotaExceeded.

        One transaction (committed here) under a per-owner advisory lock, so concurrent requests of one user on
        any number of replicas are counted exactly. `is_generating` asks a project's workflow; it is consulted
        only when the active-run limit would refuse, to drop rows left by runs that ended without saying so.
        """
        try:
            admission = await self._admit(owner_id, project_id, limits, is_generating)
        except QuotaExceeded:
            await self.session.commit()  # keep the pruning and healing; releases the lock
            raise
        except BaseException:
            await self.session.rollback()
            raise
        await self.session.commit()
        return admission

    async def release(self, admission: Admission) -> None:
        """Take back the active run `admission` created, unless a later admission of the project renewed it."""
        if not admission.inserted:
            return
        await self.session.execute(
            delete(ActiveRun).where(
                ActiveRun.project_id == admission.project_id, ActiveRun.started_at == admission.started_at
            )
        )
        await self.session.commit()

    async def _admit(
        self, owner_id: str, project_id: uuid.UUID, limits: Limits, is_generating: IsGenerating
    ) -> Admission:
        await self.session.execute(select(func.pg_advisory_xact_lock(_LOCK_NAMESPACE, func.hashtext(owner_id))))
        # The clock after the lock (not the transaction's start): waiting for it must not age the request.
        now: datetime = (await self.session.execute(select(func.clock_timestamp()))).scalar_one()
        await self._check_rate(owner_id, now, limits.rate_per_minute)
        inserted = await self._check_active_runs(owner_id, project_id, now, limits.max_active_runs, is_generating)
        await self.session.execute(insert(GenerationRequest).values(owner_id=owner_id, at=now))
        await self.session.execute(
            pg_insert(ActiveRun)
            .values(project_id=project_id, owner_id=owner_id, started_at=now)
            .on_conflict_do_update(index_elements=[ActiveRun.project_id], set_={"started_at": now})
        )
        return Admission(project_id=project_id, started_at=now, inserted=inserted)

    async def _check_rate(self, owner_id: str, now: datetime, allowed: int) -> None:
        """Sliding window over the last minute; older rows of the owner are pruned on the way."""
        await self.session.execute(
            delete(GenerationRequest).where(
                GenerationRequest.owner_id == owner_id, GenerationRequest.at <= now - WINDOW
            )
        )
        recent = list(
            await self.session.scalars(
                select(GenerationRequest.at)
                .where(GenerationRequest.owner_id == owner_id)
                .order_by(GenerationRequest.at)
            )
        )
        if len(recent) >= allowed:
            # The request that must leave the window before there is room for one more.
            frees_at = recent[len(recent) - allowed] + WINDOW
            raise QuotaExceeded("rate", allowed, len(recent), _seconds_until(frees_at, now))

    async def _check_active_runs(
        self, owner_id: str, project_id: uuid.UUID, now: datetime, allowed: int, is_generating: IsGenerating
    ) -> bool:
        """Refuse a project that is not yet active when `allowed` others are; True when it had no row."""
        rows = await self.session.execute(
            select(ActiveRun.project_id, ActiveRun.started_at).where(ActiveRun.owner_id == owner_id)
        )
        runs: dict[uuid.UUID, datetime] = {pid: started for pid, started in rows}
        inserted = runs.pop(project_id, None) is None
        if inserted and len(runs) >= allowed:
            active = await self._drop_stale(runs, now, is_generating)
            # A project generating without its row (it was cleaned up in a race) is still not a new run.
            if active >= allowed and not await is_generating(project_id):
                raise QuotaExceeded("active_runs", allowed, active, ACTIVE_RUNS_RETRY_AFTER)
        return inserted

    async def _drop_stale(self, runs: dict[uuid.UUID, datetime], now: datetime, is_generating: IsGenerating) -> int:
        """Delete the rows whose workflow is not generating (older than the grace only); the count left."""
        stale = []
        for pid, started in runs.items():
            if now - started > ADMISSION_GRACE and not await is_generating(pid):
                stale.append(pid)
        if stale:
            await self.session.execute(delete(ActiveRun).where(ActiveRun.project_id.in_(stale)))
        return len(runs) - len(stale)
