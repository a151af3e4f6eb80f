#!/usr/bin/env bash
# The whole test suite, on a fresh machine: installs headless Chromium for the browser test
# (Debian packages, only when missing), then runs every test.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
bash scripts/install-test-deps.sh
cargo test "$@"
