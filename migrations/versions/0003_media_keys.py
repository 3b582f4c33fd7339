"""artifacts store a media key, not a URL (the API signs URLs per response)

Each artifact's `url` (`<base>/media/<key>` or `/media/<key>`) becomes `key`. An artifact whose URL is not one of
ours (set by hand through an old PATCH) cannot be mapped to the project's own media: it is dropped, and an entity
whose current render is dropped goes back to `pending`.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-01
"""

import json
import re
from collections.abc import Callable, Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The key rule of domain/artifact.py at this revision (migrations do not import the app's code).
KEY = re.compile(r"^[0-9a-f-]{36}/[A-Za-z0-9._/-]+$")


def _key_of(url: str, project_id: str) -> str | None:
    path = url.split("?", 1)[0]
    _, found, key = path.partition("/media/")
    if not found or not KEY.match(key) or any(p in ("", ".", "..") for p in key.split("/")):
        return None
    return key if key.startswith(f"{project_id}/") else None


def _to_key(artifact: dict[str, Any], project_id: str) -> dict[str, Any] | None:
    if "key" in artifact:
        return artifact
    key = _key_of(str(artifact.get("url") or ""), project_id)
    if key is None:
        return None
    return {"key": key, **{k: v for k, v in artifact.items() if k != "url"}}


def _to_url(artifact: dict[str, Any], _project_id: str) -> dict[str, Any] | None:
    if "url" in artifact:
        return artifact
    return {"url": f"/media/{artifact['key']}", **{k: v for k, v in artifact.items() if k != "key"}}


def _rewrite(
    state: dict[str, Any], project_id: str, convert: Callable[[dict[str, Any], str], dict[str, Any] | None]
) -> dict[str, Any]:
    entities = [*(state.get("characters") or {}).values(), *(state.get("panels") or [])]
    for entity in entities:
        history = [convert(a, project_id) for a in entity.get("history") or []]
        entity["history"] = [a for a in history if a is not None]
        if entity.get("artifact") is not None:
            entity["artifact"] = convert(entity["artifact"], project_id)
            if entity["artifact"] is None and entity.get("render_status") == "completed":
                entity["render_status"] = "pending"
    return state


def _migrate(convert: Callable[[dict[str, Any], str], dict[str, Any] | None]) -> None:
    connection = op.get_bind()
    rows = connection.execute(sa.text("SELECT id, state FROM projects")).all()
    for project_id, state in rows:
        new = _rewrite(json.loads(json.dumps(state)), str(project_id), convert)
        if new != state:
            connection.execute(
                sa.text("UPDATE projects SET state = CAST(:state AS jsonb) WHERE id = :id"),
                {"state": json.dumps(new), "id": project_id},
            )


def upgrade() -> None:
    _migrate(_to_key)


def downgrade() -> None:
    _migrate(_to_url)
