# Two commands do all the set-up on a fresh machine with Python 3.11 and pip:
#   make lab    open the lessons in JupyterLab
#   make test   run the whole test suite (what CI runs)
# When python3 is not 3.11: make PYTHON=python3.11 lab (a .venv made by another Python is rebuilt).
# Installs use uv (a few seconds) when it can be had, else pip (about a minute); USE_UV=0 means pip.
PYTHON ?= python3
NEED := 3.11
VENV ?= .venv
BIN := $(VENV)/bin
# The learner's environment (requirements-learner.txt), then the test tools on top (requirements.txt).
STAMP := $(VENV)/.installed
TEST_STAMP := $(VENV)/.installed-test
USE_UV ?= 1
# The installer, pinned here: it is not part of the environment it installs (pip puts it in $(VENV)/bin).
UV_VERSION := 0.13.9
PIP_INSTALL := $(BIN)/python -m pip install --quiet --disable-pip-version-check
# Prints an interpreter's version as "3.11" (nothing when it does not run).
VERSION_OF := -c 'import sys; print("%d.%d" % sys.version_info[:2])'
# The command to suggest in messages: what was asked for, with the right Python.
GOAL := $(or $(filter-out $(STAMP) $(TEST_STAMP),$(MAKECMDGOALS)),lab)
ROOT_FLAG := $(if $(filter 0,$(shell id -u)),--allow-root,)
NOTEBOOKS := $(sort $(wildcard notebooks/[0-9][0-9]-*.ipynb))
NBVAL := --nbval --nbval-current-env --nbval-sanitize-with tests/nbval-sanitize.cfg --nbval-cell-timeout=120

.PHONY: lab test lint unit notebooks-test browser notebook-stages notebooks lesson site pins clean

# Shell lines that stop, before anything is created, with one line saying what to do when $(PYTHON) is
# not Python $(NEED).
define check_python
found="$$($(PYTHON) $(VERSION_OF) 2>/dev/null)"; \
if [ "$$found" != "$(NEED)" ]; then \
  if [ -n "$$found" ]; then is="is $$found"; else is="was not found"; fi; \
  if [ "$$(python$(NEED) $(VERSION_OF) 2>/dev/null)" = "$(NEED)" ]; then \
    todo="python$(NEED) is installed: run make PYTHON=python$(NEED) $(GOAL)"; \
  else todo="Install $(NEED) and run: make PYTHON=python$(NEED) $(GOAL)"; fi; \
  echo "Python $(NEED) is needed; $(PYTHON) $$is. $$todo" >&2; exit 1; \
fi
endef

# Shell lines that install the lock file $(1) into $(VENV): with uv when USE_UV is not 0 and pip can install
# uv==$(UV_VERSION) there, else (or when uv fails) with pip.
define install
if [ "$(USE_UV)" != 0 ] && $(PIP_INSTALL) uv==$(UV_VERSION); then \
  echo "$(BIN)/uv pip install -r $(1)"; \
  $(BIN)/uv pip install --quiet --python $(BIN)/python -r $(1) \
  || { echo "uv could not install $(1): installing it with pip instead." >&2; $(PIP_INSTALL) -r $(1); }; \
else \
  if [ "$(USE_UV)" != 0 ]; then echo "uv could not be installed: installing $(1) with pip (about a minute)." >&2; fi; \
  echo "$(PIP_INSTALL) -r $(1)"; $(PIP_INSTALL) -r $(1); \
fi
endef

# A .venv whose Python is not $(NEED) (made by another Python, or by one since removed) is rebuilt,
# even when its stamp is newer than the requirements.
ifneq ($(wildcard $(STAMP)),)
ifneq ($(shell $(BIN)/python $(VERSION_OF) 2>/dev/null),$(NEED))
.PHONY: $(STAMP)
endif
endif

# Both lock files end with `-e .`: the course's own packages, so that the kernels in notebooks/ find them.
$(STAMP): requirements-learner.txt pyproject.toml
	@had="$$($(BIN)/python $(VERSION_OF) 2>/dev/null)"; \
	if [ -e $(VENV) ] && [ "$$had" != "$(NEED)" ]; then \
	  echo "Removing $(VENV): it was made by $${had:+Python }$${had:-a Python that no longer runs}, and the course needs $(NEED)."; \
	  rm -rf $(VENV); \
	fi
	@if [ ! -e $(VENV) ]; then \
	  $(check_python); \
	  echo "$(PYTHON) -m venv $(VENV)"; $(PYTHON) -m venv $(VENV) || { rm -rf $(VENV); exit 1; }; \
	fi
	@$(call install,requirements-learner.txt)
	touch $(STAMP)

$(TEST_STAMP): $(STAMP) requirements.txt
	@$(call install,requirements.txt)
	touch $(TEST_STAMP)

lab: $(STAMP)
	$(BIN)/jupyter lab $(ROOT_FLAG) notebooks/00-index.ipynb

test: lint unit notebook-stages

# Strict nbval and the browser run at once: each alone keeps about one core busy (their kernels mostly wait),
# together they take 5.2 min instead of 5.9 here. Each one's output is printed when it ends.
notebook-stages: $(TEST_STAMP)
	$(MAKE) --no-print-directory -j2 --output-sync=target notebooks-test browser

lint: $(TEST_STAMP)
	$(BIN)/ruff check .   # includes the notebooks
	$(BIN)/ruff format --check local_server exercises lesson_helpers tests tools site

# Four workers on two cores: most tests wait (on servers, deliberate delays, kernels), so two would leave the
# cores idle; worksteal spreads the long exercise module instead of giving it to one worker whole.
unit: $(TEST_STAMP)
	$(BIN)/pytest -n 4 --dist worksteal --ignore=tests/browser tests

notebooks-test: $(TEST_STAMP)
	$(BIN)/pytest -n 2 --dist loadscope $(NBVAL) notebooks

# Every notebook run through JupyterLab's own UI in headless Chromium (skips without a browser,
# unless CI=true). Screenshots go to test-artifacts/.
browser: $(TEST_STAMP)
	$(BIN)/pytest tests/browser

# For authors, in seconds: one lesson's strict nbval, its standards and its exercises (solution, stub, wrong and
# right answers), the notebook on one worker, the rest on the other: make lesson NB=notebooks/18-https-and-certificates.ipynb
LESSON = $(firstword $(subst -, ,$(notdir $(NB))))
lesson: $(TEST_STAMP)
	@test -f "$(NB)" || { echo "Name the lesson: make lesson NB=notebooks/NN-title.ipynb" >&2; exit 1; }
	$(BIN)/ruff check $(NB) exercises/lesson$(LESSON).py
	$(BIN)/pytest -q -n 2 --dist loadscope $(NBVAL) $(NB) tests/test_notebook_standards.py tests/test_exercises.py \
	  -k "$(notdir $(NB)) or [$(LESSON)."

# For authors: execute every lesson top to bottom in a fresh kernel and save its outputs.
notebooks: $(STAMP)
	$(BIN)/jupyter nbconvert --to notebook --execute --inplace --ExecutePreprocessor.timeout=300 --ExecutePreprocessor.record_timing=False $(or $(NB),$(NOTEBOOKS))

# The lessons as a static website, from their committed outputs (nothing is run): open build/site/index.html.
# Sphinx with myst-nb, test tools; site/build_site.py says how. `make unit` builds it too (tests/test_site.py).
site: $(TEST_STAMP)
	$(BIN)/python site/build_site.py

# For maintainers: rebuild requirements.txt from requirements-learner.in and requirements-test.in in a
# throw-away environment, then its learner's part (requirements-learner.txt, binder/requirements.txt).
# The comments above the first pin and every line after the last one (the `-e .` that installs the
# course's own packages, with its comment) are kept as they are.
pins:
	@$(check_python)
	rm -rf /tmp/pins-venv && $(PYTHON) -m venv /tmp/pins-venv
	/tmp/pins-venv/bin/pip install --quiet -r requirements-learner.in -r requirements-test.in
	(awk '/^[A-Za-z0-9]/ {exit} {print}' requirements.txt; \
	 /tmp/pins-venv/bin/pip freeze --exclude-editable; \
	 awk '/^[A-Za-z0-9]/ {pinned = 1; tail = ""; next} pinned {tail = tail $$0 "\n"} END {printf "%s", tail}' requirements.txt \
	) > requirements.txt.new
	mv requirements.txt.new requirements.txt
	/tmp/pins-venv/bin/python tools/learner_lock.py

clean:
	rm -rf $(VENV)
