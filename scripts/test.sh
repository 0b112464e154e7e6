#!/usr/bin/env bash
# Installs whatever is missing and runs the tests, in layers (all of them by default):
#   lint     formatting, clippy (warnings are errors), and the import graph (no circle);
#   core     the pure core natively (cargo test), including the JSON Schema checks and LibreOffice
#            opening exported .docx files; the app's state modules natively (signals, findings,
#            routes);
#   storage  browser-facing code in headless Chromium (wasm-bindgen-test + chromedriver): the
#            storage crate and the app's draft lifecycle against real localStorage;
#   e2e      the release bundle served on loopback and by a real nginx, driven in headless
#            Chromium (playwright-core), including the UI fuzz walks and exported Word files opened
#            by LibreOffice; the WebAssembly features of the built module checked against the
#            supported browsers (deploy/browsers.json).
# Usage: scripts/test.sh [lint|core|storage|e2e]...
source "$(dirname "$0")/lib.sh"

layers=("$@")
[ ${#layers[@]} -gt 0 ] || layers=(lint core storage e2e)
cd "$REPO_ROOT"

run_lint() {
    ensure_wasm_target
    ensure_lint_tools
    say "== lint: formatting (rustfmt.toml), clippy (warnings are errors), import graph =="
    cargo fmt --all -- --check
    cargo clippy --offline -p lvzhi-core --all-features --all-targets -- -D warnings
    cargo clippy --offline --target wasm32-unknown-unknown -p lvzhi -p lvzhi-storage --features lvzhi/crash-trigger -- -D warnings
    cargo clippy --offline -p lvzhi --all-targets -- -D warnings
    node scripts/check-imports.mjs crates/core/src src --components form,evidence,drafts,collect,frameworks \
        --layers app,form,evidence,drafts,collect,frameworks,session,workspace,widgets
    node --test tests/tools/
}

run_core() {
    ensure_office_tools
    say "== core (native) and the app's state modules (native) =="
    # Every exporter over 10 000 arbitrary drafts (crates/core/tests/export_properties.rs).
    LVZHI_EXPORT_CASES=10000 cargo test --offline -p lvzhi-core --all-features
    cargo test --offline -p lvzhi-core --test docx_libreoffice -- --ignored
    cargo test --offline -p lvzhi-core --test score_table -- --ignored
    cargo test --offline -p lvzhi
}

run_storage() {
    ensure_wasm_target
    ensure_wasm_bindgen
    ensure_chromium
    say "== storage and the draft lifecycle in headless Chromium (wasm-bindgen-test) =="
    export CHROMEDRIVER=/usr/bin/chromedriver
    export WASM_BINDGEN_TEST_TIMEOUT=120
    (cd crates/storage && cargo test --offline --target wasm32-unknown-unknown)
    cargo test --offline -p lvzhi --target wasm32-unknown-unknown
}

run_e2e() {
    ensure_build_tools
    ensure_chromium
    ensure_e2e_packages
    ensure_nginx
    # The 打分表 exported in the browser is opened by LibreOffice (tests/e2e/rules.test.mjs).
    ensure_office_tools
    say "== end to end in headless Chromium =="
    local dist="$CACHE_DIR/dist-test"
    # The crash-trigger feature adds one test-only event that panics (the crash notice's test).
    TRUNK_BUILD_FEATURES=crash-trigger build_release_bundle "$dist"
    check_wasm_features "$dist"
    LVZHI_DIST="$dist" node --test --test-concurrency=1 tests/e2e/
}

quietly cargo-fetch cargo fetch --manifest-path "$REPO_ROOT/Cargo.toml"
for layer in "${layers[@]}"; do
    case "$layer" in
        lint) run_lint ;;
        core) run_core ;;
        storage) run_storage ;;
        e2e) run_e2e ;;
        *) say "unknown layer: $layer (lint, core, storage or e2e)"; exit 2 ;;
    esac
done
