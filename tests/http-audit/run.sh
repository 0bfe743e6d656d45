#!/usr/bin/env bash
# Builds the hub, starts it on a free loopback port over a small population in a temporary folder,
# runs the GraphQL-over-HTTP audits against it, stops it, and exits with the audit's status.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
data="$(mktemp -d)"
log="$data/hub.log"
port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')"
url="http://127.0.0.1:$port/graphql"

cd "$repo"
dotnet build src/Phm.Api --nologo -v quiet
(cd "$here" && npm ci --no-audit --no-fund --silent)

# In its own process group, so that stopping it also stops the app process that dotnet run starts.
# Production defaults (no launch profile, so not Development) with two switches the audits need: their GET cases send
# documents in the URL, which the hub otherwise refuses with 405 (only registered documents run over GET), and their
# variables cases query __type, which needs introspection.
setsid dotnet run --project src/Phm.Api --no-build --no-launch-profile -- \
  --urls "http://127.0.0.1:$port" --Phm:Population=2000 --Phm:DataDirectory="$data" \
  --Phm:GraphQL:AllowGetQueries=true --Phm:GraphQL:Introspection=true >"$log" 2>&1 &
hub=$!
cleanup() {
  kill -- "-$hub" 2>/dev/null && wait "$hub" 2>/dev/null || true
  rm -rf "$data"
}
trap cleanup EXIT

answers() {
  curl -fsS -o /dev/null -H 'content-type: application/json' --data '{"query":"{ __typename }"}' "$url" 2>/dev/null
}

# The first start builds the store before listening; give it up to five minutes.
deadline=$((SECONDS + 300))
until answers; do
  if ! kill -0 "$hub" 2>/dev/null || ((SECONDS > deadline)); then
    echo "The hub did not answer at $url:" >&2
    cat "$log" >&2
    exit 1
  fi
  sleep 1
done

node "$here/audit.mjs" "$url"
