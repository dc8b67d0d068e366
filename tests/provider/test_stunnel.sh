#!/usr/bin/env bash
# Debian's stunnel4 carries 1 GiB between two local ports over X25519MLKEM768, the
# provider added by OPENSSL_CONF alone: plain TCP -> stunnel client (curves =
# X25519MLKEM768) -> TLS 1.3 -> stunnel server (curves = X25519MLKEM768) -> a receiver
# process; the output must be byte-identical. Both stunnels accept only the hybrid, and
# s_client's trace against the stunnel server shows the group (and X25519 alone refused).
# PQS_STUNNEL_MIB sets the size (default 1024 MiB: about 3 s to generate, a few to send).
. "$(dirname "$0")/lib.sh"
need openssl stunnel4 sha256sum cmp
check_provider_loads
make_cert
mib=${PQS_STUNNEL_MIB:-1024}
head -c $((mib << 20)) /dev/urandom >"$WORK/in.bin"

cat >"$WORK/recv.sh" <<SH
#!/bin/sh
cat >"$WORK/out.bin"
touch "$WORK/out.done"
SH
chmod +x "$WORK/recv.sh"
write_confs() {
    cat >"$WORK/server.conf" <<CONF
foreground = yes
pid =
debug = 5
output = $WORK/stunnel-server.log
[pq-server]
accept = 127.0.0.1:$tls
exec = /bin/sh
execArgs = sh $WORK/recv.sh
cert = $WORK/cert.pem
key = $WORK/key.pem
sslVersionMin = TLSv1.3
curves = X25519MLKEM768
CONF
    cat >"$WORK/client.conf" <<CONF
foreground = yes
pid =
debug = 5
output = $WORK/stunnel-client.log
[pq-client]
client = yes
accept = 127.0.0.1:$plain
connect = 127.0.0.1:$tls
sslVersionMin = TLSv1.3
curves = X25519MLKEM768
CONF
}
# Ports are picked at random while other tests run: on a clash (or a slow start on a
# loaded machine) start again on new ports rather than fail.
started=0
for attempt in 1 2 3; do
    plain=$(free_port)
    tls=$(free_port)
    [ "$plain" != "$tls" ] || continue
    write_confs
    start_bg "$WORK/server.out" ossl stunnel4 "$WORK/server.conf"
    server_pid=$LAST_PID
    start_bg "$WORK/client.out" ossl stunnel4 "$WORK/client.conf"
    client_pid=$LAST_PID
    if port_up "$tls" 20 && port_up "$plain" 20; then
        started=1
        break
    fi
    note "stunnel did not come up (attempt $attempt):"
    cat "$WORK/server.out" "$WORK/client.out" "$WORK/stunnel-server.log" "$WORK/stunnel-client.log" 2>/dev/null | tail -20
    kill "$server_pid" "$client_pid" 2>/dev/null || true
done
[ "$started" = 1 ] || fail "stunnel did not start after 3 attempts"

# The stunnel server speaks only the hybrid: the trace shows it; X25519 alone is refused.
ossl timeout 20 openssl s_client -connect "127.0.0.1:$tls" -groups X25519MLKEM768 -tls1_3 -trace \
    </dev/null >"$WORK/c.log" 2>&1 || true
[ "$(trace_server_group "$WORK/c.log")" = 4588 ] ||
    { tail -20 "$WORK/c.log"; cat "$WORK/stunnel-server.log"; fail "stunnel server did not answer with X25519MLKEM768"; }
if ossl timeout 20 openssl s_client -connect "127.0.0.1:$tls" -groups X25519 -tls1_3 </dev/null >"$WORK/c2.log" 2>&1 &&
   grep -q "^New, TLSv1.3" "$WORK/c2.log"; then
    fail "the stunnel server accepted X25519 alone"
fi
rm -f "$WORK/out.bin" "$WORK/out.done"
sleep 0.5   # the probes' receivers are done

start=$(date +%s.%N)
cat "$WORK/in.bin" >"/dev/tcp/127.0.0.1/$plain" || fail "cannot send into the stunnel client"
for i in $(seq 1 600); do [ -e "$WORK/out.done" ] && break; sleep 0.1; done
end=$(date +%s.%N)
[ -e "$WORK/out.done" ] || { cat "$WORK/stunnel-client.log" "$WORK/stunnel-server.log"; fail "the transfer did not finish"; }
cmp "$WORK/in.bin" "$WORK/out.bin" || fail "the output differs from the input"
grep -q "Connection closed: $((mib << 20)) byte(s) sent to TLS" "$WORK/stunnel-client.log" ||
    fail "the stunnel client log does not show $mib MiB sent over TLS"
secs=$(echo "$end - $start" | bc -l 2>/dev/null || awk "BEGIN {print $end - $start}")
echo "ok: stunnel4 carried $mib MiB over X25519MLKEM768, byte-identical, in ${secs} s"
