#!/usr/bin/env bash
# Build the site at a git ref and from the working tree with the same SOURCE_DATE_EPOCH, and
# say which files differ (and, for JSON data assets, which keys). Used to show that a
# restructure leaves every page byte-identical:  bash scripts/site-diff.sh <ref>
set -euo pipefail
ref=${1:?usage: scripts/site-diff.sh <git-ref>}
top=$(git rev-parse --show-toplevel)
work=$(mktemp -d)
trap 'git -C "$top" worktree remove --force "$work/ref" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-1795564800} NO_MKDOCS_2_WARNING=1

git -C "$top" worktree add --detach "$work/ref" "$ref" >/dev/null
python3 -m venv "$work/venv"
"$work/venv/bin/pip" install --quiet -e "$work/ref" 2>/dev/null
(cd "$work/ref" && "$work/venv/bin/mkdocs" build --strict --site-dir "$work/before" -q)
(cd "$top" && "$top/.venv/bin/mkdocs" build --strict --site-dir "$work/after" -q)
python3 "$top/scripts/site_diff.py" "$work/before" "$work/after"
