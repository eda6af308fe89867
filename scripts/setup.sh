#!/usr/bin/env bash
# Sets poetkit up on a fresh Debian machine with Node 20 and npm: installs Debian's chromium
# (for the browser tests) when it is missing, the pinned pnpm, the locked dependencies, and
# builds every package. Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."
export CI=true # pnpm: no prompts, frozen lockfile
export PUPPETEER_SKIP_DOWNLOAD=1 # the browser tests use Debian's chromium; nothing downloads one

if ! command -v chromium >/dev/null 2>&1; then
  SUDO=()
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
      SUDO=(sudo -n)
    else
      echo "setup: chromium is missing; run this as root, or install it: apt-get install chromium" >&2
      exit 1
    fi
  fi
  echo "setup: chromium not found; installing Debian's chromium with apt-get (for the browser tests)"
  "${SUDO[@]}" apt-get update -qq
  "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  echo "setup: installed $(chromium --version 2>/dev/null)"
fi

PNPM_VERSION=$(node -p "require('./package.json').packageManager.split('@')[1]")
if [ "$(pnpm -v 2>/dev/null || true)" != "$PNPM_VERSION" ]; then
  echo "setup: installing pnpm $PNPM_VERSION with npm"
  npm install -g "pnpm@$PNPM_VERSION" --no-audit --no-fund --loglevel=error
fi

pnpm install --frozen-lockfile --reporter=silent
pnpm run build
echo "setup: done"
