#!/usr/bin/env bash
# A long UI fuzz walk over the release bundle in headless Chromium, with a random seed (printed,
# so a failure can be replayed) or a given one.
# Usage: scripts/fuzz.sh [seed] [steps, default 5000] [--fresh | --seed-like | --editor]
source "$(dirname "$0")/lib.sh"

ensure_build_tools
ensure_chromium
ensure_e2e_packages
dist="$CACHE_DIR/dist-test"
build_release_bundle "$dist" --no-budget
LVZHI_DIST="$dist" node "$REPO_ROOT/tests/e2e/fuzz-run.mjs" "$@"
