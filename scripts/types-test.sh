#!/usr/bin/env bash
# Type-checks the package's declarations: a usage file (pkg/test/types.ts) and the
# module's real output as typed literals (scripts/ts-sample.mjs), with `tsc --noEmit`.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/ensure-tools.sh npm-tools
node scripts/ts-sample.mjs
scripts/node_modules/.bin/tsc -p pkg/test/tsconfig.json
echo "types: ok"
