"""Create and drop whole databases on a PostgreSQL server (test isolation)."""

import asyncpg

from db.engine import driver_url


async def _on_server(server_url: str, statement: str) -> None:
    connection = await asyncpg.connect(driver_url(server_url, "postgres"))
    try:
        await connection.execute(statement)
    finally:
        await connection.close()


async def create_database(server_url: str, name: str) -> str:
    """Create database `name` on the server of `server_url`; return a URL for it."""
    await _on_server(server_url, f'CREATE DATABASE "{name}"')
    return driver_url(server_url, name)


async def drop_database(server_url: str, name: str) -> None:
    """Drop database `name`, disconnecting anyone still on it."""
    await _on_server(server_url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
