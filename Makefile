# The two commands of the README. Each creates the virtual environment on a fresh machine.
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
JS     := tests/js
EDITOR := editor

.PHONY: site test check serve edit bench clean

site: $(VENV)/.installed            ## set up, check the content, build site/
	$(PY) -m generator check
	$(PY) -m generator build

test: $(VENV)/.installed $(JS)/node_modules/.installed $(EDITOR)/node_modules/.installed  ## set up, lint, run every test (browser tests included)
	$(PY) -m ruff check generator tests benchmarks
	$(PY) -m ruff format --check generator tests benchmarks
	$(PY) -m pytest

check: $(VENV)/.installed
	$(PY) -m generator check

serve: $(VENV)/.installed
	$(VENV)/bin/mkdocs serve

edit: $(VENV)/.installed $(EDITOR)/node_modules/.installed  ## the web editor on this machine, saving into content/
	$(PY) -m generator.engine.edit

bench: $(VENV)/.installed
	$(PY) benchmarks/build_speed.py

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	@# The build backend's English notice on editable installs is only information: silenced.
	PYTHONWARNINGS=ignore::UserWarning $(PY) -m pip install --quiet -e '.[test]'
	touch $@

# ical.js for the feed tests, pinned by the lock file; skipped (and its tests too) without npm.
$(JS)/node_modules/.installed: $(JS)/package.json $(JS)/package-lock.json
	@if command -v npm >/dev/null 2>&1; then \
		npm ci --prefix $(JS) --no-audit --no-fund --silent && touch $@; \
	else echo "npm not found: the ical.js feed tests will be skipped"; fi

# Decap CMS and decap-server, pinned by the lock file: `make edit` and the editor's browser tests
# use decap-server; the bundle /admin/ serves is vendored in generator/editor/vendor/ (README).
$(EDITOR)/node_modules/.installed: $(EDITOR)/package.json $(EDITOR)/package-lock.json
	@if command -v npm >/dev/null 2>&1; then \
		npm ci --prefix $(EDITOR) --no-audit --no-fund --silent && touch $@; \
	else echo "npm not found: make edit cannot run and the editor tests will be skipped"; fi

clean:
	rm -rf site $(VENV) .pytest_cache $(JS)/node_modules $(EDITOR)/node_modules
