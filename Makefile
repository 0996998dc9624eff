# The two commands of the README; every other one in docs/pages/development.md. Each creates the
# virtual environment on a fresh machine.
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
JS     := tests/js
EDITOR := editor

.PHONY: site test check serve edit commit dist bench bench-ocr clean ocr-tools

site: $(VENV)/.installed            ## set up, check the content, build site/, verify it
	$(PY) -m generator check
	$(PY) -m generator build
	$(PY) -m generator verify

test: $(VENV)/.installed $(JS)/node_modules/.installed $(EDITOR)/node_modules/.installed ocr-tools  ## set up, lint, run every test (browser tests included)
	$(PY) -m ruff check generator tests benchmarks
	$(PY) -m ruff format --check generator tests benchmarks
	$(PY) -m pytest

check: $(VENV)/.installed
	$(PY) -m generator check

serve: $(VENV)/.installed
	$(PY) -m generator serve

edit: $(VENV)/.installed $(EDITOR)/node_modules/.installed  ## the web editor on this machine, saving into content/
	$(PY) -m generator edit

# One step for the clerk after `make edit` or `generator report`: every change under content/
# (reports, amendments, sources; new, changed or removed) checked, then committed, nothing else.
commit: $(VENV)/.installed  ## check content/ and commit all of it: make commit M="Báo cáo ..."
	$(PY) -m generator check
	git add --all -- content
	@if git diff --cached --quiet -- content; then echo "Không có thay đổi nào trong content/."; \
	else git commit --quiet -m "$${M:-Cập nhật dữ liệu}" -- content && git log -1 --stat --format="Đã commit: %h %s"; fi

bench: $(VENV)/.installed
	$(PY) benchmarks/build_speed.py

# The sdist and the wheel, offline (the build backend comes with the test extras): dist/.
dist: $(VENV)/.installed
	rm -rf dist
	$(PY) -m build --no-isolation --outdir dist .

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	@# The build backend's English notice on editable installs is only information: silenced.
	PYTHONWARNINGS=ignore::UserWarning $(PY) -m pip install --quiet -e '.[test]'
	touch $@

# ical.js for the feed tests and ESLint for our scripts, pinned by the lock file; skipped (and
# their tests too) without npm.
$(JS)/node_modules/.installed: $(JS)/package.json $(JS)/package-lock.json
	@if command -v npm >/dev/null 2>&1; then \
		npm ci --prefix $(JS) --no-audit --no-fund --silent && touch $@; \
	else echo "npm not found: the ical.js feed tests and the JS lint will be skipped"; fi

# Decap CMS and decap-server, pinned by the lock file: `make edit` and the editor's browser tests
# use decap-server; the bundle /admin/ serves is vendored in generator/editor/vendor/
# (docs/pages/editor.md).
$(EDITOR)/node_modules/.installed: $(EDITOR)/package.json $(EDITOR)/package-lock.json
	@if command -v npm >/dev/null 2>&1; then \
		npm ci --prefix $(EDITOR) --no-audit --no-fund --silent && touch $@; \
	else echo "npm not found: make edit cannot run and the editor tests will be skipped"; fi

# Tesseract with its Vietnamese model (reading scanned PDFs) and DejaVu (the test PDFs), from
# Debian, when this machine lets us install them (root with apt-get); else the OCR tests skip.
# Only `import` and its tests need them: `make site` does not.
OCR_PACKAGES := tesseract-ocr tesseract-ocr-vie fonts-dejavu-core
ocr-tools:
	@if command -v tesseract >/dev/null 2>&1 && [ -f /usr/share/tesseract-ocr/5/tessdata/vie.traineddata ] \
		&& [ -f /usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf ]; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(OCR_PACKAGES) >/dev/null; \
	else echo "tesseract not found: apt-get install $(OCR_PACKAGES) (the OCR tests will be skipped)"; fi

bench-ocr: $(VENV)/.installed ocr-tools  ## exact / flagged / wrong per field on simulated scans
	$(PY) benchmarks/ocr_accuracy.py

clean:
	rm -rf site dist $(VENV) .pytest_cache $(JS)/node_modules $(EDITOR)/node_modules
