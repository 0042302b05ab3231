#!/usr/bin/env bash
# Packages the AWS Lambda function into a folder (default dist/lambda) to zip and upload:
#   npm install && scripts/package-lambda.sh [OUT_DIR]
# `npm install --omit=dev` in the repository fails, because `prepare` runs tsc, which it leaves out.
# Instead: build with the full install, copy what runs (package.json, dist/src, data/, intents/ and
# node_modules, whose native SQLite module was built by that install), then `npm prune --omit=dev` in
# the copy, which runs no lifecycle script. Build on the Lambda's OS and architecture (Linux x86_64 or
# arm64, glibc): better-sqlite3 is a native module. Tested by tests/package/lambda-package.test.ts.
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-dist/lambda}"

npm run build --silent
rm -rf "$out"
mkdir -p "$out/dist"
cp -R package.json package-lock.json data intents "$out/"
cp -R dist/src "$out/dist/src"
# node_modules may be a symbolic link (a git worktree's): copy what it points at.
cp -RL node_modules "$out/node_modules"
(cd "$out" && npm prune --omit=dev --ignore-scripts --no-audit --no-fund --loglevel=error >/dev/null)
# What the native SQLite module needs at run time is its .node file: drop its sources and objects.
rm -rf "$out/node_modules/better-sqlite3/deps" "$out/node_modules/better-sqlite3/src" \
  "$out/node_modules/better-sqlite3/build/Release/obj" "$out/node_modules/better-sqlite3/build/Release/obj.target" \
  "$out/node_modules/better-sqlite3/build/Release/.deps" "$out/node_modules/better-sqlite3/build/Release/test_extension.node" \
  "$out/node_modules/better-sqlite3/build/Release/sqlite3.a"
# Type declarations, source maps and docs are never loaded at run time; without them the package stays
# well under Lambda's 250 MB unzipped limit (about 160 MB instead of 260).
find "$out/node_modules" -type f \( -name '*.d.ts' -o -name '*.d.mts' -o -name '*.d.cts' -o -name '*.map' -o -name '*.md' \) -delete
echo "Lambda package in $out ($(du -sh "$out" | cut -f1)); handler: dist/src/app/lambda.handler"
echo "Zip it with: (cd $out && zip -qr ../srm-bot-lambda.zip .)"
