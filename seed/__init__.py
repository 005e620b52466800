"""Code lists, demo data and synthetic data for benchmarks. Data is created through the domain services."""
