#!/usr/bin/env python3
"""Times two ventes builds against each other on the benchmark's files, runs interleaved.

    bench/compare_builds.py BEFORE AFTER [--size 1000000] [--runs 5] [--refreshes 3] [--known 100] [--work DIR]

Scenarios, each a median of --runs (wall and CPU: user + system of the process, summed over its
threads, which other load on the machine disturbs less than wall time): a first import; a re-import
of the unchanged sales file and the import of the file with 1% appended, each from a database that
was first imported then refreshed --refreshes times with the unchanged file; and, for AFTER only, the
first import against a products file that knows only the first --known products (most rows refused).
Uses the files bench/bench.py generates in --work (generated here if missing).
"""
import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def run(command):
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"compare_builds: {' '.join(command)} failed: {process.stderr.read().decode(errors='replace').strip()}")
    return elapsed, usage.ru_utime + usage.ru_stime


def remove(db):
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(db + suffix):
            os.remove(db + suffix)


def copy(source, target):
    remove(target)
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(source + suffix):
            shutil.copyfile(source + suffix, target + suffix)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("before")
    parser.add_argument("after")
    parser.add_argument("--size", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--refreshes", type=int, default=3)
    parser.add_argument("--known", type=int, default=100)
    parser.add_argument("--work", default="/tmp/ventes-bench")
    args = parser.parse_args()
    size_dir = os.path.join(args.work, str(args.size))
    base, appended = os.path.join(size_dir, "base"), os.path.join(size_dir, "appended")
    generator = os.path.join(ROOT, "bench", "generate.py")
    if not os.path.exists(os.path.join(appended, "ventes.csv")):
        subprocess.check_call([sys.executable, generator, base, str(args.size)])
        subprocess.check_call([sys.executable, generator, appended, str(args.size), "--append", str(args.size // 100)])
    partial = os.path.join(size_dir, f"known-{args.known}-products.csv")
    with open(f"{base}/produits.csv", encoding="utf-8") as source, open(partial, "w", encoding="utf-8", newline="") as target:
        target.writelines(line for index, line in enumerate(source) if index <= args.known)

    work = os.path.join(size_dir, "compare")
    os.makedirs(work, exist_ok=True)
    builds = {"before": args.before, "after": args.after}

    def import_(binary, db, sales, products=f"{base}/produits.csv"):
        return run([binary, "import", "--db", db, "--stores", f"{base}/magasins.csv", "--products", products,
                    "--sales", sales])

    live = {name: os.path.join(work, f"{name}-live-ventes.csv") for name in builds}
    state = {name: os.path.join(work, f"{name}-refreshed.db") for name in builds}
    for name, binary in builds.items():
        shutil.copyfile(f"{base}/ventes.csv", live[name])
        remove(state[name])
        for _ in range(1 + args.refreshes):
            import_(binary, state[name], live[name])
    samples = {}
    scratch = os.path.join(work, "scratch.db")
    for _ in range(args.runs):
        for name, binary in builds.items():
            remove(scratch)
            samples.setdefault(("first import", name), []).append(import_(binary, scratch, f"{base}/ventes.csv"))
            for scenario, sales in ((f"re-import after {args.refreshes} refreshes", f"{base}/ventes.csv"),
                                    (f"append 1% after {args.refreshes} refreshes", f"{appended}/ventes.csv")):
                shutil.copyfile(sales, live[name])
                copy(state[name], scratch)
                samples.setdefault((scenario, name), []).append(import_(binary, scratch, live[name]))
            if name == "after":
                remove(scratch)
                samples.setdefault((f"first import, {args.known} products known", name), []).append(
                    import_(binary, scratch, f"{base}/ventes.csv", products=partial))
    print(f"| scenario ({args.size:,} sales, {args.runs} runs) | build | wall median [min-max] | CPU median |")
    print("| --- | --- | --- | --- |")
    for (scenario, name), values in samples.items():
        walls = [wall for wall, _ in values]
        print(f"| {scenario} | {name} | {statistics.median(walls):.3f} s [{min(walls):.3f}-{max(walls):.3f}] "
              f"| {statistics.median(cpu for _, cpu in values):.3f} s |")


if __name__ == "__main__":
    main()
