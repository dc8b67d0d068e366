# Shared helpers of the provider tests (sourced by the test_*.sh scripts; bash).
#
# CTest passes: PQS_PROVIDER_DIR (the folder holding pqsafe.so), PQS_CNF
# (docs/openssl-pqsafe.cnf), PQS_NODE (Node 24), PQS_PRELOAD (the ASan runtime when the
# build is sanitised, else empty), PQS_BIN (the build's tools folder).
#
# Programs linked with Debian's libssl (openssl, nginx, curl, stunnel4) run through
# `ossl CMD...`, which adds the provider by configuration alone: OPENSSL_CONF and
# OPENSSL_MODULES, nothing else. Node and Chromium bring their own TLS stacks and run
# without those variables. Every process a test starts is killed by the EXIT trap.
set -euo pipefail

: "${PQS_PROVIDER_DIR:?set by CTest}" "${PQS_CNF:?set by CTest}"
export OPENSSL_MODULES="$PQS_PROVIDER_DIR"
export OPENSSL_CONF="$PQS_CNF"

WORK=$(mktemp -d /tmp/pqs-provider-test.XXXXXX)
PIDS=()
cleanup() {
    local p
    for p in "${PIDS[@]}"; do
        kill "$p" 2>/dev/null || true
    done
    for p in "${PIDS[@]}"; do
        wait "$p" 2>/dev/null || true
    done
    if [ -n "${KEEP_WORK:-}" ]; then echo "work dir kept: $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT

fail() { echo "FAIL: $*" >&2; exit 1; }
note() { echo "--- $*"; }

# A tool a test needs must be there: a missing one fails the test (never a skip).
need() {
    local t
    for t in "$@"; do
        command -v "$t" >/dev/null 2>&1 ||
            fail "'$t' is not installed: run scripts/setup.sh (it installs the Debian packages the provider tests use)"
    done
}
need_node() {
    [ -x "${PQS_NODE:-}" ] ||
        fail "Node 24 not found at '${PQS_NODE:-}': run scripts/setup.sh (installs it into .deps/node)"
}

# Run a program linked with Debian's libssl; under a sanitised build the provider module
# needs the ASan runtime loaded first (leak checks are for our own test programs).
# OSSL_PREFIX always ends in a program that execs the command, so a background job's $!
# is the command itself (and `kill $!` reaches it).
if [ -n "${PQS_PRELOAD:-}" ]; then
    OSSL_PREFIX=(env LD_PRELOAD="$PQS_PRELOAD" ASAN_OPTIONS="detect_leaks=0:${ASAN_OPTIONS:-}")
else
    OSSL_PREFIX=(env)
fi
ossl() { "${OSSL_PREFIX[@]}" "$@"; }
# Programs with their own TLS stack: no OpenSSL configuration, no preload.
FOREIGN_PREFIX=(env -u OPENSSL_CONF -u OPENSSL_MODULES -u LD_PRELOAD)
foreign() { "${FOREIGN_PREFIX[@]}" "$@"; }

# A free loopback TCP port (nothing answers on it now, outside the ephemeral range).
. "$(dirname "${BASH_SOURCE[0]}")/../../scripts/free_port.sh"
free_port() {
    pqs_free_port || fail "no free port found"
}

# Wait until something accepts on 127.0.0.1:$1 (at most $2 seconds, default 10).
# 0 when something accepts on 127.0.0.1:$1 within $2 seconds (default 10), else 1.
port_up() {
    local i n=$(( ${2:-10} * 10 ))
    for i in $(seq 1 "$n"); do
        if (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; then return 0; fi
        sleep 0.1
    done
    return 1
}
wait_port() {
    port_up "$@" && return 0
    # Say why: the last server started (start_bg), alive or not, and what it printed.
    if [ -n "${LAST_PID:-}" ] && ! kill -0 "$LAST_PID" 2>/dev/null; then
        echo "the server (pid $LAST_PID) exited; its output:" >&2
    else
        echo "the server (pid ${LAST_PID:-?}) runs but does not accept; its output:" >&2
    fi
    tail -20 "${LAST_LOG:-/dev/null}" >&2
    fail "nothing listens on port $1"
}

# Start a background process, remembered for the cleanup trap, output to file $1:
#   start_bg LOG ossl|foreign|plain CMD...
start_bg() {
    local log=$1 kind=$2
    shift 2
    case "$kind" in
        ossl) set -- "${OSSL_PREFIX[@]}" "$@" ;;
        foreign) set -- "${FOREIGN_PREFIX[@]}" "$@" ;;
        plain) ;;
        *) fail "start_bg: unknown kind $kind" ;;
    esac
    rm -f "$log"   # (the job truncates it only once it runs: callers may poll it at once)
    "$@" >"$log" 2>&1 </dev/null &
    LAST_PID=$!
    LAST_LOG=$log
    PIDS+=("$LAST_PID")
}

# A P-256 ECDSA certificate for localhost (the same for every group and for the bench).
make_cert() {
    ossl openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes \
        -keyout "$WORK/key.pem" -out "$WORK/cert.pem" -subj /CN=localhost -days 2 \
        -addext subjectAltName=DNS:localhost,IP:127.0.0.1 2>/dev/null ||
        fail "cannot make a test certificate"
}

# The provider must load through the configuration, or nothing else means anything.
check_provider_loads() {
    ossl openssl list -providers >"$WORK/providers.txt" 2>&1 ||
        { cat "$WORK/providers.txt"; fail "openssl cannot load $PQS_CNF"; }
    grep -q "pqsafe" "$WORK/providers.txt" ||
        { cat "$WORK/providers.txt"; fail "the pqsafe provider is not active"; }
}

# IANA codepoints (decimal, as SSL_trace prints them) of the groups.
group_code() {
    case "$1" in
        X25519MLKEM768) echo 4588 ;; SecP256r1MLKEM768) echo 4587 ;;
        SecP384r1MLKEM1024) echo 4589 ;; MLKEM512) echo 512 ;; MLKEM768) echo 513 ;;
        MLKEM1024) echo 514 ;; X25519) echo 29 ;; *) fail "unknown group $1" ;;
    esac
}

# The group of the key_share extension in a ServerHello in an `-trace` log: the line
# "NamedGroup: ... (N)" that follows "ServerHello" and "key_share".
trace_server_group() {
    awk '/ServerHello/ {sh=1} sh && /key_share/ {ks=1} sh && ks && /NamedGroup/ {
            match($0, /\(([0-9]+)\)/); print substr($0, RSTART + 1, RLENGTH - 2); exit }' "$1"
}

# Debian's nginx with the provider (OPENSSL_CONF) on 127.0.0.1:$1 serving $WORK/www over
# TLS 1.3 with `ssl_ecdh_curve X25519MLKEM768:X25519`, in a private prefix ($WORK/nginx),
# in the foreground (daemon off) under our cleanup trap. The access log records the
# negotiated group ($ssl_curve: "0x11ec" for X25519MLKEM768, which OpenSSL 3.0 has no
# name for, "X25519" for X25519). Sets NGINX_ACCESS.
start_nginx() {
    local port=$1 p="$WORK/nginx"
    mkdir -p "$p/tmp" "$p/logs" "$WORK/www"
    NGINX_ACCESS="$p/logs/access.log"
    cat >"$p/nginx.conf" <<CONF
daemon off;
user root;
worker_processes 1;
pid $p/nginx.pid;
error_log $p/logs/error.log info;
events { worker_connections 64; }
http {
    log_format pq '\$remote_addr "\$request" \$status \$body_bytes_sent curve=\$ssl_curve proto=\$ssl_protocol ua="\$http_user_agent"';
    access_log $NGINX_ACCESS pq;
    client_body_temp_path $p/tmp/body;
    proxy_temp_path $p/tmp/proxy;
    fastcgi_temp_path $p/tmp/fastcgi;
    uwsgi_temp_path $p/tmp/uwsgi;
    scgi_temp_path $p/tmp/scgi;
    types { text/html html; application/octet-stream bin safetensors; }
    server {
        listen 127.0.0.1:$port ssl;
        server_name localhost;
        ssl_certificate $WORK/cert.pem;
        ssl_certificate_key $WORK/key.pem;
        ssl_protocols TLSv1.3;
        ssl_ecdh_curve X25519MLKEM768:X25519;
        root $WORK/www;
    }
}
CONF
    ossl nginx -t -p "$p" -e "$p/logs/error.log" -c "$p/nginx.conf" >"$p/logs/test.log" 2>&1 ||
        { cat "$p/logs/test.log"; fail "nginx rejects its configuration"; }
    start_bg "$p/logs/stdout.log" ossl nginx -p "$p" -e "$p/logs/error.log" -c "$p/nginx.conf"
    NGINX_PID=$LAST_PID
    wait_port "$port"
}

# Stop nginx (graceful quit), so that its access log is complete.
stop_nginx() {
    kill -QUIT "$NGINX_PID" 2>/dev/null || true
    wait "$NGINX_PID" 2>/dev/null || true
}
