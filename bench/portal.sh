#!/usr/bin/env bash
# Benchmark (not a test): the portal's home page and an institution page served by
# `meridian serve` against the same pages exported with `meridian portal export` and served
# by nginx, both at 64 concurrent connections with wrk. Prints requests/s and p99 latency.
#
#   bash bench/portal.sh [MERIDIAN_BINARY]      # default: target/release/meridian
#
# Needs the Debian packages wrk and nginx (nginx-light is enough).
set -euo pipefail
bin="${1:-target/release/meridian}"
duration="${DURATION:-20s}"
work="$(mktemp -d)"
trap 'kill $(jobs -p) 2>/dev/null || true; nginx -c "$work/nginx.conf" -s stop 2>/dev/null || true; rm -rf "$work"' EXIT

db="sqlite://$work/bench.db"
"$bin" --database "$db" demo >/dev/null
"$bin" --database "$db" portal export "$work/site" >/dev/null
"$bin" --database "$db" serve --bind 127.0.0.1:18080 >"$work/serve.log" 2>&1 &
cat >"$work/nginx.conf" <<CONF
worker_processes auto;
pid $work/nginx.pid;
error_log $work/nginx-error.log;
events { worker_connections 1024; }
http {
  access_log off;
  include /etc/nginx/mime.types;
  sendfile on;
  gzip off;
  server { listen 127.0.0.1:18081; root $work/site; index index.html; }
}
CONF
nginx -c "$work/nginx.conf"
for _ in $(seq 1 50); do curl -fs http://127.0.0.1:18080/healthz >/dev/null && break; sleep 0.2; done

institution="/portal/en/institutions/$(grep -o 'institutions/[0-9a-f-]*' "$work/site/portal/en/index.html" | head -1 | cut -d/ -f2)"
run() {
  local label="$1" url="$2"
  local out
  out="$(wrk -t2 -c64 -d"$duration" --latency "$url")"
  local rps p99
  rps="$(awk '/Requests\/sec/ {print $2}' <<<"$out")"
  p99="$(awk '$1 == "99%" {print $2}' <<<"$out")"
  printf '%-34s %12s req/s   p99 %s\n' "$label" "$rps" "$p99"
}
for page in /portal/en/ "$institution"; do
  # One request first so that both servers answer from warm caches.
  curl -fs "http://127.0.0.1:18080$page" >/dev/null
  run "meridian  $page" "http://127.0.0.1:18080$page"
  run "nginx     $page" "http://127.0.0.1:18081$page"
done
