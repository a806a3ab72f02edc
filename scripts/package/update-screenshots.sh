#!/usr/bin/env bash
# scripts/package/update-screenshots.sh [SCREENSHOTS]
#
# Refreshes the README screenshots (docs/images/, shown by README.md and, through the repository URL, by the
# extension's own README on the Marketplace) from an end-to-end run: `npm run test:e2e` drives a real VS Code with
# the packaged VSIX installed and saves artifacts/e2e/screenshots/<scenario>-NN-<step>.png at each key moment. Each
# image below is one of those, so the pictures are always of the real product, taken the same way every time.
# Run it after a green e2e run; it fails, changing nothing, when a screenshot it needs is missing.
set -euo pipefail
REPO="$(cd "$(dirname "$0")/../.." && pwd)"
SHOTS="${1:-$REPO/artifacts/e2e/screenshots}"

# docs/images name <- the e2e screenshot (scenario, then step; NN varies with the steps before it).
MAP=(
  "picker.png                       scenario1-healthy-*-picker.png"
  "moved-notification.png           scenario2-repair-in-place-*-moved-notification.png"
  "stale-setting-quick-fix.png      scenario3-stale-setting-*-quick-fix.png"
  "base-removed.png                 scenario4-base-removed-*-broken-notification.png"
  "broken-selected-notification.png scenario7-copy-*-broken-notification.png"
  "monorepo-status.png              scenario8-monorepo-*-status-relative-path.png"
  "environments-view.png            scenario8-environments-view-*-view.png"
  "repair-confirmation.png          scenario8-environments-view-*-confirmation.png"
  "repair-diff.png                  scenario8-environments-view-*-diff.png"
  "report.png                       scenario8-environments-view-*-report.png"
)

sources=()
for entry in "${MAP[@]}"; do
  read -r image pattern <<<"$entry"
  # The last match: a step taken twice (a retried toast) keeps its final picture.
  found="$(compgen -G "$SHOTS/$pattern" | sort | tail -1 || true)"
  [ -n "$found" ] || { echo "update-screenshots: no $pattern in $SHOTS (run npm run test:e2e first)" >&2; exit 1; }
  sources+=("$image $found")
done
for entry in "${sources[@]}"; do
  read -r image found <<<"$entry"
  cp "$found" "$REPO/docs/images/$image"
  echo "docs/images/$image <- $(basename "$found")"
done
