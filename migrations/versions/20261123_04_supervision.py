"""supervision: placeholder, filled in by the supervision work

Revision ID: 20261123_04
Revises: 20261123_03
"""

from collections.abc import Sequence

revision: str = "20261123_04"
down_revision: str | None = "20261123_03"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
