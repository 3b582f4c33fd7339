"""Alembic migrations go up and down cleanly on a real PostgreSQL."""

import asyncio
from collections.abc import Callable

from sqlalchemy import text

from db.engine import make_engine
from db.migrate import downgrade, upgrade


async def tables_and_indexes(url: str) -> tuple[set[str], set[str]]:
    engine = make_engine(url)
    try:
        async with engine.connect() as connection:
            tables = await connection.execute(text("SELECT tablename FROM pg_tables WHERE schemaname = 'public'"))
            indexes = await connection.execute(text("SELECT indexname FROM pg_indexes WHERE schemaname = 'public'"))
            return {r[0] for r in tables}, {r[0] for r in indexes}
    finally:
        await engine.dispose()


async def test_upgrade_downgrade_upgrade(fresh_database: Callable) -> None:  # type: ignore[type-arg]
    url = await fresh_database()
    await asyncio.to_thread(upgrade, url)
    tables, indexes = await tables_and_indexes(url)
    assert {"projects", "alembic_version"} <= tables
    assert "ix_projects_owner_id_created_at" in indexes

    await asyncio.to_thread(downgrade, url, "base")
    tables, _ = await tables_and_indexes(url)
    assert "projects" not in tables

    await asyncio.to_thread(upgrade, url)
    tables, _ = await tables_and_indexes(url)
    assert "projects" in tables
