# Shared settings and helpers for the scripts in scripts/: environment, cache paths, step reporting.
# Sourced, never run. Every script (CI included) gets the same environment from here.

set -euo pipefail

TESSERA_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
TESSERA_CACHE=${TESSERA_CACHE:-$HOME/.cache/tessera}
TESSERA_SRC=$TESSERA_CACHE/src

# Emscripten 3.1.6 on node 20 needs both (../shared/TOOLCHAIN.md): acorn lives in /usr/share/nodejs,
# and node's own fetch() breaks emcc's output and autoconf checks under emconfigure.
export NODE_PATH=/usr/share/nodejs
export NODE_OPTIONS=--no-experimental-fetch

# Versions of the Debian source packages the Wasm builds use. Changing one changes the cache key.
TESSERA_WASM_SOURCES=(
  "libsdl2 2.26.5+dfsg"
  "imgui 1.86+ds"
  "libsodium 1.0.18"
  "md4c 0.4.8"
  "qr-code-generator 1.8.0"
  "zlib 1.2.13.dfsg"
)

JOBS=${JOBS:-$(nproc)}

# Progress goes to stderr so that stdout stays for results.
say() { printf '%s\n' "$*" >&2; }

# run_step NAME HINT CMD...: runs CMD quietly with its output in a log; on failure names the step,
# shows the log's tail and what to do, and exits.
run_step() {
  local name=$1 hint=$2; shift 2
  local log
  mkdir -p "$TESSERA_CACHE/logs"
  log="$TESSERA_CACHE/logs/$(printf '%s' "$name" | tr -c 'A-Za-z0-9' '-').log"
  # Not `if ! "$@"`: bash ignores set -e inside a function called from a condition, so a failing
  # step in a multi-command recipe would go unnoticed. A subshell checked afterwards keeps set -e.
  local status
  set +e
  ( set -e; "$@" ) >"$log" 2>&1
  status=$?
  set -e
  if [ $status -ne 0 ]; then
    say "error: step '$name' failed. Last lines of $log:"
    tail -n 25 "$log" >&2 || true
    say "what to do: $hint"
    exit 1
  fi
}

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}
