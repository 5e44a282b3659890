#!/usr/bin/env bash
# Fuzzes the CSV reader and the row decoding with libFuzzer and AddressSanitizer.
#
#   fuzz/run.sh [DURATION_SECONDS]     default 60: the CI smoke test
#
# Builds fuzz/.build/fuzz-csv from the VentesKit CSV, Rows, Records and Money sources (ByteStream replaced
# by the in-memory fuzz/MemoryByteStream.swift), then runs it on one core (-jobs=1 -workers=1)
# with the committed seeds fuzz/corpus; new inputs go to fuzz/.build/corpus, so the committed
# corpus only changes by hand. Prints the executions, time and crashes, and fails on a crash:
# the input is in fuzz/.build/artifacts/; make it a regression test
# (Tests/VentesKitTests/CSVFuzzRegressionTests.swift) before fixing it.
set -euo pipefail
cd "$(dirname "$0")/.."
duration=${1:-60}
out=fuzz/.build
mkdir -p "$out/artifacts" "$out/corpus"

sources=(
    fuzz/FuzzCSV.swift fuzz/MemoryByteStream.swift
    $(ls Sources/VentesKit/CSV/*.swift | grep -v '/ByteStream.swift$')
    Sources/VentesKit/Rows/ParsedRows.swift Sources/VentesKit/Rows/SaleDate+Parsing.swift
    Sources/VentesKit/Records/*.swift Sources/VentesKit/Database/StoredRecords.swift
    Sources/VentesKit/Money/Cents.swift Sources/VentesKit/Money/DecimalSeparator.swift
    Sources/VentesKit/Import/ColumnSurvey.swift Sources/VentesKit/Support/String+StoredText.swift
    Sources/VentesKit/Support/ExactText.swift
)
swiftc -parse-as-library -module-name VentesFuzz -O -g -sanitize=fuzzer,address \
    "${sources[@]}" -o "$out/fuzz-csv" 2> "$out/build.log" || { cat "$out/build.log"; exit 1; }

# The Swift runtime's own crash handler reads memory in ways AddressSanitizer reports: let libFuzzer report.
export SWIFT_BACKTRACE=enable=no
seeds=$(cd fuzz/corpus && pwd)
before=$(ls "$out/artifacts" | wc -l)
started=$(date +%s)
# With -jobs, libFuzzer writes the worker's log to fuzz-0.log in the working directory.
(cd "$out" && ./fuzz-csv corpus "$seeds" -max_total_time="$duration" -jobs=1 -workers=1 \
    -max_len=4096 -timeout=10 -rss_limit_mb=2048 -artifact_prefix=artifacts/ -print_final_stats=1) || true
elapsed=$(( $(date +%s) - started ))

log="$out/fuzz-0.log"
runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo "?")
rate=$(grep -o 'stat::average_exec_per_sec: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo "?")
coverage=$(grep -o 'cov: [0-9]*' "$log" | tail -1 || true)
found=$(( $(ls "$out/artifacts" | wc -l) - before ))
echo "fuzz: ${runs} executions in ${elapsed} s (${rate}/s), ${coverage:-cov: ?}, corpus $(ls "$out/corpus" | wc -l) inputs, ${found} new crash(es)"
if [ "$found" -gt 0 ]; then
    grep -E 'ERROR|invariant broken|Fatal error' "$log" | head -5
    ls -t "$out/artifacts" | head -"$found" | sed "s|^|  $out/artifacts/|"
    exit 1
fi
