#!/usr/bin/env bash
# Start-up and typing benchmark (a script, not a test): the release bundle served by a real nginx
# with deploy/nginx.conf (brotli), in headless Chromium with CPU and network emulation, against a
# blank Leptos page (tools/size-floor/blank-page) built and served the same way in the same run.
# Results as ratios for BENCHMARKS.md (Start-up and typing).
# Usage: scripts/bench-startup.sh [rounds, default 5] [baseline app dist, an earlier build measured
# beside it]   (about ten minutes; fifteen with a baseline)
source "$(dirname "$0")/lib.sh"

ensure_build_tools
ensure_chromium
ensure_e2e_packages
ensure_nginx
app="$CACHE_DIR/dist-bench"
build_release_bundle "$app" --no-budget

# The blank page: the app's release profile, wasm-bindgen and wasm-opt -Oz, brotli and gzip.
blank="$CACHE_DIR/blank-page"
rm -rf "$blank" && mkdir -p "$blank"
(cd "$REPO_ROOT/tools/size-floor" && quietly blank-fetch cargo fetch && quietly blank-build cargo build --offline --release --target wasm32-unknown-unknown -p blank-page)
quietly blank-bindgen wasm-bindgen --target web --out-dir "$blank" --out-name blank \
    "$CARGO_TARGET_DIR/wasm32-unknown-unknown/release/blank-page.wasm"
quietly blank-opt wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
    --enable-mutable-globals --enable-reference-types --enable-multivalue "$blank/blank_bg.wasm" -o "$blank/blank_bg.wasm"
cat > "$blank/start.js" <<'JS'
import init from './blank.js';
await init({ module_or_path: './blank_bg.wasm' });
JS
cat > "$blank/index.html" <<'HTML'
<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>空白页</title>
<script type="module" src="./start.js"></script></head><body></body></html>
HTML
node -e '
const fs = require("node:fs"), zlib = require("node:zlib"), path = require("node:path");
for (const name of fs.readdirSync(process.argv[1]).filter((name) => /\.(wasm|js|html)$/.test(name))) {
  const file = path.join(process.argv[1], name), bytes = fs.readFileSync(file);
  fs.writeFileSync(file + ".br", zlib.brotliCompressSync(bytes, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }));
  fs.writeFileSync(file + ".gz", zlib.gzipSync(bytes, { level: 9 }));
}' "$blank"

node "$REPO_ROOT/scripts/bench-startup.mjs" "$app" "$blank" "${1:-5}" ${2:+"$2"}
