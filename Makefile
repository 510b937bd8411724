# Bootstraps the virtual environment for the README's two commands; tasks.py does the rest.
VENV := .venv
BIN := $(VENV)/bin
# The preview's port: PORT=8001 make serve when 8000 is taken.
PORT ?= 8000

.PHONY: install serve test

$(BIN)/activate:
	python3 -m venv $(VENV) || (.ci/install-system-packages && python3 -m venv $(VENV))

$(VENV)/.site-installed: requirements.txt | $(BIN)/activate
	$(BIN)/pip install -q -r requirements.txt
	touch $@

$(VENV)/.test-installed: requirements.txt requirements-test.txt package-lock.json | $(BIN)/activate
	.ci/install-system-packages
	$(BIN)/pip install -q -r requirements-test.txt
	npm ci --no-audit --no-fund
	touch $@

install: $(VENV)/.site-installed  ## only install what building the site needs

serve: $(VENV)/.site-installed  ## build the site and preview it at http://localhost:$(PORT)
	$(BIN)/invoke livereload --port $(PORT)

test: $(VENV)/.test-installed  ## install what the tests need and run them
	$(BIN)/python -m pytest tests
