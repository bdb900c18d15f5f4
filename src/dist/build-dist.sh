#!/usr/bin/env bash
# Builds Plateau's app image (own runtime, launchers plateau and plateau-console) and its .deb; run by
# `mvn -Pdist package` (pom.xml passes the arguments), usable by hand the same way.
#   build-dist.sh JDK_HOME VERSION TARGET_DIR "CLI_JVM_OPTIONS" "CONSOLE_JVM_OPTIONS" [deb|nodeb]
# JDK_HOME's jlink and jpackage build it; its runtime is the one the image carries (JDK 17 by default,
# -Ddist.jdk=/usr/lib/jvm/temurin-25-jdk-amd64 for a newer one).
set -euo pipefail
jdk=$1 version=$2 target=$3 cli_opts=$4 console_opts=$5 deb=${6:-deb}
here=$(cd "$(dirname "$0")" && pwd)
out=$target/dist
rm -rf "$out" && mkdir -p "$out/input"
cp "$target/plateau.jar" "$out/input/"
# JavaFX's platform jars and the rest of the runtime classpath; other platforms' native jars stay out
find "$target/lib" -name '*.jar' ! -name '*-osx-*' ! -name '*-windows-*' ! -name '*-aarch_64.jar' -exec cp {} "$out/input/" \;

# Modules from `jdeps --print-module-deps` over the jar and its classpath (java.management, java.xml and
# java.logging come with them) and jdk.crypto.ec; --generate-cds-archive gives the runtime its default CDS archive.
modules=java.base,java.desktop,java.naming,java.scripting,java.sql,jdk.jfr,jdk.management,jdk.unsupported,jdk.crypto.ec
"$jdk/bin/jlink" --add-modules "$modules" --strip-debug --no-header-files --no-man-pages \
  --compress=2 --generate-cds-archive --output "$out/runtime"

app_version=${version%%-*}
cat > "$out/plateau-console.properties" <<PROPS
main-class=dev.plateau.ui.ConsoleLauncher
java-options=$console_opts
icon=$here/plateau.png
PROPS
"$jdk/bin/jpackage" --type app-image --name plateau --app-version "$app_version" \
  --input "$out/input" --main-jar plateau.jar --main-class dev.plateau.cli.Main \
  --runtime-image "$out/runtime" --java-options "$cli_opts" --icon "$here/plateau.png" \
  --add-launcher "plateau-console=$out/plateau-console.properties" \
  --description "Memory console for log-ingestion pipelines" --vendor "Plateau" --dest "$out"

if [ "$deb" = deb ]; then
  if ! command -v fakeroot >/dev/null || ! command -v dpkg-deb >/dev/null; then
    echo "build-dist.sh: fakeroot or dpkg-deb missing: no .deb (apt install fakeroot dpkg-dev)" >&2
    exit 0
  fi
  # deb/: a desktop entry for the console only (not the CLI that names the package), both launchers in /usr/bin
  # gzip, not xz: the .deb builds in seconds instead of minutes (dpkg-deb reads this since 1.21.10)
  export DPKG_DEB_COMPRESSOR_TYPE=gzip
  "$jdk/bin/jpackage" --type deb --app-image "$out/plateau" --name plateau --app-version "$app_version" \
    --linux-shortcut --linux-app-category devel --linux-package-deps libgtk-3-0 \
    --resource-dir "$here/deb" --icon "$here/plateau.png" \
    --description "Memory console for log-ingestion pipelines" --vendor "Plateau" \
    --license-file "$here/../../LICENSE" --dest "$out"
fi
ls -1 "$out"
