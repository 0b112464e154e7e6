#!/usr/bin/env bash
# Size floors: builds the parts of the app on their own (tools/size-floor) with the app's release
# profile, wasm-bindgen and wasm-opt -Oz, and prints their gzip sizes. It answers "how small could
# the bundle be?" with measurements; ARCHITECTURE.md (Size) quotes it. The whole bundle's size is in
# the size report of the test command.
# Usage: scripts/size-floor.sh   (a few minutes; not part of the test command)
source "$(dirname "$0")/lib.sh"

ensure_wasm_target
ensure_wasm_bindgen
ensure_wasm_opt

floor_dir="$REPO_ROOT/tools/size-floor"
out="$CACHE_DIR/size-floor"
wasm_dir="$CARGO_TARGET_DIR/wasm32-unknown-unknown/release"
rm -rf "$out" && mkdir -p "$out"
(cd "$floor_dir" && quietly size-floor-fetch cargo fetch)

# One line for one wasm: bindgen, the same wasm-opt level as the app, then gzip of wasm + JS.
measure() {
    local label="$1" wasm="$2" dir="$out/$3"
    quietly size-floor-bindgen wasm-bindgen --target web --out-dir "$dir" "$wasm"
    quietly size-floor-opt wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int \
        --enable-sign-ext --enable-mutable-globals "$dir"/*_bg.wasm -o "$dir/optimised.wasm"
    local wasm_gzip js_gzip
    wasm_gzip=$(gzip -9c "$dir/optimised.wasm" | wc -c)
    js_gzip=$(gzip -9c "$dir"/*.js | wc -c)
    awk -v label="$label" -v wasm="$wasm_gzip" -v js="$js_gzip" 'BEGIN {
        printf "  %-58s %7.1f KB  (wasm %.1f + JS %.1f)\n", label, (wasm + js) / 1024, wasm / 1024, js / 1024 }'
}

build_floor() {
    # Run inside the repo, so .cargo/config.toml applies (the app's --cfg erase_components).
    (cd "$floor_dir" && quietly size-floor-build cargo build --offline --release --target wasm32-unknown-unknown "$@")
}

echo "size floors (gzip -9), each built on its own with the app's release profile:"
build_floor -p leptos-floor
measure "Leptos 0.8 csr runtime: a counter, an input, <Show>, <For>" "$wasm_dir/leptos-floor.wasm" leptos
core_features=""
for step in "" word-export merge import; do
    core_features="${core_features:+$core_features,}$step"
    build_floor -p core-floor --features "${core_features#,}"
    case "$step" in
        "") label="core: framework + draft JSON + validator and fixes" ;;
        *) label="core: ... + $step" ;;
    esac
    measure "$label" "$wasm_dir/core_floor.wasm" "core-${step:-base}"
done
build_floor -p leptos-floor --features with-core
measure "Leptos runtime + the whole core (no screen of the app yet)" "$wasm_dir/leptos-floor.wasm" both
