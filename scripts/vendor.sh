#!/usr/bin/env bash
# Re-fetch the vendored browser libraries from the npm registry at their pinned versions,
# check each tarball against the registry's integrity hash, and copy the files the site uses.
set -euo pipefail
cd "$(dirname "$0")/.."
dest=docs/assets/vendor
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

fetch() {
  local pkg=$1 ver=$2
  shift 2
  (cd "$tmp" && npm pack --silent "$pkg@$ver" >/dev/null)
  local tgz="$tmp/$pkg-$ver.tgz"
  local want got
  want=$(npm view "$pkg@$ver" dist.integrity 2>/dev/null)
  got="sha512-$(openssl dgst -sha512 -binary "$tgz" | base64 -w0)"
  if [ "$want" != "$got" ]; then
    echo "vendor: integrity mismatch for $pkg@$ver" >&2
    exit 1
  fi
  grep -qF "$want" "$dest/VENDOR.txt" || { echo "vendor: record $pkg@$ver ($want) in $dest/VENDOR.txt" >&2; exit 1; }
  mkdir -p "$tmp/$pkg" "$dest/$pkg-$ver"
  tar xzf "$tgz" -C "$tmp/$pkg"
  for f in "$@"; do cp "$tmp/$pkg/package/$f" "$dest/$pkg-$ver/"; done
  echo "vendor: $pkg@$ver ok"
}

fetch tablesort 5.7.1 dist/tablesort.min.js LICENCE
