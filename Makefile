# Set-up and everyday commands. `make run` and `make test` each bootstrap .venv.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test install install-dev chromium pdf-packages lint format migrations-check clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-dev: requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $(VENV)/.installed $@

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

## Install, migrate, load demo data and serve on http://127.0.0.1:8000
run: install
	$(BIN)/python manage.py migrate --no-input
	PORT=$(PORT) $(BIN)/python manage.py load_demo_data
	@echo "Portal: http://$(HOST):$(PORT)/  (Ctrl+C to stop)"
	PORT=$(PORT) $(BIN)/python manage.py runserver $(HOST):$(PORT)

# The browser tests drive Debian's Chromium; install it (and CJK fonts, so that Chinese
# screenshots are legible) when missing.
chromium:
	@{ command -v chromium >/dev/null 2>&1 && [ -d /usr/share/fonts/opentype/noto ]; } || { \
	  echo "Installing Chromium and Noto CJK fonts (Debian packages) for the browser tests"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq chromium fonts-noto-cjk >/dev/null; }

# The PDF downloads (WeasyPrint) need Pango and HarfBuzz, and fonts for Chinese (Noto CJK) and
# Arabic (Amiri); the tests read the PDFs with pdftotext (poppler-utils); the catalogues are
# compiled with GNU gettext. Install those that are missing.
PDF_PACKAGES := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core fonts-noto-cjk \
	fonts-hosny-amiri poppler-utils gettext
pdf-packages:
	@missing=$$(for p in $(PDF_PACKAGES); do dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q "ok installed" || echo $$p; done); \
	[ -z "$$missing" ] || { \
	  echo "Installing Debian packages for the PDF downloads and their tests:" $$missing; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq $$missing >/dev/null; }

## Install the test tools and run the whole suite (PostgreSQL/Redis when DATABASE_URL/REDIS_URL are set)
test: install-dev chromium pdf-packages
	$(BIN)/python -m pytest $(PYTEST_ARGS)

## Lint: ruff, and the layer and no-cycle contracts of pyproject.toml [tool.importlinter]
lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

format: install-dev
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

migrations-check: install-dev
	$(BIN)/python manage.py makemigrations --check --dry-run

clean:
	rm -rf $(VENV) .pytest_cache .test-media staticfiles
