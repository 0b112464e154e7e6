#!/usr/bin/env bash
# Builds the one-file version of the app (JS and wasm inlined) and copies it to ./lvzhi-offline.html:
# open it straight from disk or send it as an attachment; drafts stay in that browser.
source "$(dirname "$0")/lib.sh"

ensure_build_tools
dist="$CACHE_DIR/dist"
build_release_bundle "$dist" --no-budget
cp "$dist/lvzhi-offline.html" "$REPO_ROOT/lvzhi-offline.html"
say "已生成 / written: $REPO_ROOT/lvzhi-offline.html"
