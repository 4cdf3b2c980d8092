"""Use cases: each function does one thing a user would name, in one transaction."""
