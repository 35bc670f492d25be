#!/bin/sh
# Regenerates the user guide's screenshots (docs/images/*.png): the whole app, headless (Monocle, software
# renderer), on the tests' private dockerd with a small demo project on it; each view is drawn with JavaFX's
# Scene.snapshot and written as PNG. Needs what the tests need (bin/install-deps test installs it).
#   docs/screenshots.sh              write into docs/images
#   docs/screenshots.sh OUT_DIR      write somewhere else
set -eu
cd "$(dirname "$0")/.."
out="${1:-docs/images}"
mkdir -p "$out"
out="$(cd "$out" && pwd)"
bin/install-deps test
./mvnw -q -B -ntp -pl desktop -am -DskipTests install
exec ./mvnw -q -B -ntp -pl desktop test -Dtest=DocsScreenshots -Dsurefire.failIfNoSpecifiedTests=false \
    -Dberth.screenshots="$out"
