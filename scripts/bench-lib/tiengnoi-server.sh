# Sourced by scripts/bench, scripts/bench-lib/thread-cpu and ingest-profile (from the repository's
# root): the servers of a benchmark — TiengNoi on a fresh data folder with the demo schools, the
# yardsticks beside it — and reading a count from their databases.

# address_in FILE → the first http://host:port line a server printed there (waits up to 10 s).
address_in() {
    for _ in $(seq 100); do grep -q "http://" "$1" && break; sleep 0.1; done
    grep -o 'http://[0-9.]*:[0-9]*' "$1" | head -1
}

# start_listening NAME WORK COMMAND... → runs COMMAND, a server that prints its http://host:port, in
# the background with its output in WORK/NAME.out and WORK/NAME.err; sets `started` (its pid) and
# `started_url`; kills it and exits when it prints no address. TiengNoi, the bare server and the
# floor server of scripts/bench all start this way.
start_listening() {
    local name="$1" work="$2"
    shift 2
    "$@" >"$work/$name.out" 2>"$work/$name.err" &
    started=$!
    started_url="$(address_in "$work/$name.out")"
    [ -n "$started_url" ] || { echo "$name did not start:" >&2; cat "$work/$name.err" >&2; kill -9 "$started" 2>/dev/null; exit 1; }
}

# sqlite_value DB SQL → the first column of the first row (a count, integrity_check's verdict); Python's
# sqlite3, so that the benchmarks need no sqlite3 command.
sqlite_value() {
    python3 -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute(sys.argv[2]).fetchone()[0])" "$1" "$2"
}

# start_tiengnoi BIN WORK [serve options...] → starts `BIN serve` on WORK/data and sets `server` (its
# pid) and `url`; exits when it does not start. The submission API takes entries only with a token or
# a school's key: a device token, as a district's sync script would hold, is exported as
# TIENGNOI_TOKEN (ingest.lua sends it on every request).
start_tiengnoi() {
    local bin="$1" work="$2"
    shift 2
    "$bin" schools import scripts/demo-schools.csv --data "$work/data" >/dev/null
    install -m 600 /dev/null "$work/device.pw"; echo "mat-khau-may-do-hieu-nang" >"$work/device.pw"
    "$bin" users add bench-device --role admin --password-file "$work/device.pw" --data "$work/data" >/dev/null
    TIENGNOI_TOKEN="$("$bin" users token bench-device --label bench --data "$work/data" 2>/dev/null)"
    export TIENGNOI_TOKEN
    start_listening tiengnoi-serve "$work" "$bin" serve --port 0 --data "$work/data" --forms forms "$@"
    server=$started
    url=$started_url
}
