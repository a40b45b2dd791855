#!/usr/bin/env bash
# Installs the VS Code test host (code-server 4.100.3, which bundles VS Code 1.100.3 and is the
# newest release that runs on Node 20) into .vscode-test-host/, plus the Debian packages it needs.
# Idempotent: a second run checks a marker and returns in about a second.
# The workarounds below are the ones this machine kind needs (see the project's vscode-host notes):
# no Microsoft download host, no GitHub downloads, root installs.
set -euo pipefail

VERSION="4.100.3"
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
HOST_DIR="${ASYNC_COACH_HOST_DIR:-$ROOT/.vscode-test-host}"
MARKER="$HOST_DIR/.installed-$VERSION"

log() { printf '[test-host] %s\n' "$*"; }

need_apt=()
command -v chromium >/dev/null 2>&1 || need_apt+=(chromium)
command -v rg >/dev/null 2>&1 || need_apt+=(ripgrep)
dpkg -s libkrb5-dev >/dev/null 2>&1 || need_apt+=(libkrb5-dev)
dpkg -s pkg-config >/dev/null 2>&1 || need_apt+=(pkg-config)
# Fonts so that screenshots of the workbench and the webview show readable text.
dpkg -s fonts-dejavu-core >/dev/null 2>&1 || need_apt+=(fonts-dejavu-core)
# Debian's pre-commit (3.0.4 on bookworm): the CLI tests install .pre-commit-hooks.yaml with it.
command -v pre-commit >/dev/null 2>&1 || need_apt+=(pre-commit)
# Real installed libraries for the tests that resolve third-party imports (read with /usr/bin/python3).
dpkg -s python3-aiohttp >/dev/null 2>&1 || need_apt+=(python3-aiohttp)
dpkg -s python3-httpx >/dev/null 2>&1 || need_apt+=(python3-httpx)
if [ ${#need_apt[@]} -gt 0 ]; then
  if [ "$(id -u)" != "0" ] && ! command -v sudo >/dev/null 2>&1; then
    log "missing Debian packages: ${need_apt[*]} (run as root or install them first)"; exit 2
  fi
  SUDO=""; [ "$(id -u)" = "0" ] || SUDO="sudo"
  log "installing Debian packages: ${need_apt[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi

if [ -f "$MARKER" ] && [ -f "$HOST_DIR/node_modules/code-server/lib/vscode/out/server-main.js" ]; then
  log "code-server $VERSION already installed in $HOST_DIR"
  exit 0
fi

log "installing code-server $VERSION into $HOST_DIR (about a minute)"
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
# node-pty's postinstall runs npx (needs yes); argon2 builds from source when its prebuilt download fails.
npm_config_yes=true npm_config_unsafe_perm=true \
  npm install --no-audit --no-fund --loglevel=error "code-server@$VERSION" 2>&1 \
  | grep -v -e 'Unknown user config' -e 'unknown config' -e 'install-scripts' || true

if [ ! -f "$HOST_DIR/node_modules/code-server/lib/vscode/out/server-main.js" ]; then
  log "code-server install failed: server-main.js is missing"; exit 1
fi
touch "$MARKER"
log "code-server $VERSION ready"
