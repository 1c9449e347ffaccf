#!/usr/bin/env bash
# Benchmark: time from a cold /watch request to the 302 with a playable playlist, next to the
# time bare FFmpeg needs for its first playlist from the same camera. Prints numbers; asserts nothing.
# Usage: build first (mvn -Prun -DskipTests package, or mvn verify), then: bash src/test/bench/cold-start.sh [runs]
set -euo pipefail
cd "$(dirname "$0")/../../.."
runs="${1:-10}"
port=18080; cam_port=18554
work="$(mktemp -d)"; trap 'kill $(jobs -p) 2>/dev/null; rm -rf "$work"' EXIT

/usr/bin/python3 src/test/camera/rtsp_camera.py --port "$cam_port" > "$work/camera.log" 2>&1 &
until grep -q READY "$work/camera.log"; do sleep 0.1; done
cam="rtsp://127.0.0.1:$cam_port/cam"

ms() { date +%s%3N; }
stats() { sort -n | awk '{a[NR]=$1; s+=$1} END {printf "min %d ms, median %d ms, mean %d ms, max %d ms (n=%d)\n", a[1], a[int((NR+1)/2)], s/NR, a[NR], NR}'; }

echo "bare FFmpeg ($(ffmpeg -version | head -1 | cut -d' ' -f1-3)), first playlist with a segment:"
for i in $(seq "$runs"); do
  out="$work/bare$i"; mkdir -p "$out"; start=$(ms)
  ffmpeg -nostdin -loglevel error -rtsp_transport tcp -timeout 5000000 -i "$cam" -map 0:v:0 -map '0:a:0?' \
    -c:v copy -c:a aac -f hls -hls_time 1 -hls_list_size 6 \
    -hls_flags delete_segments+independent_segments+omit_endlist+temp_file "$out/index.m3u8" &
  pid=$!
  until [ -f "$out/index.m3u8" ] && grep -q EXTINF "$out/index.m3u8"; do sleep 0.01; done
  echo $(( $(ms) - start )); kill "$pid"; wait "$pid" 2>/dev/null || true
done | stats

HLS_PORT=$port HLS_DATA_DIR="$work/data" HLS_IDLE_TIMEOUT=2 bash server-config/start-micro.sh > "$work/micro.log" 2>&1 &
until grep -q "ready in" "$work/micro.log"; do sleep 0.5; done
base="http://127.0.0.1:$port/hls_gateway"
curl -sf -o /dev/null -X POST -H 'Content-Type: application/json' -d "{\"nickname\":\"bench\",\"url\":\"$cam\"}" "$base/api/channels"

echo "gateway cold /watch -> 302 to a playlist with a segment:"
for i in $(seq "$runs"); do
  until curl -s "$base/api/channels/bench" | grep -q '"state":"IDLE"'; do sleep 0.2; done
  start=$(ms)
  code=$(curl -s -o /dev/null -w '%{http_code}' "$base/watch/bench")
  [ "$code" = 302 ] || { echo "watch answered $code" >&2; exit 1; }
  echo $(( $(ms) - start ))
done | stats

echo "gateway warm /watch (FFmpeg already running):"
curl -s -o /dev/null "$base/watch/bench"
for i in $(seq "$runs"); do
  start=$(ms); curl -s -o /dev/null "$base/watch/bench"; echo $(( $(ms) - start ))
done | stats
