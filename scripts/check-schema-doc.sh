#!/usr/bin/env bash
# Fails when docs/schema.md differs from `ventes schema --format mermaid` on a new database.
# With --update, rewrites the diagram in docs/schema.md instead.
# VENTES_BIN names the binary (default .build/release/ventes; built if missing).
set -euo pipefail
cd "$(dirname "$0")/.."

binary=${VENTES_BIN:-.build/release/ventes}
if [ ! -x "$binary" ]; then
    swift build -c release --product ventes
fi
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

"$binary" schema --format mermaid --db "$scratch/schema.db" > "$scratch/generated.mmd"
# The committed diagram: the lines between "```mermaid" and the next "```".
awk '/^```mermaid$/ { inside = 1; next } /^```$/ { inside = 0 } inside' docs/schema.md > "$scratch/committed.mmd"

if [ "${1:-}" = "--update" ]; then
    awk -v generated="$scratch/generated.mmd" '
        /^```mermaid$/ { print; while ((getline line < generated) > 0) print line; skipping = 1; next }
        /^```$/ { skipping = 0 }
        !skipping' docs/schema.md > "$scratch/schema.md"
    cp "$scratch/schema.md" docs/schema.md
    echo "docs/schema.md: updated"
elif ! diff -u "$scratch/committed.mmd" "$scratch/generated.mmd"; then
    echo "docs/schema.md is out of date with the schema; run scripts/check-schema-doc.sh --update and commit it" >&2
    exit 1
else
    echo "docs/schema.md: up to date"
fi
