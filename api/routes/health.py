"""Liveness of the service's dependencies."""

import asyncio
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse
from sqlalchemy import text

router = APIRouter(tags=["health"])

CHECK_TIMEOUT_SECONDS = 3.0


async def _check(probe: Any) -> dict[str, Any]:
    try:
        await asyncio.wait_for(probe, CHECK_TIMEOUT_SECONDS)
    except Exception as e:
        return {"ok": False, "error": f"{type(e).__name__}: {e}"[:300]}
    return {"ok": True}


async def _database(request: Request) -> None:
    async with request.app.state.engine.connect() as connection:
        await connection.execute(text("SELECT 1"))


@router.get("/healthz")
async def healthz(request: Request) -> JSONResponse:
    """200 when PostgreSQL and Temporal both answer, else 503; each dependency reported separately."""
    database, temporal = await asyncio.gather(
        _check(_database(request)), _check(request.app.state.temporal.service_client.check_health())
    )
    ok = database["ok"] and temporal["ok"]
    body = {"status": "ok" if ok else "degraded", "database": database, "temporal": temporal}
    return JSONResponse(body, status_code=200 if ok else 503)
