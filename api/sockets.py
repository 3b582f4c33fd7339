"""Socket.IO: clients authenticate with their JWT, subscribe to their projects, and receive `state.updated`.

Events come from PostgreSQL NOTIFY (see db/events.py), so any API replica relays what any worker persisted.
A connection lasts as long as its token: the server disconnects it when the token expires.
"""

import asyncio
import time
import uuid
from typing import Any

import socketio
from fastapi import FastAPI
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from core.security import InvalidToken, read_token
from db.models import Project
from db.projects import ProjectRepository

STATE_UPDATED = "state.updated"
PROJECT_DELETED = "project.deleted"
PHASE_OF_KIND = {"story": "story", "character": "character_renders", "panel": "panel_renders"}


ROOM_PREFIX = "project:"


def room(project_id: str) -> str:
    """Socket.IO room ids are the project id behind a prefix, so a room name never collides with a session id."""
    return f"{ROOM_PREFIX}{project_id}"


def _token(environ: dict[str, Any], auth: Any) -> str:
    if isinstance(auth, dict) and isinstance(auth.get("token"), str):
        return str(auth["token"])
    header = str(environ.get("HTTP_AUTHORIZATION", ""))
    return header[7:] if header.lower().startswith("bearer ") else ""


def socket_origins(origins: list[str]) -> list[str] | str | None:
    """python-socketio's `cors_allowed_origins` for CORS_ORIGINS.

    Its `[]` switches origin checks off altogether (any site could open a WebSocket), so "no cross-origin" is
    `None`: only the server's own origin (Host, or X-Forwarded-Host behind a proxy) may connect.
    """
    if "*" in origins:
        return "*"
    return origins or None


def create_socket_server(app: FastAPI, origins: list[str], websocket_only: bool = False) -> socketio.AsyncServer:
    """The Socket.IO server of `app` (handlers read the app's settings and sessions at call time).

    `websocket_only` when several API processes share a port: long-polling's requests of one session may reach
    another process, which does not know it (a WebSocket is one connection, to one process).
    """
    sio = socketio.AsyncServer(
        async_mode="asgi",
        cors_allowed_origins=socket_origins(origins),
        transports=["websocket"] if websocket_only else None,
    )
    expiries: dict[str, asyncio.Task[None]] = {}

    @sio.event
    async def connect(sid: str, environ: dict[str, Any], auth: Any = None) -> None:
        try:
            claims = read_token(app.state.settings, _token(environ, auth))
        except InvalidToken as e:
            raise socketio.exceptions.ConnectionRefusedError(f"unauthorized: {e}") from e
        await sio.save_session(sid, {"user": claims.sub})
        expiries[sid] = asyncio.create_task(_expire(sid, claims.exp))

    @sio.event
    async def disconnect(sid: str, reason: Any = None) -> None:
        task = expiries.pop(sid, None)
        if task is not None:
            task.cancel()

    async def _expire(sid: str, exp: int) -> None:
        """Disconnect `sid` when its token expires: its rooms (subscriptions) go with it."""
        await asyncio.sleep(max(0.0, exp - time.time()))
        # Forget the task first: the disconnect handler must not cancel the task that is running it.
        expiries.pop(sid, None)
        await sio.emit("error", {"message": "token expired"}, to=sid)
        await sio.disconnect(sid)

    @sio.on("subscribe")
    async def subscribe(sid: str, data: Any = None) -> dict[str, Any]:
        """Join a project's room: `{"project_id": ...}`; only the project's owner may."""
        user = (await sio.get_session(sid))["user"]
        raw = data.get("project_id") if isinstance(data, dict) else None
        try:
            project_id = uuid.UUID(str(raw))
        except ValueError:
            return await _refuse(sid, f"Invalid project_id: {raw!r}")
        async with app.state.sessionmaker() as session:
            project = await ProjectRepository(session).get(project_id, user)
        if project is None:
            return await _refuse(sid, f"Project {project_id} not found")
        await sio.enter_room(sid, room(str(project_id)))
        return {"ok": True, "project_id": str(project_id), "version": project.version}

    @sio.on("unsubscribe")
    async def unsubscribe(sid: str, data: Any = None) -> dict[str, Any]:
        """Leave a project's room."""
        raw = data.get("project_id") if isinstance(data, dict) else None
        await sio.leave_room(sid, room(str(raw)))
        return {"ok": True}

    async def _refuse(sid: str, message: str) -> dict[str, Any]:
        await sio.emit("error", {"message": message}, to=sid)
        return {"ok": False, "error": message}

    return sio


async def relay(sio: socketio.AsyncServer, event: dict[str, Any]) -> None:
    """Emit one `state.updated` per change of a persisted state event to the project's room.

    A deleted project's room gets one `project.deleted` and is closed: its subscriptions end.
    """
    project_id = str(event["project_id"])
    if event.get("deleted"):
        await sio.emit(PROJECT_DELETED, {"project_id": project_id}, room=room(project_id))
        await sio.close_room(room(project_id))
        return
    changes = event.get("changes") or [None]
    for change in changes:
        phase = None
        if change is not None:
            phase = change["id"] if change["kind"] == "phase" else PHASE_OF_KIND.get(change["kind"])
        payload = {"project_id": project_id, "version": event["version"], "phase": phase, "change": change}
        await sio.emit(STATE_UPDATED, payload, room=room(project_id))


def subscribed_projects(sio: socketio.AsyncServer) -> list[uuid.UUID]:
    """The projects this process has subscribers for."""
    rooms = sio.manager.rooms.get("/", {})
    return [uuid.UUID(name[len(ROOM_PREFIX) :]) for name in list(rooms) if str(name).startswith(ROOM_PREFIX)]


async def catch_up(sio: socketio.AsyncServer, sessions: async_sessionmaker[AsyncSession]) -> None:
    """One `state.updated` per subscribed project with its stored version (`phase` and `change` null).

    Run when state events flow again after the LISTEN connection was lost: NOTIFYs sent meanwhile are gone, so
    without it a subscriber would wait for the next change, and after a run's last write there is none.
    """
    project_ids = subscribed_projects(sio)
    if not project_ids:
        return
    # Versions only (one query for every room), not the documents ProjectRepository.get would load.
    async with sessions() as session:
        rows = (await session.execute(select(Project.id, Project.version).where(Project.id.in_(project_ids)))).all()
    for project_id, version in rows:
        payload = {"project_id": str(project_id), "version": version, "phase": None, "change": None}
        await sio.emit(STATE_UPDATED, payload, room=room(str(project_id)))
