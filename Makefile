# Everything a fresh machine needs, in two commands: `make serve` and `make test`.
# Both create .venv and install the project with its test extras on first use.
VENV   ?= .venv
PY     := $(VENV)/bin/python
PORT   ?= 8000
export NO_MKDOCS_2_WARNING := 1

.PHONY: install oracles serve test test-fast build validate chromium nodejs graphviz lint bench bench-search vendor schema clean

$(VENV)/.installed: pyproject.toml
	python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $@

install: $(VENV)/.installed

# The oracles extra: azure-cli, the ARM models, an HCL parser (tests/test_oracles.py).
$(VENV)/.oracles: $(VENV)/.installed pyproject.toml
	$(PY) -m pip install --quiet -e '.[test,oracles]'
	touch $@

oracles: $(VENV)/.oracles

## serve: the real site with live reload on http://127.0.0.1:$(PORT)/ (edits to data/ rebuild it)
serve: install graphviz
	$(VENV)/bin/mkdocs serve --livereload --dirty --no-strict --dev-addr 127.0.0.1:$(PORT)

## test: the whole suite (unit, build, HTML, Node, oracles, browser); installs Debian's chromium and nodejs if missing
test: install oracles chromium nodejs graphviz
	$(VENV)/bin/aks-atlas validate
	$(VENV)/bin/pytest

## test-fast: everything but the tests that drive Chromium, the real tools' parsers or the second engine (well under a minute)
test-fast: install nodejs graphviz
	$(VENV)/bin/pytest -m "not browser and not oracle and not engines"

## lint: pyflakes, import order and line length (ruff; the tests run it too)
lint: install
	$(VENV)/bin/ruff check generator tests bench scripts

## build: a strict build into site/, swapped in only when it succeeded
build: install graphviz
	rm -rf site.new
	$(VENV)/bin/mkdocs build --strict --site-dir site.new
	rm -rf site.old; [ ! -d site ] || mv site site.old
	mv site.new site; rm -rf site.old

validate: install
	$(VENV)/bin/aks-atlas validate

## chromium: Debian's browser for the browser tests (Playwright never downloads one)
chromium:
	@if [ ! -x /usr/bin/chromium ]; then \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium; \
	fi

## nodejs: Debian's Node.js, which runs the JavaScript cores against the Python reference
nodejs:
	@if ! command -v node >/dev/null 2>&1; then \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq nodejs; \
	fi

## graphviz: Debian's Graphviz, whose dot lays out the diagrams and flowcharts at build time
graphviz:
	@if ! command -v dot >/dev/null 2>&1; then \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq graphviz; \
	fi

schema: install
	$(VENV)/bin/aks-atlas schema

bench: install chromium graphviz
	$(PY) bench/run.py

## bench-search: the query set in Chromium on the site before issue 16, after its first pass and now, and on Pagefind
bench-search: install chromium graphviz
	$(VENV)/bin/pip install --quiet pagefind-bin==1.5.2
	$(PY) bench/search.py

## vendor: re-fetch the pinned browser libraries from npm and check their integrity
vendor:
	bash scripts/vendor.sh

clean:
	rm -rf site site.new site.old $(VENV) .pytest_cache .cache
