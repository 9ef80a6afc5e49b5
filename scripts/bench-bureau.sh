#!/usr/bin/env bash
# The finance bureau's view at county scale (100 departments × 20 projects × 2 years =
# 4,000 workbooks): examples/bench_bureau.rs generates them under a temporary folder
# and times collect and review --json; then ptybench.py (../shared/tools, or $PTYBENCH)
# runs the release binary in a real pty at 80×24 on the collected database and measures
# the review screen: the latency of `b` until its first frame is drawn, of `s` (sort by
# difference) and of Down, and the peak memory. The folder is deleted afterwards.
# A benchmark, not a test.
#
#   scripts/bench-bureau.sh [--repeat N]
set -euo pipefail
cd "$(dirname "$0")/.."
ptybench="${PTYBENCH:-../shared/tools/ptybench.py}"
repeat=5
[ "${1:-}" = "--repeat" ] && repeat="$2"

cargo build --release --quiet --example bench_bureau
work="$(mktemp -d /tmp/jixiao-bureau.XXXXXX)"
trap 'rm -rf "$work"' EXIT
target/release/examples/bench_bureau --dir "$work" --keep

[ -f "$ptybench" ] || { echo "bench-bureau: ptybench not found at $ptybench (set PTYBENCH)" >&2; exit 0; }
python3 -c 'import pyte' 2>/dev/null || pip install -q pyte >/dev/null 2>&1 || true
rm -rf "$work/in"   # the workbooks are no longer needed: only the database
keys='@review b ?复核 @sort s ?差额 @down <Down>*10'
python3 "$ptybench" --label bureau --cols 80 --rows 24 --repeat "$repeat" --warmup 1 \
    --cmd "$PWD/target/release/jixiao --db $work/bureau.db" --ready-text '测试县单位' \
    --keys "$keys" --quit-keys '<C-q>' --out target/bench-bureau.jsonl
