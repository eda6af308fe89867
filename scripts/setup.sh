#!/usr/bin/env bash
# Sets poetkit up on a fresh Debian machine with Node 20 and npm: installs the pinned pnpm,
# the locked dependencies, and builds every package. Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."
export CI=true # pnpm: no prompts, frozen lockfile

PNPM_VERSION=$(node -p "require('./package.json').packageManager.split('@')[1]")
if [ "$(pnpm -v 2>/dev/null || true)" != "$PNPM_VERSION" ]; then
  echo "setup: installing pnpm $PNPM_VERSION with npm"
  npm install -g "pnpm@$PNPM_VERSION" --no-audit --no-fund --loglevel=error
fi

pnpm install --frozen-lockfile --reporter=silent
pnpm run build
echo "setup: done"
