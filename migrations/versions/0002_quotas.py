"""quota tables: recent generation requests (sliding-window rate) and active runs per project

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-26
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "generation_requests",
        sa.Column("id", sa.BigInteger(), sa.Identity(), primary_key=True),
        sa.Column("owner_id", sa.String(255), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()),
    )
    op.create_index("ix_generation_requests_owner_id_at", "generation_requests", ["owner_id", "at"])
    op.create_table(
        "active_runs",
        sa.Column(
            "project_id",
            postgresql.UUID(as_uuid=True),
            sa.ForeignKey("projects.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("owner_id", sa.String(255), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()),
    )
    op.create_index("ix_active_runs_owner_id", "active_runs", ["owner_id"])


def downgrade() -> None:
    op.drop_index("ix_active_runs_owner_id", table_name="active_runs")
    op.drop_table("active_runs")
    op.drop_index("ix_generation_requests_owner_id_at", table_name="generation_requests")
    op.drop_table("generation_requests")
