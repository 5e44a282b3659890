#!/usr/bin/env python3
"""Checks docker-compose.postgres.yml without Docker, and runs it with a local PostgreSQL standing in.

    compose_postgres_dry_run.py --binary .build/release/ventes [--postgresql URL] [--mode auto|required]

1. `docker-compose -f docker-compose.yml -f docker-compose.postgres.yml config`: the override is valid
   Compose and merges with the base file (with .env.postgres.example when there is no .env.postgres);
2. the override's rules: a `postgres` service on the official image with a pinned major version, its
   data on a named volume, a `pg_isready` healthcheck, no published port, its password from an env
   file that git ignores (never written in a committed file); swift-scripts and swift-scripts-watch
   point VENTES_DB at it (postgresql://...@postgres:5432/...), wait for it to be healthy, and run an
   analyses file that the image holds;
3. the dry run: the local server (--postgresql, default $VENTES_TEST_POSTGRESQL_URL; see
   scripts/pg-cluster.sh) stands in for the `postgres` service, in a fresh database: swift-scripts's
   command (`ventes run`) runs locally with the service's environment, VENTES_DB pointed at that
   database, the image's files staged and the ventes-data volume mapped to a temporary directory (as
   compose_dry_run.py does); then `ventes analyze`; then psql checks the 30 sales worth 526878 cents
   and the 2 analysis runs in the schema `ventes`.

The dry run needs a ventes that opens PostgreSQL URLs (the `pg` branch). --mode auto (the default)
skips it, with one line saying why, when there is no server or the binary does not open a
PostgreSQL URL; --mode required fails instead (for CI once PostgreSQL support has landed).
"""
import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import urllib.parse

import yaml

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from compose_dry_run import PathMap, as_list, parse_dockerfile, run, stage_image  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OVERRIDE = os.path.join(ROOT, "docker-compose.postgres.yml")
SCHEMA = "ventes"


def fail(message):
    print(f"compose postgres dry run: FAILED: {message}", file=sys.stderr)
    sys.exit(1)


def merged_config():
    """The merged configuration, as docker-compose resolves it (interpolated, env files read)."""
    environment = dict(os.environ)
    if not os.path.exists(os.path.join(ROOT, ".env.postgres")):
        environment["VENTES_POSTGRES_ENV_FILE"] = ".env.postgres.example"
    result = subprocess.run(["docker-compose", "-f", os.path.join(ROOT, "docker-compose.yml"), "-f", OVERRIDE,
                             "config"], capture_output=True, text=True, env=environment, cwd=ROOT)
    if result.returncode != 0:
        fail(f"docker-compose config: {result.stderr.strip()}")
    print("docker-compose -f docker-compose.yml -f docker-compose.postgres.yml config: ok")
    return yaml.safe_load(result.stdout)


def check_rules(merged):
    raw = yaml.safe_load(open(OVERRIDE))
    services = merged.get("services") or {}
    postgres = services.get("postgres")
    if postgres is None:
        fail("docker-compose.postgres.yml adds no postgres service")
    image = postgres.get("image", "")
    name, _, tag = image.partition(":")
    if name not in ("postgres", "library/postgres", "docker.io/library/postgres") or not tag.split("-")[0].split(".")[0].isdigit():
        fail(f"postgres: image {image!r} is not the official image with a pinned major version (postgres:15-alpine)")
    volumes = [str(v) for v in postgres.get("volumes", [])]
    if not any(v.split(":")[1:2] == ["/var/lib/postgresql/data"] and not v.startswith((".", "/")) for v in volumes):
        fail("postgres: its data (/var/lib/postgresql/data) is not on a named volume")
    test = as_list((postgres.get("healthcheck") or {}).get("test")) or []
    if not any("pg_isready" in part for part in test):
        fail("postgres: the healthcheck does not run pg_isready")
    for service_name, service in services.items():
        for key in ("ports", "expose", "network_mode"):
            if key in service:
                fail(f"{service_name}: '{key}' is set; the deployment publishes no port")
    if "POSTGRES_PASSWORD" in (raw["services"]["postgres"].get("environment") or {}):
        fail("postgres: POSTGRES_PASSWORD is written in docker-compose.postgres.yml; it belongs in the env file")
    if "env_file" not in raw["services"]["postgres"]:
        fail("postgres: no env_file: the password comes from .env.postgres")
    ignored = subprocess.run(["git", "check-ignore", "-q", ".env.postgres"], cwd=ROOT).returncode == 0
    tracked = subprocess.run(["git", "ls-files", "--error-unmatch", ".env.postgres"], cwd=ROOT,
                             capture_output=True).returncode == 0
    if not ignored or tracked:
        fail(".env.postgres (the password) must be ignored by git and never committed")
    for service_name in ("swift-scripts", "swift-scripts-watch"):
        service = services.get(service_name) or {}
        url = (service.get("environment") or {}).get("VENTES_DB", "")
        parts = urllib.parse.urlsplit(url)
        if parts.scheme not in ("postgresql", "postgres") or parts.hostname != "postgres":
            fail(f"{service_name}: VENTES_DB is {url!r}, not a postgresql:// URL of the postgres service")
        if parts.password:
            fail(f"{service_name}: VENTES_DB holds a password; it comes from the env file (PGPASSWORD)")
        condition = ((service.get("depends_on") or {}).get("postgres") or {}).get("condition")
        if condition != "service_healthy":
            fail(f"{service_name} must depend on postgres with condition: service_healthy")
        sql = (service.get("environment") or {}).get("VENTES_SQL")
        if sql and sql not in image_files(service):
            fail(f"{service_name}: VENTES_SQL={sql} is not copied into the image (Dockerfile COPY)")
    print("docker-compose.postgres.yml rules: ok (official image, pinned major, named volume, pg_isready, "
          "no port, password from an ignored env file, swift-scripts waits for it)")


def image_files(service):
    """The paths the service's Dockerfile copies files to (a directory destination: each file's path in it)."""
    build = service.get("build") or {}
    context = build if isinstance(build, str) else build.get("context", ".")
    image = parse_dockerfile(os.path.join(ROOT, context, "Dockerfile"))
    files = set()
    for source, destination, _ in image["copies"]:
        if not destination.startswith("/"):
            destination = os.path.join(image["workdir"], destination)
        files.add(os.path.join(destination, os.path.basename(source)) if destination.endswith("/") else destination)
    return files


def local_url(server, dbname, service_url):
    """The service's URL with the local server's host, port and user, and the fresh database."""
    local, service = urllib.parse.urlsplit(server), urllib.parse.urlsplit(service_url)
    return urllib.parse.urlunsplit(service._replace(netloc=local.netloc, path="/" + dbname))


def psql(url, sql):
    result = subprocess.run(["psql", "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-d", url, "-c", sql],
                            capture_output=True, text=True)
    if result.returncode != 0:
        fail(f"psql {sql!r}: {result.stderr.strip()}")
    return result.stdout.strip()


def speaks_postgresql(binary, url, scratch):
    """Whether `binary` creates its schema in the PostgreSQL database at `url` (`ventes init`)."""
    probe = os.path.join(scratch, "probe")
    os.makedirs(probe)
    result = subprocess.run([os.path.abspath(binary), "init", "--db", url], cwd=probe, capture_output=True, text=True)
    created = psql(url, f"SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = '{SCHEMA}'")
    return result.returncode == 0 and created != "0", (result.stderr.strip() or result.stdout.strip())


def dry_run(merged, binary, server, mode):
    def skip(reason):
        if mode == "required":
            fail(reason)
        print(f"compose postgres dry run: skipped: {reason}")

    if not server:
        return skip("no local PostgreSQL server (set VENTES_TEST_POSTGRESQL_URL: scripts/pg-cluster.sh start DIR)")
    service = merged["services"]["swift-scripts"]
    dbname = f"ventes_compose_{os.getpid()}"
    admin = server
    psql(admin, f"DROP DATABASE IF EXISTS {dbname}")
    psql(admin, f"CREATE DATABASE {dbname}")
    url = local_url(server, dbname, service["environment"]["VENTES_DB"])
    scratch = tempfile.mkdtemp(prefix="ventes-compose-pg-")
    try:
        ok, said = speaks_postgresql(binary, url, scratch)
        if not ok:
            return skip(f"{binary} does not keep its tables in PostgreSQL: `ventes init --db {url}` created no "
                        f"schema {SCHEMA} there (it said: {said or 'nothing'}); the pg branch brings PostgreSQL support")
        psql(admin, f"DROP DATABASE {dbname}")
        psql(admin, f"CREATE DATABASE {dbname}")
        print(f"service postgres: stood in for by the local server, database {dbname}")
        paths = PathMap()
        for volume in service.get("volumes", []):
            source, target = str(volume).split(":")[:2]
            paths.add(target, os.path.join(scratch, "volumes", source))
            os.makedirs(os.path.join(scratch, "volumes", source), exist_ok=True)
        workdir, image_env, image_cmd = stage_image("swift-scripts", service, scratch, binary, paths)
        environment = {"PATH": (paths.host("/usr/local/bin") or "/nonexistent") + ":" + os.environ["PATH"],
                       "HOME": scratch}
        for key, value in image_env.items():
            environment[key] = paths.rewrite(value)
        for key, value in (service.get("environment") or {}).items():
            environment[key] = paths.rewrite(str(value))
        # The local server trusts its user: the example password is not sent.
        environment.pop("PGPASSWORD", None)
        environment["VENTES_DB"] = url
        sql = environment.get("VENTES_SQL", "")
        if not os.path.isfile(sql):
            fail(f"swift-scripts: VENTES_SQL={service['environment'].get('VENTES_SQL')} is not in the image")
        cwd = paths.host(workdir) or scratch
        command = [paths.rewrite(part) for part in (as_list(service.get("command")) or image_cmd)]
        print("service swift-scripts:")
        run(command, environment, cwd, "swift-scripts")
        run(["ventes", "analyze"], environment, cwd, "docker compose run swift-scripts ventes analyze")
        sales = psql(url, f"SELECT COUNT(*) || '|' || SUM(revenue_cents) FROM {SCHEMA}.sale")
        if sales != "30|526878":
            fail(f"expected 30 sales worth 526878 cents in PostgreSQL, found {sales!r}")
        runs = psql(url, f"SELECT COUNT(*) FROM {SCHEMA}.analysis_run")
        if runs != "2":
            fail(f"expected 2 analysis runs (ventes run, then ventes analyze), found {runs}")
        results = paths.host("/data/results")
        if not results or not os.path.isdir(results) or not os.listdir(results):
            fail("no result files in /data/results on the shared volume")
        print(f"compose postgres dry run: ok (30 sales in PostgreSQL, {len(os.listdir(results))} result files, "
              f"{runs} analysis runs)")
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
        psql(admin, f"DROP DATABASE IF EXISTS {dbname}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--binary", required=True)
    parser.add_argument("--postgresql", default=os.environ.get("VENTES_TEST_POSTGRESQL_URL"))
    parser.add_argument("--mode", choices=["auto", "required"], default="auto")
    args = parser.parse_args()
    if not os.access(args.binary, os.X_OK):
        fail(f"{args.binary}: no such executable; build it first (swift build -c release)")
    merged = merged_config()
    check_rules(merged)
    dry_run(merged, args.binary, args.postgresql, args.mode)


if __name__ == "__main__":
    main()
