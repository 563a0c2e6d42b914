# scripts/demo --single: one node (DEMO_CITY, default tirana) that holds the whole coalition's
# catalog. Every other city of nodes/ gets a node of its own ($data_root/<city>.peers/) that signs its
# catalog, and the demo node verifies and imports those signed changes. Sourced by scripts/demo.
# (The body is not indented: it holds a heredoc and Python code.)
#
#   DEMO_PORT=9443 scripts/demo --single   # port 8443 by default, or a free port if it is taken
#   DEMO_CITY=sofia scripts/demo --single  # any folder of nodes/

single_demo() {
city="${DEMO_CITY:-tirana}"
port="${DEMO_PORT:-8443}"
data="$data_root/$city"
[ -d "nodes/$city" ] || { echo "demo: no nodes/$city" >&2; exit 2; }

rm -rf "$data" "$data.peers"
mkdir -p "$data_root"
agora_fixture_node "$data" "$city"
agora_fixture_coalition "$data" "$city"

if ! python3 -c 'import socket,sys; s=socket.socket(); s.bind(("127.0.0.1", int(sys.argv[1])))' "$port" 2>/dev/null; then
    echo "demo: port $port is taken; using a free one" >&2
    port=0
fi
log="$data/serve.log"
agora_fixture_serve "$data" "$log" "$port"
server_pid="$AGORA_FIXTURE_PID"
stop() {
    local status="$1"
    trap - INT TERM EXIT
    echo >&2
    echo "demo: stopping the server (pid $server_pid)..." >&2
    kill -TERM "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
    while kill -0 "$server_pid" 2>/dev/null; do sleep 0.1; done
    tail -n 2 "$log" >&2
    exit "$status"
}
trap 'stop 0' INT TERM
trap 'stop $?' EXIT

query="$(python3 -c 'import json,sys; print({"tirana":"dhena","sofia":"цифрови"}.get(sys.argv[1],"digital"))' "$city")"
encoded="$(python3 -c 'import sys,urllib.parse; print(urllib.parse.quote(sys.argv[1]))' "$query")"
search="$AGORA_FIXTURE_URL/api/v1/search?q=$encoded&lang=en&limit=3"

cat <<TEXT

  Agora node '$city' is serving over HTTPS (TLS 1.3, self-signed certificate, pinned).

  Open the web catalog in a browser (accept the self-signed certificate once):

    $AGORA_FIXTURE_URL/

  To publish from the browser (Publishing, at the foot of every page), give yourself an account:

    printf '%s\n' 'a password of 12+ characters' | $AGORA_BIN users add yourname --dir $data

  The JSON API:

    URL   $AGORA_FIXTURE_URL/api/v1/search?q=$encoded
    pin   $AGORA_FIXTURE_PIN

  Try it (curl checks the certificate by its public-key pin, not by a CA):

    curl --pinnedpubkey '$AGORA_FIXTURE_PIN' -k '$search'

  Other endpoints: /api/v1/cities  /api/v1/records/<city>/<kind>/<slug>[/history]
                   /api/v1/export?format=jsonl|csv|dcat  /healthz  /readyz   (docs/API.md)

  A sample search for "$query":
TEXT
curl -sS --pinnedpubkey "$AGORA_FIXTURE_PIN" -k "$search" | python3 -c '
import json, sys
result = json.load(sys.stdin)
print("    %d matching record(s):" % result["total"])
for hit in result["hits"]:
    print("    - %s: %s [%s]" % (hit["id"], hit["title"], hit["titleLanguage"]))
' || echo "    (the sample search failed; see $log)"
echo
echo "  Logs: $log. Press Ctrl-C to stop."
wait "$server_pid"
}
