#!/usr/bin/env python3
"""Kill harness: the real binary in tmux, killed at random while a script edits.

Each session opens the demo evaluation (one database for all sessions, so every session
also starts from what the last kill left), then at random either confirms a new 完成值 in
the indicator grid or types Chinese into 报告文字 › 其它需要说明的情况, and at a random
moment the app is killed: SIGKILL, SIGHUP, or the terminal itself hung up (tmux
kill-session). Then it checks, with jixiao's own export and history and SQLite's
quick_check:

- lost: a confirmed edit (seen saved on screen: the editor closed with 已保存, or the
  typed character drawn, which happens only after its save) that is not stored;
- wrong: a stored value that is neither confirmed nor one of the edits under way;
- history: a confirmed edit without its history row (place, new value), or a stored
  narrative whose latest history row does not hold it;
- panics: anything jixiao wrote to stderr that is not its own Chinese message;
- corrupt: quick_check not ok.

    scripts/kill-harness.py [--sessions 100] [--seed 1] [--bin target/release/jixiao]

Needs tmux and python3; builds the release binary if --bin is missing. The last line is
the summary: 0 lost, 0 wrong, 0 history, 0 panics, 0 corrupt is the pass.
"""

import argparse
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time

ORG = "衡阳县科技和工业信息化局"
ROWS = 15
CHARS = "测试文字补充说明情况良好完成指标资金绩效评价"


class Tmux:
    def __init__(self, socket):
        self.socket = socket

    def run(self, *args, check=False):
        return subprocess.run(["tmux", "-L", self.socket, *args], capture_output=True, text=True, check=check)

    def start(self, cmd):
        self.run("new-session", "-d", "-s", "k", "-x", "80", "-y", "24", cmd, check=True)

    def keys(self, *keys):
        self.run("send-keys", "-t", "k", *keys)

    def type(self, text):
        self.run("send-keys", "-t", "k", "-l", text)

    def screen(self):
        return self.run("capture-pane", "-p", "-t", "k").stdout

    def wait(self, predicate, timeout=5.0):
        end = time.time() + timeout
        while time.time() < end:
            s = self.screen()
            if predicate(s):
                return s
            time.sleep(0.03)
        return None

    def alive(self):
        return self.run("has-session", "-t", "k").returncode == 0

    def kill_server(self):
        self.run("kill-server")


def jixiao(bin, db, *args):
    out = subprocess.run([bin, "--db", db, *args], capture_output=True, text=True)
    if out.returncode != 0:
        raise RuntimeError(f"jixiao {' '.join(args)}: {out.stderr.strip()}")
    return out.stdout


def stored(bin, db):
    """The stored actuals (by row) and the 其它需要说明的情况 text."""
    import tomllib

    ev = tomllib.loads(jixiao(bin, db, "export", "--org", ORG, "--year", "2024"))
    actuals = [ind.get("actual", "") for ind in ev["indicators"]]
    return actuals, ev["narrative"].get("other", "")


def history(bin, db):
    return json.loads(jixiao(bin, db, "history", "--org", ORG, "--year", "2024", "--json"))["changes"]


def joined(screen):
    """The screen's text without line breaks, borders and padding (a wrapped text reads on)."""
    return "".join(line.strip().strip("│┃|").strip() for line in screen.splitlines())


def session(t, bin, db, err_log, rng, state, stats):
    # exec: the pane's process is jixiao itself, so its pid is the pane's.
    t.start(f"exec {bin} --db {db} 2>>{err_log}")
    pid = t.run("display-message", "-p", "-t", "k", "#{pane_pid}").stdout.strip()
    if not t.wait(lambda s: ORG in s):
        stats["stuck"] += 1
        t.run("kill-session", "-t", "k")
        return
    t.keys("Enter")
    t.wait(lambda s: "单位名称" in s)
    t.keys("Tab", "Tab", "Tab")
    t.wait(lambda s: "三级指标" in s)
    t.keys("Right", "Right")
    kill_at = rng.randint(1, 12)
    step = 0
    pending = []  # edits sent, not yet seen confirmed: ("cell", row, value) / ("char", c)
    in_text = False
    while step < kill_at:
        step += 1
        unconfirmed = rng.random() < 0.3 and step == kill_at  # the kill comes before the screen says saved
        if not in_text and rng.random() < 0.75:
            row = rng.randrange(ROWS)
            value = f"{rng.randint(1, 9999)}家"
            if value == state["actuals"][row]:
                continue
            t.keys(*(["Up"] * ROWS), *(["Down"] * row))
            t.type(value)
            if not t.wait(lambda s: f"编辑 完成值：{value}" in s, 3):
                break
            t.keys("Enter")
            pending.append(("cell", row, value))
            if unconfirmed:
                break
            if t.wait(lambda s: "编辑 完成值" not in s and "已保存" in s, 3):
                pending.pop()
                state["actuals"][row] = value
                state["confirmed"].append((row, value))
                stats["confirmed"] += 1
        else:
            if not in_text:
                t.keys("Tab")
                t.wait(lambda s: "报告章节" in s)
                t.keys("Home", "End", "Enter")
                if not t.wait(lambda s: "编辑：其它需要说明的情况" in s, 3):
                    break
                t.keys("End")
                in_text = True
            text = "".join(rng.choice(CHARS) for _ in range(rng.randint(1, 4)))
            for c in text:
                t.type(c)
                pending.append(("char", c))
                if unconfirmed:
                    continue
                # A character is drawn only after the save of its batch: seen = stored.
                tail = (state["other"] + "".join(x[1] for x in pending))[-6:]
                if t.wait(lambda s: tail in joined(s), 2):
                    state["other"] += "".join(x[1] for x in pending)
                    stats["confirmed"] += len(pending)
                    pending.clear()
            if unconfirmed:
                break
    how = rng.choice(["KILL", "KILL", "KILL", "HUP", "HUP", "hangup"])
    stats[how] += 1
    if how == "hangup" or not pid:
        t.run("kill-session", "-t", "k")
    else:
        try:
            os.kill(int(pid), signal.SIGKILL if how == "KILL" else signal.SIGHUP)
        except (ProcessLookupError, ValueError):
            pass
    end = time.time() + 5
    while pid and time.time() < end and subprocess.run(["kill", "-0", pid], capture_output=True).returncode == 0:
        time.sleep(0.02)
    t.run("kill-session", "-t", "k")
    check(bin, db, state, pending, stats)


def check(bin, db, state, pending, stats):
    actuals, other = stored(bin, db)
    for row in range(ROWS):
        under_way = {p[2] for p in pending if p[0] == "cell" and p[1] == row}
        if actuals[row] == state["actuals"][row]:
            continue
        if actuals[row] in under_way:
            # The edit under way was saved before the kill: it must be in the history too.
            state["actuals"][row] = actuals[row]
            state["confirmed"].append((row, actuals[row]))
        else:
            stats["lost"] += 1
            print(f"  row {row + 1}: stored {actuals[row]!r}, confirmed {state['actuals'][row]!r}", file=sys.stderr)
            state["actuals"][row] = actuals[row]
    typed = "".join(p[1] for p in pending if p[0] == "char")
    if not other.startswith(state["other"]):
        stats["lost"] += 1
        print(f"  narrative lost: stored …{other[-20:]!r}, confirmed …{state['other'][-20:]!r}", file=sys.stderr)
    elif not (state["other"] + typed).startswith(other):
        stats["wrong"] += 1
        print(f"  narrative wrong: stored …{other[-20:]!r}", file=sys.stderr)
    state["other"] = other
    # History: every confirmed cell edit has its row, in order; the narrative's last row holds it.
    changes = history(bin, db)
    cells = [(c["place"], c["new"]) for c in changes if c["place"].startswith("indicator:")]
    at = 0
    for row, value in state["confirmed"]:
        want = (f"indicator:{row + 1}:actual", value)
        while at < len(cells) and cells[at] != want:
            at += 1
        if at == len(cells):
            stats["history"] += 1
            print(f"  no history row for row {row + 1} = {value!r}", file=sys.stderr)
            at = 0
        else:
            at += 1
    texts = [c for c in changes if c["place"] == "narrative:other"]
    if texts and texts[-1]["new"] != other:
        stats["history"] += 1
        print(f"  the narrative's last history row holds …{texts[-1]['new'][-20:]!r}, stored …{other[-20:]!r}", file=sys.stderr)
    with sqlite3.connect(db) as conn:
        if conn.execute("PRAGMA quick_check").fetchone()[0] != "ok":
            stats["corrupt"] += 1


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sessions", type=int, default=100)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--bin", default="target/release/jixiao")
    args = ap.parse_args()
    os.chdir(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
    if not os.path.exists(args.bin):
        subprocess.run(["cargo", "build", "--release", "--quiet"], check=True)
    bin = os.path.abspath(args.bin)
    rng = random.Random(args.seed)
    work = tempfile.mkdtemp(prefix="jixiao-kill-")
    db = os.path.join(work, "kill.db")
    err_log = os.path.join(work, "stderr.log")
    jixiao(bin, db, "demo")
    actuals, other = stored(bin, db)
    state = {"actuals": actuals, "other": other, "confirmed": []}
    stats = {k: 0 for k in ["confirmed", "lost", "wrong", "history", "panics", "corrupt", "stuck", "KILL", "HUP", "hangup"]}
    t = Tmux(f"jixiao-kill-{os.getpid()}")
    try:
        for n in range(args.sessions):
            session(t, bin, db, err_log, rng, state, stats)
            if (n + 1) % 10 == 0:
                print(f"{n + 1} sessions: {stats}", flush=True)
    finally:
        t.kill_server()
    log = open(err_log, encoding="utf-8", errors="replace").read() if os.path.exists(err_log) else ""
    stats["panics"] = log.count("panicked")
    if log.strip():
        print("stderr of the killed sessions:\n" + log[-2000:], file=sys.stderr)
    print(
        f"kill harness: {args.sessions} sessions ({stats['KILL']} SIGKILL, {stats['HUP']} SIGHUP, {stats['hangup']} hang-ups), "
        f"{stats['confirmed']} confirmed edits: {stats['lost']} lost, {stats['wrong']} wrong, {stats['history']} without history, "
        f"{stats['panics']} panics, {stats['corrupt']} corrupt, {stats['stuck']} stuck"
    )
    bad = stats["lost"] + stats["wrong"] + stats["history"] + stats["panics"] + stats["corrupt"]
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
