#!/usr/bin/env bash
# Regenerate requirements.lock: the base dependencies of pyproject.toml (no extras), resolved
# to the newest versions on PyPI for CPython 3.11 on x86_64 Linux, every file hash-pinned.
# The CI job `figures` installs exactly this (`pip install -r requirements.lock`, then
# `pip install --no-deps -e .`), and environment.yml and workflow/envs/pipeline.yaml pin the
# same versions (tests/unit/test_environment.py checks it). After a refresh, rebuild the gallery
# with these versions (`snakemake --cores all docs`) and commit both: docs/dependencies.md.
#
#   bash .ci/lock.sh            # rewrite requirements.lock
#   bash .ci/lock.sh --check    # exit 1 if a fresh resolution differs from the committed lock
#
# uv is pinned so that the same index gives the same file; it runs from a throw-away venv.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
UV_VERSION=0.13.9

tmp=$(mktemp -d "${TMPDIR:-/tmp}/lock.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
python3 -m venv "$tmp/venv"
"$tmp/venv/bin/pip" install --quiet "uv==$UV_VERSION"

out="$repo/requirements.lock"
[ "${1:-}" = "--check" ] && out="$tmp/requirements.lock"
cd "$repo"
"$tmp/venv/bin/uv" pip compile pyproject.toml \
    --python-version 3.11 \
    --python-platform x86_64-unknown-linux-gnu \
    --generate-hashes \
    --no-progress --quiet \
    --custom-compile-command "bash .ci/lock.sh" \
    --output-file "$out"

if [ "${1:-}" = "--check" ]; then
    diff -u "$repo/requirements.lock" "$out" && echo "requirements.lock is up to date"
fi
