#!/usr/bin/env bash
# newsreel benchmark: full builds, annotation throughput and incremental rebuilds on
# synthetic corpora of 1,000 / 10,000 / 100,000 articles, with Hugo on the same corpus
# as the reference.  See bench/README.md.
#
#   scripts/bench.sh                               # all sizes (1000 10000 100000)
#   BENCH_SIZES="1000 10000" scripts/bench.sh      # quick run
#
# Environment:
#   BENCH_SIZES        corpus sizes (default "1000 10000 100000")
#   BENCH_RUNS         timed runs per measurement (default 5 for N <= 10000, 3 above)
#   BENCH_SEED         corpus seed (default 42)
#   BENCH_INCR_EDITS   edits for the incremental measurement (default 20)
#   BENCH_WORK         corpus folder (default bench/work)
#   BENCH_RESULTS      results file (default bench/results.md)
#   BENCH_OUT          where both tools write their output (default: a folder in /dev/shm when
#                      it is a writable tmpfs, else a temporary folder on disk). On journal-less
#                      ext4 (these VMs) the inode allocator skips inodes deleted in the last
#                      minutes, so removing an output of ~50,000 files and rebuilding it at once
#                      gets slower with every run (3 s, 5 s, 8 s at 1,000 articles): that measures
#                      the file system, not the tools.
#   BENCH_SKIP_BUILD=1 do not run cargo (use existing binaries)
#   NEWSREEL_BIN       newsreel binary (default $CARGO_TARGET_DIR/release/newsreel)
#   GEN_CORPUS_BIN     corpus generator (default $CARGO_TARGET_DIR/release/examples/gen_corpus)
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
REPO=$(pwd)

SIZES=${BENCH_SIZES:-1000 10000 100000}
SEED=${BENCH_SEED:-42}
INCR_EDITS=${BENCH_INCR_EDITS:-20}
INCR_MAX_N=10000
WORK=${BENCH_WORK:-$REPO/bench/work}
RESULTS=${BENCH_RESULTS:-$REPO/bench/results.md}
TARGET_DIR=${CARGO_TARGET_DIR:-$REPO/target}
NEWSREEL_BIN=${NEWSREEL_BIN:-$TARGET_DIR/release/newsreel}
GEN_CORPUS_BIN=${GEN_CORPUS_BIN:-$TARGET_DIR/release/examples/gen_corpus}

log() { printf '[bench] %s\n' "$*" >&2; }
die() {
    log "error: $*"
    exit 1
}

# ---------------------------------------------------------------------------------------
# Tools
# ---------------------------------------------------------------------------------------

as_root() {
    if [ "$(id -u)" -eq 0 ]; then
        "$@"
    elif command -v sudo >/dev/null 2>&1; then
        sudo "$@"
    else
        die "need root for: $*"
    fi
}

APT_UPDATED=0
apt_install() {
    command -v apt-get >/dev/null 2>&1 || die "apt-get not found: install $* by hand"
    if [ "$APT_UPDATED" -eq 0 ]; then
        as_root apt-get update -qq
        APT_UPDATED=1
    fi
    log "installing $*"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

command -v python3 >/dev/null 2>&1 || apt_install python3
command -v hugo >/dev/null 2>&1 || apt_install hugo
[ -x /usr/bin/time ] || apt_install time
command -v curl >/dev/null 2>&1 || apt_install curl

if [ "${BENCH_SKIP_BUILD:-0}" != 1 ]; then
    log "building newsreel (release)"
    cargo build --release --examples --bins
fi
[ -x "$NEWSREEL_BIN" ] || die "newsreel binary not found at $NEWSREEL_BIN"
[ -x "$GEN_CORPUS_BIN" ] || die "corpus generator not found at $GEN_CORPUS_BIN"

HUGO_VERSION=$(hugo version 2>/dev/null | head -n 1)
HUGO_MINOR=$(sed -n 's/^hugo v0\.\([0-9]*\).*/\1/p' <<<"$HUGO_VERSION")

TMP=$(mktemp -d "${TMPDIR:-/tmp}/newsreel-bench.XXXXXX")
# shellcheck disable=SC2317  # invoked by the trap
if [ -n "${BENCH_OUT:-}" ]; then
    OUT=$(mkdir -p "$BENCH_OUT" && mktemp -d "$BENCH_OUT/newsreel-bench-out.XXXXXX")
elif [ -w /dev/shm ] && [ "$(stat -f -c %T /dev/shm 2>/dev/null)" = tmpfs ]; then
    OUT=$(mktemp -d /dev/shm/newsreel-bench-out.XXXXXX)
else
    OUT=$TMP/out
    mkdir -p "$OUT"
fi
OUT_FS=$(stat -f -c %T "$OUT" 2>/dev/null || echo unknown)
cleanup() { rm -rf "$TMP" "$OUT"; }
trap cleanup EXIT

# ---------------------------------------------------------------------------------------
# Measurement helpers
# ---------------------------------------------------------------------------------------

# time_runs NAME RUNS PREP CMD...
# Runs PREP then CMD (stdout discarded) RUNS times under /usr/bin/time -v; appends
# "start end max_rss_kb" per run to $TMP/NAME.runs.  Fails if CMD fails.
time_runs() {
    local name=$1 runs=$2 prep=$3
    shift 3
    : >"$TMP/$name.runs"
    local i t0 t1 rss
    for ((i = 1; i <= runs; i++)); do
        "$prep"
        t0=$(date +%s.%N)
        if ! /usr/bin/time -v -o "$TMP/$name.time" "$@" >/dev/null 2>"$TMP/$name.err"; then
            log "$name: failed: $*"
            tail -n 20 "$TMP/$name.err" >&2 || true
            return 1
        fi
        t1=$(date +%s.%N)
        rss=$(sed -n 's/^[[:space:]]*Maximum resident set size (kbytes): *//p' "$TMP/$name.time")
        echo "$t0 $t1 ${rss:-0}" >>"$TMP/$name.runs"
        log "  $name run $i/$runs: $(python3 -c "print(f'{$t1 - $t0:.3f}')") s, ${rss:-?} KiB"
    done
}

# stats NAME -> "median min max peak_rss_mib" (seconds, MiB)
stats() {
    python3 - "$TMP/$1.runs" <<'EOF'
import statistics, sys
rows = [line.split() for line in open(sys.argv[1]) if line.strip()]
wall = [float(b) - float(a) for a, b, _ in rows]
rss = [int(r) for _, _, r in rows]
print(f"{statistics.median(wall):.3f} {min(wall):.3f} {max(wall):.3f} {max(rss) / 1024:.0f}")
EOF
}

# Preparation steps run before each timed run (invoked indirectly by time_runs).
# shellcheck disable=SC2317
noop() { :; }
# shellcheck disable=SC2317
prep_build() { rm -rf "$NOUT"; }
# shellcheck disable=SC2317
prep_hugo() { rm -rf "$HOUT" "$HSITE/resources" "$TMP/hugo-cache"; }

# Incremental rebuild latency: serve --watch, SSE stream via curl, EDITS appended
# sentences; prints "median (min–max)" in ms, or "n/a".
incremental() {
    python3 - "$NEWSREEL_BIN" "$1" "$INCR_EDITS" <<'EOF'
import os, queue, re, signal, statistics, subprocess, sys, threading, time

binary, root, edits = sys.argv[1], sys.argv[2], int(sys.argv[3])
ADDR = re.compile(r"http://(?:127\.0\.0\.1|localhost|\[::1\]):[0-9]+/")
START_TIMEOUT = 120.0   # initial build before the address is printed
EVENT_TIMEOUT = 10.0    # the stream must answer an edit within this


def log(msg):
    print(f"[bench]   incremental: {msg}", file=sys.stderr, flush=True)


def reader(stream, q):
    for line in iter(stream.readline, b""):
        q.put((time.monotonic(), line.decode("utf-8", "replace").rstrip("\r\n")))
    q.put((time.monotonic(), None))


def spawn(cmd):
    p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                         stdin=subprocess.DEVNULL, start_new_session=True)
    q = queue.Queue()
    threading.Thread(target=reader, args=(p.stdout, q), daemon=True).start()
    return p, q


def stop(p):
    if p is None or p.poll() is not None:
        return
    try:
        os.killpg(p.pid, signal.SIGINT)   # our own child's process group (Ctrl-C)
        p.wait(timeout=5)
    except (ProcessLookupError, subprocess.TimeoutExpired):
        try:
            os.killpg(p.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass


def drain(q):
    while True:
        try:
            q.get_nowait()
        except queue.Empty:
            return


class Events:
    """Follows the SSE stream: `event: reload` (or `css`), or an unnamed event's `data:`
    line, completes a rebuild; `event: error` is a failed rebuild."""

    def __init__(self):
        self.name = None

    def done(self, line):
        if line.startswith("event:"):
            self.name = line[len("event:"):].strip()
            return self.name in ("reload", "css")
        if line.startswith("data:"):
            if self.name == "error":
                raise RuntimeError("rebuild failed: " + line[len("data:"):].strip()[:300])
            return self.name is None
        if not line.strip():
            self.name = None
        return False


server = curl = None
target = original = None
result = "n/a"
try:
    help_ok = subprocess.run([binary, "serve", "--help"], stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL).returncode == 0
    if not help_ok:
        raise RuntimeError("no serve subcommand")
    server, sq = spawn([binary, "serve", "--root", root, "--watch", "--port", "0"])
    deadline = time.monotonic() + START_TIMEOUT
    address = None
    while address is None:
        try:
            _, line = sq.get(timeout=max(0.0, deadline - time.monotonic()))
        except queue.Empty:
            raise RuntimeError("serve printed no address")
        if line is None:
            raise RuntimeError(f"serve exited with status {server.wait()}")
        m = ADDR.search(line)
        if m:
            address = m.group(0)
    log(f"server at {address}")
    curl, cq = spawn(["curl", "-sN", address + "__newsreel/events"])
    time.sleep(1.0)
    if curl.poll() is not None:
        raise RuntimeError("event stream closed")
    drain(cq)

    content = os.path.join(root, "content")
    txts = sorted(os.path.join(d, f) for d, _, fs in os.walk(content) for f in fs
                  if f.endswith(".txt"))
    target = txts[len(txts) // 2]
    with open(target, "rb") as f:
        original = f.read()

    def edit(i, timeout):
        """Appends a sentence; returns ms until the next reload event."""
        drain(cq)
        sentence = (f"The committee met again on Tuesday and said a decision on the "
                    f"grain deal would follow within {i + 2} weeks.\n")
        t0 = time.monotonic()
        with open(target, "a", encoding="utf-8") as f:
            f.write(sentence)
        deadline = t0 + timeout
        events = Events()
        while True:
            try:
                t, line = cq.get(timeout=max(0.0, deadline - time.monotonic()))
            except queue.Empty:
                raise RuntimeError(f"no event within {timeout:.0f} s of edit {i + 1}")
            if line is None:
                raise RuntimeError("event stream closed")
            if events.done(line):
                time.sleep(0.3)   # let coalesced follow-up events arrive before the next edit
                return (t - t0) * 1000

    # One warm-up edit, not counted (the first build may still be finishing).
    log(f"warm-up edit: {edit(0, START_TIMEOUT):.0f} ms")
    times = [edit(i + 1, EVENT_TIMEOUT) for i in range(edits)]
    log("ms: " + " ".join(f"{t:.0f}" for t in times))
    result = f"{statistics.median(times):.0f} ({min(times):.0f}–{max(times):.0f})"
except Exception as e:  # report, never fail the whole benchmark
    log(f"n/a: {e}")
finally:
    if target is not None and original is not None:
        with open(target, "wb") as f:
            f.write(original)
        time.sleep(0.5)
    stop(curl)
    stop(server)
print(result)
EOF
}

# ---------------------------------------------------------------------------------------
# Benchmark
# ---------------------------------------------------------------------------------------

corpus_fingerprint() {
    local src=$REPO/examples/gen_corpus.rs
    [ -f "$src" ] || src=$GEN_CORPUS_BIN
    printf 'n=%s seed=%s gen=%s\n' "$1" "$SEED" "$(sha256sum "$src" | cut -c1-16)"
}

ensure_corpus() {
    local n=$1 dir=$WORK/$1 hdir=$WORK/$1-hugo stamp=$WORK/$1.stamp want
    want=$(corpus_fingerprint "$n")
    if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ] && [ -d "$dir/content" ] &&
        [ -d "$hdir/content" ]; then
        log "corpus $n: up to date"
    else
        log "corpus $n: generating"
        rm -rf "$stamp" "$dir" "$hdir"
        mkdir -p "$WORK"
        "$GEN_CORPUS_BIN" --n "$n" --seed "$SEED" --out "$dir" --hugo "$hdir"
        echo "$want" >"$stamp"
    fi
    # Hugo >= 0.128 reads [pagination] pagerSize and deprecates `paginate`.
    if [ -n "$HUGO_MINOR" ] && [ "$HUGO_MINOR" -ge 128 ]; then
        sed -i '/^paginate = /d' "$hdir/hugo.toml"
    fi
}

LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)
FAILED=0
ROWS=$TMP/rows.md
: >"$ROWS"

for N in $SIZES; do
    log "=== N = $N ==="
    ensure_corpus "$N"
    SITE=$WORK/$N
    HSITE=$WORK/$N-hugo
    HOUT=$OUT/hugo-$N
    NOUT=$OUT/newsreel-$N
    if [ -n "${BENCH_RUNS:-}" ]; then
        RUNS=$BENCH_RUNS
    elif [ "$N" -le 10000 ]; then
        RUNS=5
    else
        RUNS=3
    fi
    WORDS=$(find "$SITE/content" -type f \( -name '*.txt' -o -name '*.md' \) -print0 |
        xargs -0 cat | wc -w)
    log "corpus $N: $WORDS words"

    # 1. newsreel build (cold: no output folder)
    NR_CELL=FAIL NR_RSS=FAIL PAGES=FAIL OUT_MB=FAIL NR_MED=''
    log "newsreel build x$RUNS"
    if time_runs "build-$N" "$RUNS" prep_build "$NEWSREEL_BIN" build --root "$SITE" --output-dir "$NOUT"; then
        read -r NR_MED NR_MIN NR_MAX NR_RSS <<<"$(stats "build-$N")"
        NR_CELL="$NR_MED ($NR_MIN–$NR_MAX)"
        PAGES=$(find "$NOUT" -name '*.html' | wc -l)
        OUT_MB=$(du -sm "$NOUT" | cut -f1)
        rm -rf "$NOUT"
    else
        FAILED=1
    fi

    # 2. newsreel annotate
    ANN_CELL=FAIL
    log "newsreel annotate x$RUNS"
    if time_runs "annotate-$N" "$RUNS" noop "$NEWSREEL_BIN" annotate --root "$SITE"; then
        read -r A_MED _ _ _ <<<"$(stats "annotate-$N")"
        ANN_CELL=$(python3 -c "print(f'{$WORDS / $A_MED:,.0f}')")
    else
        FAILED=1
    fi

    # 3. Hugo (cold: no destination, resources or cache)
    H_CELL=FAIL H_RSS=FAIL H_MED='' H_PAGES=FAIL H_MB=FAIL
    log "hugo x$RUNS"
    if time_runs "hugo-$N" "$RUNS" prep_hugo hugo --quiet --source "$HSITE" \
        --destination "$HOUT" --cacheDir "$TMP/hugo-cache"; then
        read -r H_MED H_MIN H_MAX H_RSS <<<"$(stats "hugo-$N")"
        H_CELL="$H_MED ($H_MIN–$H_MAX)"
        H_PAGES=$(find "$HOUT" -name '*.html' | wc -l)
        H_MB=$(du -sm "$HOUT" | cut -f1)
        if [ -s "$TMP/hugo-$N.err" ]; then
            log "hugo printed:"
            head -n 20 "$TMP/hugo-$N.err" >&2
        fi
    else
        FAILED=1
    fi
    rm -rf "$HOUT" "$TMP/hugo-cache"

    RATIO=n/a
    if [ -n "$NR_MED" ] && [ -n "$H_MED" ]; then
        RATIO=$(python3 -c "print(f'{$NR_MED / $H_MED:.2f}')")
    fi

    # 4. incremental rebuild through serve --watch
    INCR=—
    if [ "$N" -le "$INCR_MAX_N" ]; then
        log "incremental rebuild x$INCR_EDITS"
        INCR=$(incremental "$SITE")
    fi

    ROW="| $N | $PAGES | $OUT_MB | $NR_CELL | $H_CELL | $RATIO | $NR_RSS / $H_RSS | $ANN_CELL | $INCR | $H_PAGES / $H_MB |"
    echo "$ROW" >>"$ROWS"
    log "$ROW"
done

# ---------------------------------------------------------------------------------------
# Report
# ---------------------------------------------------------------------------------------

REV=$(git -C "$REPO" rev-parse --short HEAD 2>/dev/null || echo unknown)
if [ "$REV" != unknown ] && [ -n "$(git -C "$REPO" status --porcelain --untracked-files=no 2>/dev/null)" ]; then
    REV="$REV (with uncommitted changes)"
fi
CPU=$(lscpu 2>/dev/null | sed -n 's/^Model name:[[:space:]]*//p' | head -n 1)

{
    echo "# newsreel benchmark results"
    echo
    echo "- date: $(date -u '+%Y-%m-%d %H:%M UTC')"
    echo "- machine: $(nproc) CPUs, ${CPU:-unknown CPU}, $(awk '/MemTotal/ {printf "%.0f GiB RAM", $2 / 1048576}' /proc/meminfo)"
    echo "- load average (1, 5, 15 min) at start: $LOAD_START; at end: $(cut -d' ' -f1-3 /proc/loadavg)"
    echo "- newsreel: git $REV"
    echo "- hugo: $HUGO_VERSION"
    echo "- corpus: examples/gen_corpus.rs, seed $SEED; runs per figure: ${BENCH_RUNS:-5 for N ≤ 10,000, 3 above}"
    echo "- output of both tools written to a $OUT_FS folder (BENCH_OUT)"
    echo
    echo "| N | pages | output MB | newsreel build s, median (min–max) | Hugo s, median (min–max) | newsreel / Hugo | peak RSS MiB newsreel / Hugo | annotate words/s | incremental ms, median (min–max) | Hugo pages / MB |"
    echo "|---:|---:|---:|---|---|---:|---|---:|---|---|"
    cat "$ROWS"
    echo
    echo "Wall-clock seconds of cold full builds (output folder removed first; OS file cache warm)."
    echo "newsreel / Hugo < 1 means newsreel is faster. Annotate words/s = corpus words (wc -w) /"
    echo "median \`newsreel annotate\` time. Incremental = append one sentence to one article under"
    echo "\`newsreel serve --watch\` until the reload event arrives on the SSE stream (N ≤ 10,000)."
} >"$RESULTS"

echo
cat "$RESULTS"
log "written to ${RESULTS#"$REPO"/}"
exit "$FAILED"
