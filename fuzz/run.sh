#!/usr/bin/env bash
# Fuzzes the CSV reader and the row decoding with libFuzzer and AddressSanitizer.
#
#   fuzz/run.sh [DURATION_SECONDS]     (default 60; CI runs the default as a smoke test)
#
# Builds fuzz/.build/fuzz-csv from the VentesKit CSV, Rows and Money sources (ByteStream replaced
# by an in-memory one), then runs it on one core over a copy of the seed corpus fuzz/corpus, so
# the committed corpus only changes by hand. Crashes land in fuzz/.build/artifacts/ and the run
# fails; add each one as a regression test (Tests/VentesKitTests/CSVFuzzRegressionTests.swift).
set -euo pipefail
cd "$(dirname "$0")/.."
duration=${1:-60}
out=fuzz/.build
mkdir -p "$out/artifacts" "$out/corpus"

sources=(
    fuzz/FuzzCSV.swift fuzz/MemoryByteStream.swift
    $(ls Sources/VentesKit/CSV/*.swift | grep -v '/ByteStream.swift$')
    Sources/VentesKit/Rows/ParsedRows.swift Sources/VentesKit/Rows/SaleDate.swift
    Sources/VentesKit/Money/Cents.swift Sources/VentesKit/Money/DecimalSeparator.swift
    Sources/VentesKit/Import/ColumnSurvey.swift
)
swiftc -parse-as-library -module-name VentesFuzz -O -g -sanitize=fuzzer,address \
    "${sources[@]}" -o "$out/fuzz-csv"

# The Swift runtime's own crash handler reads memory in ways AddressSanitizer reports: let libFuzzer report.
export SWIFT_BACKTRACE=enable=no
"$out/fuzz-csv" "$out/corpus" fuzz/corpus \
    -max_total_time="$duration" -jobs=1 -workers=1 -max_len=4096 -timeout=10 -rss_limit_mb=2048 \
    -artifact_prefix="$out/artifacts/" -print_final_stats=1
