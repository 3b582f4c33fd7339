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
from starlette.exceptions import HTTPException as StarletteHTTPException

from api.schemas import ErrorOut
from db.engine import DatabaseUnavailable

log = logging.getLogger("comic.api")

FASTAPI_BODY_PARSE_ERROR = "There was an error parsing the body"
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


def error_response(
    status_code: int, detail: str, errors: list[Any] | None = None, headers: dict[str, str] | None = None
) -> JSONResponse:
    """The one shape of every error answer (ErrorOut): `detail`, plus `errors` (empty unless validation failed)."""
    return JSONResponse({"detail": detail, "errors": errors or []}, status_code=status_code, headers=headers)


async def _validation_error(_: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    errors = list(exc.errors())
    message = "; ".join(_describe(e) for e in errors[:5]) or "invalid request"
    return error_response(422, f"Invalid request: {message}", jsonable_encoder(errors, exclude={"input", "ctx"}))


async def _http_error(_: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    if exc.status_code == 400 and exc.detail == FASTAPI_BODY_PARSE_ERROR:
        # FastAPI's answer to a body it cannot decode (not UTF-8): a malformed body, like invalid JSON.
        return error_response(422, "Invalid request: the body is not UTF-8 JSON")
    return error_response(exc.status_code, str(exc.detail), headers=getattr(exc, "headers", None))


async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
    log.exception("%s %s failed", request.method, request.url.path, exc_info=exc)
    return error_response(500, "Internal server error: the failure is logged")


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
    return error_response(
        status.HTTP_503_SERVICE_UNAVAILABLE,
        f"Database unavailable: {reason}",
        headers={"Retry-After": str(DATABASE_RETRY_AFTER_SECONDS)},
    )


def install_error_handlers(app: FastAPI) -> None:
    """Request-validation failures are a 422 with a one-line message plus the structured errors; PostgreSQL being
    unreachable (refused, timed out, connection lost) is a 503 with `Retry-After`, whichever route hit it."""
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    for kind in DATABASE_ERRORS:
        app.add_exception_handler(kind, _database_unavailable)
    app.add_exception_handler(Exception, _unexpected)


def document_errors(app: FastAPI) -> None:
    """Make the OpenAPI describe the error bodies actually sent (ErrorOut, for 422 too)."""
    plain = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            schema = plain()
            schemas = schema.setdefault("components", {}).setdefault("schemas", {})
            # FastAPI documents every 422 as its own HTTPValidationError: ours is the ErrorOut shape.
            schemas["HTTPValidationError"] = ErrorOut.model_json_schema(ref_template="#/components/schemas/{model}")
            app.openapi_schema = schema
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]


ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    code: {"model": ErrorOut, "description": description}
    for code, description in {
        401: "Missing, expired or invalid bearer token",
        404: "No such project (or another user's)",
        409: "Conflicts with the project's current state (stale version, phase running, would replace results)",
        413: "Request body larger than MAX_BODY_BYTES",
        429: "A per-user quota is exhausted (see Retry-After)",
        503: "PostgreSQL or Temporal unreachable (see Retry-After)",
    }.items()
}
