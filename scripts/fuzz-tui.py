#!/usr/bin/env python3
"""Random input for the terminal UI: the release binary in tmux, fed what users and
their terminals send, until it panics, hangs or leaves the terminal broken.

    scripts/fuzz-tui.py                      # 10 minutes, a random seed
    scripts/fuzz-tui.py --minutes 60 --seed 7
    scripts/fuzz-tui.py --bin target/release/jixiao --keep /tmp/fuzz-run

Each session opens `jixiao --db FILE` (the demo stored once, then whatever earlier
sessions left in it) in a private tmux server and sends a few hundred random actions:

  keys        arrows, Tab, Enter, Esc, F1–F12, Ins/Del, PgUp/PgDn, Backspace, Ctrl keys,
              letters and digits (commands on some screens, text on others)
  text        Chinese text with punctuation and digits, as an input method commits it
  raw bytes   random bytes: split escape sequences, broken UTF-8, control bytes
  paste       bracketed (tmux paste-buffer -p) and not (the text arrives as keys):
              tab-separated blocks with CR or LF line ends, long lines, 20 000 characters
  resize      the window from 5×3 to 200×60

A session ends with Ctrl+Q (or earlier, when the random keys quit the app). The app
must answer Ctrl+Q within 2 s: quit, or ask about a value being typed (then `n`). After
it exits, a shell in the same pane reports the terminal: raw mode off (`stty`), the
main screen, the cursor shown, no mouse reporting, bracketed paste off (a paste into
`cat -v` must not arrive wrapped in ESC[200~).

Counted: panics (a "panicked" on stderr or exit status 101), hangs (Ctrl+Q unanswered
for 2 s), broken terminals, other non-zero exits. Exit status 0 when all are zero.
Needs tmux and python3; builds nothing (run `cargo build --release` first).
"""

import argparse
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time

KEYS = [
    "Up", "Down", "Left", "Right", "Home", "End", "PageUp", "PageDown", "Enter", "Escape",
    "Tab", "BTab", "BSpace", "DC", "IC", "F1", "F2", "F3", "F4", "F5", "F6", "F7", "F8",
    "F9", "F10", "F11", "F12", "Space",
]
# Ctrl keys, without C-q and C-c (they quit: the session's end tests them).
CTRL = ["C-" + c for c in "abdefghijklmnoprstuvwxyz"] + ["C-Up", "C-Down", "C-Left", "C-Right"]
LETTERS = list("abcdefghijklmnopqrstuvwxyz0123456789=+-/?.,% ")
HANZI = "科技工业信息化局产出效益满意度指标数量质量时效社会成本企业新增规上技术合同交易额达标率年月日"
PUNCT = "，。、；：？！（）「」『』【】“”‘’《》…—·％＋－"
DIGITS = "0123456789.１２３４５"
UNITS = ["家", "个", "万元", "亿元", "%", "元", ""]


def chinese(rng, n):
    pool = HANZI * 3 + PUNCT + DIGITS
    return "".join(rng.choice(pool) for _ in range(n))


def block(rng):
    """A spreadsheet range: rows of tab-separated cells, CR, LF or CRLF between rows."""
    rows = []
    for _ in range(rng.randint(1, 6)):
        cells = []
        for _ in range(rng.randint(1, 10)):
            kind = rng.random()
            if kind < 0.4:
                cells.append(chinese(rng, rng.randint(0, 12)))
            elif kind < 0.8:
                cells.append(f"{rng.randint(0, 300)}{rng.choice(UNITS)}")
            elif kind < 0.9:
                cells.append('"' + chinese(rng, 5) + "\n" + chinese(rng, 5) + '"')
            else:
                cells.append(rng.choice(["三级指标", "实际完成值", "得分", "偏差原因分析及改进措施", "分值", "评(扣)分标准"]))
        rows.append("\t".join(cells))
    sep = rng.choice(["\r", "\n", "\r\n"])
    return sep.join(rows) + (sep if rng.random() < 0.5 else "")


def paste_text(rng):
    kind = rng.random()
    if kind < 0.5:
        return block(rng)
    if kind < 0.8:
        return "\n".join(chinese(rng, rng.randint(1, 80)) for _ in range(rng.randint(1, 5)))
    if kind < 0.95:
        return chinese(rng, rng.randint(200, 2000))
    return "一二三四五六七八九十" * 2000


def raw_bytes(rng):
    """Bytes no key sends: split escape sequences, broken UTF-8, stray control bytes, a
    bracketed paste with junk inside. Not a paste start without its end: the app (like
    any reading bracketed paste) waits for the end, and no terminal sends one alone."""
    pieces = [b"\x1b", b"\x1b[", b"\x1bO", b"[", b"1;5", b"~", b"A", b"B", b"2", b"0", b"\x7f",
              b"\x08", b"\x00", b"\xe4\xb8", b"\xff", b"\xe4", b"\x1b[201~", b"\r", b"\n", b"\t",
              b"\x1b[200~\x1b[A\xe4\xb8\t\r\x1b[201~"]
    out = b""
    for _ in range(rng.randint(1, 8)):
        if rng.random() < 0.6:
            out += rng.choice(pieces)
        else:
            b = rng.randint(0, 255)
            if b not in (0x03, 0x11, 0x1c):  # Ctrl+C, Ctrl+Q, Ctrl+\ quit or kill
                out += bytes([b])
    # Pieces can come together as a paste start: keep only complete pastes.
    start, end = b"\x1b[200~", b"\x1b[201~"
    while start in out and end not in out[out.index(start):]:
        out = out.replace(start, b"", 1)
    return out


class Session:
    def __init__(self, tmux, binary, db, work, width, height):
        self.tmux = tmux
        self.work = work
        self.status = os.path.join(work, "status")
        self.err = os.path.join(work, "stderr")
        self.stty = os.path.join(work, "stty")
        self.pasted = os.path.join(work, "pasted")
        for f in (self.status, self.err, self.stty, self.pasted):
            if os.path.exists(f):
                os.remove(f)
        script = (
            f"cd {work}; RUST_BACKTRACE=1 {binary} --db {db} 2>{self.err}; echo $? > {self.status}.tmp; "
            f"stty -a > {self.stty}; mv {self.status}.tmp {self.status}; "
            f"timeout 4 cat -v > {self.pasted}; sleep 600"
        )
        tmux("kill-server", check=False)
        # A server still going away can refuse the new session: try again.
        for _ in range(20):
            r = tmux("new-session", "-d", "-s", "f", "-x", str(width), "-y", str(height), "sh", "-c", script, check=False)
            if r.returncode == 0:
                break
            time.sleep(0.2)
        else:
            sys.exit(f"tmux new-session failed: {r.stderr.strip()}")

    def exited(self):
        return os.path.exists(self.status)

    def screen(self):
        return self.tmux("capture-pane", "-p", "-t", "f", check=False).stdout

    def wait(self, cond, limit):
        end = time.time() + limit
        while time.time() < end:
            if cond():
                return True
            time.sleep(0.05)
        return cond()


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--minutes", type=float, default=10.0)
    ap.add_argument("--seed", type=int, default=None)
    ap.add_argument("--bin", default=os.path.join(os.path.dirname(__file__), "..", "target", "release", "jixiao"))
    ap.add_argument("--keep", help="a directory to keep the database, logs and failing screens in")
    args = ap.parse_args()
    binary = os.path.abspath(args.bin)
    if not os.path.exists(binary):
        sys.exit(f"{binary} not found: run cargo build --release first")
    if shutil.which("tmux") is None:
        sys.exit("tmux is needed")
    seed = args.seed if args.seed is not None else random.randrange(1 << 30)
    rng = random.Random(seed)
    work = args.keep or tempfile.mkdtemp(prefix="jixiao-fuzz-")
    os.makedirs(work, exist_ok=True)
    db = os.path.join(work, "fuzz.db")
    subprocess.run([binary, "--db", db, "demo"], check=True, capture_output=True)
    socket = f"jixiao-fuzz-{os.getpid()}"

    def tmux(*a, check=True):
        r = subprocess.run(["tmux", "-L", socket, *a], capture_output=True, text=True)
        if check and r.returncode != 0:
            sys.exit(f"tmux {' '.join(a[:2])} failed: {r.stderr.strip()}")
        return r

    counts = {"sessions": 0, "actions": 0, "panics": 0, "hangs": 0, "broken_terminals": 0,
              "bad_exits": 0, "quit_by_keys": 0, "asked_on_quit": 0, "pastes": 0, "resizes": 0}
    failures = []
    slowest = 0.0
    deadline = time.time() + args.minutes * 60
    print(f"fuzz-tui: seed {seed}, {args.minutes} min, {binary}, work {work}", flush=True)

    def record(kind, s, note):
        path = os.path.join(work, f"failure-{len(failures) + 1}-{kind}.txt")
        with open(path, "w") as f:
            f.write(f"{kind}: {note}\n\n{s.screen()}\n")
            if os.path.exists(s.err):
                f.write("\n--- stderr ---\n" + open(s.err, errors="replace").read())
        failures.append(f"{kind}: {note} ({path})")
        print(f"  FAILURE {kind}: {note} ({path})", flush=True)

    while time.time() < deadline:
        counts["sessions"] += 1
        w, h = rng.choice([(80, 24), (80, 24), (120, 40), (100, 30), (60, 16)])
        s = Session(tmux, binary, db, work, w, h)
        if not s.wait(lambda: "绩效" in s.screen() or s.exited(), 10):
            record("hang", s, "no first frame in 10 s")
            counts["hangs"] += 1
            continue
        actions = rng.randint(50, 400)
        for _ in range(actions):
            if s.exited() or time.time() > deadline:
                break
            counts["actions"] += 1
            r = rng.random()
            if r < 0.40:
                k = rng.choice(KEYS) if rng.random() < 0.7 else rng.choice(LETTERS)
                tmux("send-keys", "-t", "f", *([k] if len(k) > 1 or k == " " else ["-l", k]), check=False)
            elif r < 0.47:
                tmux("send-keys", "-t", "f", rng.choice(CTRL), check=False)
            elif r < 0.65:
                tmux("send-keys", "-t", "f", "-l", chinese(rng, rng.randint(1, 30)), check=False)
            elif r < 0.73:
                tmux("send-keys", "-t", "f", "-H", *[f"{b:02x}" for b in raw_bytes(rng)], check=False)
            elif r < 0.90:
                counts["pastes"] += 1
                text = paste_text(rng)
                tmux("set-buffer", "-b", "p", "--", text, check=False)
                bracketed = ["-p"] if rng.random() < 0.5 else []
                tmux("paste-buffer", *bracketed, "-b", "p", "-t", "f", check=False)
            elif r < 0.95:
                counts["resizes"] += 1
                if rng.random() < 0.2:
                    w, h = rng.randint(5, 59), rng.randint(3, 15)
                else:
                    w, h = rng.randint(60, 200), rng.randint(16, 60)
                tmux("resize-window", "-t", "f", "-x", str(w), "-y", str(h), check=False)
            else:
                time.sleep(rng.random() * 0.3)
            if rng.random() < 0.3:
                time.sleep(rng.random() * 0.03)
        # The end of the session: Ctrl+Q must be answered within 2 s.
        if s.exited():
            counts["quit_by_keys"] += 1
        else:
            # Raw bytes can leave the input parser inside an escape sequence it cannot
            # finish; it drops the sequence with the next byte, so that key is lost (a user
            # presses it again). An Esc first: the Ctrl+Q that follows arrives on its own.
            tmux("send-keys", "-t", "f", "Escape", check=False)
            answered = False
            for _ in range(3):
                # Let what was sent before settle, so that a change is the answer to Ctrl+Q.
                before = s.screen()
                for _ in range(20):
                    time.sleep(0.15)
                    now = s.screen()
                    if now == before:
                        break
                    before = now
                t0 = time.time()
                tmux("send-keys", "-t", "f", "C-q", check=False)
                ok = s.wait(lambda: s.exited() or s.screen() != before, 2.0)
                slowest = max(slowest, time.time() - t0)
                if not ok:
                    break
                answered = True
                if s.exited():
                    break
                # Asked about a value being typed (the question may be cut or wrapped on
                # a small terminal): n quits without it.
                if "正在编辑" in "".join(s.screen().split()):
                    counts["asked_on_quit"] += 1
                tmux("send-keys", "-t", "f", "n", check=False)
                if s.wait(s.exited, 2.0):
                    break
            if not s.exited():
                record("hang", s, "Ctrl+Q not answered within 2 s" if not answered else "Ctrl+Q answered but never quit")
                counts["hangs"] += 1
                continue
        # What it left behind.
        status = open(s.status).read().strip()
        err = open(s.err, errors="replace").read() if os.path.exists(s.err) else ""
        if "panicked" in err or status == "101":
            counts["panics"] += 1
            record("panic", s, f"exit {status}")
        elif status not in ("0",):
            counts["bad_exits"] += 1
            record("exit", s, f"exit {status}: {err.strip()[:200]}")
        stty = open(s.stty).read().split() if os.path.exists(s.stty) else []
        flags = tmux("display", "-p", "-t", "f", "#{alternate_on} #{cursor_flag} #{mouse_any_flag}", check=False).stdout.split()
        tmux("set-buffer", "-b", "c", "PASTECHECK", check=False)
        time.sleep(0.1)
        tmux("paste-buffer", "-p", "-b", "c", "-t", "f", check=False)
        tmux("send-keys", "-t", "f", "Enter", check=False)
        s.wait(lambda: os.path.exists(s.pasted) and "PASTECHECK" in open(s.pasted, errors="replace").read(), 2)
        pasted = open(s.pasted, errors="replace").read() if os.path.exists(s.pasted) else ""
        problems = [m for m in ("icanon", "echo", "isig", "opost") if m not in stty]
        if flags != ["0", "1", "0"]:
            problems.append(f"alternate/cursor/mouse flags {flags}")
        if "^[[200~" in pasted:
            problems.append("bracketed paste left on")
        if problems:
            counts["broken_terminals"] += 1
            record("terminal", s, ", ".join(problems))
        if counts["sessions"] % 10 == 0:
            print(f"  {counts['sessions']} sessions, {counts['actions']} actions, "
                  f"{len(failures)} failures, {int(deadline - time.time())} s left", flush=True)
    tmux("kill-server", check=False)
    print(f"fuzz-tui: seed {seed}, {args.minutes} min")
    for k, v in counts.items():
        print(f"  {k}: {v}")
    print(f"  slowest answer to Ctrl+Q: {slowest:.2f} s")
    for f in failures:
        print(f"  {f}")
    bad = counts["panics"] + counts["hangs"] + counts["broken_terminals"] + counts["bad_exits"]
    print("fuzz-tui: " + ("OK" if bad == 0 else f"{bad} FAILURES"))
    if not args.keep and bad == 0:
        shutil.rmtree(work, ignore_errors=True)
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
