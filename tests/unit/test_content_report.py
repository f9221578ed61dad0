"""`make content-report`: everything unverified or verified over a year ago, and nothing else."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import yaml

from bot.config import PROJECT_ROOT
from bot.knowledge.content_report import as_markdown, main, to_review
from bot.knowledge.topics import load_topics


def _one_topic_file(tmp_path: Path, **verification: str | None) -> Path:
    source = yaml.safe_load((PROJECT_ROOT / "data/knowledge/marac.yml").read_text())
    topic = {**source["topics"][0], **verification}
    folder = tmp_path / "knowledge"
    folder.mkdir()
    (folder / "k.yml").write_text(yaml.safe_dump({"topics": [topic]}))
    return folder


def test_every_unverified_answer_is_listed() -> None:
    items = to_review()
    unverified = [t for t in load_topics() if t.verified_on is None]
    assert unverified and all(any(t.key in i.what for i in items) for t in unverified)
    assert any(i.where == "data/directory/national.yml" for i in items)


def test_verified_within_a_year_is_not_listed_and_older_is(tmp_path: Path) -> None:
    recent = _one_topic_file(
        tmp_path,
        entered_on="2026-01-10",
        verified_by="Practice lead, Example",
        verified_on="2026-02-01",
    )
    topics = [i for i in to_review(knowledge_dir=recent, today=date(2026, 11, 25))
              if i.where.startswith("data/knowledge")]  # fmt: skip
    assert topics == []
    topics = [i for i in to_review(knowledge_dir=recent, today=date(2027, 3, 1))
              if i.where.startswith("data/knowledge")]  # fmt: skip
    assert len(topics) == 1 and "over a year ago" in topics[0].status


def test_the_report_is_a_table_and_is_written_where_asked(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "report.md"
    assert main(["--out", str(out)]) == 0
    text = out.read_text()
    assert text == capsys.readouterr().out
    assert "| File | Item | Status | Sources |" in text and "not verified (entered" in text
    assert as_markdown([], date(2026, 11, 25)).count("\n") == 6
