"""The product catalogue and the providers (aanbieders) with their contracts."""
