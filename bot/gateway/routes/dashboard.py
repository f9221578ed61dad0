"""`/dashboard` (HTML) and `/api/stats/{report}` (JSON or CSV), behind dashboard auth."""

from __future__ import annotations

import csv
import io
from dataclasses import replace
from datetime import date
from enum import StrEnum
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, HTTPException, Query
from fastapi.responses import HTMLResponse, Response
from pydantic import BaseModel, BeforeValidator
from starlette.concurrency import run_in_threadpool

from bot.dashboard import views
from bot.dashboard.stats import REPORTS, Filters, Report, all_reports, report
from bot.gateway.deps import DashboardUser, ServicesDep
from bot.vocabulary import NO_ROLE, ROLES

ReportName = StrEnum("ReportName", {name: name for name in REPORTS})  # type: ignore[misc]
RoleFilter = Literal[(*ROLES, NO_ROLE)]  # type: ignore[valid-type]

router = APIRouter(dependencies=[DashboardUser])


class StatsResponse(BaseModel):
    """One report. Counts below 5 are the string "<5"; see `suppression`."""

    report: str
    title: str
    description: str
    suppression: str
    filters: dict[str, str | None]
    columns: list[str]
    rows: list[list[int | str]]
    totals: list[int | str] | None
    figures: dict[str, int | str]


def _blank_is_none(value: object) -> object:
    """The page's filter form sends empty fields as `start=&role=`: they mean "any"."""
    return None if value == "" else value


Day = Annotated[date | None, BeforeValidator(_blank_is_none)]
Role = Annotated[RoleFilter | None, BeforeValidator(_blank_is_none)]


def _filters(
    start: Annotated[Day, Query(description="first day, inclusive (YYYY-MM-DD)")] = None,
    end: Annotated[Day, Query(description="last day, inclusive (YYYY-MM-DD)")] = None,
    role: Annotated[Role, Query(description="the role the user chose")] = None,
) -> Filters:
    if start and end and start > end:
        raise HTTPException(422, "'start' must not be after 'end'.")
    return Filters(start, end, role)


FiltersDep = Annotated[Filters, Depends(_filters)]


def exportable(result: Report) -> Report:
    """The report as `/api/stats` may give it: the unanswered questions' text stays on
    the dashboard page, so an export of `fallbacks` keeps only its counts."""
    if result.name != "fallbacks":
        return result
    return replace(
        result,
        rows=[],
        description=result.description + " The questions themselves are not exported.",
    )


def _csv(result: Report) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(result.columns)
    writer.writerows(result.rows)
    if result.totals:
        writer.writerow(result.totals)
    for name, value in result.extra.items():
        writer.writerow([name, value])
    return out.getvalue()


@router.get("/dashboard", response_class=HTMLResponse, summary="The dashboard page.")
async def dashboard(services: ServicesDep, filters: FiltersDep) -> HTMLResponse:
    reports = await run_in_threadpool(all_reports, services.database, filters)
    return HTMLResponse(views.page(reports, filters), headers={"Cache-Control": "no-store"})


@router.get(
    "/api/stats/{name}",
    response_model=StatsResponse,
    responses={
        200: {"content": {"text/csv": {"schema": {"type": "string"}}}},
        401: {"description": "Missing or wrong dashboard credentials."},
    },
    summary="One dashboard report, with small numbers suppressed, as JSON or CSV.",
)
async def stats(
    name: ReportName,
    services: ServicesDep,
    filters: FiltersDep,
    format: Literal["json", "csv"] = "json",
) -> Response | StatsResponse:
    result = exportable(await run_in_threadpool(report, services.database, name.value, filters))
    if format == "csv":
        return Response(
            _csv(result),
            media_type="text/csv; charset=utf-8",
            headers={"Content-Disposition": f'attachment; filename="{name.value}.csv"'},
        )
    return StatsResponse(
        report=result.name,
        title=result.title,
        description=result.description,
        suppression=result.suppression,
        filters={
            "start": filters.start.isoformat() if filters.start else None,
            "end": filters.end.isoformat() if filters.end else None,
            "role": filters.role,
        },
        columns=result.columns,
        rows=result.rows,
        totals=result.totals,
        figures=result.extra,
    )
