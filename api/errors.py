"""Every error leaves the API as JSON with a human-readable `detail` message."""

import logging
from typing import Any

import asyncpg
from fastapi import FastAPI, Request, status
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout

from db.engine import DatabaseUnavailable

log = logging.getLogger("comic.api")

# Seconds a client is told to wait before retrying while PostgreSQL is away.
DATABASE_RETRY_AFTER_SECONDS = 5
# asyncpg's own "the connection is gone" errors, for code that uses the driver directly (SQLAlchemy wraps them).
ASYNCPG_CONNECTION_LOST: tuple[type[Exception], ...] = (
    asyncpg.PostgresConnectionError,
    asyncpg.CannotConnectNowError,
    asyncpg.AdminShutdownError,
    asyncpg.CrashShutdownError,
)
DATABASE_ERRORS: tuple[type[Exception], ...] = (DatabaseUnavailable, PoolTimeout, DBAPIError, *ASYNCPG_CONNECTION_LOST)


def _describe(error: dict[str, Any]) -> str:
    location = ".".join(str(part) for part in error.get("loc", ()))
    return f"{location}: {error.get('msg', 'invalid')}" if location else str(error.get("msg", "invalid"))


async def _validation_error(_: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    errors = list(exc.errors())
    message = "; ".join(_describe(e) for e in errors[:5]) or "invalid request"
    body = {
        "detail": f"Invalid request: {message}",
        "errors": jsonable_encoder(errors, exclude={"input", "ctx"}),
    }
    return JSONResponse(status_code=422, content=body)


def database_outage(error: BaseException) -> str | None:
    """Why `error` means PostgreSQL cannot be reached right now, or None for any other failure (a bug stays a 500)."""
    if isinstance(error, DatabaseUnavailable):
        return error.reason
    if isinstance(error, PoolTimeout):
        return "no connection free in the pool"
    if isinstance(error, DBAPIError):
        # OperationalError is the DBAPI's "the database is not operating" (connection failures, shutdowns).
        lost = error.connection_invalidated or isinstance(error, OperationalError)
        return "the connection was lost" if lost else None
    if isinstance(error, ASYNCPG_CONNECTION_LOST):
        return "the connection was lost"
    return None


async def _database_unavailable(request: Request, exc: Exception) -> JSONResponse:
    reason = database_outage(exc)
    if reason is None:
        raise exc
    # The driver's text names hosts and ports: the log gets it, the client a fixed reason.
    log.warning("%s %s: database unavailable: %s: %s", request.method, request.url.path, type(exc).__name__, exc)
    return JSONResponse(
        status_code=status.HTTP_503_SERVICE_UNAVAILABLE,
        content={"detail": f"Database unavailable: {reason}"},
        headers={"Retry-After": str(DATABASE_RETRY_AFTER_SECONDS)},
    )


def install_error_handlers(app: FastAPI) -> None:
    """Request-validation failures are a 422 with a one-line message plus the structured errors; PostgreSQL being
    unreachable (refused, timed out, connection lost) is a 503 with `Retry-After`, whichever route hit it."""
    app.add_exception_handler(RequestValidationError, _validation_error)
    for kind in DATABASE_ERRORS:
        app.add_exception_handler(kind, _database_unavailable)
