#!/usr/bin/env python3
"""Regenerate scripts/hot-code.ld: the functions a terminal session runs, to be linked
together at the front of the release binary's code (issue 14, docs/performance.md).

Why: the kernel maps a program's code 64 KB at a time around every page it touches
(fault-around). With the functions of a session spread over the whole 3.9 MB of code,
nearly all of it ended up resident although a session runs a quarter of it. Linked
together, they fill a few contiguous megabyte instead, and the peak RSS falls by the rest.

How: the release binary, built exactly as the README's command builds it, runs under
valgrind's callgrind in tmux through a few sessions that a finance clerk's day is made
of (the grid, an edit, undo, the narrative, the checks, help, a project, comparing and
the trend of years, a resize). Callgrind lists the address of every instruction that
ran; the linker's map of the same build (build.rs writes it when JIXIAO_LINK_MAP is set)
says which function's section holds each. Every such function becomes one pattern of
the linker script, with what changes from build to build replaced by `*`: the hash of a
legacy symbol name, the crate disambiguators of a v0 name and the numbers LLVM adds to
local copies. A function a session never runs stays where it was: nothing breaks when
the list is stale, the code is only laid out less well (scripts/bench-tui.sh shows the
peak RSS, and how much of the code is in the hot section).

    scripts/hot-code.py [--bin PATH --map PATH] [--keep DIR]

Needs valgrind, tmux and python3. Takes a few minutes. Rerun it after a change that moves
much code between screens, and commit the new scripts/hot-code.ld.
"""

from __future__ import annotations

import argparse
import bisect
import importlib.util
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "scripts/hot-code.ld"
TMUX = "jixiao-hot-code"


def bench_module():
    """grow() and ORG, shared with the benchmark rather than copied."""
    spec = importlib.util.spec_from_file_location("bench_tui", ROOT / "scripts/bench-tui.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def build() -> tuple[Path, Path]:
    """The release binary exactly as the README's command builds it (stripped), and the
    linker's map of it (build.rs writes one when JIXIAO_LINK_MAP is set; the map changes
    nothing in the binary)."""
    link_map = ROOT / "target/hot-code.map"
    env = dict(os.environ, JIXIAO_LINK_MAP=str(link_map))
    subprocess.run(["cargo", "build", "--release", "--locked"], cwd=ROOT, env=env, check=True)
    return ROOT / "target/release/jixiao", link_map


def tmux(*args):
    subprocess.run(["tmux", *args], check=True)


def keys(*ks, wait=1.0, literal=False):
    for k in ks:
        tmux("send-keys", "-t", TMUX, *(["-l"] if literal else []), k)
        time.sleep(wait)


def screen() -> str:
    return subprocess.run(["tmux", "capture-pane", "-t", TMUX, "-p"], capture_output=True, text=True).stdout


def session(bin_: Path, db: Path, out: Path, steps, cols=80, rows=24):
    """One run of the app under callgrind, driven by `steps` (a function of nothing)."""
    subprocess.run(["tmux", "kill-session", "-t", TMUX], capture_output=True)
    cmd = (f"valgrind --tool=callgrind --dump-instr=yes --compress-pos=no --compress-strings=no "
           f"--callgrind-out-file={out} "
           f"{bin_} --db {db} 2>{out}.log")
    tmux("new-session", "-d", "-s", TMUX, "-x", str(cols), "-y", str(rows), cmd)
    time.sleep(15)  # valgrind's start
    steps()
    for _ in range(20):
        if out.exists() and subprocess.run(["tmux", "has-session", "-t", TMUX], capture_output=True).returncode:
            return
        keys("C-q", wait=3)
    sys.exit(f"the session did not end: see {out}.log")


def grid_day():
    keys("g", wait=3)
    # A target or actual typed where the grid reopened: accepted and rescored, or refused.
    keys("Right", "Right", "Enter", "BSpace", "BSpace", "BSpace", "BSpace", wait=1)
    keys("100家", literal=True, wait=1)
    keys("Enter", wait=3)
    if "Esc 取消" in screen():  # refused: the editor is still open
        keys("Escape", "Escape", wait=1)
    keys("Down", wait=1)
    keys(*["Down"] * 16, wait=0.7)  # every row of the demo: each kind of rule described
    keys("PageDown", "End", "PageUp", "Home", wait=1.5)
    keys(*["Down"] * 9, wait=0.7)
    keys("Right", "Right", "Enter", wait=2)
    keys("全部按期完成12.5", literal=True, wait=2)
    keys("Enter", "C-z", "Up", wait=2)
    for _ in range(3):  # an actual that rescores, as scripts/bench-tui.py types it
        keys("Enter", "BSpace", "BSpace", "BSpace", "BSpace", wait=1)
        keys("100家", literal=True, wait=1)
        keys("Enter", wait=3)
        keys(*["Down"] * 14, wait=0.5)
    keys("F9", "Down", "Escape", "F1", "Escape", wait=2)
    keys("Tab", "Enter", wait=2)
    keys("测试文字abc", literal=True, wait=2)
    keys("BSpace", "Left", "Escape", "BTab", "BTab", "BTab", "Down", "Enter", wait=2)
    keys("12.3.4", literal=True, wait=1)
    keys("Enter", "Escape", "Escape", wait=2)
    tmux("resize-window", "-t", TMUX, "-x", "200", "-y", "50")
    time.sleep(3)
    # It quits from here, the evaluation open, as the benchmark's sessions do.


def years_and_projects():
    keys("Down", "Enter", wait=3)  # the project under the department
    keys("Tab", "Tab", "Down", "Tab", "Escape", wait=2)
    keys("Up", "c", wait=3)
    keys("Right", "Down", "Escape", "t", "Down", "Escape", wait=2)
    keys("/", wait=1)
    keys("衡阳", literal=True, wait=2)
    keys("Escape", "s", "s", "Escape", wait=2)


def sections(link_map: Path) -> list[tuple[int, int, str]]:
    """(address, size, input section) of every code section in the linker's map."""
    out = []
    for line in link_map.read_text(errors="replace").splitlines():
        m = re.match(r"\s*([0-9a-f]+)\s+[0-9a-f]+\s+([0-9a-f]+)\s+\d+\s+\S.*:\((\.text[^)]*)\)\s*$", line)
        if m:
            out.append((int(m.group(1), 16), int(m.group(2), 16), m.group(3)))
    return sorted(out)


def executed(callgrind_out: Path, bin_: Path) -> tuple[set[int], set[int]]:
    """The binary's instructions that ran: (addresses relative to the binary, addresses as
    loaded). Callgrind gives relative addresses where it knows the object (a function with a
    dynamic symbol) and load addresses under `ob=???`, the stripped code."""
    relative, loaded, ob = set(), set(), None
    for line in callgrind_out.read_text(errors="replace").splitlines():
        if line.startswith("ob="):
            ob = line[3:].strip()
        elif line.startswith("0x") and ob in (str(bin_), "???"):
            (relative if ob == str(bin_) else loaded).add(int(line.split()[0], 16))
    return relative, loaded


def patterns(callgrind_outs, bin_: Path, link_map: Path) -> list[str]:
    secs = sections(link_map)
    starts = [a for a, _, _ in secs]

    def section_of(addr):
        i = bisect.bisect_right(starts, addr) - 1
        return secs[i][2] if i >= 0 and addr < secs[i][0] + secs[i][1] else None

    ran = set()
    for path in callgrind_outs:
        relative, loaded = executed(path, bin_)
        # Where valgrind loaded the program: the offset that puts the most of what ran
        # inside the map's code (valgrind puts a PIE program at 0x108000 on amd64).
        bias = max((0, 0x108000), key=lambda b: sum(section_of(a - b) is not None for a in loaded))
        for a in relative | {a - bias for a in loaded}:
            if (sec := section_of(a)) is not None:
                ran.add(sec)
    out = set()
    for sec in ran:
        name = re.sub(r"^\.text\.(unlikely\.|hot\.|startup\.|exit\.)?", "", sec)
        if name == ".text" or not name:
            continue  # code without a section of its own cannot be placed
        p = re.sub(r"17h[0-9a-f]{16}E", "17h*", name)  # legacy mangling's hash
        numbered = re.search(r"(\.llvm)?\.\d+$", p)  # LLVM's numbered local copies
        p = p[: numbered.start()] if numbered else p
        if p.startswith("_R"):  # v0 mangling: crate disambiguators and back-references
            p = re.sub(r"Cs[0-9A-Za-z]*_", "Cs*_", p)
            p = re.sub(r"B[0-9A-Za-z]*_", "B*_", p)
        p = re.sub(r"\*+", "*", p)
        if (numbered or p.startswith(("_ZN", "_R"))) and not p.endswith("*"):
            p += "*"  # a C function (SQLite's) keeps its name as it is
        out.add(p)
    return sorted(out)


def write(pats: list[str], sessions: int):
    # LLVM puts a function it knows to be cold (`#[cold]`, or called only on cold paths)
    # in `.text.unlikely.<name>` instead of `.text.<name>`.
    body = "".join(f"    *(.text.{p} .text.unlikely.{p})\n" for p in pats)
    OUT.write_text(
        "/* Generated by scripts/hot-code.py: do not edit by hand.\n"
        f"   The {len(pats)} functions that {sessions} terminal sessions ran, linked together before\n"
        "   the rest of the release binary's code, so that the pages a session touches are few\n"
        "   (issue 14, docs/performance.md). build.rs passes it to the linker. */\n"
        "SECTIONS\n{\n  .text.hot : {\n" + body + "  }\n}\nINSERT BEFORE .text;\n")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--bin", help="a release binary (default: build one)")
    ap.add_argument("--map", help="the linker's map of --bin (build.rs writes it when JIXIAO_LINK_MAP is set)")
    ap.add_argument("--keep", help="keep the databases and callgrind files in DIR")
    args = ap.parse_args()
    for tool in ("valgrind", "tmux"):
        if not shutil.which(tool):
            sys.exit(f"{tool} is needed")
    if bool(args.bin) != bool(args.map):
        sys.exit("--bin and --map go together")
    bin_, link_map = (Path(args.bin).resolve(), Path(args.map).resolve()) if args.bin else build()
    work = Path(args.keep or tempfile.mkdtemp(prefix="hot-code-"))
    work.mkdir(parents=True, exist_ok=True)
    bench = bench_module()
    run = lambda db, *a: subprocess.run([str(bin_), "--db", str(db), *a], check=True, capture_output=True, text=True)

    demo = work / "demo.db"
    for f in work.glob("*.db*"):
        f.unlink()
    run(demo, "demo")
    run(demo, "import", str(ROOT / "docs/examples/hengyang-2024-keji.toml"))
    toml = run(demo, "export", "--org", bench.ORG, "--year", "2024", "--format", "toml").stdout
    rows = work / "rows1000.toml"
    rows.write_text(bench.grow(toml, 1000))
    big = work / "rows1000.db"
    run(big, "import", str(rows))
    # A second year, drafted as on the start screen's `y`, for the comparison and the trend.
    run(demo, "new-year", "--org", bench.ORG, "--from", "2024")

    outs = [work / "grid.cg", work / "years.cg", work / "big.cg"]
    for o in outs:
        o.unlink(missing_ok=True)
    session(bin_, demo, outs[0], grid_day)
    session(bin_, demo, outs[1], years_and_projects)
    session(bin_, big, outs[2], grid_day)
    pats = patterns(outs, bin_, link_map)
    write(pats, len(outs))
    print(f"{OUT.relative_to(ROOT)}: {len(pats)} patterns")


if __name__ == "__main__":
    main()
