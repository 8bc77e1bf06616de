# Lodestar: `make demo` to try it, `make test` to run every test.
SHELL := /bin/bash
PYTHON ?= python3
UV_VERSION := 0.13.8
UV := .tools/bin/uv
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
PG_URL ?= postgres://postgres@127.0.0.1:5432/lodestar
export UV_PYTHON_DOWNLOADS := never
export UV_PROJECT_ENVIRONMENT := $(VENV)
# Links in demo emails and the printed log-in address point at the server `make demo` starts.
demo serve worker: export SITE_ROOT ?= http://$(HOST):$(PORT)

.PHONY: install demo serve worker test test-sqlite test-postgres browser lint clean

$(UV):
	$(PYTHON) -m venv .tools
	.tools/bin/pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)

install: $(UV)
	$(UV) sync --frozen --python $(PYTHON) --quiet

# The web server and the background worker (tasks and the scheduler) side by side; Ctrl-C stops both.
demo: install
	DEBUG=1 $(BIN)/lodestar migrate --no-input
	DEBUG=1 $(BIN)/lodestar demo-data
	@echo "Serving Lodestar at http://$(HOST):$(PORT)/ with a background worker (Ctrl-C stops both)"
	@DEBUG=1 $(BIN)/lodestar worker --interval 1 & worker=$$!; \
	trap 'kill -TERM $$worker 2>/dev/null; wait $$worker' EXIT INT TERM; \
	DEBUG=1 $(BIN)/lodestar runserver $(HOST):$(PORT)

worker: install
	DEBUG=1 $(BIN)/lodestar worker

serve: install
	DEBUG=1 $(BIN)/lodestar runserver $(HOST):$(PORT)

# The whole suite, on SQLite and then on PostgreSQL.
test: install browser
	@start=$$(date +%s); \
	$(MAKE) --no-print-directory test-sqlite && $(MAKE) --no-print-directory test-postgres; \
	status=$$?; echo "make test took $$(( $$(date +%s) - start )) s"; exit $$status

test-sqlite:
	@echo "== Test suite on SQLite =="
	DEBUG=1 $(BIN)/pytest -q -n 2 $(PYTEST_ARGS)

test-postgres:
	@echo "== Test suite on PostgreSQL ($(PG_URL)) =="
	@if $(BIN)/python -c "import sys, psycopg; psycopg.connect('$(PG_URL)'.rsplit('/', 1)[0] + '/postgres', connect_timeout=3).close()" 2>/dev/null; then \
		DEBUG=1 DATABASE_URL=$(PG_URL) $(BIN)/pytest -q -n 2 $(PYTEST_ARGS); \
	else \
		echo "SKIPPED the PostgreSQL run: no server answers at $(PG_URL) (start one or set PG_URL)."; \
	fi

# Browser journeys drive Debian's chromium; install it when it is missing and we may.
browser:
	@if [ ! -x /usr/bin/chromium ]; then \
		if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
			echo "Installing Debian's chromium for the browser journeys..."; \
			(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
			|| echo "Could not install chromium: browser journeys will report it."; \
		else echo "No /usr/bin/chromium: browser journeys will report it (apt-get install chromium)."; fi; \
	fi

clean:
	rm -rf $(VENV) .tools var
