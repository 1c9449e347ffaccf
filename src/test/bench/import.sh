#!/usr/bin/env bash
# Benchmark: batch import of N channels from an M3U (dry run and apply) and the M3U export of all
# of them, against a gateway on an empty H2 database. Prints numbers; asserts nothing.
# Usage: build first (mvn -Prun -DskipTests package, or mvn verify), then: bash src/test/bench/import.sh [N]
set -euo pipefail
cd "$(dirname "$0")/../../.."
count="${1:-10000}"
port=18081
work="$(mktemp -d)"; trap 'kill $(jobs -p) 2>/dev/null; rm -rf "$work"' EXIT

HLS_PORT=$port HLS_DATA_DIR="$work/data" HLS_ADMIN_PASSWORD=bench-password bash server-config/start-micro.sh > "$work/micro.log" 2>&1 &
until grep -q "ready in" "$work/micro.log"; do sleep 0.5; done
api="http://127.0.0.1:$port/hls_gateway/api"

{ echo "#EXTM3U"; for i in $(seq -w 1 "$count"); do
    echo "#EXTINF:-1 tvg-id=\"ch$i.example\" tvg-name=\"Channel $i\" tvg-logo=\"https://logos.example/$i.png\" group-title=\"Group $((10#$i % 20))\",Channel $i"
    echo "rtsp://127.0.0.1:9/stream$i"
  done; } > "$work/big.m3u"

ms() { date +%s%3N; }
post() { curl -sf -u admin:bench-password -H 'Content-Type: audio/x-mpegurl' --data-binary @"$work/big.m3u" "$api/channels/import$1" -o "$work/report.json"; }
start=$(ms); post "?dryRun=true"; echo "dry run of $count lines: $(( $(ms) - start )) ms"
start=$(ms); post ""; echo "import of $count channels: $(( $(ms) - start )) ms ($(grep -o '"created":[0-9]*' "$work/report.json"))"
start=$(ms); curl -sf -u admin:bench-password "$api/playlist.m3u?ttl=86400" -o "$work/export.m3u"
echo "export of $(grep -c '^#EXTINF' "$work/export.m3u") channels: $(( $(ms) - start )) ms"
start=$(ms); post ""; echo "re-import of $count (all updates): $(( $(ms) - start )) ms ($(grep -o '"updated":[0-9]*' "$work/report.json"))"
