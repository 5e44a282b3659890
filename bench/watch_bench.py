"""The refresh service's benchmark (`bench/bench.py --watch`): `ventes watch` on generated files.

For each size: a first cycle imports the base files (timed, for reference); then the cycles where
nothing changed (their duration as the service logs it, and the CPU time they cost the process);
then the sales file refreshed in place with 1% new rows appended (the cycle that imports them, runs
the analyses of results/analyses.sql and rewrites the result files and the report); then a new
service on the same state running 1,000 unchanged cycles, its peak and current resident size read
from /proc after cycle 10 and after cycle 1,000.
"""
import json
import os
import shutil
import signal
import statistics
import subprocess
import sys
import threading
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


class Service:
    """A `ventes watch --log-format json` process whose cycle lines are read as they come."""

    def __init__(self, binary, directory, every):
        self.process = subprocess.Popen(
            [binary, "watch", "--every", every, "--log-format", "json"], cwd=directory,
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        self.cycles = []
        self.other = []
        self.condition = threading.Condition()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        for line in self.process.stderr:
            try:
                event = json.loads(line)
            except json.JSONDecodeError:
                event = {"event": "text", "line": line.strip()}
            with self.condition:
                if event.get("event") == "cycle":
                    self.cycles.append(event)
                else:
                    self.other.append(event)
                self.condition.notify_all()

    def wait(self, what, predicate, timeout=3600):
        deadline = time.monotonic() + timeout
        with self.condition:
            while not predicate(self.cycles):
                if self.process.poll() is not None or time.monotonic() > deadline:
                    sys.exit(f"bench: watch: no {what}; log: {self.other[-3:]} {self.cycles[-3:]}")
                self.condition.wait(timeout=1)
            return list(self.cycles)

    def proc(self, field):
        """A field of /proc/PID/status in KiB (VmHWM, VmRSS)."""
        with open(f"/proc/{self.process.pid}/status") as status:
            for line in status:
                if line.startswith(field + ":"):
                    return int(line.split()[1])
        return None

    def cpu_seconds(self):
        """User plus system CPU time of the process so far."""
        with open(f"/proc/{self.process.pid}/stat") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def stop(self):
        self.process.send_signal(signal.SIGTERM)
        status = self.process.wait(timeout=120)
        if status != 0:
            sys.exit(f"bench: watch exited {status} on SIGTERM")


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def measure(binary, size_dir, size, cycles_for_memory):
    directory = os.path.join(size_dir, "watch")
    shutil.rmtree(directory, ignore_errors=True)
    os.makedirs(os.path.join(directory, "csv"))
    os.makedirs(os.path.join(directory, "results"))
    shutil.copyfile(os.path.join(ROOT, "results", "analyses.sql"), os.path.join(directory, "results", "analyses.sql"))
    for name in ("magasins.csv", "produits.csv", "ventes.csv"):
        shutil.copyfile(os.path.join(size_dir, "base", name), os.path.join(directory, "csv", name))
    result = {"size": size}

    service = Service(binary, directory, "100ms")
    first = service.wait("first cycle", lambda c: len(c) >= 1)[0]
    if first["outcome"] != "refreshed":
        sys.exit(f"bench: the first cycle {first['outcome']}: {first.get('error')}")
    result["first"] = first["duration_ms"] / 1000
    start_count = len(service.cycles)
    cpu_before = service.cpu_seconds()
    unchanged = service.wait("50 unchanged cycles", lambda c: len(c) >= start_count + 50)[start_count:start_count + 50]
    cpu_after = service.cpu_seconds()
    if any(c["outcome"] != "unchanged" for c in unchanged):
        sys.exit(f"bench: expected unchanged cycles, got {[c['outcome'] for c in unchanged]}")
    durations = [c["duration_ms"] for c in unchanged]
    result["unchanged"] = (statistics.median(durations), percentile(durations, 0.95), max(durations),
                           (cpu_after - cpu_before) / len(unchanged) * 1000)

    # The export refreshed in place with 1% new rows (written to a temporary file, then renamed).
    live = os.path.join(directory, "csv", "ventes.csv")
    shutil.copyfile(os.path.join(size_dir, "appended", "ventes.csv"), live + ".new")
    os.replace(live + ".new", live)
    count = len(service.cycles)
    refreshed = service.wait("the appended rows", lambda c: any(x["rows_added"] > 0 for x in c[count:]))
    cycle = next(x for x in refreshed[count:] if x["rows_added"] > 0)
    if cycle["outcome"] != "refreshed":
        sys.exit(f"bench: the cycle with new rows {cycle['outcome']}: {cycle.get('error')}")
    result["refresh"] = (cycle["duration_ms"] / 1000, cycle["phases_ms"], cycle["rows_added"], cycle["imported"]["sales"])
    result["first_phases"] = first["phases_ms"]
    service.stop()

    # A new service on the same state: every cycle unchanged from the first; 1,000 of them.
    service = Service(binary, directory, "10ms")
    service.wait("10 cycles", lambda c: len(c) >= 10)
    memory_10 = (service.proc("VmHWM"), service.proc("VmRSS"))
    cycles = service.wait(f"{cycles_for_memory} cycles", lambda c: len(c) >= cycles_for_memory)
    memory_n = (service.proc("VmHWM"), service.proc("VmRSS"))
    service.stop()
    durations = [c["duration_ms"] for c in cycles[:cycles_for_memory]]
    if any(c["outcome"] != "unchanged" for c in cycles[:cycles_for_memory]):
        sys.exit("bench: the memory run's cycles were not all unchanged")
    result["memory"] = (memory_10, memory_n, statistics.median(durations), percentile(durations, 0.95))
    return result


def phase_text(phases):
    """`check 2 ms, import 0.474 s, …` from the cycle's phases_ms."""
    names = {"check": "sources checked", "import": "import", "analyses": "analyses", "news": "new sales by store",
             "files": "result files and report"}
    return ", ".join(f"{names.get(name, name)} {ms} ms" if ms < 1000 else f"{names.get(name, name)} {ms / 1000:.3f} s"
                     for name, ms in phases.items())


def report(result, cycles_for_memory):
    size = result["size"]
    median, p95, worst, cpu = result["unchanged"]
    total, phases, rows, sales = result["refresh"]
    (hwm_10, rss_10), (hwm_n, rss_n), median_n, p95_n = result["memory"]
    print(f"\n## ventes watch, {size:,} sales\n")
    print(f"first cycle (first import of the three files, analyses, result files, report): {result['first']:.3f} s "
          f"({phase_text(result['first_phases'])})\n")
    print("| cycle | median | p95 | max | CPU per cycle |")
    print("| --- | --- | --- | --- | --- |")
    print(f"| nothing changed (50 cycles, every 100ms) | {median} ms | {p95} ms | {worst} ms | {cpu:.1f} ms |")
    print(f"| nothing changed ({cycles_for_memory:,} cycles, every 10ms) | {median_n} ms | {p95_n} ms | | |")
    print(f"| 1% new rows ({rows:,} rows added) | {total:.3f} s: {phase_text(phases)} | | | |")
    print(f"\nsales file of that cycle: {sales}")
    growth = (hwm_n - hwm_10) / hwm_10 * 100
    print(f"\nmemory, a new service on the same state: peak RSS after cycle 10 {hwm_10 / 1024:.1f} MiB, after cycle "
          f"{cycles_for_memory:,} {hwm_n / 1024:.1f} MiB ({growth:+.1f}%); current RSS {rss_10 / 1024:.1f} -> {rss_n / 1024:.1f} MiB")
    return growth


def run(binary, work, sizes, cycles_for_memory, generate):
    print(f"# ventes watch benchmark: {os.uname().nodename}, {os.cpu_count()} cores")
    failures = []
    for size in sizes:
        size_dir = os.path.join(work, str(size))
        generate(size_dir, size)
        result = measure(binary, size_dir, size, cycles_for_memory)
        growth = report(result, cycles_for_memory)
        if result["unchanged"][0] >= 50:
            failures.append(f"{size:,} sales: an unchanged cycle takes {result['unchanged'][0]} ms (target: under 50 ms)")
        if growth > 10:
            failures.append(f"{size:,} sales: peak RSS grew {growth:.1f}% over {cycles_for_memory:,} cycles (target: within 10%)")
    if failures:
        sys.exit("bench: targets missed: " + "; ".join(failures))
    print("\ntargets: met (unchanged cycle under 50 ms, peak RSS within 10% over the cycles)")
