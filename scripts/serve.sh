#!/usr/bin/env bash
# Installs whatever is missing, builds the release bundle and serves it on 127.0.0.1.
# Usage: scripts/serve.sh [port]   (default 8080)
source "$(dirname "$0")/lib.sh"

port="${1:-${PORT:-8080}}"
ensure_build_tools
dist="$CACHE_DIR/dist"
say "构建中 / building the release bundle…"
build_release_bundle "$dist" --no-budget
say "履职自评已启动 / serving at: http://127.0.0.1:$port/   (Ctrl+C 停止 / to stop)"
exec python3 -m http.server "$port" --bind 127.0.0.1 --directory "$dist"
