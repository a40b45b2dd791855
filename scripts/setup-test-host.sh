#!/usr/bin/env bash
# Installs the local VS Code (code-server 4.100.3, which bundles VS Code 1.100.3 and is the newest
# release that runs on Node 20) into .vscode-test-host/, plus the Debian packages it needs.
#   bash scripts/setup-test-host.sh              what `npm start` needs to serve the extension
#   bash scripts/setup-test-host.sh --for-tests  that, plus what the test layers need (a browser...)
# Idempotent: a second run checks what is there and returns in about a second.
# The workarounds below are the ones this machine kind needs (see the project's vscode-host notes):
# no Microsoft download host, no GitHub downloads, root installs.
set -euo pipefail

VERSION="4.100.3"
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
HOST_DIR="${ASYNC_COACH_HOST_DIR:-$ROOT/.vscode-test-host}"
MARKER="$HOST_DIR/.installed-$VERSION"
started=$(date +%s)

log() { printf '[test-host] %s\n' "$*"; }

# Debian packages, one per line. Add a package to the list of whoever needs it.
SERVE_PACKAGES=(
  ripgrep       # code-server's search
  libkrb5-dev   # kerberos headers: code-server's native build
  pkg-config    # the same native build
)
TEST_PACKAGES=(
  chromium           # the browser Playwright drives (integration and UI layers)
  fonts-dejavu-core  # readable text in screenshots of the workbench and the webview
  pre-commit         # the CLI layer installs .pre-commit-hooks.yaml with Debian's pre-commit (3.0.4 on bookworm)
  neovim             # the CLI layer drives `async-coach server` from Neovim's built-in LSP client (0.7.2 on bookworm)
  python3-aiohttp    # real installed libraries: the tests that resolve third-party imports read them
  python3-httpx      #   through /usr/bin/python3's search path
)

packages=("${SERVE_PACKAGES[@]}")
case "${1:-}" in
  --for-tests) packages+=("${TEST_PACKAGES[@]}") ;;
  "") ;;
  *) log "unknown option '$1' (use --for-tests, or nothing for what serving needs)"; exit 2 ;;
esac

need_apt=()
for pkg in "${packages[@]}"; do
  dpkg -s "$pkg" >/dev/null 2>&1 || need_apt+=("$pkg")
done
if [ ${#need_apt[@]} -gt 0 ]; then
  if [ "$(id -u)" != "0" ] && ! command -v sudo >/dev/null 2>&1; then
    log "missing Debian packages: ${need_apt[*]} (run as root or install them first)"; exit 2
  fi
  SUDO=""; [ "$(id -u)" = "0" ] || SUDO="sudo"
  log "installing Debian packages: ${need_apt[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need_apt[@]}" >/dev/null
  log "Debian packages installed in $(( $(date +%s) - started )) s"
fi

if [ -f "$MARKER" ] && [ -f "$HOST_DIR/node_modules/code-server/lib/vscode/out/server-main.js" ]; then
  log "code-server $VERSION already installed in $HOST_DIR"
  exit 0
fi

log "installing code-server $VERSION into $HOST_DIR (about a minute on a quiet machine, a few on a busy one)"
mkdir -p "$HOST_DIR"
TMP_BASE="${TMPDIR:-/tmp}"
# ripgrep's postinstall downloads a release tarball from GitHub, which this network cannot reach.
# Debian's rg is the same 13.0.0 build, so pre-seed the cache file the postinstall looks for.
RG_CACHE="$TMP_BASE/vscode-ripgrep-cache-1.15.11"
RG_TARBALL="$RG_CACHE/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz"
if [ ! -f "$RG_TARBALL" ]; then
  mkdir -p "$RG_CACHE"
  stage="$(mktemp -d)"
  cp "$(command -v rg)" "$stage/rg"
  tar -czf "$RG_TARBALL" -C "$stage" rg
  rm -rf "$stage"
fi

cd "$HOST_DIR"
[ -f package.json ] || echo '{"name":"async-coach-test-host","private":true}' > package.json
# npm prints nothing while it builds native modules: say every 15 s that it is still working.
( while sleep 15; do log "still installing code-server ($(( $(date +%s) - started )) s so far)"; done ) &
heartbeat=$!
trap 'kill "$heartbeat" 2>/dev/null || true' EXIT
# node-pty's postinstall runs npx (needs yes); argon2 builds from source when its prebuilt download fails.
npm_config_yes=true npm_config_unsafe_perm=true \
  npm install --no-audit --no-fund --loglevel=error "code-server@$VERSION" 2>&1 \
  | grep -v -e 'Unknown user config' -e 'unknown config' -e 'install-scripts' || true

if [ ! -f "$HOST_DIR/node_modules/code-server/lib/vscode/out/server-main.js" ]; then
  log "code-server install failed: server-main.js is missing"; exit 1
fi
touch "$MARKER"
log "code-server $VERSION ready in $(( $(date +%s) - started )) s"
