"""FastAPI dependencies: settings, database session, Temporal client and the authenticated user.

All `async def`: a plain `def` dependency runs in the thread pool, a hop that cost a tenth of a cached GET.
"""

from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Annotated, TypeVar
from uuid import UUID

from fastapi import Depends, HTTPException, Request, status
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy.ext.asyncio import AsyncSession
from temporalio.client import Client

from api.comic import running_snapshot
from api.errors import database_outage
from api.story_stream import StoryStreamHub
from core.config import Settings
from core.media_urls import MediaSigner
from core.security import InvalidToken, read_token
from db.models import Project
from db.projects import ProjectRepository
from domain.usage import PriceTable, load_price_table

T = TypeVar("T")


def from_app_state(attribute: str, kind: type[T]) -> Callable[[Request], Awaitable[T]]:
    """A dependency answering what the app's factory or lifespan stored as `app.state.<attribute>`."""

    async def dependency(request: Request) -> T:
        value: T = getattr(request.app.state, attribute)
        return value

    dependency.__name__ = f"app_state_{attribute}"
    return dependency


# Settings the app was created with; the Temporal client, story-stream hub and URL signer its lifespan owns.
SettingsDep = Annotated[Settings, Depends(from_app_state("settings", Settings))]
TemporalDep = Annotated[Client, Depends(from_app_state("temporal", Client))]
StoryHubDep = Annotated[StoryStreamHub, Depends(from_app_state("story_hub", StoryStreamHub))]
SignerDep = Annotated[MediaSigner, Depends(from_app_state("signer", MediaSigner))]


async def get_session(request: Request) -> AsyncIterator[AsyncSession]:
    """A database session for the duration of one request."""
    async with request.app.state.sessionmaker() as session:
        yield session


SessionDep = Annotated[AsyncSession, Depends(get_session)]


async def get_repository(session: SessionDep) -> ProjectRepository:
    """The project repository on the request's session."""
    return ProjectRepository(session)


RepositoryDep = Annotated[ProjectRepository, Depends(get_repository)]


async def get_prices(settings: SettingsDep) -> PriceTable:
    """The price table usage is priced with (`PRICE_TABLE` over the shipped one; read once per process)."""
    return load_price_table(settings.price_table)


PricesDep = Annotated[PriceTable, Depends(get_prices)]

_bearer = HTTPBearer(auto_error=False, description="JWT (HS256, `sub` = user id); `comic token` mints one")


async def get_current_user(
    settings: SettingsDep, credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]
) -> str:
    """The user id from a valid `Authorization: Bearer <JWT>`; 401 otherwise."""
    if credentials is None or credentials.scheme.lower() != "bearer":
        raise HTTPException(
            status.HTTP_401_UNAUTHORIZED,
            "Missing bearer token: send `Authorization: Bearer <JWT>`",
            headers={"WWW-Authenticate": "Bearer"},
        )
    try:
        return read_token(settings, credentials.credentials).sub
    except InvalidToken as e:
        raise HTTPException(
            status.HTTP_401_UNAUTHORIZED, f"Unauthorized: {e}", headers={"WWW-Authenticate": "Bearer"}
        ) from e


CurrentUser = Annotated[str, Depends(get_current_user)]


def not_found(project_id: UUID) -> HTTPException:
    """The 404 for a project that does not exist or belongs to someone else (indistinguishable on purpose)."""
    return HTTPException(status.HTTP_404_NOT_FOUND, f"Project {project_id} not found")


async def get_owned_project(project_id: UUID, user: CurrentUser, request: Request) -> Project:
    """The caller's project named in the path; 404 when missing or someone else's.

    Read in a session of its own, closed at once: a route that then streams or long-polls holds no pooled
    connection while it waits.
    """
    async with request.app.state.sessionmaker() as session:
        project = await ProjectRepository(session).get(project_id, user)
    if project is None:
        raise not_found(project_id)
    return project


OwnedProject = Annotated[Project, Depends(get_owned_project)]


async def get_owned_or_live_project(
    project_id: UUID, user: CurrentUser, request: Request, client: TemporalDep
) -> Project:
    """As OwnedProject, but while PostgreSQL is unreachable the project's running workflow vouches for the owner.

    The stand-in row (not in any session) carries the run's last persisted version and the run's state. With
    no run, or one that has not loaded its project yet, the outage stays a 503; a missing row stays a 404.
    """
    try:
        return await get_owned_project(project_id, user, request)
    except Exception as e:
        if database_outage(e) is None:
            raise
        snapshot = await running_snapshot(client, project_id)
        if snapshot is None or not snapshot.owner_id:
            raise
    if snapshot.owner_id != user:
        raise not_found(project_id)
    return Project(
        id=project_id,
        owner_id=snapshot.owner_id,
        title=snapshot.title,
        version=snapshot.persisted_version,
        state=snapshot.state.model_dump(mode="json"),
    )


OwnedOrLiveProject = Annotated[Project, Depends(get_owned_or_live_project)]
