#!/usr/bin/env python3
"""Runs docker-compose.yml without Docker: each service's command, locally, in dependency order.

There is no Docker engine on our machines, so this proves the wiring instead: it reads
docker-compose.yml and the Dockerfiles it builds, maps every container path to a temporary
directory (named volumes to one shared directory, the image's WORKDIR and COPY destinations to a
staged copy of the repository files, /usr/local/bin/ventes to the locally built binary), then:

  1. checks the deployment's rules: two services, no published port, one shared volume at /data,
     swift-scripts waits for sqlite-db to be healthy;
  2. starts each service in dependency order with its environment (image ENV, then the service's
     `environment`, with ${VAR:-default} interpolated), rewritten to the mapped paths;
  3. for a service with a healthcheck, runs the healthcheck command until it passes before
     starting the services that depend on it (compose's `condition: service_healthy`);
  4. waits for the one-shot services (swift-scripts: `ventes run`) to exit 0;
  5. runs the README's follow-up commands the same way: `ventes analyze` in swift-scripts and
     `sqlite3 /data/ventes.db` in sqlite-db, and checks the database on the shared volume.

Usage: compose_dry_run.py --binary .build/release/ventes [--compose docker-compose.yml] [--keep]
"""
import argparse
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
import time

import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def fail(message):
    print(f"compose dry run: FAILED: {message}", file=sys.stderr)
    sys.exit(1)


def interpolate(value, environment):
    """Compose's ${VAR}, ${VAR:-default} and $$ in a string."""
    if not isinstance(value, str):
        return value

    def replace(match):
        name, default = match.group(1), match.group(3)
        current = environment.get(name)
        if match.group(2) == ":-":
            return current if current else (default or "")
        if match.group(2) == "-":
            return current if current is not None else (default or "")
        return current or ""

    value = re.sub(r"\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?-)([^}]*))?\}", replace, value)
    return value.replace("$$", "$")


def as_list(command):
    if command is None:
        return None
    return shlex.split(command) if isinstance(command, str) else [str(part) for part in command]


def parse_dockerfile(path):
    """The final stage of a Dockerfile: WORKDIR, ENV, CMD and COPY (source, destination, from-stage)."""
    image = {"workdir": "/", "env": {}, "cmd": None, "copies": []}
    text = open(path).read().replace("\\\n", " ")
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        instruction, _, rest = line.partition(" ")
        instruction = instruction.upper()
        if instruction == "FROM":
            image = {"workdir": "/", "env": {}, "cmd": None, "copies": []}
        elif instruction == "WORKDIR":
            image["workdir"] = os.path.join(image["workdir"], rest.strip())
        elif instruction == "ENV":
            for pair in shlex.split(rest):
                name, _, value = pair.partition("=")
                image["env"][name] = value
        elif instruction == "CMD":
            image["cmd"] = yaml.safe_load(rest) if rest.strip().startswith("[") else shlex.split(rest)
        elif instruction == "COPY":
            words = shlex.split(rest)
            stage = next((w.split("=", 1)[1] for w in words if w.startswith("--from=")), None)
            paths = [w for w in words if not w.startswith("--")]
            for source in paths[:-1]:
                image["copies"].append((source, paths[-1], stage))
    return image


class PathMap:
    """Container paths to host paths, longest prefix first."""

    def __init__(self):
        self.mounts = {}

    def add(self, container, host):
        """Maps `container` to `host`, unless already mapped: a volume shadows the image's files there."""
        self.mounts.setdefault(container.rstrip("/") or "/", host)

    def host(self, container_path):
        for prefix in sorted(self.mounts, key=len, reverse=True):
            if container_path == prefix or container_path.startswith(prefix + "/"):
                return self.mounts[prefix] + container_path[len(prefix):]
        return None

    def rewrite(self, text):
        """Every container path inside `text` (an argument, a shell line, a variable) mapped."""
        if not isinstance(text, str):
            return text
        for prefix in sorted(self.mounts, key=len, reverse=True):
            if prefix == "/":
                continue
            pattern = r"(?<![A-Za-z0-9_./-])" + re.escape(prefix) + r"(?=[/'\"\s;:]|$)"
            text = re.sub(pattern, lambda _: self.mounts[prefix], text)
        return text


def stage_image(name, service, scratch, binary, paths):
    """Stages the files the service's image would hold; returns (workdir, image env, image cmd)."""
    build = service.get("build")
    if build is None:
        return "/", {}, None
    context = build if isinstance(build, str) else build.get("context", ".")
    context = os.path.join(ROOT, context)
    dockerfile = os.path.join(context, build.get("dockerfile", "Dockerfile") if isinstance(build, dict) else "Dockerfile")
    image = parse_dockerfile(dockerfile)
    root = os.path.join(scratch, "images", name)
    os.makedirs(root, exist_ok=True)
    for source, destination, stage in image["copies"]:
        if not destination.startswith("/"):
            destination = os.path.join(image["workdir"], destination)
        target = root + destination
        if stage is not None:
            # The build stage's output: the binary built here by `swift build`.
            if os.path.basename(destination) != "ventes":
                fail(f"{dockerfile}: COPY --from={stage} {source} {destination}: only the ventes binary is expected")
            os.makedirs(os.path.dirname(target), exist_ok=True)
            os.symlink(os.path.abspath(binary), target)
            continue
        origin = os.path.join(context, source)
        if not os.path.exists(origin):
            fail(f"{dockerfile}: COPY {source}: no such file in the build context")
        if os.path.isdir(origin):
            shutil.copytree(origin, target.rstrip("/"), dirs_exist_ok=True)
        else:
            os.makedirs(os.path.dirname(target), exist_ok=True)
            shutil.copy2(origin, target if not destination.endswith("/") else os.path.join(target, os.path.basename(source)))
    for top in ["/app", "/usr/local/bin", image["workdir"]]:
        if os.path.exists(root + top) and top != "/":
            paths.add(top, root + top)
    os.makedirs(root + image["workdir"], exist_ok=True)
    paths.add(image["workdir"], root + image["workdir"])
    return image["workdir"], image["env"], image["cmd"]


def dependency_order(services):
    order, visiting = [], set()

    def visit(name):
        if name in order:
            return
        if name in visiting:
            fail(f"depends_on cycle through {name}")
        visiting.add(name)
        for dependency in (services[name].get("depends_on") or {}):
            if dependency not in services:
                fail(f"{name} depends on unknown service {dependency}")
            visit(dependency)
        order.append(name)

    for name in services:
        visit(name)
    return order


def default_services(compose):
    """The services `docker compose up` starts: those without a profile (the watch profile's are left out)."""
    return {name: service for name, service in (compose.get("services") or {}).items() if not service.get("profiles")}


def check_rules(compose):
    services = default_services(compose)
    if set(services) != {"sqlite-db", "swift-scripts"}:
        fail(f"expected the services sqlite-db and swift-scripts, found {sorted(services)}")
    for name, service in services.items():
        for key in ("ports", "expose", "network_mode"):
            if key in service:
                fail(f"{name}: '{key}' is set; the deployment exposes no port")
        if not any(str(volume).split(":")[:2] == ["ventes-data", "/data"] for volume in service.get("volumes", [])):
            fail(f"{name}: the shared volume ventes-data is not mounted at /data")
    condition = ((services["swift-scripts"].get("depends_on") or {}).get("sqlite-db") or {}).get("condition")
    if condition != "service_healthy":
        fail("swift-scripts must depend on sqlite-db with condition: service_healthy")
    if "healthcheck" not in services["sqlite-db"]:
        fail("sqlite-db has no healthcheck")
    if services["swift-scripts"].get("environment", {}).get("VENTES_DB") != "/data/ventes.db":
        fail("swift-scripts: VENTES_DB must be /data/ventes.db (on the shared volume)")


def run(argv, environment, cwd, label, check=True):
    print(f"  $ {' '.join(shlex.quote(a) for a in argv)}    [{label}]", flush=True)
    result = subprocess.run(argv, env=environment, cwd=cwd, capture_output=True, text=True, timeout=300)
    for line in result.stdout.splitlines()[-8:]:
        print(f"    | {line}")
    if check and result.returncode != 0:
        fail(f"{label}: exit {result.returncode}: {result.stderr.strip()}")
    return result


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--binary", required=True, help="the ventes binary built here")
    parser.add_argument("--compose", default=os.path.join(ROOT, "docker-compose.yml"))
    parser.add_argument("--keep", action="store_true", help="keep the scratch directory")
    arguments = parser.parse_args()
    if not os.access(arguments.binary, os.X_OK):
        fail(f"{arguments.binary}: no such executable; build it first (swift build -c release)")

    compose = yaml.safe_load(open(arguments.compose))
    check_rules(compose)
    services = default_services(compose)
    scratch = tempfile.mkdtemp(prefix="ventes-compose-")
    background = []
    try:
        paths = PathMap()
        for volume in compose.get("volumes") or {}:
            os.makedirs(os.path.join(scratch, "volumes", volume))
        prepared = {}
        for name in dependency_order(services):
            service = services[name]
            service_paths = PathMap()
            for volume in service.get("volumes", []):
                source, target = str(volume).split(":")[:2]
                host = os.path.join(scratch, "volumes", source) if not source.startswith((".", "/")) \
                    else os.path.join(ROOT, source)
                service_paths.add(target, host)
            workdir, image_env, image_cmd = stage_image(name, service, scratch, arguments.binary, service_paths)
            environment = {"PATH": (service_paths.host("/usr/local/bin") or "/nonexistent") + ":" + os.environ["PATH"],
                           "HOME": scratch}
            for key, value in image_env.items():
                environment[key] = service_paths.rewrite(value)
            for key, value in (service.get("environment") or {}).items():
                value = interpolate(str(value), os.environ)
                if value.startswith("/") and service_paths.host(value) is None:
                    fail(f"{name}: {key}={value} is neither on a volume nor in the image")
                environment[key] = service_paths.rewrite(value)
            command = as_list(service.get("command")) or image_cmd
            if not command:
                fail(f"{name}: no command and no CMD in its image")
            prepared[name] = (service_paths, environment, service_paths.host(workdir) or scratch)
            argv = [service_paths.rewrite(part) for part in command]
            cwd = prepared[name][2]
            print(f"service {name}:")
            if "healthcheck" in service:
                # A long-running service: start it, then wait for its healthcheck like compose does.
                print(f"  $ {' '.join(shlex.quote(a) for a in argv)}    [{name}, in the background]", flush=True)
                background.append((name, subprocess.Popen(argv, env=environment, cwd=cwd)))
                test = as_list(service["healthcheck"]["test"])
                kind, test = test[0], test[1:]
                if kind == "CMD-SHELL":
                    test = ["sh", "-c", " ".join(test)]
                elif kind != "CMD":
                    fail(f"{name}: healthcheck test must start with CMD or CMD-SHELL")
                test = [service_paths.rewrite(part) for part in test]
                for attempt in range(1, 21):
                    if background[-1][1].poll() is not None:
                        fail(f"{name}: its command exited ({background[-1][1].returncode}) before being healthy")
                    result = run(test, environment, cwd, f"{name} healthcheck, attempt {attempt}", check=False)
                    if result.returncode == 0:
                        print(f"  {name}: healthy")
                        break
                    time.sleep(0.25)
                else:
                    fail(f"{name}: the healthcheck never passed: {result.stderr.strip()}")
            else:
                run(argv, environment, cwd, name)
                print(f"  {name}: exited 0")

        print("follow-up commands (as the README shows them):")
        scripts_paths, scripts_env, scripts_cwd = prepared["swift-scripts"]
        run(["ventes", "analyze"], scripts_env, scripts_cwd, "docker compose run swift-scripts ventes analyze")
        db_paths, db_env, db_cwd = prepared["sqlite-db"]
        database = db_paths.rewrite("/data/ventes.db")
        sales = run(["sqlite3", database, "SELECT COUNT(*), SUM(revenue_cents) FROM sale;"], db_env, db_cwd,
                    "docker compose exec sqlite-db sqlite3 /data/ventes.db").stdout.strip()
        if sales != "30|526878":
            fail(f"expected 30 sales worth 526878 cents on the shared volume, found {sales!r}")
        results = scripts_paths.host("/data/results")
        if not results or not os.path.isdir(results) or not os.listdir(results):
            fail("no result files in /data/results on the shared volume")
        runs = run(["sqlite3", database, "SELECT COUNT(*) FROM analysis_run;"], db_env, db_cwd, "analysis runs").stdout.strip()
        if runs != "2":
            fail(f"expected 2 analysis runs (ventes run, then ventes analyze), found {runs}")
        for name, process in background:
            if process.poll() is not None:
                fail(f"{name}: its command exited ({process.returncode}); a long-running service must stay up")
        print(f"compose dry run: ok (30 sales on the shared volume, {len(os.listdir(results))} result files, "
              f"{runs} analysis runs)")
    finally:
        for _, process in background:
            process.terminate()
            process.wait(timeout=10)
        if arguments.keep:
            print(f"scratch directory kept: {scratch}")
        else:
            shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
