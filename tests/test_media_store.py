"""Media stores: the local directory and an S3-compatible bucket (a local moto server speaking the S3 API)."""

from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import boto3
import pytest
from moto.server import ThreadedMotoServer
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from temporalio.client import Client

from core.config import Settings
from devstack.ports import free_port
from domain.state import ConsolidatedComicState
from providers.factory import make_media_store
from providers.media_store import LocalMediaStore, S3MediaStore
from tests.conftest import api_client, worker_on
from tests.flow import PHASE, create_project, get_project, other_queues, settle
from tests.helpers import auth

BUCKET = "comic-media"


async def test_local_store_round_trip_and_refuses_foreign_or_escaping_keys(tmp_path: Path) -> None:
    store = LocalMediaStore(tmp_path, "http://cdn.example/")
    url = await store.save("p/panels/a.png", b"png-bytes", "image/png")
    assert url == "http://cdn.example/media/p/panels/a.png"
    assert (tmp_path / "p/panels/a.png").read_bytes() == b"png-bytes"
    assert await store.load(url) == b"png-bytes"
    assert await store.load("/media/p/panels/a.png") == b"png-bytes"
    assert await store.load("https://elsewhere.example/media/p/panels/a.png") is None
    assert await store.load("http://cdn.example/media/missing.png") is None
    assert await store.load("http://cdn.example/media/../secret") is None
    with pytest.raises(ValueError):
        await store.save("../escape.png", b"x", "image/png")


@pytest.fixture(scope="module")
def s3_endpoint() -> Iterator[str]:
    """A local S3 API (moto's server) with an empty bucket; AWS credentials are dummies."""
    port = free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    mp = pytest.MonkeyPatch()
    for name, value in {
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
        "AWS_DEFAULT_REGION": "us-east-1",
    }.items():
        mp.setenv(name, value)
    endpoint = f"http://127.0.0.1:{port}"
    boto3.client("s3", endpoint_url=endpoint).create_bucket(Bucket=BUCKET)
    yield endpoint
    mp.undo()
    server.stop()


@pytest.fixture
async def s3_settings(settings: Settings, s3_endpoint: str, tmp_path: Path) -> AsyncIterator[Settings]:
    yield other_queues(settings, media_backend="s3", s3_bucket=BUCKET, s3_endpoint_url=s3_endpoint, data_dir=tmp_path)


async def test_s3_store_round_trip(s3_settings: Settings) -> None:
    store = make_media_store(s3_settings)
    assert isinstance(store, S3MediaStore)
    url = await store.save("p/characters/c.png", b"\x89PNG...", "image/png")
    assert url == f"{s3_settings.public_base_url}/media/p/characters/c.png"
    assert await store.load(url) == b"\x89PNG..."
    assert await store.load(store.url_for("p/nothing.png")) is None
    head = store.client.head_object(Bucket=BUCKET, Key="p/characters/c.png")
    assert head["ContentType"] == "image/png"


async def test_auto_run_stores_artifacts_in_the_bucket_and_serves_them(
    s3_settings: Settings, temporal_client: Client, sessions: async_sessionmaker[AsyncSession], user: str
) -> None:
    async with worker_on(temporal_client, s3_settings, sessions), api_client(s3_settings) as api:
        project = await create_project(api, user, prompt="a clockmaker and a mechanical owl")
        assert (await api.post(f"{PHASE}/run/{project['id']}", headers=auth(user))).status_code == 202
        await settle(api, user, project["id"])
        state = ConsolidatedComicState.model_validate((await get_project(api, user, project["id"]))["state"])
        artifacts = [c.artifact for c in state.characters.values()] + [p.artifact for p in state.panels]
        assert artifacts and all(a is not None for a in artifacts)
        bucket = boto3.client("s3", endpoint_url=s3_settings.s3_endpoint_url)
        keys = {o["Key"] for o in bucket.list_objects_v2(Bucket=BUCKET, Prefix=project["id"])["Contents"]}
        for artifact in artifacts:
            assert artifact is not None
            key = artifact.url.split("/media/", 1)[1]
            assert key in keys
            served = await api.get(f"/media/{key}")
            assert served.status_code == 200 and served.headers["content-type"] == "image/png"
            assert served.content == bucket.get_object(Bucket=BUCKET, Key=key)["Body"].read()
        assert (await api.get(f"/media/{project['id']}/nope.png")).status_code == 404
    # Nothing went to the local media directory.
    assert not any(s3_settings.resolved_media_dir.rglob("*.png"))
