#!/usr/bin/env bash
# Creates (or updates) the project's Python environment from python-export/requirements.txt.
#
#   bash python-export/setup.sh [VENV_DIR]     (default: <repo>/.venv)
#
# Idempotent: packages are installed only when requirements.txt changed since the last successful
# install (its sha256 is stamped inside the venv), so an up-to-date run takes well under a second.
# Environment: A3C_BOOTSTRAP_PYTHON picks the interpreter that creates the venv (default python3);
# A3C_SETUP_QUIET=1 prints nothing when the environment is already up to date (the launcher).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(dirname "$here")"
venv="${1:-$repo/.venv}"
requirements="$here/requirements.txt"
stamp="$venv/.a3c-requirements.sha256"
bootstrap="${A3C_BOOTSTRAP_PYTHON:-python3}"

say() { echo "[setup.sh] $*"; }
die() { echo "[setup.sh] error: $*" >&2; exit 1; }

sha256() {
  if command -v sha256sum >/dev/null 2>&1; then
    sha256sum "$1" | cut -d' ' -f1
  else
    shasum -a 256 "$1" | cut -d' ' -f1
  fi
}

[ -f "$requirements" ] || die "missing $requirements"
want="$(sha256 "$requirements")"

if [ -x "$venv/bin/python" ] && [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
  [ -n "${A3C_SETUP_QUIET:-}" ] || say "Python environment $venv is up to date"
  exit 0
fi

if [ ! -x "$venv/bin/python" ]; then
  command -v "$bootstrap" >/dev/null 2>&1 \
    || die "$bootstrap not found: install Python 3.10 or newer (or set A3C_BOOTSTRAP_PYTHON)"
  "$bootstrap" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 10) else 1)' \
    || die "Python 3.10 or newer is needed, $bootstrap is $("$bootstrap" -V 2>&1)"
  say "creating virtual environment $venv with $("$bootstrap" -V 2>&1)"
  rm -rf "$venv"
  "$bootstrap" -m venv "$venv" \
    || die "could not create a virtual environment (on Debian/Ubuntu: apt-get install python3-venv)"
else
  "$venv/bin/python" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 10) else 1)' \
    || die "$venv uses $("$venv/bin/python" -V 2>&1); Python 3.10 or newer is needed: delete $venv"
fi

say "installing $(grep -cE '^[^#[:space:]]' "$requirements") pinned packages from $requirements"
# --retries 0 / --timeout 5: where pip's default index is unreachable and a local index is
# configured, pip otherwise spends about 45 s retrying the default index before using the local one.
# pip's own output goes to a log (it is long and noisy); shown when pip fails.
log="$venv/.a3c-pip.log"
start=$SECONDS
if ! "$venv/bin/python" -m pip install --disable-pip-version-check --retries 0 --timeout 5 \
  -r "$requirements" >"$log" 2>&1; then
  grep -v 'is ignored: it is neither a file nor a directory' "$log" | tail -n 30 >&2
  die "pip install failed (full log: $log); fix the cause and rerun: bash python-export/setup.sh"
fi
echo "$want" > "$stamp"
say "Python environment ready in $((SECONDS - start)) s: $venv/bin/python"
