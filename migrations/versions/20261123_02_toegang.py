"""toegang: placeholder, filled in by the toegang work

Revision ID: 20261123_02
Revises: 20261123_01
"""

from collections.abc import Sequence

revision: str = "20261123_02"
down_revision: str | None = "20261123_01"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
