"""Async SQLAlchemy engine and session factory."""

from typing import Any

import asyncpg
import pydantic_core
from sqlalchemy import event
from sqlalchemy.engine import Dialect, make_url
from sqlalchemy.exc import DisconnectionError
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker, create_async_engine
from sqlalchemy.pool import ConnectionPoolEntry

# A request waiting longer than this for a connection is better answered "unavailable" than left hanging.
CONNECT_TIMEOUT_SECONDS = 5.0

# What asyncpg raises when the server cannot take a connection now (refused, unreachable, timed out, shutting
# down, starting up, full). Wrong credentials or a missing database are configuration errors, not outages.
CONNECT_FAILURES: tuple[type[BaseException], ...] = (
    OSError,  # includes ConnectionRefusedError and TimeoutError
    asyncpg.PostgresConnectionError,
    asyncpg.CannotConnectNowError,
    asyncpg.AdminShutdownError,
    asyncpg.CrashShutdownError,
    asyncpg.TooManyConnectionsError,
)


class DatabaseUnavailable(Exception):
    """PostgreSQL could not be reached; `reason` is safe to show (no host, port or user)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def async_url(url: str) -> str:
    """Turn any PostgreSQL URL (postgres://, postgresql://, +psycopg...) into an asyncpg one."""
    parsed = make_url(url.replace("postgres://", "postgresql://", 1))
    if parsed.get_backend_name() != "postgresql":
        raise ValueError(f"DATABASE_URL must be a PostgreSQL URL, got {parsed.get_backend_name()!r}")
    return parsed.set(drivername="postgresql+asyncpg").render_as_string(hide_password=False)


def driver_url(url: str, database: str | None = None) -> str:
    """`url` as a plain `postgresql://` URL for asyncpg itself (optionally naming another database)."""
    parsed = make_url(async_url(url)).set(drivername="postgresql")
    if database is not None:
        parsed = parsed.set(database=database)
    return parsed.render_as_string(hide_password=False)


def connect_failure_reason(error: BaseException, timeout: float = CONNECT_TIMEOUT_SECONDS) -> str:
    """A short, secret-free description of why connecting failed."""
    if isinstance(error, TimeoutError):
        return f"connecting timed out after {timeout:g}s"
    if isinstance(error, asyncpg.CannotConnectNowError | asyncpg.AdminShutdownError | asyncpg.CrashShutdownError):
        return "the server is starting up or shutting down"
    if isinstance(error, asyncpg.TooManyConnectionsError):
        return "the server has no connection slots left"
    return "cannot connect to the server"


def _connect(dialect: Dialect, _record: ConnectionPoolEntry, cargs: Any, cparams: Any) -> Any:
    # asyncpg's connect errors reach callers unwrapped (a bare OSError or TimeoutError could come from anywhere):
    # name them here, the one place where they certainly mean "the database is unreachable".
    try:
        return dialect.connect(*cargs, **cparams)
    except CONNECT_FAILURES as e:
        raise DatabaseUnavailable(connect_failure_reason(e, cparams.get("timeout", CONNECT_TIMEOUT_SECONDS))) from e


def _discard_closed(dbapi_connection: Any, _record: ConnectionPoolEntry, _proxy: Any) -> None:
    # A pooled connection the server closed (restart, pg_terminate_backend) is known closed locally, at no cost:
    # the pool then connects afresh, so the first request after an outage does not fail on a stale connection.
    # (pool_pre_ping would also catch silently dropped ones, for a round trip on every checkout.)
    if dbapi_connection.driver_connection.is_closed():
        raise DisconnectionError("connection closed by the server")


def _json_dumps(value: Any) -> str:
    # pydantic-core's encoder (Rust) is 3-4x json.dumps on a state document, and every write sends one whole.
    return pydantic_core.to_json(value).decode()


# All kept open, none beyond: a connection opened past the pool is closed on return, and under a steady load of
# more requests than pooled connections that churn (a PostgreSQL backend started per request) cost more than the
# wait for a free one.
POOL_SIZE = 30
POOL_OVERFLOW = 0


def make_engine(url: str, **kwargs: Any) -> AsyncEngine:
    """An engine on `url` that fails fast while PostgreSQL is away and reconnects by itself when it returns.

    Connect failures raise DatabaseUnavailable; a connection broken mid-use raises SQLAlchemy's DBAPIError with
    `connection_invalidated` set, and the pool drops every connection made before it.
    """
    connect_args = {"timeout": CONNECT_TIMEOUT_SECONDS, **kwargs.pop("connect_args", {})}
    # Enough kept open for a busy API process: beyond the pool, each request would open (and close) a connection.
    kwargs.setdefault("pool_size", POOL_SIZE)
    kwargs.setdefault("max_overflow", POOL_OVERFLOW)
    kwargs.setdefault("json_serializer", _json_dumps)
    kwargs.setdefault("json_deserializer", pydantic_core.from_json)
    engine = create_async_engine(async_url(url), connect_args=connect_args, **kwargs)
    event.listen(engine.sync_engine, "do_connect", _connect)
    event.listen(engine.sync_engine, "checkout", _discard_closed)
    return engine


def make_sessionmaker(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    """Sessions that keep loaded objects usable after commit."""
    return async_sessionmaker(engine, expire_on_commit=False)
