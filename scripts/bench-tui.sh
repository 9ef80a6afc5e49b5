#!/usr/bin/env bash
# The terminal UI's benchmark (scripts/bench-tui.py): the release binary and nano in real
# pseudo-terminals, on the demo and on generated 60- and 1000-row evaluations; prints
# issue 14's table. ptybench is found at ../shared/tools/ptybench.py or $PTYBENCH.
#
#   scripts/bench-tui.sh [--repeat N] [--link-bps 960] [--no-build | --bin PATH] [--keep DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
exec python3 scripts/bench-tui.py "$@"
