# The demo coalition, shared by scripts/demo, scripts/check/demo and scripts/bench/push: the
# secretariat (nodes/coalition) and the cities of nodes/, each a separate `agora serve` process on
# loopback with its own keys and TLS certificate, founded and enrolled with the commands of
# docs/FEDERATION.md, then synced until every node holds the same set of changes.
# Source it from the project root after scripts/lib/node-fixture.sh, with AGORA_BIN set.
#
#   coalition_found DATA      make DATA/<city> for every member, each with its own catalog
#   coalition_start           serve every node (free ports), then enrol them through the secretariat
#   coalition_converge [S]    wait (at most S seconds) until the nodes' sync engines have brought
#                             every node to the same set (GET /api/v1/status: changes, fingerprint)
#   coalition_stop            stop every node this shell started (the callers trap EXIT, INT, TERM)

COALITION_SECRETARIAT=coalition
COALITION_CITIES=()           # the members, the secretariat first
COALITION_DATA=""
declare -A COALITION_PID=() COALITION_URL=() COALITION_PIN=() COALITION_FED=()
COALITION_CHANGES=""          # set by coalition_converge
COALITION_FINGERPRINT=""
COALITION_SECONDS=""          # from the last enrolment to convergence
COALITION_SYNC_START=""

coalition_say() { echo "demo: $*" >&2; }
coalition_fail() { echo "demo: FAILED: $*" >&2; return 1; }
coalition_field() { python3 -c 'import json,sys; v=json.load(sys.stdin); [v:=v[k] for k in sys.argv[1:]]; print(v)' "$@"; }
coalition_city_field() { python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); v=d[sys.argv[2]]; print(v if isinstance(v,str) else v.get("en") or next(iter(v.values())))' "nodes/$1/city.json" "$2"; }

# coalition_found DATA: every member's node in DATA/<city>, made afresh. `agora init --from`
# publishes the member's own catalog/*.json and records its adoptions.json, signed with the new
# node's own key; nothing is signed in another member's name. The secretariat's node then founds
# the coalition with two stewards (docs/FEDERATION.md, "Found the coalition").
coalition_found() {
    COALITION_DATA="$1"
    rm -rf "$COALITION_DATA"
    mkdir -p "$COALITION_DATA"
    COALITION_CITIES=("$COALITION_SECRETARIAT")
    local city
    for city in $(ls nodes); do
        [ -f "nodes/$city/city.json" ] && [ "$city" != "$COALITION_SECRETARIAT" ] && COALITION_CITIES+=("$city")
    done
    local said
    for city in "${COALITION_CITIES[@]}"; do
        # Quiet unless it fails: each node warns that its public URL is a loopback one, as it is here.
        said="$("$AGORA_BIN" init --from "nodes/$city" --dir "$COALITION_DATA/$city" 2>&1)" || { echo "$said" >&2; return 1; }
    done
    local sec="$COALITION_DATA/$COALITION_SECRETARIAT"
    "$AGORA_BIN" keys generate --out "$sec/keys/steward.key" >/dev/null
    "$AGORA_BIN" keys generate --out "$COALITION_DATA/steward-2.key" >/dev/null
    "$AGORA_BIN" roster genesis --dir "$sec" --coalition ccdr --steward-key "$sec/keys/steward.key" \
        --steward "$("$AGORA_BIN" keys show "$COALITION_DATA/steward-2.key" --json | coalition_field publicKey)" >/dev/null
    coalition_say "${#COALITION_CITIES[@]} nodes in $COALITION_DATA, each with its own keys, certificate and catalog"
}

# coalition_serve CITY: starts the node's server in the background on free ports, its sync engine
# on a short interval; coalition_wait_listening reads its ports and pin from its log.
coalition_serve() {
    local city="$1" dir="$COALITION_DATA/$1"
    # No subshell: $! is the server's own pid, so stopping it never leaves an orphan behind.
    "$AGORA_BIN" serve --dir "$dir" --public-port 0 --federation-port 0 \
        --sync-interval "${COALITION_SYNC_INTERVAL:-1}" \
        </dev/null >/dev/null 2>>"$dir/serve.log" &
    COALITION_PID[$city]=$!
    echo "${COALITION_PID[$city]}" >"$dir/serve.pid"
}

coalition_wait_listening() {
    local city="$1" dir="$COALITION_DATA/$1" tries=0
    until grep -q '"event":"listening"' "$dir/serve.log" 2>/dev/null; do
        tries=$((tries + 1))
        if [ "$tries" -gt 600 ] || ! kill -0 "${COALITION_PID[$city]}" 2>/dev/null; then
            cat "$dir/serve.log" >&2
            coalition_fail "the $city node did not start"
            return 1
        fi
        sleep 0.1
    done
    local line
    line="$(grep '"event":"listening"' "$dir/serve.log" | head -1)"
    COALITION_URL[$city]="$(sed -n 's/.*"url":"\([^"]*\)".*/\1/p' <<<"$line")"
    COALITION_PIN[$city]="$(sed -n 's/.*"pin":"\([^"]*\)".*/\1/p' <<<"$line")"
    COALITION_FED[$city]="$(sed -n 's/.*"federationPort":"\([0-9]*\)".*/\1/p' <<<"$line")"
    [ -n "${COALITION_FED[$city]}" ] || coalition_fail "no federationPort in the $city node's listening line"
}

# coalition_start: serves every node, then adds each one to the roster through the running
# secretariat ("Add a city"), makes the bundle and enrols every city from it, checking the
# genesis id ("Enrol a node"); each enrolment is handed to the city's running server.
coalition_start() {
    local city
    for city in "${COALITION_CITIES[@]}"; do coalition_serve "$city"; done
    for city in "${COALITION_CITIES[@]}"; do coalition_wait_listening "$city"; done
    local sec="$COALITION_DATA/$COALITION_SECRETARIAT" status
    for city in "${COALITION_CITIES[@]}"; do
        status="$("$AGORA_BIN" status --dir "$COALITION_DATA/$city" --json)"
        "$AGORA_BIN" roster add-member "$city" --dir "$sec" --key "$(coalition_field signingKey <<<"$status")" \
            --url "${COALITION_URL[$city]}" --federation-url "https://127.0.0.1:${COALITION_FED[$city]}" \
            --pin "$(coalition_field pin <<<"$status")" --name "$(coalition_city_field "$city" name)" \
            --country "$(coalition_city_field "$city" country)" >/dev/null
    done
    "$AGORA_BIN" roster bundle --dir "$sec" --out "$COALITION_DATA/ccdr.bundle" >/dev/null
    local genesis
    genesis="$("$AGORA_BIN" roster show --dir "$sec" --json | coalition_field genesis)"
    for city in "${COALITION_CITIES[@]}"; do
        [ "$city" = "$COALITION_SECRETARIAT" ] && continue
        "$AGORA_BIN" enrol --dir "$COALITION_DATA/$city" "$COALITION_DATA/ccdr.bundle" --genesis "$genesis" >/dev/null
    done
    COALITION_SYNC_START="$(date +%s.%N)"   # every node now holds the roster: they sync
    coalition_say "coalition ccdr founded (genesis ${genesis:0:16}...), ${#COALITION_CITIES[@]} members enrolled"
}

# coalition_state CITY: prints "COUNT FINGERPRINT", the node's change count and set fingerprint
# from its public GET /api/v1/status (protocol/SYNC.md, "Status"); nothing if it does not answer.
coalition_state() {
    local city="$1"
    curl -sS --max-time 10 -k --pinnedpubkey "${COALITION_PIN[$city]}" "${COALITION_URL[$city]}/api/v1/status" 2>/dev/null |
        python3 -c 'import json,sys; s=json.load(sys.stdin); print(s["changes"], s["fingerprint"])' 2>/dev/null || true
}

# coalition_same_state: prints "COUNT FINGERPRINT" and succeeds when every node has the same.
coalition_same_state() {
    local city first="" state
    for city in "${COALITION_CITIES[@]}"; do
        state="$(coalition_state "$city")"
        [ -n "$state" ] || return 1
        if [ -z "$first" ]; then first="$state"; elif [ "$state" != "$first" ]; then return 1; fi
    done
    echo "$first"
}

# coalition_converge [SECONDS]: waits until the servers' sync engines (every COALITION_SYNC_INTERVAL
# seconds, default 1, with each peer) have brought every node to the same set of changes (at most
# SECONDS, default 120). Sets COALITION_CHANGES, COALITION_FINGERPRINT, COALITION_SECONDS.
coalition_converge() {
    local limit="${1:-120}" start="${COALITION_SYNC_START:-$(date +%s.%N)}" now state
    until state="$(coalition_same_state)"; do
        now="$(date +%s.%N)"
        if python3 -c 'import sys; sys.exit(0 if float(sys.argv[1]) - float(sys.argv[2]) > float(sys.argv[3]) else 1)' "$now" "$start" "$limit"; then
            local city
            for city in "${COALITION_CITIES[@]}"; do echo "  $city: $(coalition_state "$city")" >&2; done
            coalition_fail "the nodes did not converge within $limit s"
            return 1
        fi
        sleep 0.2
    done
    now="$(date +%s.%N)"
    COALITION_CHANGES="${state%% *}"
    COALITION_FINGERPRINT="${state#* }"
    COALITION_SECONDS="$(python3 -c 'import sys; print("%.1f" % (float(sys.argv[1]) - float(sys.argv[2])))' "$now" "$start")"
}

# coalition_settled: succeeds when every node's last sync attempt with each of its peers succeeded
# (GET /api/v1/status, peers[].lastAttempt). A node leaves a failing peer alone for a backoff
# delay and pushes nothing to it meanwhile; right after enrolment, a peer that refused a session
# while it had no roster yet may be in that state.
coalition_settled() {
    local city
    for city in "${COALITION_CITIES[@]}"; do
        curl -sS --max-time 10 -k --pinnedpubkey "${COALITION_PIN[$city]}" "${COALITION_URL[$city]}/api/v1/status" 2>/dev/null |
            python3 -c '
import json, sys
peers = json.load(sys.stdin)["peers"]
sys.exit(0 if peers and all(p["lastAttempt"] and p["lastAttempt"]["error"] is None for p in peers) else 1)
' 2>/dev/null || return 1
    done
}

# coalition_stop_node CITY: SIGTERM (a graceful stop: requests in flight finish, the database is
# closed), then waits until the process is gone.
coalition_stop_node() {
    local city="$1" pid="${COALITION_PID[$1]:-}"
    [ -n "$pid" ] || return 0
    kill -TERM "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
    while kill -0 "$pid" 2>/dev/null; do sleep 0.1; done
    COALITION_PID[$city]=""
}

# coalition_stop: stops every node this shell started, all at once, and waits for each.
coalition_stop() {
    local city pid
    for city in "${!COALITION_PID[@]}"; do
        pid="${COALITION_PID[$city]}"
        [ -n "$pid" ] && kill -TERM "$pid" 2>/dev/null || true
    done
    for city in "${!COALITION_PID[@]}"; do coalition_stop_node "$city"; done
}
