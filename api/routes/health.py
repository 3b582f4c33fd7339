"""Liveness of the service's dependencies."""

import asyncio
import logging
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse
from sqlalchemy import text

router = APIRouter(tags=["health"])
log = logging.getLogger("comic.health")

CHECK_TIMEOUT_SECONDS = 3.0


async def _check(name: str, probe: Any) -> dict[str, bool]:
    """`{"ok": bool}`; why a check failed goes to the log only (its text names hosts, users, ports)."""
    try:
        await asyncio.wait_for(probe, CHECK_TIMEOUT_SECONDS)
    except Exception as e:
        log.warning("health check of %s failed: %s: %s", name, type(e).__name__, e)
        return {"ok": False}
    return {"ok": True}


async def _database(request: Request) -> None:
    async with request.app.state.engine.connect() as connection:
        await connection.execute(text("SELECT 1"))


@router.get("/healthz")
async def healthz(request: Request) -> JSONResponse:
    """200 when PostgreSQL and Temporal both answer, else 503; each dependency reported separately, no error text."""
    database, temporal = await asyncio.gather(
        _check("database", _database(request)),
        _check("temporal", request.app.state.temporal.service_client.check_health()),
    )
    ok = database["ok"] and temporal["ok"]
    body = {"status": "ok" if ok else "degraded", "database": database, "temporal": temporal}
    return JSONResponse(body, status_code=200 if ok else 503)
