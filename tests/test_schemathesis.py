"""Schemathesis: generated requests for every operation in the app's OpenAPI, over real HTTP, each answered
without a 5xx, with a documented status code and a body that matches the documented schema.

Bounded: 20 fuzzed cases per operation (plus the schema's examples), derandomized, no shrinking, no coverage phase
(its size is not bounded by `max_examples`: it sent about 600 PATCH bodies, all to a random id, i.e. 404s).
Streaming routes stay in: the NDJSON story stream ends once the offline storyteller finishes (well within the
request timeout), and `/status?wait=` only holds a request whose If-None-Match is the current ETag, a header the
schema does not declare, so schemathesis never sends it.

The bugs earlier runs found (an offset past int64 and a NUL in text were 500s or a PATCH that never answered; the
OpenAPI documented neither the error body nor 401/404/409/429; a body that is not UTF-8 was a 400) are fixed and
pinned by the plain tests at the end.
"""

import uuid
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import httpx
import pytest
import schemathesis
from anyio.from_thread import start_blocking_portal
from hypothesis import strategies as st
from schemathesis import Case, CheckContext, HookContext, Response
from schemathesis.checks import not_a_server_error
from schemathesis.config import HealthCheck
from schemathesis.specs.openapi.checks import response_schema_conformance, status_code_conformance
from temporalio.client import Client
from temporalio.service import RPCError

from api.main import create_app, create_asgi_app
from contracts.workflows import workflow_id
from core.config import Settings
from core.temporal import connect_temporal
from db.engine import make_engine, make_sessionmaker
from devstack.http import serve
from tests.conftest import worker_on
from tests.flow import PROJECTS, create_project, other_queues
from tests.helpers import JWT_SECRET, auth

ROOT = Path(__file__).resolve().parent.parent
USER = f"schemathesis-{uuid.uuid4().hex[:8]}"
PROMPT = "a lighthouse keeper befriends a sea monster"
INT64_MAX = 2**63 - 1


# Built at import: schemathesis parametrizes at collection time. (`schemathesis.pytest.from_fixture` would load it
# lazily, but it sets `Function._nodeid`, which pytest 9.2 no longer has.) The routes do not depend on settings.
OPENAPI = create_app(
    Settings(database_url="postgresql://openapi-only", data_dir=ROOT / ".data", auth_jwt_secret=JWT_SECRET)
).openapi()
schema = schemathesis.openapi.from_dict(OPENAPI)
schema.config.generation.update(max_examples=20, no_shrink=True, deterministic=True, database="none")
schema.config.phases.update(phases=["examples", "fuzzing"])
schema.config.update(request_timeout=20, suppress_health_check=[HealthCheck.too_slow])

# Projects of USER that generated path parameters are pointed at (filled by the `live_url` fixture).
TARGETS: dict[str, list[str]] = {}


@schema.hook
def flatmap_path_parameters(ctx: HookContext, path_parameters: dict[str, Any] | None) -> st.SearchStrategy:
    """Keep the generated `project_id` or swap in a real project, so cases get past the 404.

    DELETE gets projects of its own: deleting the shared one would turn every later operation into 404s.
    """
    if ctx.operation is None or not path_parameters or "project_id" not in path_parameters:
        return st.just(path_parameters)
    kind = "spare" if ctx.operation.method.upper() == "DELETE" else "main"
    # Deferred: the projects exist only once the fixture has run, after collection.
    real = st.deferred(lambda: st.sampled_from(TARGETS[kind]))
    return st.one_of(st.just(path_parameters), real.map(lambda pid: {**path_parameters, "project_id": pid}))


def _json(response: Response) -> Any:
    try:
        return response.json()
    except ValueError:
        return None


def error_is_json_detail(ctx: CheckContext, response: Response, case: Case) -> bool | None:
    """README's contract for every error: JSON `{"detail": "<message>", "errors": [...]}` (also where a status is
    documented without a schema)."""
    if response.status_code < 400:
        return None
    body = _json(response)
    assert isinstance(body, dict) and isinstance(body.get("detail"), str), f"not a JSON detail: {response.text!r}"
    assert isinstance(body.get("errors"), list), f"an error without `errors`: {response.text!r}"
    return None


CHECKS = [not_a_server_error, status_code_conformance, response_schema_conformance, error_is_json_detail]


@asynccontextmanager
async def served_stack(settings: Settings) -> AsyncIterator[str]:
    """A worker and the API over HTTP on loopback, on the running event loop; yields the API's URL."""
    client = await connect_temporal(settings)
    engine = make_engine(settings.database_url or "")
    try:
        async with worker_on(client, settings, make_sessionmaker(engine)), serve(create_asgi_app(settings)) as url:
            try:
                yield url
            finally:
                # uvicorn's shutdown waits for every request: one waiting on a wedged workflow would hold it forever.
                await terminate_workflows(client, TARGETS.get("main", []))
    finally:
        await engine.dispose()


async def terminate_workflows(client: Client, project_ids: list[str]) -> None:
    """Terminate the projects' workflows, the ones still running."""
    for project_id in project_ids:
        try:
            await client.get_workflow_handle(workflow_id(uuid.UUID(project_id))).terminate("schemathesis run over")
        except RPCError:  # not running: nothing to stop
            pass


def create_targets(http: httpx.Client) -> None:
    def create(title: str) -> str:
        response = http.post(PROJECTS, json={"title": title, "prompt": PROMPT})
        assert response.status_code == 201, response.text
        return str(response.json()["id"])

    TARGETS["main"] = [create("Schemathesis")]
    TARGETS["spare"] = [create(f"Spare {i}") for i in range(3)]


@pytest.fixture(scope="module")
def live_url(settings: Settings) -> Iterator[str]:
    """The stack, on an event loop in a thread of its own, with USER's target projects.

    Schemathesis's tests are synchronous: on the session's event loop nothing would serve them while they wait.
    """
    # Hundreds of phase requests in seconds: USER_GENERATION_RATE would turn most into 429s (quotas have their tests).
    stack = served_stack(other_queues(settings, user_generation_rate=100_000))
    with start_blocking_portal() as portal, portal.wrap_async_context_manager(stack) as url:
        with httpx.Client(base_url=url, headers=auth(USER)) as http:
            assert http.get("/openapi.json").json() == OPENAPI, "the served OpenAPI is not the one tested"
            create_targets(http)
        yield url


def align_version(case: Case, url: str) -> None:
    """Give half of the PATCHes of the real project its current version: a random one is always a stale 409."""
    body = case.body
    if case.method != "PATCH" or case.path_parameters.get("project_id") not in TARGETS["main"]:
        return
    version = body.get("version") if isinstance(body, dict) else None
    if isinstance(body, dict) and isinstance(version, int) and version % 2 == 0:
        with httpx.Client(base_url=url, headers=auth(USER)) as http:
            body["version"] = http.get(f"{PROJECTS}/{case.path_parameters['project_id']}").json()["version"]


@schema.parametrize()
def test_api(case: Case, live_url: str) -> None:
    align_version(case, live_url)
    # Explicit headers win over generated ones; a negative case that drops Authorization still goes without.
    response = case.call(base_url=live_url, headers=auth(USER))
    case.validate_response(response, checks=CHECKS)


def _resolve(node: dict[str, Any]) -> dict[str, Any]:
    ref = node.get("$ref")
    if ref is None:
        return node
    target: Any = OPENAPI
    for part in ref.removeprefix("#/").split("/"):
        target = target[part]
    return _resolve(target)


def _operations() -> Iterator[tuple[str, str, dict[str, Any]]]:
    for path, methods in OPENAPI["paths"].items():
        for method, operation in methods.items():
            yield path, method, operation


def test_openapi_documents_the_422_body() -> None:
    for _, _, operation in _operations():
        if "422" in operation["responses"]:
            body = _resolve(operation["responses"]["422"]["content"]["application/json"]["schema"])
            assert _resolve(body["properties"]["detail"]).get("type") == "string"


def test_openapi_documents_401_and_404() -> None:
    for path, method, operation in _operations():
        if path.startswith("/api/"):
            assert "401" in operation["responses"], (method, path)
        if "{project_id}" in path:
            assert "404" in operation["responses"], (method, path)


async def test_an_empty_patch_is_a_422_with_errors(api: httpx.AsyncClient, user: str) -> None:
    project = await create_project(api, user)
    response = await api.patch(f"{PROJECTS}/{project['id']}", json={"version": 1}, headers=auth(user))
    assert response.status_code == 422, response.text
    assert isinstance(response.json().get("errors"), list), response.text


async def test_a_body_that_is_not_utf8_is_422(api: httpx.AsyncClient, user: str) -> None:
    headers = {**auth(user), "content-type": "application/json"}
    response = await api.post(PROJECTS, content=b'{"title": "\xff"}', headers=headers)
    assert response.status_code == 422, response.text


async def test_an_offset_past_int64_is_422(api: httpx.AsyncClient, user: str) -> None:
    response = await api.get(PROJECTS, params={"offset": INT64_MAX + 1}, headers=auth(user))
    assert response.status_code == 422, response.text


async def test_a_nul_in_a_title_is_422(api: httpx.AsyncClient, user: str) -> None:
    response = await api.post(PROJECTS, json={"title": "a\u0000b"}, headers=auth(user))
    assert response.status_code == 422 and "title" in response.json()["detail"], response.text
    project = await create_project(api, user)
    edit = {"version": 1, "state": {"panels": [{"dialogue": "fine", "background": "x\u0000"}]}}
    response = await api.patch(f"{PROJECTS}/{project['id']}", json=edit, headers=auth(user))
    assert response.status_code == 422 and "panels.0.background" in response.json()["detail"], response.text
