"""Reference data from the public standards (iWmo/iJw, ZRM, statutory terms), loaded from CSV into one table."""
