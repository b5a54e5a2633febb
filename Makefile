# Aux actes citoyens — every target sets up what it needs on a fresh machine.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
TOOLS := .tools
UV := $(TOOLS)/bin/uv
CHROMIUM := /usr/bin/chromium
PG_URL ?= postgres://postgres@127.0.0.1:5432/aux_actes_citoyens
REDIS_URL_CI ?= redis://127.0.0.1:6379/1
# Test processes (pytest-xdist), one per core. Each worker takes whole modules (--dist
# loadscope), so a module's world and demo tree are built once (tests/worlds.py); every
# transactional test restores what its flush removes (serialized rollback).
TEST_WORKERS ?= 2
PYTEST := $(PY) -m pytest -n $(TEST_WORKERS) --dist loadscope
COVERAGE := $(VENV)/bin/coverage

.DEFAULT_GOAL := help
.PHONY: help run test test-fast test-postgres test-es lint format bench loadtest setup messages chromium wrk check lock coverage plugins

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-14s %s\n", $$1, $$2}'

# uv installs exactly what uv.lock holds (versions and hashes); pyproject.toml keeps the ranges,
# `make lock` re-resolves them. uv itself comes from PyPI, pinned by hash; it never downloads an
# interpreter: the virtualenv uses $(PYTHON).
export UV_PYTHON_DOWNLOADS := never
export UV_PROJECT_ENVIRONMENT := $(VENV)

$(UV): requirements-uv.txt
	$(PYTHON) -m venv $(TOOLS)
	$(TOOLS)/bin/pip install --quiet --require-hashes -r requirements-uv.txt
	touch $(UV)

$(STAMP): uv.lock pyproject.toml $(UV)
	$(UV) sync --locked --extra dev --python $(PYTHON) --quiet
	touch $(STAMP)

lock: $(UV) ## Re-resolve uv.lock after a change of the ranges in pyproject.toml
	$(UV) lock --python $(PYTHON)

setup: $(STAMP) messages ## Create the virtualenv and compile the translations

messages: $(STAMP)
	@command -v msgfmt >/dev/null || { [ "$$(id -u)" = 0 ] && apt-get install -y -qq gettext >/dev/null; } \
		|| { echo "gettext is missing: install it (apt-get install gettext)"; exit 1; }
	$(PY) manage.py compilemessages --ignore '.venv/*' -v0

run: setup ## Serve the site with demo content on SQLite at http://127.0.0.1:8000
	$(PY) manage.py migrate --noinput -v0
	$(PY) manage.py createcachetable
	$(PY) manage.py load_demo_content
	$(PY) manage.py runserver 127.0.0.1:8000

chromium:
	@test -x $(CHROMIUM) || { [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null \
		&& (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null); } \
		|| { echo "Browser tests need Debian's chromium at $(CHROMIUM): run 'sudo apt-get install chromium'"; exit 1; }

check: setup ## Django checks and missing migrations
	$(PY) manage.py check
	$(PY) manage.py makemigrations --check --dry-run

test: setup chromium check ## Run the whole test suite (SQLite, browser tests included)
	$(PYTEST)

test-fast: setup ## The inner loop: no browser, no transactional test (pytest options in ARGS)
	$(PYTEST) -m "not browser and not transactional" $(ARGS)

test-postgres: setup ## Run the whole test suite on PostgreSQL with the Redis cache (no browser)
	DATABASE_URL=$(PG_URL) REDIS_URL=$(REDIS_URL_CI) $(PYTEST)

coverage: setup chromium ## Line and branch coverage of both legs (SQLite, PostgreSQL) combined
	rm -f .coverage .coverage.*
	COVERAGE_FILE=.coverage.sqlite $(PYTEST) --cov --cov-report=
	COVERAGE_FILE=.coverage.postgres DATABASE_URL=$(PG_URL) REDIS_URL=$(REDIS_URL_CI) \
		$(PYTEST) --cov --cov-report=
	$(COVERAGE) combine --keep .coverage.sqlite .coverage.postgres
	$(COVERAGE) report --format=total --precision=2
	$(COVERAGE) report --skip-covered --skip-empty --sort=cover | tail -25

test-es: setup ## Run the search tests against the Elasticsearch server at ELASTICSEARCH_URL
	@test -n "$(ELASTICSEARCH_URL)" || { echo "Set ELASTICSEARCH_URL (see README, Search) to run the Elasticsearch leg"; exit 1; }
	ELASTICSEARCH_URL=$(ELASTICSEARCH_URL) $(PYTEST) tests/search -m elasticsearch

lint: setup ## ruff lint and format check, and the architecture's import contracts
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports

plugins: setup ## Check, migrate, load the demo and crawl with each plugin off, and the core alone
	$(PY) -m tests.switch_plugins $(VARIANTS)

format: setup ## Format and auto-fix with ruff
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

wrk:
	@command -v wrk >/dev/null || { [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null \
		&& (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null); } \
		|| { echo "The bench needs Debian's wrk: run 'sudo apt-get install wrk'"; exit 1; }

# Options of bench/run.py, e.g. make bench BENCH_ARGS="--duration 2s --runs 1 --only home".
BENCH_ARGS ?=
bench: setup wrk ## Serve under gunicorn on PostgreSQL + Redis and measure the pages with wrk
	$(PY) -m bench.run $(BENCH_ARGS)

# The load test's size: CI runs `make loadtest USERS=20 DURATION=60s`.
USERS ?= 200
DURATION ?= 10m
loadtest: setup ## Load test: USERS citizens for DURATION on PostgreSQL + Redis under gunicorn
	$(PY) -m bench.loadtest.run --users $(USERS) --duration $(DURATION)
