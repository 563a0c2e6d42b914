# What scripts/demo prints once the coalition has converged: each node's catalog URL with its pin,
# a cross-city search on one node, and how to see a publication move to the others (push).
# Sourced by scripts/demo after scripts/lib/coalition.sh.

# demo_search CITY QUERY LABEL: a search on CITY's node, with the hits' ids and titles.
demo_search() {
    local city="$1" query="$2" label="$3" encoded
    encoded="$(python3 -c 'import sys,urllib.parse; print(urllib.parse.quote(sys.argv[1]))' "$query")"
    local url="${COALITION_URL[$city]}/api/v1/search?q=$encoded&lang=en&limit=3"
    echo "  On the $city node, a search for \"$query\" ($label):"
    echo "    curl --pinnedpubkey '${COALITION_PIN[$city]}' -k '$url'"
    curl -sS --max-time 30 --pinnedpubkey "${COALITION_PIN[$city]}" -k "$url" | python3 -c '
import json, sys
result = json.load(sys.stdin)
print("    %d matching record(s):" % result["total"])
for hit in result["hits"]:
    print("    - %s: %s [%s]" % (hit["id"], hit["title"], hit["titleLanguage"]))
' || echo "    (the search failed; see $COALITION_DATA/$city/serve.log)"
}

# demo_push_sample FILE: a new Tirana record (a copy of its first catalog record under another
# slug), for the reader to publish on the running Tirana node.
demo_push_sample() {
    python3 - "$1" nodes/tirana/catalog/"$(ls nodes/tirana/catalog | head -1)" <<'PY'
import json, sys
out, source = sys.argv[1], sys.argv[2]
record = json.load(open(source, encoding="utf-8"))
kind = record["kind"]
record["id"] = "tirana/%s/demo-push" % kind
record["title"] = {"sq": "Provë e demos: botuar në Tiranë", "en": "Demo test: published in Tirana"}
with open(out, "w", encoding="utf-8") as f:
    json.dump(record, f, ensure_ascii=False, indent=2)
print(record["id"])
PY
}

demo_show() {
    local city
    echo
    echo "  ${#COALITION_CITIES[@]} Agora nodes serve over HTTPS on 127.0.0.1 (TLS 1.3, self-signed certificates,"
    echo "  pinned; mutual TLS on the federation ports). Open any catalog in a browser (accept the"
    echo "  certificate once); curl checks a node by its pin: curl --pinnedpubkey PIN -k URL"
    echo
    for city in "${COALITION_CITIES[@]}"; do
        printf '    %-10s %-26s pin %s  federation port %s\n' "$city" "${COALITION_URL[$city]}/" \
            "${COALITION_PIN[$city]}" "${COALITION_FED[$city]}"
    done
    echo
    demo_search dublin "dhena" "Albanian: Tirana's records, synced to Dublin"
    echo
    demo_search dublin "София" "Bulgarian: Sofia's records, synced to Dublin"
    local sample="$COALITION_DATA/try-push.json" id
    id="$(demo_push_sample "$sample")"
    echo
    echo "  Push: publish on one node and read it on another within a second:"
    echo
    echo "    $AGORA_BIN publish $sample --dir $COALITION_DATA/tirana"
    echo "    curl --pinnedpubkey '${COALITION_PIN[dublin]}' -k '${COALITION_URL[dublin]}/api/v1/records/$id'"
    echo
    echo "  (edit its title and publish it again to see the edit move; any node's own records work alike)"
}
