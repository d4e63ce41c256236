# Recipes that build the third-party libraries for WebAssembly from Debian's sources into a cache prefix.
# Sourced by scripts/bootstrap. The cache key hashes this file, so editing a recipe or a flag rebuilds.
# Each function gets the unpacked source folder and installs into $WASM_PREFIX (include/, lib/).

WASM_CFLAGS="-O3"

build_sdl2() {
  local src=$1 bld
  bld=$(mktemp -d)
  emcmake cmake -S "$src" -B "$bld" -DCMAKE_BUILD_TYPE=Release -DSDL_SHARED=OFF -DSDL_STATIC=ON \
    -DSDL_TEST=OFF -DCMAKE_INSTALL_PREFIX="$WASM_PREFIX"
  emmake make -C "$bld" -j"$JOBS"
  emmake make -C "$bld" install
  rm -rf "$bld"
}

build_libsodium() {
  local src=$1
  (
    cd "$src"
    # Debian's tarball ships no ./configure; its emscripten.sh fails at the last step with 3.1.6.
    [ -x configure ] || DO_NOT_UPDATE_CONFIG_SCRIPTS=1 ./autogen.sh
    emconfigure ./configure --disable-shared --enable-static --prefix="$WASM_PREFIX" --without-pthreads \
      --disable-ssp --disable-asm --disable-pie CFLAGS="$WASM_CFLAGS"
    emmake make -j"$JOBS" install
  )
}

build_md4c() {
  local src=$1
  mkdir -p "$WASM_PREFIX/include" "$WASM_PREFIX/lib"
  emcc $WASM_CFLAGS -c "$src/src/md4c.c" -o "$WASM_PREFIX/lib/md4c.o"
  emar rcs "$WASM_PREFIX/lib/libmd4c.a" "$WASM_PREFIX/lib/md4c.o"
  rm "$WASM_PREFIX/lib/md4c.o"
  cp "$src/src/md4c.h" "$WASM_PREFIX/include/"
}

build_qrcodegen() {
  local src=$1
  mkdir -p "$WASM_PREFIX/include/qrcodegen" "$WASM_PREFIX/lib"
  em++ $WASM_CFLAGS -std=c++17 -c "$src/cpp/qrcodegen.cpp" -o "$WASM_PREFIX/lib/qrcodegen.o"
  emar rcs "$WASM_PREFIX/lib/libqrcodegencpp.a" "$WASM_PREFIX/lib/qrcodegen.o"
  rm "$WASM_PREFIX/lib/qrcodegen.o"
  cp "$src/cpp/qrcodegen.hpp" "$WASM_PREFIX/include/qrcodegen/"
}

# zlib's sources compiled directly (its ./configure probes the host compiler); the gz* file functions are
# left out: the runtime does no I/O. Not Emscripten's -sUSE_ZLIB port, which downloads from the network.
build_zlib() {
  local src=$1 file objects=()
  mkdir -p "$WASM_PREFIX/include" "$WASM_PREFIX/lib"
  for file in adler32 compress crc32 deflate inffast inflate inftrees trees uncompr zutil; do
    emcc $WASM_CFLAGS -c "$src/$file.c" -o "$src/$file.o"
    objects+=("$src/$file.o")
  done
  emar rcs "$WASM_PREFIX/lib/libz.a" "${objects[@]}"
  cp "$src/zlib.h" "$src/zconf.h" "$WASM_PREFIX/include/"
}
