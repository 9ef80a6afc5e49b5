#!/usr/bin/env bash
# Measures the release binary in a real pseudo-terminal at 80x24 on the demo database,
# with ../shared/tools/ptybench.py (or $PTYBENCH): time to the first full frame, peak
# memory, and bytes written for the first frame, for moving one row in the indicator
# grid, for each typed character, for opening, typing into and confirming one cell, and
# for Down held for a second (30 presses 33 ms apart). A benchmark, not a test: the
# figures are printed (and appended as JSON to target/bench-tui.jsonl) for the report.
#
#   scripts/bench-tui.sh [--repeat N]
set -euo pipefail
cd "$(dirname "$0")/.."
ptybench="${PTYBENCH:-../shared/tools/ptybench.py}"
[ -f "$ptybench" ] || { echo "bench-tui: ptybench not found at $ptybench (set PTYBENCH)" >&2; exit 2; }
python3 -c 'import pyte' 2>/dev/null || pip install -q pyte >/dev/null 2>&1 || echo "bench-tui: without pyte the screen is not emulated" >&2

cargo build --release --quiet
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
bin="$PWD/target/release/jixiao"
"$bin" --db "$work/seed.db" demo >/dev/null

repeat=5
[ "${1:-}" = "--repeat" ] && repeat="$2"

# The floor on this machine, in the same run: a shell printing one line and waiting.
python3 "$ptybench" --label floor --cols 80 --rows 24 --repeat "$repeat" --warmup 1 \
    --cmd "sh -c 'printf 衡阳县科技和工业信息化局; read x'" --ready-text '衡阳县' \
    --quit-keys '<Enter>' --out target/bench-tui.jsonl >/dev/null

# Open the demo, go to the grid (three Tabs), move down ten rows and up eight (to
# 新增规上企业), go right twice to 完成值, open the cell, type 25家 (23 → 25: the total
# goes from 98.76 to 98.92), confirm, then hold Down for a second.
keys='@open <Enter> ?单位名称 @tab <Tab>*3 ?三级指标 @down <Down>*10 @up <Up>*8 @right <Right>*2
      @edit_open <Enter> @erase <BS>*3 @type 25家 @commit <Enter> ?98.92 @hold30 <Down>*30/33'
python3 "$ptybench" --label jixiao --cols 80 --rows 24 --repeat "$repeat" --warmup 1 \
    --setup "cp '$work/seed.db' '$work/run.db'" \
    --cmd "$bin --db $work/run.db" --ready-text '衡阳县科技和工业信息化局' \
    --keys "$keys" --quit-keys '<C-q>' --out target/bench-tui.jsonl
