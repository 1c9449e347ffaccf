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

# Cluster mode (README, Cluster): HLS_CLUSTER is Payara Micro's discovery, e.g. tcpip:10.0.0.5:6900-6902,10.0.0.6:6900;
# unset means a single node without the data grid. A cluster shares one PostgreSQL: H2 is one node's own file.
grid=(--nohazelcast)
if [ -n "${HLS_CLUSTER:-}" ]; then
  if [ -z "${HLS_DB_URL:-}" ]; then
    echo "start-micro.sh: HLS_CLUSTER needs a shared PostgreSQL (HLS_DB_URL): the embedded H2 database is one node's own file, and nodes of one cluster must see the same channels" >&2
    exit 2
  fi
  mode="$HLS_CLUSTER"
  if [[ "$mode" == tcpip:* ]]; then
    # Hazelcast takes single ports only: host:a-b becomes host:a,host:a+1,...,host:b
    members=()
    IFS=',' read -r -a listed <<< "${mode#tcpip:}"
    for member in "${listed[@]}"; do
      host="${member%:*}"; ports="${member##*:}"
      if [[ "$member" != *:* ]]; then members+=("$member"); continue; fi
      if [[ "$ports" =~ ^([0-9]+)-([0-9]+)$ ]]; then
        for ((p = BASH_REMATCH[1]; p <= BASH_REMATCH[2]; p++)); do members+=("$host:$p"); done
      else
        members+=("$member")
      fi
    done
    mode="tcpip:$(IFS=','; echo "${members[*]}")"
    # the grid listens on the members' interface only (default: the first member's host), never on every address
    first="${members[0]%:*}"
    export HLS_CLUSTER_ADDRESS="${HLS_CLUSTER_ADDRESS:-$first}"
    # all members on one host: Payara's host-aware partitioning would keep no backup copy at all
    hosts=$(printf '%s\n' "${members[@]%:*}" | sort -u | wc -l)
  fi
  grid=(--clustermode "$mode" --clustername "${HLS_CLUSTER_NAME:-hls-gateway}")
  if [ "${hosts:-0}" -eq 1 ]; then grid+=(--nohostaware); fi
  if [ -n "${HLS_CLUSTER_PORT:-}" ]; then grid+=(--startport "$HLS_CLUSTER_PORT"); fi
  if [ -n "${HLS_CLUSTER_ADDRESS:-}" ]; then
    grid+=(--interfaces "$HLS_CLUSTER_ADDRESS")
    HLS_JAVA_OPTS="${HLS_JAVA_OPTS:-} -Dhazelcast.socket.bind.any=false"
  fi
  export HLS_NODE_URL="${HLS_NODE_URL:-http://127.0.0.1:$HLS_PORT}"
  # on SIGTERM the gateway hands its channels over through the grid first: Hazelcast must not leave before it
  HLS_JAVA_OPTS="${HLS_JAVA_OPTS:-} -Dhazelcast.shutdownhook.enabled=false"
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
  "${grid[@]}" \
  --rootdir "$HLS_DATA_DIR/payara" \
  "${database[@]}"
