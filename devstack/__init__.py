"""Local infrastructure started by the project itself: the Temporal dev server and an embedded PostgreSQL.

Used by `comic run` and by the test fixtures, so both run on exactly the same servers.
"""
