#!/usr/bin/env bash
# Holds N keep-alive connections open to a running `plateau collect`, after one large request on each, so the
# connection-buffer capacity and the RSS of the collector can be read while they idle (docs/DESIGN.md §1, the seed's fix 1).
#
#   java -jar target/plateau.jar collect --port 9880 --buffer-chunk-size 1M --buffer-max-size 8M --shrink off &
#   samples/keepalive-capacity.sh 9880 10 body.json     # body.json: e.g. a ~5 MB, 4500-line JSON array
#   grep VmRSS /proc/<collector pid>/status             # while the script waits; press Enter to close the connections
set -euo pipefail
port=${1:-9880}
conns=${2:-10}
body=${3:?usage: keepalive-capacity.sh PORT CONNECTIONS BODY.json}
length=$(stat -c %s "$body")
fds=()
for ((i = 0; i < conns; i++)); do
    exec {fd}<>"/dev/tcp/127.0.0.1/$port"
    fds+=("$fd")
    printf 'POST /capacity HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n' \
        "$length" >&"$fd"
    cat "$body" >&"$fd"
    IFS= read -r -t 60 status <&"$fd"
    echo "connection $((i + 1)): ${status%$'\r'}"
    while IFS= read -r -t 5 line <&"$fd" && [[ "${line%$'\r'}" != "" ]]; do :; done
done
echo "holding $conns keep-alive connections open; press Enter to close them"
read -r _ || true
for fd in "${fds[@]}"; do exec {fd}>&-; done
