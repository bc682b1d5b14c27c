#!/usr/bin/env bash
# Installs Debian's Chromium (for the web UI's browser tests) when /usr/bin/chromium is missing.
# Idempotent: a second run only checks. Needs root (scripts/test calls it when it runs as root).
set -euo pipefail

CHROMIUM=/usr/bin/chromium

log() { echo "chromium-install: $*"; }

if [ -x "$CHROMIUM" ]; then
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "chromium-install: $CHROMIUM is missing; run 'sudo scripts/chromium-install.sh' once" >&2
  exit 1
fi

log "installing chromium from Debian"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq chromium >/dev/null
[ -x "$CHROMIUM" ] || { echo "chromium-install: apt-get installed chromium but $CHROMIUM is missing" >&2; exit 1; }
log "$("$CHROMIUM" --version 2>/dev/null || echo chromium) ready at $CHROMIUM"
