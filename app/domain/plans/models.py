"""SQLAlchemy models of the plans area."""
