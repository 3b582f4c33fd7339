"""APP_ENV=production: the secret rule for API and worker, CORS, a /healthz that leaks nothing, JWT aud/iss and
algorithms, and Socket.IO connections that end with their token."""

import asyncio
import base64
import json
import secrets
import time
from pathlib import Path
from typing import Any

import httpx
import jwt
import pytest
import socketio
from pydantic import ValidationError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from temporalio.client import Client

import cli
import worker as worker_module
from api.main import create_app
from core.config import INSECURE_DEV_SECRET, Settings
from core.security import InsecureSettings, InvalidToken, decode_token, mint_token
from devstack.ports import free_port
from tests.conftest import api_client
from tests.flow import PROJECTS, create_project, other_queues
from tests.helpers import JWT_SECRET, auth
from tests.test_compose import compose_config
from tests.test_live_output import stack, wait_until

ALLOWED = "https://app.example.com"
OTHER = "https://evil.example.net"
WEAK_SECRETS = {
    "unset": None,
    "dev default": INSECURE_DEV_SECRET,
    "old docker-compose default": "change-me-to-a-long-random-secret",
    "31 bytes": "s" * 31,
}


def production(tmp_path: Path, secret: str | None, monkeypatch: pytest.MonkeyPatch) -> Settings:
    """Production settings from nothing but arguments (no `.env`, no AUTH_JWT_SECRET in the environment)."""
    monkeypatch.delenv("AUTH_JWT_SECRET", raising=False)
    chosen: dict[str, Any] = {} if secret is None else {"auth_jwt_secret": secret}
    return Settings(
        _env_file=None,
        app_env="production",
        database_url=f"postgresql://postgres@127.0.0.1:{free_port()}/unused",
        data_dir=tmp_path,
        **chosen,
    )


@pytest.mark.parametrize("secret", WEAK_SECRETS.values(), ids=WEAK_SECRETS.keys())
async def test_production_api_and_worker_refuse_a_weak_secret(
    secret: str | None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = production(tmp_path, secret, monkeypatch)
    with pytest.raises(InsecureSettings, match="AUTH_JWT_SECRET"):
        create_app(settings)
    # The worker's entry point refuses before it connects to anything (its database is a closed port).
    with pytest.raises(InsecureSettings, match="AUTH_JWT_SECRET"):
        await asyncio.wait_for(worker_module.main(settings), 5)


async def test_production_accepts_a_long_random_secret(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    temporal_client: Client,
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    settings = production(tmp_path, secrets.token_urlsafe(32), monkeypatch)
    assert create_app(settings).title == "Comic Builder"
    assert len(worker_module.build_workers(temporal_client, settings, sessions)) == 3
    # Development keeps working with the built-in secret.
    create_app(settings.model_copy(update={"app_env": "development", "auth_jwt_secret": INSECURE_DEV_SECRET}))


def test_docker_compose_requires_the_secret(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("AUTH_JWT_SECRET", raising=False)
    refused = compose_config(tmp_path, "-q", secret=None)
    assert refused.returncode != 0 and "AUTH_JWT_SECRET" in refused.stderr
    monkeypatch.setenv("AUTH_JWT_SECRET", secrets.token_urlsafe(32))
    accepted = compose_config(tmp_path, "--format", "json")
    assert accepted.returncode == 0, accepted.stderr
    assert json.loads(accepted.stdout)["services"]["api"]["environment"]["APP_ENV"] == "production"


@pytest.mark.parametrize(
    ("raw", "parsed"),
    [
        (f" {ALLOWED}/ , http://localhost:5173", [ALLOWED, "http://localhost:5173"]),
        (json.dumps([ALLOWED]), [ALLOWED]),
        ("*", ["*"]),
        ("[]", []),
        ("", None),
    ],
)
def test_cors_origins_parse_from_the_environment(
    raw: str, parsed: list[str] | None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CORS_ORIGINS", raw)
    assert Settings(_env_file=None).cors_origins == parsed


def test_cors_origins_refuse_what_no_browser_sends(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CORS_ORIGINS", "app.example.com")
    with pytest.raises(ValidationError, match="CORS_ORIGINS"):
        Settings(_env_file=None)
    monkeypatch.delenv("CORS_ORIGINS")
    assert Settings(_env_file=None, app_env="production").allowed_cors_origins == []


async def preflight(client: httpx.AsyncClient, origin: str) -> httpx.Response:
    headers = {
        "Origin": origin,
        "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "authorization,content-type",
    }
    return await client.options(PROJECTS, headers=headers)


async def test_rest_cors_allows_only_the_listed_origins(settings: Settings) -> None:
    async with api_client(other_queues(settings, cors_origins=[ALLOWED])) as client:
        allowed = await preflight(client, ALLOWED)
        assert allowed.status_code == 200
        assert allowed.headers["access-control-allow-origin"] == ALLOWED
        assert "authorization" in allowed.headers["access-control-allow-headers"].lower()
        assert "access-control-allow-origin" not in (await preflight(client, OTHER)).headers
        simple = await client.get("/healthz", headers={"Origin": ALLOWED})
        assert simple.headers["access-control-allow-origin"] == ALLOWED
        assert "etag" in simple.headers["access-control-expose-headers"].lower()
    async with api_client(other_queues(settings, app_env="production")) as client:
        assert "access-control-allow-origin" not in (await preflight(client, ALLOWED)).headers


async def socket_connects(url: str, origin: str) -> bool:
    """Whether a WebSocket Socket.IO connection with this `Origin` header is accepted."""
    client = socketio.AsyncClient(reconnection=False)
    token = auth("origin-check")["Authorization"][7:]
    try:
        await client.connect(url, auth={"token": token}, headers={"Origin": origin}, transports=["websocket"])
    except socketio.exceptions.ConnectionError:
        return False
    await client.disconnect()
    return True


async def test_socketio_origins_follow_cors_origins(
    temporal_client: Client, settings: Settings, sessions: async_sessionmaker[AsyncSession]
) -> None:
    # Production default: same-origin only (python-socketio's `[]` would mean "no check at all").
    async with stack(temporal_client, settings, sessions, worker=False, app_env="production") as s:
        assert not await socket_connects(s.url, OTHER)
        assert await socket_connects(s.url, s.url)
    async with stack(temporal_client, settings, sessions, worker=False, cors_origins=[ALLOWED]) as s:
        assert await socket_connects(s.url, ALLOWED)
        assert not await socket_connects(s.url, OTHER)


async def test_anonymous_healthz_reports_status_without_error_text(
    settings: Settings, caplog: pytest.LogCaptureFixture
) -> None:
    down = other_queues(settings, database_url=f"postgresql://postgres@127.0.0.1:{free_port()}/gone")
    async with api_client(down) as client:
        for headers in ({}, auth("operator")):
            response = await client.get("/healthz", headers=headers)
            assert response.status_code == 503
            assert response.json() == {"status": "degraded", "database": {"ok": False}, "temporal": {"ok": True}}
    assert any(r.name == "comic.health" and "database" in r.getMessage() for r in caplog.records)


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


async def test_audience_and_issuer_are_required_when_configured(
    settings: Settings, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    local = other_queues(settings, auth_jwt_audience="comic-api", auth_jwt_issuer="https://issuer.test")
    right = {"audience": "comic-api", "issuer": "https://issuer.test"}
    async with api_client(local) as client:

        async def status(**claims: Any) -> int:
            token = mint_token("aud-user", JWT_SECRET, 600, **claims)
            return (await client.get(PROJECTS, headers=bearer(token))).status_code

        assert await status(**right) == 200
        assert await status(**{**right, "audience": "another-api"}) == 401
        assert await status(**{**right, "issuer": "https://other-issuer.test"}) == 401
        assert await status(issuer=right["issuer"]) == 401  # no aud
        assert await status(audience=right["audience"]) == 401  # no iss
        # `comic token` mints what this deployment accepts.
        monkeypatch.setattr(cli, "get_settings", lambda: local)
        assert cli.main(["token", "--user", "cli-user"]) == 0
        minted = capsys.readouterr().out.strip()
        assert (await client.get(PROJECTS, headers=bearer(minted))).status_code == 200
    assert decode_token(minted, JWT_SECRET, **right).sub == "cli-user"
    with pytest.raises(InvalidToken):  # a token bound to an audience is not for a service that names none
        decode_token(minted, JWT_SECRET)


def unsigned(claims: dict[str, Any]) -> str:
    """A token with `alg: none` and no signature, as an attacker would send it."""

    def part(data: dict[str, Any]) -> str:
        return base64.urlsafe_b64encode(json.dumps(data).encode()).rstrip(b"=").decode()

    return f"{part({'alg': 'none', 'typ': 'JWT'})}.{part(claims)}."


@pytest.mark.filterwarnings("ignore::jwt.InsecureKeyLengthWarning")  # the HS512 token's key, on purpose
async def test_unsigned_and_other_algorithm_tokens_are_refused(api: httpx.AsyncClient) -> None:
    claims = {"sub": "mallory", "exp": int(time.time()) + 600}
    for token in (
        unsigned(claims),
        jwt.encode(claims, JWT_SECRET, algorithm="HS512"),
        mint_token("mallory", "another-secret-" + secrets.token_hex(16), 600),
    ):
        response = await api.get(PROJECTS, headers=bearer(token))
        assert response.status_code == 401, token
    with pytest.raises(InvalidToken):
        decode_token(unsigned(claims), JWT_SECRET)


async def test_socketio_connection_ends_when_its_token_expires(
    temporal_client: Client, settings: Settings, sessions: async_sessionmaker[AsyncSession], user: str
) -> None:
    async with stack(temporal_client, settings, sessions, worker=False) as s:
        project = await create_project(s.http, user)
        short, long = socketio.AsyncClient(reconnection=False), socketio.AsyncClient(reconnection=False)
        errors: list[dict[str, Any]] = []
        short.on("error", errors.append)
        started = time.monotonic()
        await short.connect(s.url, auth={"token": mint_token(user, JWT_SECRET, 2)}, transports=["websocket"])
        await long.connect(s.url, auth={"token": mint_token(user, JWT_SECRET, 600)}, transports=["websocket"])
        try:
            assert (await short.call("subscribe", {"project_id": project["id"]}))["ok"] is True
            await wait_until(lambda: not short.connected, within=5)
            # `exp` is whole seconds: a 2 s token expires 1 to 2 s after it was minted.
            assert time.monotonic() - started > 0.9
            assert errors == [{"message": "token expired"}]
            assert long.connected
        finally:
            await long.disconnect()
