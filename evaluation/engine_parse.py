"""Parse the TUNING half's questions with the trained model, in the engine's Python.

    .venv-engine/bin/python evaluation/engine_parse.py results/eval/tune-parse.json
    .venv-engine/bin/python evaluation/engine_parse.py OUT.json tests/heldout/questions/tune_j.yml

Only what `evaluation.tune_answers` needs: the parse data of each question (and
of each follow-up, with the first question's topic as the gateway would send
it). Runs inside the Rasa 3.10 environment, so it imports nothing of the app.
"""

import asyncio
import json
import os
import sys

import yaml

sys.path.insert(0, os.getcwd())

from rasa.core.agent import Agent
from rasa.core.channels.channel import UserMessage


async def main() -> None:
    agent = Agent.load("models/assistant.tar.gz")
    source = sys.argv[2] if len(sys.argv) > 2 else "tests/heldout/questions/tune.yml"
    if "sealed" in os.path.basename(source):
        raise SystemExit("Tuning halves only: a sealed half is read by `make eval` alone.")
    with open(source, encoding="utf-8") as handle:
        data = yaml.safe_load(handle)
    titles, offers = {}, {}
    for name in sorted(os.listdir("data/knowledge")):
        with open(f"data/knowledge/{name}", encoding="utf-8") as handle:
            for topic in yaml.safe_load(handle)["topics"]:
                titles[topic["key"]] = topic["title"]
                if topic.get("offers"):
                    offers[topic["key"]] = topic["offers"]
    out = []
    for q in data["questions"]:
        parse = await agent.processor.parse_message(UserMessage(q["text"]))
        expect = q["expect"]
        out.append({"expect": expect if isinstance(expect, list) else [expect], "parse": parse})
    for f in data.get("followups") or []:
        first = "faq/" + f["first_expect"].split(":", 1)[1]
        metadata = {"previous_topic": first, "previous_topic_title": titles.get(first, "")}
        if first in offers:
            metadata["previous_topic_offers"] = offers[first]
        parse = await agent.processor.parse_message(UserMessage(f["followup"], metadata=metadata))
        out.append({"expect": f["followup_expect"], "previous": first, "parse": parse})
    with open(sys.argv[1], "w", encoding="utf-8") as handle:
        json.dump(out, handle)


asyncio.run(main())
