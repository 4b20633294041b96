#!/usr/bin/env bash
# The first start (figures, never assertions): from `git clone` to JupyterLab serving the index, with uv
# and with pip, each from a fresh clone of HEAD with cold caches.
#   bash benchmarks/first_start.sh              one round of each (about 2 minutes on 2 cores)
#   bash benchmarks/first_start.sh --rounds 3   three rounds, medians reported
# Needs Python 3.11 (python3, or PYTHON=...), git, make and PyPI; it creates no environment of its own.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
exec "${PYTHON:-python3}" "$here/bench_first_start.py" "$@"
