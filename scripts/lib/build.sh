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
  run_step "configure $preset" "fix the CMake error above, then run the command again" \
    bash -c 'cd "$0" && "${@}"' "$TESSERA_ROOT" "${configure[@]}"
  run_step "build $preset" "fix the compile error above, then run the command again" \
    bash -c 'cd "$0" && "${@}"' "$TESSERA_ROOT" cmake --build --preset "$preset" -j "$JOBS" "${targets[@]}"
}
