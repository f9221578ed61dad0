"""The dashboard's figures, each a small table with suppression already applied.

Queries group by hour (the finest time stored) and everything coarser is done
here, so the same code runs on SQLite and PostgreSQL. Nothing unsuppressed
leaves this module.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from bot import vocabulary as vocab
from bot.dashboard.suppression import NOTE, Shown, rate, shown, total
from bot.storage.conversations import as_utc
from bot.storage.db import Database
from bot.storage.models import Conversation, Feedback, JourneyEvent, Turn

NOT_GIVEN = vocab.NO_ROLE
ROLE_LABELS = {
    vocab.PRACTITIONER: "Practitioner",
    vocab.SCHOOL_DSL: "School DSL",
    vocab.COMMISSIONER: "Commissioner",
    vocab.NO_ROLE: "Role not given",
}
JOURNEY_LABELS = {
    vocab.SAFETY_PLANNING: "Safety-planning walkthrough",
    vocab.COMMISSIONING: "Commissioning checklist",
    vocab.REFERRAL_PATHWAY: "Referral pathway shown",
    vocab.DSL_NEXT_STEPS: "DSL next steps",
    vocab.LANGUAGE_COACH: "Language coach",
    vocab.CONSULTATION_REQUESTED: "Case consultation requested",
}
TOP = 20


@dataclass(frozen=True)
class Filters:
    start: date | None = None
    end: date | None = None
    role: str | None = None  # one of vocab.ROLES, or NOT_GIVEN

    def bounds(self) -> tuple[datetime | None, datetime | None]:
        low = datetime.combine(self.start, time(), UTC) if self.start else None
        high = datetime.combine(self.end + timedelta(days=1), time(), UTC) if self.end else None
        return low, high


@dataclass(frozen=True)
class Report:
    name: str
    title: str
    columns: list[str]
    rows: list[list[Shown]]
    totals: list[Shown] | None = None
    description: str = ""
    suppression: str = NOTE
    extra: dict[str, Shown] = field(default_factory=dict)


def _within(query: Select, column, filters: Filters) -> Select:  # type: ignore[no-untyped-def]
    low, high = filters.bounds()
    if low is not None:
        query = query.where(column >= low)
    if high is not None:
        query = query.where(column < high)
    return query


def _by_role(query: Select, conversation_column, filters: Filters) -> Select:  # type: ignore[no-untyped-def]
    """Filter by the conversation's role (the role a turn had may be set later)."""
    if filters.role is None:
        return query
    query = query.join(Conversation, Conversation.id == conversation_column)
    if filters.role == NOT_GIVEN:
        return query.where(Conversation.role.is_(None))
    return query.where(Conversation.role == filters.role)


def _filtered(
    query: Select, table: type[Turn | Feedback | JourneyEvent], filters: Filters
) -> Select:
    """The date and role filters, for a log table (each has `hour` and `conversation_id`)."""
    return _by_role(_within(query, table.hour, filters), table.conversation_id, filters)


def week_of(moment: datetime) -> date:
    day = as_utc(moment).date()
    return day - timedelta(days=day.weekday())


def conversations_by_week(session: Session, filters: Filters) -> Report:
    query = select(Conversation.started_hour, Conversation.role, func.count()).group_by(
        Conversation.started_hour, Conversation.role
    )
    query = _within(query, Conversation.started_hour, filters)
    if filters.role == NOT_GIVEN:
        query = query.where(Conversation.role.is_(None))
    elif filters.role:
        query = query.where(Conversation.role == filters.role)
    counts: dict[date, Counter[str]] = defaultdict(Counter)
    for hour, role, n in session.execute(query):
        counts[week_of(hour)][role if role in vocab.ROLES else NOT_GIVEN] += n
    roles = [filters.role] if filters.role else list(ROLE_LABELS)
    rows: list[list[Shown]] = []
    for week in sorted(counts):
        cells = [counts[week][r] for r in roles]
        rows.append([week.isoformat(), *map(shown, cells), total(cells)])
    by_role = [[week[r] for week in counts.values()] for r in roles]
    totals: list[Shown] = [
        "All weeks",
        *(total(parts) for parts in by_role),
        total([n for parts in by_role for n in parts]),
    ]
    return Report(
        "conversations",
        "Conversations per week, by role",
        ["Week beginning", *(ROLE_LABELS[r] for r in roles), "All roles"],
        rows,
        totals if rows else None,
        "Conversations by the week they started and the role the user chose.",
    )


def top_topics(session: Session, filters: Filters) -> Report:
    query = (
        select(Turn.topic, func.count(), func.count(func.distinct(Turn.conversation_id)))
        .where(Turn.topic.is_not(None))
        .group_by(Turn.topic)
        .order_by(func.count().desc(), Turn.topic)
        .limit(TOP)
    )
    query = _filtered(query, Turn, filters)
    rows: list[list[Shown]] = [[t, shown(n), shown(c)] for t, n, c in session.execute(query)]
    return Report(
        "topics",
        "Top topics",
        ["Topic", "Times asked", "Conversations"],
        rows,
        description="What the assistant answered: knowledge topics and the intents behind them.",
    )


def journeys(session: Session, filters: Filters) -> Report:
    started_q = (
        select(Turn.journey, func.count(func.distinct(Turn.conversation_id)))
        .where(Turn.journey.is_not(None))
        .group_by(Turn.journey)
    )
    started_q = _filtered(started_q, Turn, filters)
    done_q = (
        select(JourneyEvent.journey, func.count())
        .where(JourneyEvent.completed.is_(True))
        .group_by(JourneyEvent.journey)
    )
    done_q = _filtered(done_q, JourneyEvent, filters)
    started = dict(session.execute(started_q).all())
    done = dict(session.execute(done_q).all())
    rows: list[list[Shown]] = []
    for journey, label in JOURNEY_LABELS.items():
        begun, finished = started.get(journey, 0), done.get(journey, 0)
        if journey in vocab.COMPLETABLE:
            rows.append([label, shown(begun), shown(finished), rate(finished, begun)])
        else:
            rows.append([label, shown(max(begun, finished)), "", ""])
    return Report(
        "journeys",
        "Journeys and completion",
        ["Journey", "Conversations", "Completed", "Completion rate"],
        rows,
        description="Conversations that started each journey, and how many walkthroughs finished.",
    )


def fallbacks(session: Session, filters: Filters) -> Report:
    query = select(Turn.fallback, func.count()).group_by(Turn.fallback)
    query = _filtered(query, Turn, filters)
    counts = {bool(k): n for k, n in session.execute(query)}
    answered, unanswered = counts.get(False, 0), counts.get(True, 0)
    texts = (
        select(func.lower(Turn.text), func.count())
        .where(Turn.fallback.is_(True), Turn.text.is_not(None))
        .group_by(func.lower(Turn.text))
        .order_by(func.count().desc(), func.lower(Turn.text))
        .limit(TOP)
    )
    texts = _filtered(texts, Turn, filters)
    rows: list[list[Shown]] = [[text, shown(n)] for text, n in session.execute(texts)]
    return Report(
        "fallbacks",
        "Questions the assistant could not answer",
        ["Question (anonymised)", "Times asked"],
        rows,
        description=(
            "Turns where the assistant was not confident enough to answer. The questions "
            "appear only where LOG_TEXT is on, only on this page (never in an export), "
            "anonymised, for LOG_TEXT_RETENTION_DAYS."
        ),
        extra={
            "answered turns": shown(answered),
            "unanswered turns": shown(unanswered),
            "all turns": total([answered, unanswered]),
            "fallback rate": rate(unanswered, answered + unanswered),
        },
    )


def helpfulness(session: Session, filters: Filters) -> Report:
    query = select(Feedback.topic, Feedback.helpful, func.count()).group_by(
        Feedback.topic, Feedback.helpful
    )
    query = _filtered(query, Feedback, filters)
    counts: dict[str, Counter[bool]] = defaultdict(Counter)
    for topic, helpful, n in session.execute(query):
        counts[topic][bool(helpful)] += n
    ordered = sorted(counts, key=lambda t: (-sum(counts[t].values()), t))
    rows: list[list[Shown]] = []
    for topic in ordered[:TOP]:
        yes, no = counts[topic][True], counts[topic][False]
        rows.append([topic, shown(yes), shown(no), rate(yes, yes + no)])
    return Report(
        "feedback",
        "Helpfulness by topic",
        ["Topic", "Helpful", "Not helpful", "Helpful rate"],
        rows,
        description='Answers to "Was this helpful?", offered after substantive answers.',
    )


def risk_outcomes(session: Session, filters: Filters) -> Report:
    query = (
        select(JourneyEvent.outcome, func.count())
        .where(JourneyEvent.journey == vocab.SAFETY_PLANNING, JourneyEvent.completed.is_(True))
        .group_by(JourneyEvent.outcome)
    )
    query = _filtered(query, JourneyEvent, filters)
    counts = {outcome or "not recorded": n for outcome, n in session.execute(query)}
    rows: list[list[Shown]] = [
        [outcome.replace("_", " "), shown(n)] for outcome, n in sorted(counts.items())
    ]
    return Report(
        "risk",
        "Risk outcome categories (completed safety-planning walkthroughs)",
        ["Outcome", "Walkthroughs"],
        rows,
        ["All outcomes", total(counts.values())] if rows else None,
        "Whether the MARAC criteria were met, by the category the walkthrough reached.",
    )


def consultations(session: Session, filters: Filters) -> Report:
    query = (
        select(JourneyEvent.hour, func.count())
        .where(JourneyEvent.journey == vocab.CONSULTATION_REQUESTED)
        .group_by(JourneyEvent.hour)
    )
    query = _filtered(query, JourneyEvent, filters)
    weeks: Counter[date] = Counter()
    for hour, n in session.execute(query):
        weeks[week_of(hour)] += n
    rows: list[list[Shown]] = [[w.isoformat(), shown(weeks[w])] for w in sorted(weeks)]
    return Report(
        "consultations",
        "Case consultation requests",
        ["Week beginning", "Requests"],
        rows,
        ["All weeks", total(weeks.values())] if rows else None,
        "Requests for a case consultation with the local domestic abuse lead.",
    )


REPORTS: dict[str, Callable[[Session, Filters], Report]] = {
    "conversations": conversations_by_week,
    "topics": top_topics,
    "journeys": journeys,
    "fallbacks": fallbacks,
    "feedback": helpfulness,
    "risk": risk_outcomes,
    "consultations": consultations,
}


def report(database: Database, name: str, filters: Filters) -> Report:
    with database.session() as session:
        return REPORTS[name](session, filters)


def all_reports(database: Database, filters: Filters) -> list[Report]:
    with database.session() as session:
        return [build(session, filters) for build in REPORTS.values()]
