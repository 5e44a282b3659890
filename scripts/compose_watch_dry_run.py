#!/usr/bin/env python3
"""Runs the refresh service of docker-compose.yml (profile "watch") without Docker, as compose would.

`docker compose --profile watch up -d swift-scripts-watch` starts sqlite-db, waits for it to be
healthy, then starts swift-scripts-watch, a long-running `ventes watch`; `docker compose stop` sends
it its stop_signal and waits stop_grace_period. This script does the same locally, with the paths
mapped as scripts/compose_dry_run.py maps them (the volume to a temporary directory, the image's
files to a staged copy, /usr/local/bin/ventes to the binary built here):

  1. checks the service's rules: profile watch, restart policy, the status healthcheck, SIGTERM
     with a stop grace period, the shared volume, VENTES_DB on it, no port, sqlite-db healthy first;
  2. starts sqlite-db and waits for its healthcheck;
  3. starts swift-scripts-watch and runs its healthcheck until it passes: one cycle observed
     (`ventes status --healthy-within 2` exits 0 once a cycle succeeded);
  4. sends the stop signal and checks that the service exits 0 within the grace period;
  5. checks the volume: 30 sales, the cycle recorded, the report written.

Usage: compose_watch_dry_run.py --binary .build/release/ventes [--compose docker-compose.yml]
"""
import argparse
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time

import yaml

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from compose_dry_run import PathMap, as_list, fail, interpolate, run, stage_image  # noqa: E402

PROFILE = "watch"
SERVICE = "swift-scripts-watch"


def duration(text):
    """Compose's durations: 30s, 1m30s, 2m…, in seconds."""
    units = {"ms": 0.001, "s": 1, "m": 60, "h": 3600}
    parts = re.findall(r"(\d+(?:\.\d+)?)(ms|s|m|h)", str(text))
    if not parts or "".join(n + u for n, u in parts) != str(text):
        fail(f"{SERVICE}: cannot read the duration {text!r}")
    return sum(float(n) * units[u] for n, u in parts)


def check_rules(compose):
    services = compose.get("services") or {}
    service = services.get(SERVICE)
    if service is None:
        fail(f"no service {SERVICE}")
    if PROFILE not in (service.get("profiles") or []):
        fail(f"{SERVICE}: not in the profile {PROFILE!r}; `docker compose up` would start it")
    for key in ("ports", "expose", "network_mode"):
        if key in service:
            fail(f"{SERVICE}: '{key}' is set; the deployment exposes no port")
    if service.get("restart") not in ("always", "unless-stopped", "on-failure"):
        fail(f"{SERVICE}: needs a restart policy (unless-stopped), found {service.get('restart')!r}")
    if not any(str(volume).split(":")[:2] == ["ventes-data", "/data"] for volume in service.get("volumes", [])):
        fail(f"{SERVICE}: the shared volume ventes-data is not mounted at /data")
    if (service.get("environment") or {}).get("VENTES_DB") != "/data/ventes.db":
        fail(f"{SERVICE}: VENTES_DB must be /data/ventes.db (on the shared volume)")
    condition = ((service.get("depends_on") or {}).get("sqlite-db") or {}).get("condition")
    if condition != "service_healthy":
        fail(f"{SERVICE} must depend on sqlite-db with condition: service_healthy")
    command = as_list(service.get("command"))
    if command[:2] != ["ventes", "watch"]:
        fail(f"{SERVICE}: the command must be `ventes watch`, found {command}")
    test = as_list((service.get("healthcheck") or {}).get("test"))
    if not test or test[0] != "CMD" or test[1:4] != ["ventes", "status", "--healthy-within"]:
        fail(f"{SERVICE}: the healthcheck must be [CMD, ventes, status, --healthy-within, N], found {test}")
    if service.get("stop_signal", "SIGTERM") != "SIGTERM":
        fail(f"{SERVICE}: the stop signal must be SIGTERM (the service stops gracefully on it)")
    if "stop_grace_period" not in service:
        fail(f"{SERVICE}: no stop_grace_period (compose's default, 10 s, may cut a cycle short)")
    return service


def prepare(name, service, scratch, binary):
    """The service's mapped paths, environment, working directory and command, as compose_dry_run.py prepares them."""
    paths = PathMap()
    for volume in service.get("volumes", []):
        source, target = str(volume).split(":")[:2]
        paths.add(target, os.path.join(scratch, "volumes", source))
    workdir, image_env, image_cmd = stage_image(name, service, scratch, binary, paths)
    environment = {"PATH": (paths.host("/usr/local/bin") or "/nonexistent") + ":" + os.environ["PATH"], "HOME": scratch}
    for key, value in image_env.items():
        environment[key] = paths.rewrite(value)
    for key, value in (service.get("environment") or {}).items():
        environment[key] = paths.rewrite(interpolate(str(value), os.environ))
    command = [paths.rewrite(part) for part in (as_list(service.get("command")) or image_cmd)]
    test = [paths.rewrite(part) for part in as_list(service["healthcheck"]["test"])[1:]]
    return paths, environment, paths.host(workdir) or scratch, command, test


def wait_healthy(name, process, test, environment, cwd, attempts, pause):
    for attempt in range(1, attempts + 1):
        if process.poll() is not None:
            fail(f"{name}: its command exited ({process.returncode}) before being healthy")
        result = run(test, environment, cwd, f"{name} healthcheck, attempt {attempt}", check=False)
        if result.returncode == 0:
            print(f"  {name}: healthy")
            return
        time.sleep(pause)
    fail(f"{name}: the healthcheck never passed: {result.stderr.strip()}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--binary", required=True, help="the ventes binary built here")
    parser.add_argument("--compose", default=os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))),
                                                          "docker-compose.yml"))
    arguments = parser.parse_args()
    compose = yaml.safe_load(open(arguments.compose))
    service = check_rules(compose)
    scratch = tempfile.mkdtemp(prefix="ventes-compose-watch-")
    background = []
    try:
        for volume in compose.get("volumes") or {}:
            os.makedirs(os.path.join(scratch, "volumes", volume))
        database = compose["services"]["sqlite-db"]
        db_paths, db_env, db_cwd, db_command, db_test = prepare("sqlite-db", database, scratch, arguments.binary)
        print("service sqlite-db:")
        background.append(subprocess.Popen(db_command, env=db_env, cwd=db_cwd))
        wait_healthy("sqlite-db", background[-1], db_test, db_env, db_cwd, 20, 0.25)

        paths, environment, cwd, command, test = prepare(SERVICE, service, scratch, arguments.binary)
        print(f"service {SERVICE} (profile {PROFILE}):")
        print(f"  $ {' '.join(command)}    [{SERVICE}, in the background]", flush=True)
        log = open(os.path.join(scratch, "watch.log"), "w+")
        watch = subprocess.Popen(command, env=environment, cwd=cwd, stdout=subprocess.DEVNULL, stderr=log)
        background.append(watch)
        # One cycle observed: the healthcheck passes once a cycle succeeded.
        wait_healthy(SERVICE, watch, test, environment, cwd, 240, 0.25)

        grace = duration(service["stop_grace_period"])
        print(f"  stop: SIGTERM, waiting up to {grace:g} s (stop_grace_period)", flush=True)
        started = time.monotonic()
        watch.send_signal(signal.SIGTERM)
        try:
            status = watch.wait(timeout=grace)
        except subprocess.TimeoutExpired:
            fail(f"{SERVICE}: still running {grace:g} s after SIGTERM")
        log.seek(0)
        lines = log.read().splitlines()
        for line in lines[-4:]:
            print(f"    | {line}")
        if status != 0:
            fail(f"{SERVICE}: exit status {status} after SIGTERM, expected 0")
        print(f"  {SERVICE}: exited 0, {time.monotonic() - started:.2f} s after SIGTERM")
        if not any(" cycle #1 refreshed in " in line for line in lines):
            fail(f"{SERVICE}: no log line for its first cycle")
        if not lines or " stopped after " not in lines[-1]:
            fail(f"{SERVICE}: its last log line does not say it stopped")

        database_path = db_paths.rewrite("/data/ventes.db")
        sales = run(["sqlite3", database_path, "SELECT COUNT(*), SUM(revenue_cents) FROM sale;"], db_env, db_cwd,
                    "docker compose exec sqlite-db sqlite3 /data/ventes.db").stdout.strip()
        if sales != "30|526878":
            fail(f"expected 30 sales worth 526878 cents on the shared volume, found {sales!r}")
        cycles = run(["sqlite3", database_path, "SELECT COUNT(*), SUM(outcome = 'refreshed'), MAX(next_at IS NULL) FROM refresh_cycle;"],
                     db_env, db_cwd, "the cycles").stdout.strip()
        count, refreshed, stopped = (int(value) for value in cycles.split("|"))
        if refreshed != 1 or stopped != 1:
            fail(f"expected one refreshed cycle and the stop recorded, found {cycles!r}")
        report = paths.host("/data/results/report.html")
        if not report or not os.path.exists(report) or "Dernière actualisation" not in open(report, encoding="utf-8").read():
            fail("no report saying when the data was refreshed in /data/results on the shared volume")
        print(f"compose watch dry run: ok ({count} cycle{'s' if count > 1 else ''}, 30 sales on the shared volume, "
              f"report written, exit 0 on SIGTERM)")
    finally:
        for process in background:
            if process.poll() is None:
                process.terminate()
                process.wait(timeout=10)
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
