#!/usr/bin/env bash
# System packages some features and tests need (Debian): LibreOffice with a Times New Roman
# metric-compatible font for PDF output, poppler for looking at PDFs, Chromium for browser tests,
# PostgreSQL for the storage and web tests on that backend (they start a throw-away cluster of their own),
# SoftHSM2 standing in for a signer's USB token (PKCS#11) in the signing tests.
set -euo pipefail
packages=(libreoffice-writer-nogui fonts-liberation2 poppler-utils chromium postgresql softhsm2)
missing=()
for p in "${packages[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
if [ ${#missing[@]} -gt 0 ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
