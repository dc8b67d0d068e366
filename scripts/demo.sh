#!/usr/bin/env bash
# pqsafe's main job end to end, on a synthetic model (the README's first command):
#   publisher: generate keys, protect the model (ML-DSA-65 signature + age sealing to an
#              ML-KEM-768+X25519 recipient), serve it with Debian's nginx over TLS 1.3
#              with X25519MLKEM768 only (the pqsafe OpenSSL provider, by configuration);
#   consumer:  download it with Debian's curl over the same hybrid TLS, unprotect it
#              (open, verify signature and digests, move into place), check it is
#              byte-identical, and extract one tensor without decrypting the rest.
# Prints a summary, cleans up every process it started, exits non-zero on any failure.
# Usage: scripts/demo.sh [BUILD_DIR]   (DEMO_MIB=256 sets the model size)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=$(cd "${1:-$root/build}" && pwd)
. "$root/scripts/free_port.sh"
P="$build/pqsafe"
MIB=${DEMO_MIB:-256}
export OPENSSL_MODULES="$build/providers" OPENSSL_CONF="$root/docs/openssl-pqsafe.cnf"

W=$(mktemp -d /tmp/pqsafe-demo.XXXXXX)
NGINX_PID=""
cleanup() {
    [ -n "$NGINX_PID" ] && kill -QUIT "$NGINX_PID" 2>/dev/null && wait "$NGINX_PID" 2>/dev/null
    rm -rf "$W"
}
trap cleanup EXIT
die() { echo "demo: FAILED: $*" >&2; exit 1; }
for t in nginx curl openssl; do
    command -v "$t" >/dev/null || die "$t is missing: run scripts/setup.sh"
done
[ -x "$P" ] || die "$P is missing: build first (make demo does)"
[ -f "$OPENSSL_MODULES/pqsafe.so" ] || die "the provider $OPENSSL_MODULES/pqsafe.so is missing"

declare -a SUMMARY
now() { date +%s.%N; }
T0=$(now)
record() {   # record STEP ALGORITHMS SIZE_BYTES START
    SUMMARY+=("$(awk -v s="$1" -v a="$2" -v b="$3" -v t0="$4" -v t1="$(now)" 'BEGIN {
        dt = t1 - t0; mib = b / 1048576
        if (b == 0) printf "%-28s %-50s %13s %7.2f s %14s", s, a, "-", dt, "-"
        else if (b < 1048576) printf "%-28s %-50s %9.1f KiB %7.2f s %14s", s, a, b / 1024, dt, "-"
        else printf "%-28s %-50s %9.1f MiB %7.2f s %8.0f MiB/s", s, a, mib, dt, (dt > 0 ? mib / dt : 0) }')")
}
bytes() { du -sb "$1" | cut -f1; }

echo "== pqsafe demo: protect a model, ship it over hybrid post-quantum TLS, verify and open it"
"$P" version | sed 's/^/   /'

# 1. A synthetic model and the keys.
t=$(now)
"$P" demo --make-model "$W/model" --size-mib "$MIB" | sed 's/^/   /'
record "make a synthetic model" "safetensors shards, config, tokenizer" "$(bytes "$W/model")" "$t"
t=$(now)
"$P" keygen --alg ML-DSA-65 -o "$W/signer.pem" --pub "$W/signer.pub.pem" 2>/dev/null
"$P" age-keygen -o "$W/consumer.identity" >"$W/consumer.recipient" 2>/dev/null
recipient=$(grep -o 'age1pq1[0-9a-z]*' "$W/consumer.recipient")
record "generate keys" "ML-DSA-65 signer, mlkem768x25519 recipient" 0 "$t"

# 2. Publisher: protect.
t=$(now)
mkdir -p "$W/www"
"$P" protect "$W/model" --sign-key "$W/signer.pem" --to "$recipient" -o "$W/www/model" | sed 's/^/   /'
record "protect (sign + seal)" "ML-DSA-65; age mlkem768x25519, ChaCha20-Poly1305" "$(bytes "$W/model")" "$t"

# 3. Serve it: nginx with the pqsafe provider, X25519MLKEM768 only, loopback.
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$W/key.pem" \
    -out "$W/cert.pem" -subj /CN=localhost -days 1 -addext subjectAltName=IP:127.0.0.1 2>/dev/null
# nginx with the pqsafe provider on loopback, offering only the TLS groups in $1.
start_nginx() {
    port=$(pqs_free_port) || die "no free TCP port for nginx"
    rm -rf "$W/nginx"
    mkdir -p "$W/nginx/logs" "$W/nginx/tmp"
    cat >"$W/nginx/nginx.conf" <<CONF
daemon off;
user root;
worker_processes 1;
pid $W/nginx/nginx.pid;
error_log $W/nginx/logs/error.log;
events { worker_connections 64; }
http {
    log_format pq '\$request \$status \$body_bytes_sent curve=\$ssl_curve proto=\$ssl_protocol';
    access_log $W/nginx/logs/access.log pq;
    client_body_temp_path $W/nginx/tmp/body;
    proxy_temp_path $W/nginx/tmp/proxy;
    fastcgi_temp_path $W/nginx/tmp/fastcgi;
    uwsgi_temp_path $W/nginx/tmp/uwsgi;
    scgi_temp_path $W/nginx/tmp/scgi;
    server {
        listen 127.0.0.1:$port ssl;
        ssl_certificate $W/cert.pem;
        ssl_certificate_key $W/key.pem;
        ssl_protocols TLSv1.3;
        ssl_ecdh_curve $1;
        root $W/www;
    }
}
CONF
    nginx -p "$W/nginx" -e "$W/nginx/logs/error.log" -c "$W/nginx/nginx.conf" </dev/null \
        >"$W/nginx/logs/out.log" 2>&1 &
    NGINX_PID=$!
    for _ in $(seq 1 100); do (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break; sleep 0.1; done
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || { cat "$W/nginx/logs/error.log"; die "nginx did not start"; }
}
stop_nginx() {
    kill -QUIT "$NGINX_PID" 2>/dev/null || true
    wait "$NGINX_PID" 2>/dev/null || true
    NGINX_PID=""
}
start_nginx X25519MLKEM768
echo "   nginx serving $W/www on https://127.0.0.1:$port (ssl_ecdh_curve X25519MLKEM768, pqsafe provider)"

# 4. Consumer: download every file with curl over X25519MLKEM768.
t=$(now)
mkdir -p "$W/download/model"
for f in $(cd "$W/www/model" && find . -type f | sort); do
    mkdir -p "$W/download/model/$(dirname "$f")"
    curl -sS --fail --tlsv1.3 --curves X25519MLKEM768 --cacert "$W/cert.pem" \
        -o "$W/download/model/$f" "https://127.0.0.1:$port/model/${f#./}" ||
        { cat "$W/nginx/logs/error.log"; die "curl could not fetch $f"; }
done
record "download (curl, hybrid TLS)" "TLS 1.3 X25519MLKEM768" "$(bytes "$W/download/model")" "$t"
stop_nginx
groups=$(grep -o 'curve=[^ ]*' "$W/nginx/logs/access.log" | sort | uniq -c | sed 's/^ *//')
[ "$(grep -c 'curve=0x11ec proto=TLSv1.3' "$W/nginx/logs/access.log")" -eq \
  "$(wc -l <"$W/nginx/logs/access.log")" ] || die "a request did not use X25519MLKEM768: $groups"
echo "   nginx access log: every request negotiated X25519MLKEM768 (0x11ec): $groups"

# 5. Unprotect, compare, extract a tensor.
t=$(now)
"$P" unprotect "$W/download/model" -i "$W/consumer.identity" --verify-key "$W/signer.pub.pem" \
    -o "$W/restored" | sed 's/^/   /'
record "unprotect (open + verify)" "mlkem768x25519; ML-DSA-65, SHA-256 digests" "$(bytes "$W/model")" "$t"
diff -r -x model.sig "$W/model" "$W/restored" >/dev/null || die "the restored model differs"
echo "   restored model is byte-identical to the original"
shard=$(cd "$W/model" && ls ./*.safetensors | head -1); shard=${shard#./}
t=$(now)
"$P" inspect "$W/download/model/$shard.age" -i "$W/consumer.identity" >"$W/inspect.txt"
tail -1 "$W/inspect.txt" | sed 's/^/   /'
line=$(grep '^model.layers.1.norm.weight ' "$W/inspect.txt" | head -1)
off=$(echo "$line" | awk '{print $4}'); len=$(echo "$line" | awk '{print $5}')
"$P" inspect "$W/download/model/$shard.age" -i "$W/consumer.identity" \
    --tensor model.layers.1.norm.weight -o "$W/tensor.bin" | sed 's/^/   /'
cmp -s "$W/tensor.bin" <(tail -c +$((off + 1)) "$W/model/$shard" | head -c "$len") ||
    die "the extracted tensor differs"
record "extract one tensor" "age random access (pread)" "$len" "$t"

# A server that offers only classical X25519 to a client that requires the hybrid group:
# the handshake must fail and nothing may be downloaded (no silent downgrade).
if [ -n "${DEMO_NEGATIVE:-}" ]; then
    start_nginx X25519
    if curl -sS --fail --tlsv1.3 --curves X25519MLKEM768 --cacert "$W/cert.pem" -o "$W/downgraded" \
        "https://127.0.0.1:$port/model/config.json.age" 2>"$W/curl.err"; then
        die "a client requiring X25519MLKEM768 accepted a server offering only X25519"
    fi
    stop_nginx
    [ ! -s "$W/downgraded" ] || die "bytes were downloaded over a refused handshake"
    echo "   downgrade refused: curl requiring X25519MLKEM768 vs nginx offering only X25519: $(head -1 "$W/curl.err")"
fi

echo
echo "== summary"
printf '%-28s %-50s %13s %9s %14s\n' step algorithms size time throughput
for s in "${SUMMARY[@]}"; do echo "$s"; done
echo "negotiated TLS group: X25519MLKEM768 (ML-KEM-768 + X25519), every request"
awk -v t0="$T0" -v t1="$(now)" 'BEGIN { printf "total: %.1f s - demo passed\n", t1 - t0 }'
