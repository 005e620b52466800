"""The one clock. Domain code takes `today`/`now` as arguments; callers get them here so tests can freeze time."""

from datetime import UTC, date, datetime

_frozen: datetime | None = None


def now() -> datetime:
    return _frozen or datetime.now(UTC)


def today() -> date:
    return now().date()


def freeze(at: datetime | None) -> None:
    """Freeze (or with None, unfreeze) the clock; for tests and demo data only."""
    global _frozen
    _frozen = at
