# Two commands do all the set-up on a fresh machine with Python 3.11 and pip:
#   make lab    open the lessons in JupyterLab
#   make test   run the whole test suite (what CI runs)
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
ROOT_FLAG := $(if $(filter 0,$(shell id -u)),--allow-root,)
NOTEBOOKS := $(sort $(wildcard notebooks/[0-9][0-9]-*.ipynb))
NBVAL := --nbval --nbval-current-env --nbval-sanitize-with tests/nbval-sanitize.cfg --nbval-cell-timeout=120

.PHONY: lab test lint unit notebooks-test browser notebooks pins clean

$(STAMP): requirements.txt pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $(STAMP)

lab: $(STAMP)
	$(BIN)/jupyter lab $(ROOT_FLAG) notebooks/00-index.ipynb

test: lint unit notebooks-test browser

lint: $(STAMP)
	$(BIN)/ruff check .   # includes the notebooks
	$(BIN)/ruff format --check local_server exercises tests tools

unit: $(STAMP)
	$(BIN)/pytest -n 2 --dist loadscope --ignore=tests/browser tests

notebooks-test: $(STAMP)
	$(BIN)/pytest -n 2 --dist loadscope $(NBVAL) notebooks

# Every notebook run through JupyterLab's own UI in headless Chromium (skips without a browser,
# unless CI=true). Screenshots go to test-artifacts/.
browser: $(STAMP)
	$(BIN)/pytest tests/browser

# For authors: execute every lesson top to bottom in a fresh kernel and save its outputs.
notebooks: $(STAMP)
	$(BIN)/jupyter nbconvert --to notebook --execute --inplace --ExecutePreprocessor.timeout=300 --ExecutePreprocessor.record_timing=False $(or $(NB),$(NOTEBOOKS))

# For maintainers: rebuild requirements.txt from requirements.in in a throw-away environment.
pins:
	rm -rf /tmp/pins-venv && $(PYTHON) -m venv /tmp/pins-venv
	/tmp/pins-venv/bin/pip install --quiet -r requirements.in
	(sed -n '1,2p' requirements.txt; /tmp/pins-venv/bin/pip freeze --exclude-editable) > requirements.txt.new
	mv requirements.txt.new requirements.txt

clean:
	rm -rf $(VENV)
