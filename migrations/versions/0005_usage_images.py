"""usage counts image generations per model: backfilled from the renders a document keeps

Usage now records LLM calls per model (`usage.llm`) and images per model (`usage.images`) as calls finish, and
documents gain a `style` (default "western"). Rows written before have neither: their `usage.images` is counted
from the artifacts they keep (sheets and panels, current and history, replaced content's included; composed pages
and exports call no model), so a project's and a user's usage do not start at zero. Their LLM tokens stay in the
totals only (shown as model "unrecorded"). Renders of entities deleted since, or of replaced content no longer
kept, are not in the document and cannot be counted. New fields have defaults, so the shape stays version 2.

Downgrade removes `usage.llm`, `usage.images` and `style`, which code before this revision refuses.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01
"""

import json
from collections import Counter
from collections.abc import Iterator, Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _renders(state: dict[str, Any]) -> Iterator[dict[str, Any]]:
    entities = [*(state.get("characters") or {}).values(), *(state.get("panels") or [])]
    for replaced in state.get("previous") or []:
        entities.extend([*(replaced.get("characters") or {}).values(), *(replaced.get("panels") or [])])
    for entity in entities:
        if entity.get("artifact"):
            yield entity["artifact"]
        yield from entity.get("history") or []


def upgrade() -> None:
    connection = op.get_bind()
    rows = connection.execute(
        sa.text("SELECT id, state FROM projects WHERE NOT coalesce(state -> 'usage', '{}'::jsonb) ? 'images'")
    )
    for project_id, state in rows.all():
        images = Counter(str(a.get("model") or "unknown") for a in _renders(state))
        usage = {"prompt_tokens": 0, "completion_tokens": 0, **(state.get("usage") or {}), "images": dict(images)}
        connection.execute(
            sa.text("UPDATE projects SET state = jsonb_set(state, '{usage}', CAST(:usage AS jsonb)) WHERE id = :id"),
            {"id": project_id, "usage": json.dumps(usage)},
        )


def downgrade() -> None:
    op.execute(
        "UPDATE projects SET state = jsonb_set(state - 'style', '{usage}', "
        "coalesce(state -> 'usage', '{}'::jsonb) - 'llm' - 'images')"
    )
