"""SQLAlchemy models of the toegang area."""
