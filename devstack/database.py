"""Create and drop whole databases on a PostgreSQL server (test isolation)."""

import asyncpg

from db.engine import driver_url


async def create_database(server_url: str, name: str) -> str:
    """Create database `name` on the server of `server_url`; return a URL for it."""
    connection = await asyncpg.connect(driver_url(server_url, "postgres"))
    try:
        await connection.execute(f'CREATE DATABASE "{name}"')
    finally:
        await connection.close()
    return driver_url(server_url, name)


async def drop_database(server_url: str, name: str) -> None:
    """Drop database `name`, disconnecting anyone still on it."""
    connection = await asyncpg.connect(driver_url(server_url, "postgres"))
    try:
        await connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        await connection.close()
