"""state documents carry a schema version (2: artifacts hold media keys)

Documents written before this revision have none: they are version 1 (artifact URLs, migrated to keys by 0003).
A later change of the document's shape bumps domain.state.SCHEMA_VERSION and adds a migration like this one.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-01
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.execute(
        "UPDATE projects SET state = jsonb_set(state, '{schema_version}', '2') WHERE NOT state ? 'schema_version'"
    )


def downgrade() -> None:
    op.execute("UPDATE projects SET state = state - 'schema_version'")
