# Shared by scripts/demo, scripts/check/openapi and scripts/bench/http: build agora, make a node
# directory from nodes/<city>, publish that city's seed catalog, and serve it on loopback.
# Source it from the project root.

# Builds the release binary; sets AGORA_BIN.
agora_fixture_build() {
    echo "agora: building agora (release)..." >&2
    swift build -c release --product agora --scratch-path "${AGORA_SCRATCH:-.build}" >&2
    AGORA_BIN="$(swift build -c release --scratch-path "${AGORA_SCRATCH:-.build}" --show-bin-path)/agora"
}

# agora_fixture_node DIR [CITY]: a node of CITY (default tirana) in DIR with the city's catalog.
agora_fixture_node() {
    local dir="$1" city="${2:-tirana}"
    local info="nodes/$city/city.json"
    local name country
    name="$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); n=d["name"]; print(n.get("en") or next(iter(n.values())))' "$info")"
    country="$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["country"])' "$info")"
    # init --from publishes catalog/*.json and records adoptions.json, signed with the new key.
    "$AGORA_BIN" init --from "nodes/$city" --dir "$dir" >&2
    local published
    published="$(ls "nodes/$city"/catalog/*.json | wc -l)"
    echo "agora: node $city in $dir with $published records" >&2
}

# agora_fixture_serve DIR LOG [PORT]: starts `agora serve` in the background (behind
# $AGORA_SERVE_PREFIX, e.g. "taskset -c 1", which must exec the server) and waits until it logs its URL. Sets AGORA_FIXTURE_PID, AGORA_FIXTURE_URL, AGORA_FIXTURE_PIN (sha256//...).
agora_fixture_serve() {
    local dir="$1" log="$2" port="${3:-0}"
    ${AGORA_SERVE_PREFIX:-} "$AGORA_BIN" serve --dir "$dir" --public-port "$port" 2>"$log" &
    AGORA_FIXTURE_PID=$!
    local tries=0
    until grep -q '"event":"listening"' "$log" 2>/dev/null; do
        tries=$((tries + 1))
        if [ "$tries" -gt 100 ] || ! kill -0 "$AGORA_FIXTURE_PID" 2>/dev/null; then
            echo "agora: the server did not start:" >&2
            cat "$log" >&2
            return 1
        fi
        sleep 0.1
    done
    AGORA_FIXTURE_URL="$(sed -n 's/.*"url":"\([^"]*\)".*/\1/p' "$log" | head -1)"
    AGORA_FIXTURE_PIN="$(sed -n 's/.*"pin":"\([^"]*\)".*/\1/p' "$log" | head -1)"
}

# agora_fixture_coalition DIR CITY: give the node in DIR the whole demo coalition's catalog.
# Every other city of nodes/ gets a node of its own beside DIR (DIR.peers/<city>), which signs
# that city's records with its own key; DIR's node then trusts those keys and imports the signed
# changes, verifying each one. Nothing is signed in another city's name.
agora_fixture_coalition() {
    local dir="$1" city="$2" peers="$1.peers" other key
    rm -rf "$peers"
    mkdir -p "$peers"
    for other in $(ls nodes); do
        [ -f "nodes/$other/city.json" ] && [ "$other" != "$city" ] || continue
        "$AGORA_BIN" init --from "nodes/$other" --dir "$peers/$other" >/dev/null
        "$AGORA_BIN" export --format jsonl --dir "$peers/$other" --out "$peers/$other.jsonl"
        key="$("$AGORA_BIN" keys show --json "$peers/$other/keys/signing.key" |
            python3 -c 'import json,sys; print(json.load(sys.stdin)["publicKey"])')"
        "$AGORA_BIN" keys trust --dir "$dir" --city "$other" "$key" >/dev/null
    done
    for other in $(ls nodes); do
        [ -f "$peers/$other.jsonl" ] || continue
        "$AGORA_BIN" import --dir "$dir" "$peers/$other.jsonl" >&2
    done
    echo "agora: node $city now holds the catalogs of $(ls "$peers"/*.jsonl | wc -l) other member nodes" >&2
}
