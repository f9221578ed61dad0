"""The sealed halves of the held-out sets are exactly as split, before any tuning."""

from __future__ import annotations

import hashlib
import re

import yaml

from bot.config import PROJECT_ROOT
from bot.safety.background import nlu_examples
from bot.safety.semantic_net import training_sentences
from evaluation.split import HELDOUT, MANIFEST


def test_sealed_halves_are_unchanged() -> None:
    entries = [line.split("  ", 1) for line in MANIFEST.read_text().splitlines() if line]
    assert {name for _, name in entries} == {
        "crisis/sealed.yml",
        "questions/sealed.yml",
        "privacy/sealed.yml",
        "coach/sealed.yml",
        "coach/sealed_b.yml",
        "coach/sealed_e.yml",
        "questions/sealed_j.yml",
        "privacy/sealed_n.yml",
        "crisis/sealed_k.yml",
        "questions/sealed_k.yml",
        "privacy/sealed_s.yml",
        "crisis/sealed_m.yml",
        "questions/sealed_m.yml",
        "privacy/sealed_t.yml",
        "coach/sealed_f.yml",
        "coach/sealed_g.yml",
        "coach/sealed_h.yml",
        "privacy/sealed_u.yml",
        "privacy/sealed_w.yml",
        "privacy/sealed_x.yml",
        "questions/sealed_r.yml",
        "crisis/sealed_s.yml",
        "crisis/sealed_p.yml",
        "questions/sealed_p.yml",
        "questions/sealed_v.yml",
        "privacy/sealed_y.yml",
        "privacy/sealed_z.yml",
        "privacy/sealed_q.yml",
        "coach/sealed_i.yml",
        "questions/sealed_t.yml",
        "questions/sealed_w.yml",
        "crisis/sealed_w.yml",
        "privacy/sealed_r.yml",
    }
    for digest, name in entries:
        text = (HELDOUT / name).read_text(encoding="utf-8")
        assert hashlib.sha256(text.encode()).hexdigest() == digest, f"{name} was edited"


def test_the_halves_share_no_item() -> None:
    for name, suffix, keys in (
        ("crisis", "", ("items",)),
        ("questions", "", ("questions", "followups")),
        ("questions", "_j", ("questions",)),
        ("questions", "_k", ("questions", "followups")),
        ("crisis", "_k", ("items",)),
        ("privacy", "_s", ("with_identifiers", "clean")),
        ("crisis", "_m", ("items",)),
        ("questions", "_m", ("followups",)),
        ("privacy", "_t", ("with_identifiers", "clean")),
        ("privacy", "", ("with_identifiers", "clean")),
        ("privacy", "_n", ("with_identifiers", "clean")),
        ("coach", "", ("items",)),
        ("coach", "_e", ("items",)),
        ("coach", "_f", ("items",)),
        ("privacy", "_u", ("with_identifiers", "clean")),
        ("privacy", "_w", ("with_identifiers", "clean")),
        ("crisis", "_p", ("items",)),
        ("questions", "_p", ("questions", "followups")),
        ("questions", "_v", ("questions", "followups")),
        ("privacy", "_y", ("with_identifiers", "clean")),
        ("privacy", "_z", ("with_identifiers", "clean")),
        ("privacy", "_q", ("with_identifiers", "clean")),
        ("coach", "_i", ("items",)),
        ("questions", "_t", ("followups",)),
    ):
        halves = [
            yaml.safe_load((HELDOUT / name / f"{h}{suffix}.yml").read_text())
            for h in ("tune", "sealed")
        ]
        for key in keys:
            tune, sealed = ({str(item) for item in half[key]} for half in halves)
            assert tune and sealed and not tune & sealed, f"{name}/{key} overlaps"


def _normalised(text: str) -> str:
    return re.sub(r"\W+", " ", text.lower()).strip()


def test_no_held_out_item_is_in_the_training_data() -> None:
    # Every sentence anything is trained on: the NLU examples as they are now, and the
    # crisis net's exemplars and its snapshot of the NLU examples.
    danger, safe, _ = training_sentences()
    crisis, other = nlu_examples(PROJECT_ROOT / "data" / "nlu")
    trained = {_normalised(t) for t in danger + safe + crisis + other}
    crisis = yaml.safe_load((HELDOUT / "crisis" / "sealed.yml").read_text())
    questions = yaml.safe_load((HELDOUT / "questions" / "sealed.yml").read_text())
    held = [i["text"] for i in crisis["items"]] + [q["text"] for q in questions["questions"]]
    held += [f["followup"] for f in questions["followups"]]
    same = [t for t in held if _normalised(t) in trained]
    # 11 sealed items (9 questions such as "what does MARAC stand for", 2 crisis
    # messages) were written, independently, exactly as training examples already
    # were: reported with the figures. Any more means something was copied.
    assert len(same) <= 11
    journeys = yaml.safe_load((HELDOUT / "questions" / "sealed_j.yml").read_text())
    # The journey set (written 2026-11-26): 3 plain questions ("What is horizontal
    # commissioning?") were written, independently, exactly as training examples were.
    assert len([q for q in journeys["questions"] if _normalised(q["text"]) in trained]) <= 3
    # The third question set and the second crisis set (written 2026-11-26, later): 4
    # short questions ("What is a MARAC?", "helplines please") were written,
    # independently, exactly as training examples were (shown once by this test).
    third = yaml.safe_load((HELDOUT / "questions" / "sealed_k.yml").read_text())
    crisis_k = yaml.safe_load((HELDOUT / "crisis" / "sealed_k.yml").read_text())
    held = [q["text"] for q in third["questions"]] + [f["followup"] for f in third["followups"]]
    held += [c["text"] for c in crisis_k["items"]]
    same = [t for t in held if _normalised(t) in trained]
    assert len(same) <= 4, same
    # The fourth follow-up set and the third crisis set (written 2026-11-26, sixth session).
    fourth = yaml.safe_load((HELDOUT / "questions" / "sealed_m.yml").read_text())
    crisis_m = yaml.safe_load((HELDOUT / "crisis" / "sealed_m.yml").read_text())
    held = [f["first"] for f in fourth["followups"]] + [f["followup"] for f in fourth["followups"]]
    held += [c["text"] for c in crisis_m["items"]]
    same = [t for t in held if _normalised(t) in trained]
    # One first turn (a plain definition question, not the scored follow-up) was
    # written, independently, exactly as a training example was (shown once by this test).
    assert len(same) <= 1, len(same)
    # The fourth crisis set (written 2026-11-27, eleventh session).
    crisis_p = yaml.safe_load((HELDOUT / "crisis" / "sealed_p.yml").read_text())
    same = [c["text"] for c in crisis_p["items"] if _normalised(c["text"]) in trained]
    # Five short or plain messages (four danger, one near-miss) were written,
    # independently, exactly as crisis examples were (shown once by this test).
    assert len(same) <= 5, len(same)
    # The fifth question set (written 2026-11-27, eleventh session).
    fifth = yaml.safe_load((HELDOUT / "questions" / "sealed_p.yml").read_text())
    held = [q["text"] for q in fifth["questions"]] + [f["followup"] for f in fifth["followups"]]
    same = [t for t in held if _normalised(t) in trained]
    assert not same, len(same)


def test_no_held_out_coach_sentence_is_a_coach_test_sentence() -> None:
    """The coach's own test sentences (tests/data) were written separately."""
    from bot.config import PROJECT_ROOT

    own = yaml.safe_load((PROJECT_ROOT / "tests/data/coach_sentences.yml").read_text())
    mine = {_normalised(s["text"]) for s in own["sentences"]}
    sealed = yaml.safe_load((HELDOUT / "coach" / "sealed.yml").read_text())["items"]
    assert not [i["text"] for i in sealed if _normalised(i["text"]) in mine]
