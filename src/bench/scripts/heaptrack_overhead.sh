#!/bin/bash
# heaptrack's cost on a real Fluent Bit: the same two bursts (20,000 small requests on 8 connections, 100 1.6 MB
# requests on 4) against the bare binary and under heaptrack, alternating, three rounds; prints req/s and the peak RSS
# (VmHWM) of the Fluent Bit process. Usage: bash src/bench/scripts/heaptrack_overhead.sh [FLUENT_BIT_BINARY]
JAR=${JAR:-target/plateau.jar}
FB=${1:-${FLUENT_BIT:-../shared/bin/fluent-bit-5.1.1}}
for round in 1 2 3; do
 for mode in bare heaptrack; do
  port=$((24000 + RANDOM % 1000))
  dir=$(mktemp -d)
  if [ $mode = bare ]; then
    $FB -i http -p listen=127.0.0.1 -p port=$port -p buffer_max_size=8M -o null -m '*' > $dir/fb.log 2>&1 &
    L=$!
  else
    heaptrack -o $dir/ht $FB -i http -p listen=127.0.0.1 -p port=$port -p buffer_max_size=8M -o null -m '*' > $dir/fb.log 2>&1 &
    L=$!
  fi
  for i in $(seq 100); do (echo > /dev/tcp/127.0.0.1/$port) 2>/dev/null && break; sleep 0.1; done
  pid=$(pgrep -f "port=$port" | while read p; do [ "$(readlink /proc/$p/exe)" = "$(readlink -f $FB)" ] && echo $p; done | tail -1)
  for p in $(pgrep -f "port=$port"); do grep -q DUMP_HEAPTRACK /proc/$p/environ 2>/dev/null && pid=$p; done
  small=$(java -jar $JAR burst --target http://127.0.0.1:$port/ --requests 20000 --connections 8 --lines 10 2>&1 | grep "burst done")
  large=$(java -jar $JAR burst --target http://127.0.0.1:$port/ --requests 100 --connections 4 --lines 1500 2>&1 | grep "burst done")
  hwm=$(grep VmHWM /proc/$pid/status | awk '{print $2}')
  rss=$(grep VmRSS /proc/$pid/status | awk '{print $2}')
  echo "round $round $mode pid=$pid small: $small | large: $large | VmHWM ${hwm} kB VmRSS ${rss} kB"
  kill $pid; sleep 1; kill $L 2>/dev/null; wait $L 2>/dev/null; rm -rf $dir
 done
done
