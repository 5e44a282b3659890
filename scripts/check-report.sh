#!/usr/bin/env bash
# Checks report.html in a real browser: renders it with headless Chromium at desktop (1280 px) and
# phone (390 px) widths to PNGs, and fails on any console message (the report has no script, so any
# message is a problem: a CSP violation, a blocked load), on a page without its key figures and
# charts, or on an empty render.
#
# Usage: scripts/check-report.sh [REPORT_HTML [OUT_DIR]]   (an empty REPORT_HTML means the sample)
#   Without REPORT_HTML: builds ventes, runs `ventes run` on csv/ in a scratch directory and checks
#   the report it writes. The PNGs go to OUT_DIR (default: a new temporary directory):
#   report-desktop.png and report-phone.png.
# Environment: CHROMIUM (default: chromium), DESKTOP_HEIGHT (1600), PHONE_HEIGHT (2400).
set -euo pipefail
cd "$(dirname "$0")/.."

chromium=${CHROMIUM:-chromium}
if ! command -v "$chromium" >/dev/null 2>&1; then
    echo "check-report: installing Debian's chromium" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq && apt-get install -y -qq chromium >/dev/null
fi

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

if [ -n "${1:-}" ]; then
    report=$(realpath "$1")
else
    swift build --product ventes >/dev/null
    ventes="$(swift build --show-bin-path)/ventes"
    cp -r csv "$scratch/csv"
    mkdir -p "$scratch/results"
    cp results/analyses.sql "$scratch/results/"
    (cd "$scratch" && "$ventes" run >/dev/null)
    report="$scratch/results/report.html"
fi
[ -s "$report" ] || { echo "check-report: $report is missing or empty" >&2; exit 1; }

out=${2:-$(mktemp -d)}
mkdir -p "$out"
out=$(realpath "$out")

# One headless Chromium run on the report; extra flags name what it does (--screenshot, --dump-dom).
browse() {
    "$chromium" --headless --no-sandbox --disable-gpu --disable-dev-shm-usage --no-first-run \
        --no-default-browser-check --disable-extensions --hide-scrollbars --force-device-scale-factor=1 \
        --user-data-dir="$scratch/profile" --enable-logging=stderr --v=0 "$@" "file://$report"
}

status=0
check_console() {  # $1: the browser's stderr; Chromium logs every console message as "CONSOLE".
    if grep -q ':CONSOLE' "$1"; then
        echo "check-report: console messages while rendering $report:" >&2
        grep ':CONSOLE' "$1" >&2
        status=1
    fi
}

# The page itself: key figures, the four charts with their text alternatives, no script.
browse --dump-dom >"$scratch/dom.html" 2>"$scratch/dom.log"
check_console "$scratch/dom.log"
for needle in 'class="kpis"' 'id="chart-products-desc"' 'id="chart-regions-desc"' 'id="chart-stores-desc"' 'id="chart-months-desc"'; do
    if ! grep -q "$needle" "$scratch/dom.html"; then
        echo "check-report: the rendered page has no $needle" >&2
        status=1
    fi
done
if grep -qi '<script' "$scratch/dom.html"; then
    echo "check-report: the rendered page contains a <script> element" >&2
    status=1
fi

for view in "desktop 1280 ${DESKTOP_HEIGHT:-1600}" "phone 390 ${PHONE_HEIGHT:-2400}"; do
    read -r name width height <<<"$view"
    png="$out/report-$name.png"
    rm -f "$png"
    browse --window-size="$width,$height" --screenshot="$png" >/dev/null 2>"$scratch/$name.log"
    check_console "$scratch/$name.log"
    if [ ! -s "$png" ]; then
        echo "check-report: Chromium wrote no screenshot at $name width" >&2
        status=1
        continue
    fi
    # An empty render is (nearly) one colour: count the pixels unlike the page background.
    if ! python3 - "$png" "$width" <<'PY'
import struct, sys, zlib

path, width = sys.argv[1], int(sys.argv[2])
data = open(path, "rb").read()
assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
offset, chunks, header = 8, [], None
while offset < len(data):
    length, kind = struct.unpack(">I4s", data[offset:offset + 8])
    body = data[offset + 8:offset + 8 + length]
    if kind == b"IHDR":
        header = struct.unpack(">IIBBBBB", body)
    elif kind == b"IDAT":
        chunks.append(body)
    offset += 12 + length
w, h, depth, colour, _, _, interlace = header
assert depth == 8 and colour in (2, 6) and interlace == 0, f"unsupported PNG {header}"
if w != width:
    sys.exit(f"{path}: rendered {w} px wide, expected {width}")
bpp = 3 if colour == 2 else 4
raw, stride = zlib.decompress(b"".join(chunks)), w * bpp
rows, previous = [], bytearray(stride)
for y in range(h):
    kind, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
    for x in range(stride):
        a = line[x - bpp] if x >= bpp else 0
        b = previous[x]
        c = previous[x - bpp] if x >= bpp else 0
        if kind == 1: line[x] = (line[x] + a) & 255
        elif kind == 2: line[x] = (line[x] + b) & 255
        elif kind == 3: line[x] = (line[x] + (a + b) // 2) & 255
        elif kind == 4:
            p = a + b - c
            pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
            line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
    rows.append(line)
    previous = line
background = bytes(rows[0][0:3])
pixels = [bytes(row[x:x + 3]) for row in rows[::4] for x in range(0, stride, bpp * 4)]
inked = sum(1 for p in pixels if p != background) / len(pixels)
colours = len(set(pixels))
print(f"{path}: {w}x{h}, {inked:.0%} of pixels drawn, {colours} colours")
if inked < 0.05 or colours < 8:
    sys.exit(f"{path}: looks empty ({inked:.1%} drawn, {colours} colours)")
PY
    then
        status=1
    fi
done

if [ "$status" -eq 0 ]; then
    echo "check-report: ok ($report; screenshots in $out)"
fi
exit "$status"
