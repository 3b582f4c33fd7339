"""Async SQLAlchemy engine and session factory."""

from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker, create_async_engine


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


def make_engine(url: str, **kwargs: object) -> AsyncEngine:
    """An engine on `url` with pre-ping, so a restarted database does not break the pool."""
    return create_async_engine(async_url(url), pool_pre_ping=True, **kwargs)  # type: ignore[arg-type]


def make_sessionmaker(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    """Sessions that keep loaded objects usable after commit."""
    return async_sessionmaker(engine, expire_on_commit=False)
