# Sourced by scripts/bench/http: search over the store benchmark's corpus, agora over HTTPS with wrk
# at 4 connections vs the sqlite3 CLI running the same query mix back to back (.timer on).
# Uses: $bench_bin, $root, $work, $server_core, $client_core, wrk_run, rps, latency, ratio.

bench_search() {
    local corpus="$root/bench-data/http-corpus"
    mkdir -p "$corpus"
    echo "bench/http: preparing the corpus node in $corpus (reused when it is complete)..." >&2
    AGORA_BENCH_DIR="$corpus" "$bench_bin" http-corpus >&2
    local queries
    queries="$(wc -l < "$corpus/paths.txt")"

    # sqlite3: one warm-up pass, then the measured pass, on the server's core.
    taskset -c "$server_core" sqlite3 -readonly "$corpus/node/agora.db" ".read $corpus/queries.sql" > /dev/null
    taskset -c "$server_core" sqlite3 -readonly "$corpus/node/agora.db" ".read $corpus/queries.sql" > "$work/sqlite3.out"
    awk -f "$root/scripts/bench/lib/sqlite-times.awk" "$work/sqlite3.out" | sort -n > "$work/sqlite3.times"
    awk '{ total += $1 / 1000 } END { print NR, total }' "$work/sqlite3.times" > "$work/sqlite3.sum"
    local count total sqlite_rps sqlite_p50 sqlite_p99
    read -r count total < "$work/sqlite3.sum"
    sqlite_rps="$(awk -v n="$count" -v t="$total" 'BEGIN { printf "%.1f", n / t }')"
    sqlite_p50="$(awk -v n="$count" 'NR == int(n * 0.50 + 0.999) { printf "%.2f", $1 }' "$work/sqlite3.times")"
    sqlite_p99="$(awk -v n="$count" 'NR == int(n * 0.99 + 0.999) { printf "%.2f", $1 }' "$work/sqlite3.times")"
    echo "bench/http: sqlite3 CLI: $sqlite_rps searches/s over $count queries, p50 $sqlite_p50 ms, p99 $sqlite_p99 ms" >&2

    # agora: the corpus node, served on the server core, wrk cycling through the same queries.
    AGORA_SERVE_PREFIX="taskset -c $server_core" agora_fixture_serve "$corpus/node" "$work/agora-search.log"
    local search_pid="$AGORA_FIXTURE_PID"
    pids+=("$search_pid")
    WRK_PATHS="$corpus/paths.txt" wrk_run agora-search "$AGORA_FIXTURE_URL" 4 -s "$root/scripts/bench/lib/paths.lua"
    kill -TERM "$search_pid" 2>/dev/null || true
    wait "$search_pid" 2>/dev/null || true

    local records
    records="$(sqlite3 -readonly "$corpus/node/agora.db" 'SELECT count(*) FROM records')"
    search_row="| search over $records records, $queries-query mix, 4 connections, searches/s (p50 / p99 ms) | $(rps agora-search) ($(latency agora-search 50%) / $(latency agora-search 99%)) | sqlite3 CLI $sqlite_rps ($sqlite_p50 / $sqlite_p99) | $(ratio "$(rps agora-search)" "$sqlite_rps")x | >= 0.5x |"
}
