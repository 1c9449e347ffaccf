#!/usr/bin/env bash
# Starts the gateway on Payara Micro in the foreground. Called by `mvn -Prun package`
# after the WAR is built; every setting comes from the environment (see README).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
target="$root/target"

export HLS_PORT="${HLS_PORT:-8080}"
export HLS_DATA_DIR="$(mkdir -p "${HLS_DATA_DIR:-$root/data}" && cd "${HLS_DATA_DIR:-$root/data}" && pwd)"
export HLS_WORK_DIR="${HLS_WORK_DIR:-$HLS_DATA_DIR/hls}"

# Fallback FFmpeg: the build unpacked a statically linked FFmpeg (ws.schild:jave-nativebin-linux64)
# here; the gateway uses it only when neither FFMPEG_PATH nor `ffmpeg` on PATH works.
if [ -x "$target/ffmpeg/ffmpeg" ]; then
  export HLS_BUNDLED_FFMPEG="$target/ffmpeg/ffmpeg"
fi

# Database: embedded H2 under HLS_DATA_DIR, or PostgreSQL when HLS_DB_URL is set
database=(--postbootcommandfile "$here/post-boot-commands.asadmin")
if [ -n "${HLS_DB_URL:-}" ]; then
  export HLS_DB_USER="${HLS_DB_USER:-hls}" HLS_DB_PASSWORD="${HLS_DB_PASSWORD:-}"
  # asadmin property lists are separated by ':', so the values go in escaped
  export HLS_DB_URL_ASADMIN="${HLS_DB_URL//:/\\:}" HLS_DB_USER_ASADMIN="${HLS_DB_USER//:/\\:}" \
         HLS_DB_PASSWORD_ASADMIN="${HLS_DB_PASSWORD//:/\\:}"
  database=(--addLibs "$target/postgresql.jar" --postbootcommandfile "$here/post-boot-commands-postgresql.asadmin")
fi

# Payara's runtime directory (its unpacked server, domain.xml and the deployed WAR) lives under
# HLS_DATA_DIR, not in /tmp, and is made afresh at each start: a kept one would deploy its old copy
# of the WAR before the new one and fail the post-boot commands that create the pool again.
rm -rf "$HLS_DATA_DIR/payara"

# The serial collector unless HLS_JAVA_OPTS picks one: a few hundred MB of heap need no parallel GC
# threads, and the JVM idles in less memory than with G1 (README, Performance).
gc=(-XX:+UseSerialGC)
if [[ " ${HLS_JAVA_OPTS:-} " =~ [[:space:]]-XX:\+Use[A-Za-z0-9]*GC[[:space:]] ]]; then gc=(); fi

exec java "${gc[@]}" ${HLS_JAVA_OPTS:-} -Dhls.data.dir="$HLS_DATA_DIR" \
  -jar "$target/payara-micro.jar" \
  --deploy "$target/hls_gateway.war" \
  --port "$HLS_PORT" \
  --nohazelcast \
  --rootdir "$HLS_DATA_DIR/payara" \
  "${database[@]}"
