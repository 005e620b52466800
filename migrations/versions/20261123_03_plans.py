"""plans: placeholder, filled in by the plans work

Revision ID: 20261123_03
Revises: 20261123_02
"""

from collections.abc import Sequence

revision: str = "20261123_03"
down_revision: str | None = "20261123_02"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
