"""The model and the rules. Nothing in here imports FastAPI."""
