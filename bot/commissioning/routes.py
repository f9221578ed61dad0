"""`GET /api/commissioning/schedule`: the contract schedule as a Markdown download.

Built from the answers only, all of them ids from the data files (a tier, a
service, requirement ids by status), so the URL carries no free text.
"""

from __future__ import annotations

import re
from typing import Annotated

from fastapi import APIRouter, HTTPException, Query
from fastapi.responses import Response

from bot.commissioning.content import TierId, requirements, tiers
from bot.commissioning.schedule import Answer, build_schedule

router = APIRouter()
_IDS = re.compile(r"^[a-z0-9_]+(,[a-z0-9_]+)*$")
IdList = Annotated[
    str | None,
    Query(
        description="comma-separated requirement ids, e.g. workplace_policy,staff_training",
        pattern=_IDS.pattern,
        max_length=1000,
    ),
]
ServiceId = Annotated[
    str | None,
    Query(
        description="a service id from data/commissioning/tiers.yml",
        json_schema_extra={"enum": [s.id for s in tiers().services]},
    ),
]


def _ids(value: str | None, name: str, allowed: set[str]) -> list[str]:
    if not value:
        return []
    if not _IDS.match(value):
        raise HTTPException(422, f"'{name}' must be requirement ids separated by commas.")
    ids = value.split(",")
    unknown = [i for i in ids if i not in allowed]
    if unknown:
        raise HTTPException(
            422, f"'{name}' names requirements that don't apply to this tier: {', '.join(unknown)}."
        )
    return ids


@router.get(
    "/api/commissioning/schedule",
    response_class=Response,
    responses={
        200: {"content": {"text/markdown": {"schema": {"type": "string"}}}},
        422: {"description": "An unknown tier, service or requirement, or one listed twice."},
    },
    summary="The domestic-abuse requirements schedule for a contract, as a Markdown file.",
)
async def schedule(
    tier: TierId,
    service: ServiceId = None,
    in_contract: IdList = None,
    add: IdList = None,
    not_applicable: IdList = None,
) -> Response:
    content, services = requirements(), tiers()
    known = services.service(service) if service else None
    if service and known is None:
        raise HTTPException(422, "'service' is not a known service id.")
    allowed = {r.id for r in content.for_tier(tier)}
    answers: dict[str, Answer] = {}
    for status, value in (("in_contract", in_contract), ("add", add),
                          ("not_applicable", not_applicable)):  # fmt: skip
        for requirement_id in _ids(value, status, allowed):
            if requirement_id in answers:
                raise HTTPException(422, f"'{requirement_id}' is listed more than once.")
            answers[requirement_id] = Answer(status)  # type: ignore[arg-type]
    markdown = build_schedule(known.name if known else "this contract", tier, answers, content,
                              services)  # fmt: skip
    return Response(
        markdown,
        media_type="text/markdown; charset=utf-8",
        headers={"Content-Disposition": 'attachment; filename="contract-requirements.md"'},
    )
