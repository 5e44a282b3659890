#!/usr/bin/env bash
# Checks the Docker Compose deployment without a Docker engine:
#   1. docker-compose config: the file is valid Compose (Debian package docker-compose);
#   2. scripts/compose_dry_run.py: each service's command runs locally, in dependency order,
#      with its environment and its volumes mapped to temporary directories;
#   3. scripts/compose_healthcheck.py: the sqlite-db healthcheck takes at most 0.5 s on a database
#      of 5M sales (built in a few seconds, then removed), and fails on a file that is not a database.
# Needs: docker-compose, python3 with PyYAML (Debian: python3-yaml), sqlite3, and the ventes
# binary (VENTES_BIN, default .build/release/ventes; built if missing).
set -euo pipefail
cd "$(dirname "$0")/.."

binary=${VENTES_BIN:-.build/release/ventes}
if [ ! -x "$binary" ]; then
    swift build -c release --product ventes
fi

docker-compose -f docker-compose.yml config --quiet
echo "docker-compose config: ok"
python3 scripts/compose_dry_run.py --binary "$binary"
python3 scripts/compose_healthcheck.py --binary "$binary"

# The refresh service (profile "watch"): started, one cycle observed through its healthcheck,
# SIGTERM, exit 0 within its stop_grace_period.
docker-compose -f docker-compose.yml --profile watch config --quiet
echo "docker-compose --profile watch config: ok"
python3 scripts/compose_watch_dry_run.py --binary "$binary"
