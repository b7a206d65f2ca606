#!/usr/bin/env bash
# Installs what the editor and engine tests need on a fresh Debian machine, and does nothing
# (in about a second) when it is already there:
#   1. the Debian packages below that are missing (`apt-get update` once, then one install);
#   2. code-server in test/e2e/code-server/ (its own package.json and lockfile, never in the
#      extension's dependencies), reinstalled only when its manifest, lockfile, install-script
#      approvals or Node's version changed.
# See docs/testing.md. Run by `npm test` (first) and `npm run test:e2e`, and so by .ci/run.
set -euo pipefail

REPO="$(cd "$(dirname "$0")/.." && pwd)"

# Debian packages: one per line, with why. Adding a package is adding a line.
APT_PACKAGES=(
  chromium         # the browser playwright-core drives for the code-server tests
  fonts-liberation # readable text in screenshots (a chromium "Recommends", not pulled in otherwise)
  ripgrep          # seeds @vscode/ripgrep's download cache (code-server cannot download it); the yardstick of `npm run bench`
  neovim           # a second real LSP client for the language-server tests
  procps           # ps: the editor suite finds the language server's process to crash it
  clickhouse-server # the ClickHouse and PostHog KPI source tests start a private server (18.16)
  build-essential  # code-server's native modules (node-pty, kerberos, spdlog, argon2, …) build from source
  libkrb5-dev      # kerberos: gssapi/gssapi.h
  pkg-config       # the rest: build dependencies that code-server's npm install guide lists
  libx11-dev       #
  libxkbfile-dev   #
  libsecret-1-dev  #
)

# code-server 4.100.3 (VS Code 1.100.3) is the last release that runs on Node 20. Its @vscode/ripgrep
# looks for this file in its download cache before trying GitHub (unreachable here).
RIPGREP_CACHE_DIR=vscode-ripgrep-cache-1.15.11
RIPGREP_ARCHIVE=ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz

CODE_SERVER_DIR="$REPO/test/e2e/code-server"
STAMP="$CODE_SERVER_DIR/node_modules/.activation-lens-install-stamp"

log() { printf '[setup-test-deps] %s\n' "$*" >&2; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then
    "$@"
  elif command -v sudo >/dev/null 2>&1; then
    sudo "$@"
  else
    log "needs root to run: $*"
    exit 1
  fi
}

install_apt_packages() {
  local missing=() pkg
  for pkg in "${APT_PACKAGES[@]}"; do
    if [ "$(dpkg-query -W -f='${db:Status-Status}' "$pkg" 2>/dev/null)" != installed ]; then
      missing+=("$pkg")
    fi
  done
  if [ ${#missing[@]} -eq 0 ]; then
    log "Debian packages: all ${#APT_PACKAGES[@]} present"
    return
  fi
  log "Debian packages: installing ${missing[*]}"
  local started=$SECONDS
  as_root env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 install -y -qq \
    --no-install-recommends "${missing[@]}" >/dev/null
  log "Debian packages: installed in $((SECONDS - started)) s"
}

install_stamp() {
  # What the code-server install depends on: its manifest, lockfile, approvals and Node's version.
  cat "$CODE_SERVER_DIR"/{package.json,package-lock.json,vscode.npmrc} | sha256sum | cut -d' ' -f1
  node --version
}

# The native parts that a silently skipped install script would leave missing.
check_code_server() {
  local vscode="$CODE_SERVER_DIR/node_modules/code-server/lib/vscode/node_modules" file missing=0
  for file in \
    "$CODE_SERVER_DIR/node_modules/.bin/code-server" \
    "$vscode/@vscode/ripgrep/bin/rg" \
    "$vscode/node-pty/build/Release/pty.node" \
    "$vscode/@vscode/spdlog/build/Release/spdlog.node" \
    "$vscode/kerberos/build/Release/kerberos.node" \
    "$vscode/native-watchdog/build/Release/watchdog.node"; do
    if [ ! -e "$file" ]; then
      log "code-server: missing after install: ${file#"$REPO"/}"
      missing=1
    fi
  done
  return "$missing"
}

install_code_server() {
  if [ -f "$STAMP" ] && [ "$(cat "$STAMP")" = "$(install_stamp)" ] &&
    [ -x "$CODE_SERVER_DIR/node_modules/.bin/code-server" ]; then
    log "code-server: installed ($(node -p "require('$CODE_SERVER_DIR/node_modules/code-server/package.json').version"))"
    return
  fi
  log "code-server: installing into test/e2e/code-server (takes a few minutes on 2 cores)"
  local started=$SECONDS
  tmp="$(mktemp -d)"
  trap 'rm -rf "$tmp"' EXIT
  # Offline workarounds (docs/testing.md): @vscode/ripgrep takes Debian's rg from its download
  # cache under TMPDIR; node-pty's postinstall runs `npx node-gyp`, which must not ask (npm's
  # config here says yes=false); argon2 falls back to a source build when its prebuilt download fails.
  mkdir -p "$tmp/$RIPGREP_CACHE_DIR"
  tar czf "$tmp/$RIPGREP_CACHE_DIR/$RIPGREP_ARCHIVE" -C "$(dirname "$(command -v rg)")" rg
  rm -rf "$CODE_SERVER_DIR/node_modules"
  (
    cd "$CODE_SERVER_DIR"
    export TMPDIR="$tmp" npm_config_yes=true npm_config_unsafe_perm=true
    # Two steps so that VS Code's nested install finds its approvals: fetch everything without
    # running scripts, put vscode.npmrc in place, then run the approved scripts (package.json
    # allowScripts: code-server's postinstall, which installs lib/vscode, and argon2).
    npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
    cp vscode.npmrc node_modules/code-server/lib/vscode/.npmrc
    npm rebuild --foreground-scripts --loglevel=error >"$tmp/rebuild.log" 2>&1 ||
      { tail -n 60 "$tmp/rebuild.log" >&2; exit 1; }
  )
  check_code_server
  install_stamp >"$STAMP"
  log "code-server: installed in $((SECONDS - started)) s"
}

install_apt_packages
install_code_server
