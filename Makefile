# Two commands do all set-up on a fresh machine:
#   make run    create .venv, install pybridge[rl] and Coq (as root), run the main job (report in out/run/)
#   make test   create .venv, install pybridge[dev,rl,dist], install Coq and Chromium if missing (as root), run the full suite
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
PYBRIDGE := $(VENV)/bin/pybridge
STAMP  := $(VENV)/.installed-stamp
DEV_STAMP := $(VENV)/.installed-dev-stamp
PYTEST_ARGS ?=

.PHONY: run test coq chromium clean help

help:
	@echo "make run   - install and run the main job"
	@echo "make test  - install (with dev extras and Coq) and run the full test suite"

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(VENV)/bin/python
	$(PY) -m pip install --quiet -e '.[rl]'
	touch $@

$(DEV_STAMP): pyproject.toml | $(VENV)/bin/python
	$(PY) -m pip install --quiet -e '.[dev,rl,dist]'
	touch $@ $(STAMP)

# Debian's coq (8.16) is the formal kernel that runs here; install it when we can (root) and it is missing.
coq:
	@if command -v coqc >/dev/null 2>&1; then \
		coqc --version | head -1; \
	elif [ "$$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then \
		echo "installing Debian's coq (apt-get install -y coq)"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq coq >/dev/null && coqc --version | head -1; \
	else \
		echo "coqc not found and not root: install it with 'sudo apt-get install -y coq' (Coq tests will be skipped)"; \
	fi

# Debian's chromium renders the HTML report in the browser test; install it when we can (root) and it is missing.
chromium:
	@if command -v chromium >/dev/null 2>&1; then \
		chromium --version 2>/dev/null | head -1; \
	elif [ "$$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then \
		echo "installing Debian's chromium (apt-get install -y chromium)"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null && chromium --version | head -1; \
	else \
		echo "chromium not found and not root: install it with 'sudo apt-get install -y chromium' (the report browser test will be skipped)"; \
	fi

run: $(STAMP) coq
	$(PYBRIDGE) run --out out/run

test: $(DEV_STAMP) coq chromium
	@$(PY) -m pytest -q $(PYTEST_ARGS); rc=$$?; \
	if [ $$rc -eq 5 ]; then echo "pytest collected no tests: failing on purpose (an empty suite proves nothing)"; exit 1; fi; \
	exit $$rc

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis build *.egg-info
