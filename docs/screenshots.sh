#!/bin/sh
# Regenerates the user guide's screenshots (docs/images/*.png): the whole app, headless (Monocle, software
# renderer), on the tests' private dockerd with a small demo project on it; each view is drawn with JavaFX's
# Scene.snapshot and written as PNG. Then the Korean main window on a real X server (Xvfb, GTK), captured from the
# screen, to show the Hangul fonts fontconfig gives JavaFX. Needs what the tests need (bin/install-deps test installs
# it) and xvfb-run (Debian package xvfb).
#   docs/screenshots.sh              write into docs/images
#   docs/screenshots.sh OUT_DIR      write somewhere else
set -eu
cd "$(dirname "$0")/.."
out="${1:-docs/images}"
mkdir -p "$out"
out="$(cd "$out" && pwd)"
bin/install-deps test
./mvnw -q -B -ntp -pl desktop -am -DskipTests install
./mvnw -q -B -ntp -pl desktop test -Dtest=DocsScreenshots -Dsurefire.failIfNoSpecifiedTests=false \
    -Dberth.screenshots="$out"
exec xvfb-run -a -s "-screen 0 1400x900x24" ./mvnw -q -B -ntp -pl desktop test -Dtest=KoreanScreenshot \
    -Dsurefire.failIfNoSpecifiedTests=false -Dberth.screenshots="$out"
