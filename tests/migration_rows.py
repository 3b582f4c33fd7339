"""One raw project row moved through the migrations and read back: what the data-migration tests share."""

import asyncio
import json
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any
from uuid import UUID

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from db.engine import make_engine
from db.migrate import downgrade, upgrade


class RawRow:
    """The database at `url` holding one project row written as raw JSON (as an older release stored it)."""

    def __init__(self, url: str, engine: AsyncEngine) -> None:
        self.url = url
        self.engine = engine

    async def insert(self, project_id: UUID, state: dict[str, Any]) -> None:
        async with self.engine.begin() as connection:
            await connection.execute(
                text("INSERT INTO projects (id, owner_id, title, state) VALUES (:id, 'u', 't', CAST(:s AS jsonb))"),
                {"id": project_id, "s": json.dumps(state)},
            )

    async def upgrade(self, revision: str) -> Any:
        """The row's state after `alembic upgrade revision`."""
        await asyncio.to_thread(upgrade, self.url, revision)
        return await self._state()

    async def downgrade(self, revision: str) -> Any:
        """The row's state after `alembic downgrade revision`."""
        await asyncio.to_thread(downgrade, self.url, revision)
        return await self._state()

    async def _state(self) -> Any:
        async with self.engine.connect() as connection:
            return (await connection.execute(text("SELECT state FROM projects"))).scalar_one()


@asynccontextmanager
async def raw_row(url: str) -> AsyncIterator[RawRow]:
    """A RawRow on its own engine, disposed of afterwards."""
    engine = make_engine(url)
    try:
        yield RawRow(url, engine)
    finally:
        await engine.dispose()
