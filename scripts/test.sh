#!/usr/bin/env bash
# Installs whatever is missing, checks formatting and lints, and runs every test, in three layers:
#   1. the pure core, natively (cargo test), including the JSON Schema checks and LibreOffice
#      opening an exported .docx;
#   2. browser-facing storage code in headless Chromium (wasm-bindgen-test + chromedriver);
#   3. end to end: the release bundle served on loopback, driven in headless Chromium (playwright-core).
source "$(dirname "$0")/lib.sh"

ensure_build_tools
ensure_chromium
ensure_office_tools
ensure_e2e_packages
ensure_lint_tools
cd "$REPO_ROOT"

say "== formatting (rustfmt.toml) and lints (clippy, warnings are errors) =="
cargo fmt --all -- --check
cargo clippy --offline -p lvzhi-core --all-features --all-targets -- -D warnings
cargo clippy --offline --target wasm32-unknown-unknown -p lvzhi -p lvzhi-storage -- -D warnings

say "== 1/3 core (native) =="
cargo test --offline -p lvzhi-core --all-features
cargo test --offline -p lvzhi-core --test docx_libreoffice -- --ignored

say "== 2/3 storage in headless Chromium (wasm-bindgen-test) =="
export CHROMEDRIVER=/usr/bin/chromedriver
export WASM_BINDGEN_TEST_TIMEOUT=120
(cd crates/storage && cargo test --offline --target wasm32-unknown-unknown)

say "== 3/3 end to end in headless Chromium =="
dist="$CACHE_DIR/dist-test"
# The crash-trigger feature adds one test-only event that panics (the crash notice's test).
TRUNK_BUILD_FEATURES=crash-trigger build_release_bundle "$dist"
LVZHI_DIST="$dist" node --test --test-concurrency=1 tests/e2e/
