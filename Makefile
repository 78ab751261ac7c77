# One command per job. `make book` sets itself up (a virtual environment from requirements.txt).
SHELL := /bin/bash
PYTHON_SYSTEM ?= python3
VENV ?= .venv
PYTHON := $(VENV)/bin/python
export PYTHONPATH := $(CURDIR)

.PHONY: book chapter test browser check-data framing changes release vendor bench pdf clean venv

venv: $(VENV)/.installed

$(VENV)/.installed: requirements.txt pyproject.toml
	$(PYTHON_SYSTEM) -m venv $(VENV)
	$(PYTHON) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	# The package itself, editable: a chapter opened in Jupyter from notebooks/ imports it.
	$(PYTHON) -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $@

## make book: execute the chapters that changed and compile _build/html (offline-ready)
book: venv
	$(PYTHON) -m karabakh build

## make chapter NB=un_resolutions_1993 PARAMS="resolutions=822,884 start=1993-03-01"
# NB and PARAMS reach the command through the environment, never through the shell's parser:
# PARAMS is split by the program with shell quoting rules (PARAMS='articles_dir="/a b"'), not run.
export NB PARAMS
chapter: venv
	@test -n "$$NB" || { echo "error: name the chapter, e.g. make chapter NB=un_resolutions_1993"; exit 2; }
	$(PYTHON) -m karabakh run "$$NB" --params "$$PARAMS"

## make test: unit, data, notebook, book-build, determinism and headless-browser tests
# Sets itself up as make book does: the venv, and Chromium (installed from Debian where it may be).
test: venv browser
	$(PYTHON) -m pytest

## make browser: a Chromium for the browser tests and the PDF (Debian's chromium, or CHROMIUM=/path)
browser: venv
	@$(PYTHON) -m karabakh browser

## make check-data: Frictionless validation of data/ plus the integrity checks
check-data: venv
	$(PYTHON) -m karabakh check-data

## make framing ARTICLES_DIR=../shared/seeds: recount data/framing_counts.csv from a folder of articles
ARTICLES_DIR ?= ../shared/seeds
export ARTICLES_DIR
framing: venv
	$(PYTHON) -m karabakh framing "$$ARTICLES_DIR"

## make changes SINCE=<revision> [UNTIL=<revision>]: rows added, removed and changed in data/ (Markdown)
export SINCE UNTIL VERSION
changes: venv
	@test -n "$$SINCE" || { echo "error: name the earlier revision, e.g. make changes SINCE=data-v1.0.0"; exit 2; }
	$(PYTHON) -m karabakh changes "$$SINCE" "$${UNTIL:-HEAD}"

## make release VERSION=x.y.z: record a data release in data/changelog.json (then commit it)
release: venv
	@test -n "$$VERSION" || { echo "error: name the version, e.g. make release VERSION=1.1.0"; exit 2; }
	$(PYTHON) -m karabakh release "$$VERSION"

## make pdf: the whole book as one PDF (charts included), at _build/html/downloads/karabakh-book.pdf
pdf: book browser
	$(PYTHON) -m karabakh pdf

## make bench: time clean, no-change and one-file rebuilds, a rerun, the tests and a 10x/50x scale run
bench: venv
	$(PYTHON) -m karabakh bench

## make vendor: refresh the vendored Vega libraries, the theme icons and the map outlines from the pins in package.json
vendor: venv
	npm ci --no-audit --no-fund
	$(PYTHON) -m karabakh vendor

clean:
	rm -rf _build
