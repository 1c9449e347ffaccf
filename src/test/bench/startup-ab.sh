#!/usr/bin/env bash
# Benchmark aid for start-up experiments: starts Payara Micro alone, then the WAR (fresh data
# directory, then a restart on it) the way server-config/start-micro.sh does, with extra JVM
# options, and prints wall time and CPU time to the first 200 of /health/ready, the CPU time per
# thread group at that moment (JIT compilers, main, ...) and the RSS 5 s later. On a loaded
# machine the CPU time is the figure to compare; alternate A and B starts. Asserts nothing.
# Usage: build first (mvn -B -o package -DskipTests), then
#   bash src/test/bench/startup-ab.sh LABEL [WAR] [JVM options...]
#   e.g. bash src/test/bench/startup-ab.sh t4 target/hls_gateway.war -XX:Tier4InvocationThreshold=20000
set -uo pipefail
cd "$(dirname "$0")/../../.."
root="$PWD"
label="$1"; war="$(realpath "${2:-target/hls_gateway.war}")"; shift; [ $# -gt 0 ] && shift
out="$root/target/startup-ab/$label"; rm -rf "$out"; mkdir -p "$out"
port() { python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])'; }
cpu() { awk '{printf "%.1f", ($14+$15)/100}' "/proc/$1/stat"; }
threads() {  # CPU seconds per thread group of process $1
  for t in /proc/"$1"/task/*; do echo "$(cat "$t/comm")|$(awk '{print $14+$15}' "$t/stat")"; done | python3 -c '
import sys,re,collections
c=collections.Counter()
for l in sys.stdin:
    n,v=l.rsplit("|",1)
    g="C2 JIT" if n.startswith("C2") else "C1 JIT" if n.startswith("C1") else re.sub(r"[-_ ]?[0-9()]+.*$","",n.strip()) or n
    c[g]+=int(v)
print("  ".join(f"{k} {v/100:.1f} s" for k,v in c.most_common(6)))'
}

# Payara Micro alone: its "ready in" line
p=$(port); mkdir -p "$out/alone"; t0=$(date +%s%N)
(cd "$out/alone" && exec java -XX:+UseSerialGC "$@" -jar "$root/target/payara-micro.jar" --port "$p" --nohazelcast > micro.log 2>&1) & pid=$!
until grep -q 'ready in' "$out/alone/micro.log" 2>/dev/null; do kill -0 $pid 2>/dev/null || { echo "Payara Micro alone exited"; exit 1; }; sleep 0.02; done
echo "$label Payara Micro alone: ready $(( ($(date +%s%N)-t0)/1000000 )) ms, CPU $(cpu $pid) s"
sleep 5; echo "  RSS $(( $(awk '/VmRSS/{print $2}' /proc/$pid/status) / 1000 )) MB"; kill $pid; wait $pid 2>/dev/null

data="$out/data"; p=$(port)
for start in fresh restart; do
  rm -rf "$data/payara"; t0=$(date +%s%N)
  HLS_PORT=$p HLS_DATA_DIR="$data" HLS_WORK_DIR="$data/hls" HLS_IDLE_TIMEOUT=10 HLS_ADMIN_PASSWORD=bench-password \
    java -XX:+UseSerialGC "$@" -Dhls.data.dir="$data" -jar "$root/target/payara-micro.jar" --deploy "$war" \
    --contextroot hls_gateway --port "$p" --nohazelcast --rootdir "$data/payara" \
    --postbootcommandfile "$root/server-config/post-boot-commands.asadmin" > "$out/micro-$start.log" 2>&1 & pid=$!
  until [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$p/health/ready")" = 200 ]; do
    kill -0 $pid 2>/dev/null || { echo "gateway exited, see $out/micro-$start.log"; exit 1; }; sleep 0.05; done
  echo "$label gateway $start: ready $(( ($(date +%s%N)-t0)/1000000 )) ms, CPU $(cpu $pid) s, load $(cut -d' ' -f1 /proc/loadavg)"
  echo "  $(threads $pid)"
  if [ $start = fresh ]; then sleep 5; echo "  RSS $(( $(awk '/VmRSS/{print $2}' /proc/$pid/status) / 1000 )) MB"; fi
  kill $pid; wait $pid 2>/dev/null
done
