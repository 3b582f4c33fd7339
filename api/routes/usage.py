"""The caller's usage over all their projects: LLM tokens and image generations by model, and the estimated cost."""

from fastapi import APIRouter
from sqlalchemy import select

from api.deps import CurrentUser, PricesDep, SessionDep
from api.schemas import ProjectCost, UserUsage
from db.models import Project
from domain.state import Usage
from domain.usage import usage_report

router = APIRouter(prefix="/usage", tags=["usage"])


@router.get("", response_model=UserUsage)
async def user_usage(user: CurrentUser, session: SessionDep, prices: PricesDep) -> UserUsage:
    """The sum of the caller's projects' recorded usage (only theirs), by model and in total, priced with the
    price table (`PRICE_TABLE`); `projects` lists each project's share, newest first.

    Read from the stored documents (only their `usage` member is fetched); a deleted project's usage goes with it.
    """
    rows = await session.execute(
        select(Project.id, Project.title, Project.state["usage"])
        .where(Project.owner_id == user)
        .order_by(Project.created_at.desc())
    )
    projects: list[ProjectCost] = []
    usages: list[Usage] = []
    for project_id, title, stored in rows.all():
        usage = Usage.model_validate(stored or {})
        usages.append(usage)
        one = usage_report([usage], prices)
        projects.append(
            ProjectCost(
                id=project_id,
                title=title,
                prompt_tokens=one.prompt_tokens,
                completion_tokens=one.completion_tokens,
                images=one.images,
                cost=one.cost,
            )
        )
    total = usage_report(usages, prices)
    return UserUsage(**total.model_dump(), user_id=user, projects=projects)
