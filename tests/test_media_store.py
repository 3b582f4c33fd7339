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
from tests.helpers import auth, media_path

BUCKET = "comic-media"


PROJECT = "3f2b8c1e-0000-4000-8000-000000000001"


async def test_local_store_round_trip_refuses_escaping_keys_and_deletes_a_project(tmp_path: Path) -> None:
    store = LocalMediaStore(tmp_path)
    await store.save(f"{PROJECT}/panels/a.png", b"png-bytes", "image/png")
    await store.save(f"{PROJECT}/characters/b.png", b"sheet", "image/png")
    other = "3f2b8c1e-0000-4000-8000-000000000002"
    await store.save(f"{other}/panels/a.png", b"theirs", "image/png")
    assert (tmp_path / PROJECT / "panels/a.png").read_bytes() == b"png-bytes"
    assert await store.load(f"{PROJECT}/panels/a.png") == b"png-bytes"
    assert await store.load(f"{PROJECT}/missing.png") is None
    for bad in ("../escape.png", f"{PROJECT}/../{other}/panels/a.png", "/etc/passwd", "http://x/media/a.png"):
        with pytest.raises(ValueError):
            await store.save(bad, b"x", "image/png")
        with pytest.raises(ValueError):
            await store.load(bad)
    assert await store.delete_project(PROJECT) == 2
    assert await store.load(f"{PROJECT}/panels/a.png") is None
    assert await store.delete_project(PROJECT) == 0  # idempotent: a retried deletion finds nothing
    assert await store.load(f"{other}/panels/a.png") == b"theirs"


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


async def test_s3_store_round_trip_and_project_deletion(s3_settings: Settings) -> None:
    store = make_media_store(s3_settings)
    assert isinstance(store, S3MediaStore)
    key = f"{PROJECT}/characters/c.png"
    await store.save(key, b"\x89PNG...", "image/png")
    assert await store.load(key) == b"\x89PNG..."
    assert await store.load(f"{PROJECT}/nothing.png") is None
    head = store.client.head_object(Bucket=BUCKET, Key=key)
    assert head["ContentType"] == "image/png"
    assert await store.delete_project(PROJECT) == 1
    assert await store.load(key) is None


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
            assert artifact.key in keys and artifact.url is not None
            served = await api.get(artifact.url[artifact.url.index("/media/") :])
            assert served.status_code == 200 and served.headers["content-type"] == "image/png"
            assert served.content == bucket.get_object(Bucket=BUCKET, Key=artifact.key)["Body"].read()
        assert (await api.get(media_path(s3_settings, f"{project['id']}/nope.png"))).status_code == 404
    # Nothing went to the local media directory.
    assert not any(s3_settings.resolved_media_dir.rglob("*.png"))
