#!/usr/bin/env bash
# Sets poetkit up on a fresh Debian machine with Node 20 and npm: installs the Debian packages
# the tests use (chromium, pspp, R with haven, xmllint) when they are missing, then the pinned pnpm and the locked
# dependencies, and builds every package. Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."
export CI=true # pnpm: no prompts, frozen lockfile
export PUPPETEER_SKIP_DOWNLOAD=1 # the browser tests use Debian's chromium; nothing downloads one

# Debian packages the tests use for real: chromium (browser tests), and the analysts' own tools
# that prove the codebook files: pspp, R with haven, xmllint. Each is installed only if missing.
APT_PACKAGES=()
command -v chromium >/dev/null 2>&1 || APT_PACKAGES+=(chromium)
command -v pspp >/dev/null 2>&1 || APT_PACKAGES+=(pspp)
command -v Rscript >/dev/null 2>&1 || APT_PACKAGES+=(r-base-core)
{ command -v Rscript >/dev/null 2>&1 && Rscript -e 'library(haven)' >/dev/null 2>&1; } || APT_PACKAGES+=(r-cran-haven)
command -v xmllint >/dev/null 2>&1 || APT_PACKAGES+=(libxml2-utils)
if [ ${#APT_PACKAGES[@]} -gt 0 ]; then
  SUDO=()
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
      SUDO=(sudo -n)
    else
      echo "setup: missing ${APT_PACKAGES[*]}; run this as root, or install them: apt-get install ${APT_PACKAGES[*]}" >&2
      exit 1
    fi
  fi
  echo "setup: installing Debian's ${APT_PACKAGES[*]} with apt-get (used by the tests)"
  "${SUDO[@]}" apt-get update -qq
  # With their recommended packages (chromium's fonts, R's recommended library), as verified here.
  "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${APT_PACKAGES[@]}" >/dev/null
  echo "setup: installed ${APT_PACKAGES[*]}"
fi

PNPM_VERSION=$(node -p "require('./package.json').packageManager.split('@')[1]")
if [ "$(pnpm -v 2>/dev/null || true)" != "$PNPM_VERSION" ]; then
  echo "setup: installing pnpm $PNPM_VERSION with npm"
  npm install -g "pnpm@$PNPM_VERSION" --no-audit --no-fund --loglevel=error
fi

pnpm install --frozen-lockfile --reporter=silent
pnpm run build
echo "setup: done"
