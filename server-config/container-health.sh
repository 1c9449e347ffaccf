#!/usr/bin/env bash
# The container's HEALTHCHECK: healthy when /health/ready answers 200. Uses bash's /dev/tcp,
# so the image needs no curl or wget.
set -euo pipefail
exec 3<>"/dev/tcp/127.0.0.1/${HLS_PORT:-8080}"
printf 'GET /health/ready HTTP/1.0\r\nHost: localhost\r\nConnection: close\r\n\r\n' >&3
IFS= read -r status <&3
echo "${status%$'\r'}"
[[ "$status" == HTTP/1.?" 200 "* ]]
