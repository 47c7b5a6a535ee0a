# Sourced by scripts/bench and scripts/bench-lib/thread-cpu (from the repository's root): a TiengNoi
# server for a benchmark, on a fresh data folder with the demo schools.

# address_in FILE → the first http://host:port line a server printed there (waits up to 10 s).
address_in() {
    for _ in $(seq 100); do grep -q "http://" "$1" && break; sleep 0.1; done
    grep -o 'http://[0-9.]*:[0-9]*' "$1" | head -1
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
    "$bin" serve --port 0 --data "$work/data" --forms forms "$@" >"$work/serve.out" 2>"$work/serve.err" &
    server=$!
    url="$(address_in "$work/serve.out")"
    [ -n "$url" ] || { echo "tiengnoi serve did not start:" >&2; cat "$work/serve.err" >&2; exit 1; }
}
