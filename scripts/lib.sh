# Shared by serve.sh and test.sh: environment and idempotent, quiet installs of every tool.
# Sourced, not run. Each ensure_* does nothing (and prints nothing) when the tool is already there.

set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CACHE_DIR="${LVZHI_CACHE_DIR:-$HOME/.cache/lvzhi}"
TOOLS_DIR="$CACHE_DIR/tools"
LOG_DIR="$CACHE_DIR/logs"
# One cargo target dir outside the clone, reused by every clone and by CI on this machine.
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$CACHE_DIR/target}"
export PATH="$HOME/.cargo/bin:$TOOLS_DIR/node_modules/.bin:$PATH"
mkdir -p "$TOOLS_DIR" "$LOG_DIR"

TRUNK_VERSION="0.21.14"
BINARYEN_VERSION="132"

say() { printf '%s\n' "$*" >&2; }

# Runs a step quietly; on failure shows the end of its log and stops.
quietly() {
    local name="$1"; shift
    local log="$LOG_DIR/$name.log"
    if ! "$@" >"$log" 2>&1; then
        say "失败 / failed: $name (log: $log)"
        tail -n 40 "$log" >&2
        exit 1
    fi
}

wasm_bindgen_version() {
    awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' "$REPO_ROOT/Cargo.lock"
}

ensure_wasm_target() {
    if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
        say "安装 wasm32 目标 / installing the wasm32-unknown-unknown target"
        quietly rustup-target rustup target add wasm32-unknown-unknown
    fi
}

ensure_lint_tools() {
    if ! cargo fmt --version >/dev/null 2>&1 || ! cargo clippy --version >/dev/null 2>&1; then
        say "安装 rustfmt、clippy / installing rustfmt and clippy"
        quietly lint-tools rustup component add rustfmt clippy
    fi
}

ensure_trunk() {
    if [ "$(trunk --version 2>/dev/null)" != "trunk $TRUNK_VERSION" ]; then
        say "安装 trunk $TRUNK_VERSION（约15分钟，仅一次） / installing trunk (about 15 min, once)"
        quietly trunk cargo install trunk --version "$TRUNK_VERSION" --locked
    fi
}

ensure_wasm_bindgen() {
    local version; version="$(wasm_bindgen_version)"
    local trunk_pin; trunk_pin="$(sed -n 's/^wasm_bindgen = "\(.*\)"/\1/p' "$REPO_ROOT/Trunk.toml")"
    if [ "$version" != "$trunk_pin" ]; then
        say "Trunk.toml pins wasm-bindgen $trunk_pin but Cargo.lock has $version: update Trunk.toml"
        exit 1
    fi
    if [ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $version" ] \
        || [ "$(wasm-bindgen-test-runner --version 2>/dev/null)" != "wasm-bindgen-test-runner $version" ]; then
        say "安装 wasm-bindgen-cli $version / installing wasm-bindgen-cli"
        quietly wasm-bindgen-cli cargo install wasm-bindgen-cli --version "$version" --force
    fi
}

ensure_wasm_opt() {
    if [ "$(wasm-opt --version 2>/dev/null)" != "wasm-opt version $BINARYEN_VERSION (version_$BINARYEN_VERSION)" ]; then
        say "安装 wasm-opt（npm binaryen@$BINARYEN_VERSION） / installing wasm-opt"
        quietly binaryen npm install --prefix "$TOOLS_DIR" --no-audit --no-fund "binaryen@$BINARYEN_VERSION"
    fi
}

ensure_chromium() {
    if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then
        say "安装 Chromium 和 ChromeDriver / installing chromium and chromium-driver"
        quietly apt-update apt-get update
        quietly chromium env DEBIAN_FRONTEND=noninteractive apt-get install -y chromium chromium-driver
    fi
}

ensure_office_tools() {
    if ! command -v soffice >/dev/null || ! command -v pdftotext >/dev/null || ! command -v pdfinfo >/dev/null; then
        say "安装 LibreOffice 和 poppler-utils（检验 Word 导出） / installing LibreOffice and poppler-utils"
        [ -n "$(find /var/lib/apt/lists -maxdepth 1 -name '*Packages*' -print -quit 2>/dev/null)" ] || quietly apt-update apt-get update
        quietly libreoffice env DEBIAN_FRONTEND=noninteractive apt-get install -y \
            libreoffice-writer-nogui poppler-utils fonts-noto-cjk
    fi
}

ensure_nginx() {
    if ! command -v nginx >/dev/null && [ ! -x /usr/sbin/nginx ] \
        || [ ! -f /usr/lib/nginx/modules/ngx_http_brotli_static_module.so ]; then
        say "安装 nginx 和 brotli_static 模块（部署测试） / installing nginx and its brotli_static module"
        [ -n "$(find /var/lib/apt/lists -maxdepth 1 -name '*Packages*' -print -quit 2>/dev/null)" ] || quietly apt-update apt-get update
        quietly nginx env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
            nginx-light libnginx-mod-http-brotli-static
    fi
}

ensure_e2e_packages() {
    local dir="$REPO_ROOT/tests/e2e"
    if [ ! -f "$dir/node_modules/.package-lock.json" ] \
        || ! cmp -s "$dir/package-lock.json" "$dir/node_modules/.lvzhi-lock-copy"; then
        say "安装端到端测试依赖 / installing end-to-end test packages"
        quietly npm-ci npm ci --prefix "$dir" --no-audit --no-fund
        cp "$dir/package-lock.json" "$dir/node_modules/.lvzhi-lock-copy"
    fi
}

ensure_build_tools() {
    ensure_wasm_target
    ensure_trunk
    ensure_wasm_bindgen
    ensure_wasm_opt
    quietly cargo-fetch cargo fetch --manifest-path "$REPO_ROOT/Cargo.toml"
}

# Fails when the built module in $1 uses a WebAssembly feature deploy/browsers.json does not list
# (a toolchain update that raises the oldest browser able to run the app), printing what it uses.
check_wasm_features() {
    (cd "$REPO_ROOT/tools/wasm-features" && quietly wasm-features-fetch cargo fetch \
        && quietly wasm-features-build cargo build --offline --release)
    local allowed
    allowed=$(node -e 'console.log(Object.keys(require(process.argv[1]).wasm_features).join(","))' "$REPO_ROOT/deploy/browsers.json")
    say "WebAssembly features the module uses (allowed: $allowed):"
    "$CARGO_TARGET_DIR/release/wasm-features" "$(ls "$1"/*_bg.wasm)" --allowed "$allowed"
}

# Builds the release bundle into $1: trunk, then the CSP, service worker, one-file build and the
# size report (checked against size-budget.json unless $2 is --no-budget).
build_release_bundle() {
    local dist="$1"
    (cd "$REPO_ROOT" && quietly trunk-build trunk build --release --dist "$dist")
    node "$REPO_ROOT/scripts/postbuild.mjs" "$dist" ${2:-}
}
