"""SQLAlchemy models of the supervision area (background jobs, ...)."""
