#!/usr/bin/env bash
# Checks the Docker Compose deployment without a Docker engine:
#   1. docker-compose config: the file is valid Compose (Debian package docker-compose);
#   2. scripts/compose_dry_run.py: each service's command runs locally, in dependency order,
#      with its environment and its volumes mapped to temporary directories;
#   3. scripts/compose_healthcheck.py: the sqlite-db healthcheck takes at most 0.5 s on a database
#      of 5M sales (built in a few seconds, then removed), and fails on a file that is not a database;
#   4. the watch profile (scripts/compose_watch_dry_run.py);
#   5. the PostgreSQL override, docker-compose.postgres.yml (scripts/compose_postgres_dry_run.py):
#      validated and checked, then run with the local PostgreSQL server of VENTES_TEST_POSTGRESQL_URL
#      (scripts/pg-cluster.sh) standing in for the postgres service.
# Needs: docker-compose, python3 with PyYAML (Debian: python3-yaml), sqlite3, psql, and the ventes
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

# The PostgreSQL override, run against the local PostgreSQL ($VENTES_TEST_POSTGRESQL_URL) standing in
# for its service: "required", so that a binary or a server that cannot run it fails the check instead
# of skipping it ("auto" skips it with one line saying why, for a machine without PostgreSQL).
postgresql_dry_run=${VENTES_COMPOSE_POSTGRESQL:-required}
python3 scripts/compose_postgres_dry_run.py --binary "$binary" --mode "$postgresql_dry_run"
