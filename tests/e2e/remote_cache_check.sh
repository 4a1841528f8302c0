#!/usr/bin/env bash
# The shared-cache check (issue 6): Debian's nginx, with its built-in WebDAV module, serves as
# Bazel's HTTP remote cache on 127.0.0.1. Build a target into it from one output base, then rebuild
# from a brand-new output base: every training action must come back as a remote cache hit.
#
# Usage: tests/e2e/remote_cache_check.sh [TARGET]   (default //pipeline:smoke)
# The same recipe works for a team: run nginx (or any HTTP/1.1 cache) on a shared host and give
# everyone `build --remote_cache=http://HOST:PORT` in their ~/.bazelrc.
set -euo pipefail
cd "$(dirname "$0")/../.."
target=${1:-//pipeline:smoke}
port=${NNC_CACHE_PORT:-18089}
work=$(mktemp -d /tmp/nnc-remote-cache.XXXXXX)
mkdir -p "$work/cache" "$work/tmp"

cat >"$work/nginx.conf" <<CONF
user root;
worker_processes 1;
pid $work/nginx.pid;
error_log $work/error.log;
events {}
http {
  access_log off;
  client_body_temp_path $work/tmp;
  client_max_body_size 2g;
  server {
    listen 127.0.0.1:$port;
    root $work/cache;
    location / {
      dav_methods PUT;
      create_full_put_path on;
      dav_access user:rw group:rw all:r;
    }
  }
}
CONF

cleanup() {
  [[ -f "$work/nginx.pid" ]] && kill "$(cat "$work/nginx.pid")" 2>/dev/null || true
  for ob in "$work"/ob1 "$work"/ob2; do
    [[ -d "$ob" ]] && bazel --output_base="$ob" shutdown >/dev/null 2>&1 || true
  done
  rm -rf "$work"
}
trap cleanup EXIT

nginx -c "$work/nginx.conf" -p "$work" || { echo "remote cache: nginx did not start"; exit 1; }
cache="--remote_cache=http://127.0.0.1:$port"

echo "remote cache: first build of $target fills the cache"
bazel --output_base="$work/ob1" build "$cache" "$target" >"$work/build1.log" 2>&1 ||
  { tail -20 "$work/build1.log"; echo "remote cache: first build failed"; exit 1; }
bazel --output_base="$work/ob1" shutdown >/dev/null 2>&1

echo "remote cache: rebuild from a fresh output base"
bazel --output_base="$work/ob2" build "$cache" --execution_log_json_file="$work/exec.json" \
  "$target" >"$work/build2.log" 2>&1 ||
  { tail -20 "$work/build2.log"; echo "remote cache: second build failed"; exit 1; }

# The execution log lists every spawn with its mnemonic and whether the remote cache served it.
read -r trains hits < <(PYTHONPATH=tests/e2e python3 - "$work/exec.json" <<'PY'
import sys
from exec_log import spawns
trains = [s for s in spawns(sys.argv[1]) if s.get("mnemonic") == "Train"]
print(len(trains), sum(1 for s in trains if s.get("remoteCacheHit")))
PY
)
grep -E "processes:" "$work/build2.log" | tail -1
echo "remote cache: $hits of $trains training actions were remote cache hits"
[[ $trains -gt 0 && $hits -eq $trains ]]
