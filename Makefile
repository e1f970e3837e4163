# Gongkai — the two set-up commands are `make run` and `make test`.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
# PostgreSQL used by the second pytest run; .ci/run points it at a throw-away database.
GONGKAI_TEST_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/gongkai
export GONGKAI_TEST_DATABASE_URL

.PHONY: install run test test-deps lint audit typecheck test-sqlite test-postgres test-browser browser-deps front-deps vendor clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade "pip==26.3"

$(VENV)/.runtime: $(BIN)/python requirements/runtime.txt pyproject.toml
	$(BIN)/pip install --quiet -r requirements/runtime.txt
	$(BIN)/pip install --quiet --no-deps --no-build-isolation -e .
	touch $@

install: $(VENV)/.runtime

run: install
	GONGKAI_DEMO=1 $(BIN)/gongkai migrate --no-input
	GONGKAI_DEMO=1 $(BIN)/gongkai demo --if-empty
	GONGKAI_DEMO=1 $(BIN)/gongkai serve --host $(HOST) --port $(PORT)

$(VENV)/.test: $(VENV)/.runtime requirements/test.txt
	$(BIN)/pip install --quiet -r requirements/test.txt
	touch $@

browser-deps:
	@test -x /usr/bin/chromium && fc-list 2>/dev/null | grep -q "Noto Sans CJK" || { \
	  echo "Installing Chromium and CJK fonts from Debian's packages"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk >/dev/null; }

# nginx for the front-server test (docs/deployment/nginx.conf); nginx-light where Debian still has it.
front-deps:
	@test -x /usr/sbin/nginx || { \
	  echo "Installing nginx from Debian's packages"; \
	  apt-get update -qq && { DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx-light >/dev/null 2>&1 || \
	    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx >/dev/null; }; }

test-deps: $(VENV)/.test browser-deps front-deps

# ruff's rules include flake8-bandit (S): the static security checks of issue #23 run here.
lint: test-deps
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	GONGKAI_TESTING=1 $(BIN)/gongkai check --fail-level WARNING
	GONGKAI_TESTING=1 $(BIN)/gongkai makemigrations --check --dry-run

# Known vulnerabilities in the pinned runtime set; says NOT AUDITED (exit 3) where no vulnerability
# service answers (decision 0034).
audit: test-deps
	BIN=$(BIN) sh scripts/audit.sh

typecheck: test-deps
	$(BIN)/mypy src/gongkai/core

test-sqlite: test-deps
	env -u GONGKAI_DATABASE_URL $(BIN)/pytest -m "not browser" -p no:cacheprovider -n 2

test-postgres: test-deps
	$(BIN)/python tests/pg_available.py && \
	  GONGKAI_DATABASE_URL=$(GONGKAI_TEST_DATABASE_URL) $(BIN)/pytest -m "not browser" -p no:cacheprovider -n 2 \
	  || { rc=$$?; [ $$rc -eq 77 ] && [ "$$CI" != "true" ] && echo "PostgreSQL run SKIPPED: no server at $(GONGKAI_TEST_DATABASE_URL)" || exit $$rc; }

test-browser: test-deps
	env -u GONGKAI_DATABASE_URL $(BIN)/pytest -m browser -p no:cacheprovider

test: lint typecheck test-sqlite test-postgres test-browser

# The browser libraries in src/gongkai/portal/static/vendor/ (committed; this re-fetches and checks them).
vendor:
	sh scripts/vendor.sh

clean:
	rm -rf $(VENV) build src/*.egg-info
