# The two commands: `make run` and `make test`. Nothing but Python 3.12+ and make.
SHELL := /bin/bash
VENV := .venv
BIN := $(VENV)/bin
# The first interpreter of 3.12 or newer; pyenv shims fail unless selected, so run each.
PYTHON := $(shell for p in python3.13 python3.12 python3; do \
	if command -v $$p >/dev/null 2>&1 && $$p -c 'import sys; assert sys.version_info >= (3, 12)' 2>/dev/null; \
	then echo $$p; break; fi; done)

.PHONY: run test test-clock install lint messages bench cluster clean

install: $(VENV)/.installed

$(VENV)/.installed: requirements/base.txt requirements/dev.txt
	@if [ -z "$(PYTHON)" ]; then echo "Python 3.12 oder neuer wird benötigt (python3.13, python3.12 oder python3)."; exit 1; fi
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements/base.txt -r requirements/dev.txt
	@touch $@

run: install
	DEBUG=true $(BIN)/python manage.py migrate --no-input
	DEBUG=true $(BIN)/python manage.py seed_demo
	DEBUG=true $(BIN)/python manage.py runserver 127.0.0.1:8000

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	# The floors and no circles (pyproject.toml, [tool.importlinter]; docs/architecture.md).
	$(BIN)/lint-imports
	$(BIN)/bandit --quiet --recursive --severity-level medium --exclude ./.venv,./tests,./.cache .

test: lint
	DEBUG=true $(BIN)/python manage.py makemigrations --check --dry-run
	# The browser tests in a process of their own: Playwright's sync API keeps an event
	# loop running in the main thread, where the ASGI tests' async_to_sync cannot run.
	$(BIN)/pytest -m "not browser"
	$(BIN)/pytest -m browser

# The suite holds on any day: again with the process clock faked by libfaketime (Debian
# package `faketime`), in file order, without the browser tests (Chromium keeps its own
# clock for cookies). CI runs it at New Year in Berlin; try others with
# `make test-clock AT="2028-02-29 12:00:00"`.
AT ?= 2027-12-31 23:30:00
test-clock: install
	TZ=UTC faketime -f "@$(AT)" $(BIN)/pytest -m "not browser" -p no:randomly -q

# The benchmark (not part of `make test`): PostgreSQL with 10,000 partners, wrk, gunicorn.
bench: install
	$(BIN)/python tools/bench.py

# Several app servers on one machine (not part of `make test`; needs root, PostgreSQL,
# Redis and nginx from Debian): two gunicorns, a task worker, nginx round robin, then
# cross-instance checks through nginx. Stops everything it started.
cluster: install
	$(BIN)/python tools/cluster/run.py

# Update the English catalog after changing strings (needs GNU gettext): extracts the
# strings into locale/en/LC_MESSAGES/django.po (new ones arrive empty or fuzzy: translate
# them there) and compiles every catalog, locale_overrides/ included, into django.mo.
messages: install
	DEBUG=true $(BIN)/python manage.py makemessages -l en --no-obsolete --no-location -i '.venv/*' -i 'staticfiles/*' -i 'tests/*' -i '.cache/*'
	DEBUG=true $(BIN)/python manage.py compilemessages -i '.venv' -i 'staticfiles' -i '.cache'

clean:
	rm -rf $(VENV) staticfiles
