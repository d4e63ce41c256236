# Configure-and-build helpers for the CMake presets; sourced by run, test and bench after bootstrap.

# Reads the paths bootstrap prepared (Wasm prefix, Dear ImGui source) into the environment.
load_bootstrap_env() {
  local line
  while IFS= read -r line; do
    case "$line" in TESSERA_*=*) export "${line?}" ;; esac
  done < <("$TESSERA_ROOT/scripts/bootstrap" --print-env)
}

# build_preset PRESET [TARGET...]: configures (cheap when nothing changed) and builds quietly.
build_preset() {
  local preset=$1; shift
  local targets=()
  local t
  for t in "$@"; do targets+=(--target "$t"); done
  local configure=(cmake --preset "$preset" -DTESSERA_IMGUI_DIR="$TESSERA_IMGUI_DIR")
  [ "$preset" = wasm ] && configure+=(-DTESSERA_WASM_PREFIX="$TESSERA_WASM_PREFIX")
  # A compiler cache (ccache, in ~/.cache/tessera/ccache), so a fresh clone builds from cached objects:
  # paths are taken relative to the clone, so every clone of the project shares the entries.
  if command -v ccache >/dev/null; then
    export CCACHE_DIR="$TESSERA_CACHE/ccache" CCACHE_BASEDIR="$TESSERA_ROOT" CCACHE_NOHASHDIR=1 CCACHE_MAXSIZE=6G
    if [ "$preset" = wasm ]; then
      export EM_COMPILER_WRAPPER=ccache  # emcc puts it in front of its own clang calls
    else
      configure+=(-DCMAKE_C_COMPILER_LAUNCHER=ccache -DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
    fi
  fi
  run_step "configure $preset" "fix the CMake error above, then run the command again" \
    bash -c 'cd "$0" && "${@}"' "$TESSERA_ROOT" "${configure[@]}"
  run_step "build $preset" "fix the compile error above, then run the command again" \
    bash -c 'cd "$0" && "${@}"' "$TESSERA_ROOT" cmake --build --preset "$preset" -j "$JOBS" "${targets[@]}"
}

# Publishes the sample courses the site serves as signed packages, the way a real catalog is published:
# each course folder in build/site/courses is packed (`tessera pack`) with this machine's site publisher
# key, and catalog.json pins that key. The key is made once in ~/.cache/tessera/site-publisher and never
# leaves it (no key is committed). Needs the native `tessera` (build/native/cli/tessera); run after every
# wasm build, which re-assembles build/site.
publish_site_courses() {
  local tessera="$TESSERA_ROOT/build/native/cli/tessera"
  local keys="$TESSERA_CACHE/site-publisher"
  local site="$TESSERA_ROOT/build/site/courses"
  [ -x "$tessera" ] || build_preset native tessera
  if [ ! -f "$keys/publisher.key" ]; then
    run_step "make the site publisher key" "check that $TESSERA_CACHE is writable" "$tessera" keygen --out "$keys"
  fi
  run_step "sign the sample courses" "fix the course error above (tessera validate content/<course>)" \
    node "$TESSERA_ROOT/scripts/lib/publish-courses.mjs" "$tessera" "$keys" "$site"
}
