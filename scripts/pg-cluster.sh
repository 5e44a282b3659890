#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the tests and the benchmark: Debian's PostgreSQL 15 binaries
# (package postgresql; /usr/lib/postgresql/15/bin, off PATH), in a directory of its own.
#
#   scripts/pg-cluster.sh start DIR [--durable]    create the cluster in DIR (if new), start it, print:
#       VENTES_TEST_POSTGRESQL_URL=postgresql://postgres@127.0.0.1:PORT/postgres
#       VENTES_TEST_POSTGRESQL_PASSWORD_URL=postgresql://ventes_secret@127.0.0.1:PORT/postgres
#       VENTES_TEST_POSTGRESQL_PASSWORD=...
#     (the same lines, as `export` lines, in DIR/cluster.env: `. DIR/cluster.env`)
#   scripts/pg-cluster.sh stop DIR                 stop it (fast shutdown); nothing to stop is no error
#
# The server listens on a free loopback port and on a Unix socket in DIR. `postgres` is a superuser
# trusted on loopback and on the socket (it may create schemas and databases); `ventes_secret` must
# give its password (scram-sha-256, its pg_hba lines come before the trust ones): tests check wrong
# passwords and password masking with it. No TLS: `sslmode=require` is refused. The locale is
# C.UTF-8 on every machine; a test that needs another collation creates its database with one.
# Not durable by default (fsync, synchronous_commit and full_page_writes off: a test cluster that
# loses its data on a crash loses nothing); --durable keeps PostgreSQL's defaults (the benchmark).
#
# As root (CI), the server runs as the `postgres` user (initdb refuses root): DIR is given to it.
# Needs: apt-get install postgresql (creates the postgres user), python3 (to find a free port).
set -euo pipefail

usage() {
    echo "usage: $0 start DIR [--durable] | stop DIR" >&2
    exit 2
}
[ $# -ge 2 ] || usage
action=$1
dir=$2
durable=false
if [ $# -ge 3 ]; then
    [ "$action" = start ] && [ "$3" = --durable ] && [ $# -eq 3 ] || usage
    durable=true
fi

bin=${PG_BIN:-/usr/lib/postgresql/15/bin}
if [ ! -x "$bin/pg_ctl" ]; then
    echo "pg-cluster: $bin/pg_ctl not found: install PostgreSQL 15 (apt-get install postgresql) or set PG_BIN" >&2
    exit 1
fi

# The server's user: postgres when run as root, else whoever runs this.
as_server() { "$@"; }
if [ "$(id -u)" -eq 0 ]; then
    if ! id postgres >/dev/null 2>&1; then
        echo "pg-cluster: running as root but there is no postgres user to run the server (apt-get install postgresql creates it)" >&2
        exit 1
    fi
    as_server() { runuser -u postgres -- "$@"; }
fi

data="$dir/data"

running() {
    [ -f "$data/PG_VERSION" ] && as_server "$bin/pg_ctl" -D "$data" status >/dev/null 2>&1
}

stop_cluster() {
    if running; then
        as_server "$bin/pg_ctl" -D "$data" -m fast -w -t 60 stop >/dev/null
        echo "pg-cluster: stopped the cluster in $dir"
    fi
}

if [ "$action" = stop ]; then
    [ -d "$dir" ] || exit 0
    stop_cluster
    exit 0
fi
[ "$action" = start ] || usage

mkdir -p "$dir"
dir=$(cd "$dir" && pwd)
data="$dir/data"
if [ "$(id -u)" -eq 0 ]; then
    chown postgres: "$dir"
    if ! runuser -u postgres -- test -w "$dir"; then
        echo "pg-cluster: the postgres user cannot write to $dir (a parent directory closed to it?): use a directory under /tmp (mktemp -d)" >&2
        exit 1
    fi
fi
if running; then
    echo "pg-cluster: a server is already running in $dir (scripts/pg-cluster.sh stop $dir first)" >&2
    exit 1
fi

password_file="$dir/ventes_secret.password"
if [ ! -f "$data/PG_VERSION" ]; then
    as_server "$bin/initdb" -D "$data" -U postgres --encoding=UTF8 --locale=C.UTF-8 \
        --auth-local=trust --auth-host=trust >"$dir/initdb.log" 2>&1 || {
        cat "$dir/initdb.log" >&2
        echo "pg-cluster: initdb failed in $data (its output above)" >&2
        exit 1
    }
    # ventes_secret first, with its password; the rest trusted, on loopback and the socket only.
    cat >"$data/pg_hba.conf" <<'EOF'
# TYPE  DATABASE  USER           ADDRESS        METHOD
local   all       ventes_secret                 scram-sha-256
host    all       ventes_secret  127.0.0.1/32   scram-sha-256
host    all       ventes_secret  ::1/128        scram-sha-256
local   all       all                           trust
host    all       all            127.0.0.1/32   trust
host    all       all            ::1/128        trust
EOF
    echo "include_if_exists = 'pg-cluster.conf'" >>"$data/postgresql.conf"
    head -c 18 /dev/urandom | od -An -tx1 | tr -d ' \n' >"$password_file"
    chmod 600 "$password_file"
    if [ "$(id -u)" -eq 0 ]; then chown postgres: "$password_file" "$data/pg_hba.conf"; fi
fi

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# The settings, in a file postgresql.conf includes (rewritten at each start: the port changes).
write_settings() {
    {
        echo "port = $1"
        echo "listen_addresses = '127.0.0.1'"
        echo "unix_socket_directories = '${dir//\'/\'\'}'"
        echo "ssl = off"
        echo "password_encryption = 'scram-sha-256'"
        if [ "$durable" = false ]; then
            echo "fsync = off"
            echo "synchronous_commit = off"
            echo "full_page_writes = off"
        fi
    } >"$data/pg-cluster.conf"
    if [ "$(id -u)" -eq 0 ]; then chown postgres: "$data/pg-cluster.conf"; fi
}

# A port found free may be taken before the server binds it: try another, a few times.
started=false
for attempt in 1 2 3; do
    port=$(free_port)
    write_settings "$port"
    if as_server "$bin/pg_ctl" -D "$data" -l "$dir/server.log" -w -t 60 start >/dev/null 2>&1; then
        started=true
        break
    fi
done
if [ "$started" = false ]; then
    tail -n 20 "$dir/server.log" >&2 || true
    echo "pg-cluster: the server did not start in $dir (its log above: $dir/server.log)" >&2
    exit 1
fi

for _ in $(seq 1 100); do
    pg_isready -q -h 127.0.0.1 -p "$port" && break
    sleep 0.1
done
if ! pg_isready -q -h 127.0.0.1 -p "$port"; then
    stop_cluster || true
    echo "pg-cluster: the server in $dir started but does not accept connections on 127.0.0.1:$port (log: $dir/server.log)" >&2
    exit 1
fi

password=$(cat "$password_file")
psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$port" -U postgres -d postgres -v password="$password" <<'EOF'
SELECT format('CREATE ROLE ventes_secret LOGIN CREATEDB PASSWORD %L', :'password')
WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'ventes_secret') \gexec
GRANT CREATE ON DATABASE postgres TO ventes_secret;
EOF

url="postgresql://postgres@127.0.0.1:$port/postgres"
password_url="postgresql://ventes_secret@127.0.0.1:$port/postgres"
cat >"$dir/cluster.env" <<EOF
export VENTES_TEST_POSTGRESQL_URL=$url
export VENTES_TEST_POSTGRESQL_PASSWORD_URL=$password_url
export VENTES_TEST_POSTGRESQL_PASSWORD=$password
EOF
echo "VENTES_TEST_POSTGRESQL_URL=$url"
echo "VENTES_TEST_POSTGRESQL_PASSWORD_URL=$password_url"
echo "VENTES_TEST_POSTGRESQL_PASSWORD=$password"
