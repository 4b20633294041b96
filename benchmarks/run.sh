#!/usr/bin/env bash
# Benchmarks of the local echo server, the kernel start-up and the test suite (figures, never assertions).
#   bash benchmarks/run.sh                  the whole run (about 4½ minutes)
#   bash benchmarks/run.sh --quick          a short run
#   bash benchmarks/run.sh --only server    one part: server, upload, kernel or suite
# The first run creates benchmarks/.venv (the project's pins, the extras here, the project editable).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
venv="$here/.venv"
stamp="$venv/.installed"
cd "$root"  # requirements.txt ends with `-e .`, which pip reads relative to the current folder
python="${PYTHON:-python3}"
if [ ! -f "$stamp" ] || [ "$root/requirements.txt" -nt "$stamp" ] || [ "$here/requirements.txt" -nt "$stamp" ] \
  || [ "$here/requirements-no-deps.txt" -nt "$stamp" ]; then
  echo "Creating $venv ..." >&2
  test -x "$venv/bin/python" || "$python" -m venv "$venv"
  pip=("$venv/bin/python" -m pip install --quiet --disable-pip-version-check)
  "${pip[@]}" -r "$root/requirements.txt" -r "$here/requirements.txt"
  "${pip[@]}" --no-deps -r "$here/requirements-no-deps.txt"
  "${pip[@]}" --no-deps -e "$root"
  touch "$stamp"
fi
exec "$venv/bin/python" "$here/bench_server.py" "$@"
