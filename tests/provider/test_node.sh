#!/usr/bin/env bash
# Node 24 (OpenSSL 3.5, ML-KEM groups of its own) against Debian's OpenSSL 3.0 with the
# pqsafe provider, every group, both directions:
#   Node client -> s_server: Node reports the negotiated group (getEphemeralKeyInfo);
#                            s_server's -trace shows the group in its ServerHello.
#   s_client -> Node server: s_client's -trace shows the group in the ServerHello it got;
#                            Node's own handshake trace (enableTrace) shows the group it sent.
. "$(dirname "$0")/lib.sh"
need openssl
need_node
check_provider_loads
make_cert
PEER="$(dirname "$0")/node_peer.js"
GROUPS_ALL="X25519MLKEM768 SecP256r1MLKEM768 SecP384r1MLKEM1024 MLKEM768 MLKEM1024 MLKEM512"

for g in $GROUPS_ALL; do
    code=$(group_code "$g")
    # Node as the client.
    port=$(free_port)
    start_bg "$WORK/s.log" ossl openssl s_server -accept "127.0.0.1:$port" -cert "$WORK/cert.pem" \
        -key "$WORK/key.pem" -groups "$g" -tls1_3 -www -trace
    spid=$LAST_PID
    wait_port "$port"
    foreign "$PQS_NODE" "$PEER" client "$port" "$g" >"$WORK/n.log" 2>&1 ||
        { cat "$WORK/n.log"; tail -20 "$WORK/s.log"; fail "Node client over $g"; }
    kill "$spid" 2>/dev/null || true
    wait "$spid" 2>/dev/null || true
    [ "$(trace_server_group "$WORK/s.log")" = "$code" ] || fail "s_server did not send $g ($code)"
    echo "ok: Node 24 client -> Debian s_server + pqsafe: $g ($(grep -o 'negotiated {[^}]*}' "$WORK/n.log"))"

    # Node as the server.
    start_bg "$WORK/ns-$g.log" foreign "$PQS_NODE" "$PEER" server "$g" "$WORK/cert.pem" "$WORK/key.pem"
    npid=$LAST_PID
    for i in $(seq 1 100); do grep -q '^PORT ' "$WORK/ns-$g.log" && break; sleep 0.1; done
    port=$(sed -n 's/^PORT //p' "$WORK/ns-$g.log")
    [ -n "$port" ] || { cat "$WORK/ns-$g.log"; fail "the Node server did not start"; }
    # Node ends the connection without close_notify, which s_client reports as an
    # unexpected EOF (exit 1) after the data: judge by the data and the traces instead.
    ossl timeout 20 openssl s_client -connect "127.0.0.1:$port" -groups "$g" -tls1_3 -trace \
        -ign_eof </dev/null >"$WORK/c.log" 2>&1 || true
    sleep 0.2
    kill "$npid" 2>/dev/null || true
    wait "$npid" 2>/dev/null || true
    grep -q "hello from node over $g" "$WORK/c.log" || { tail -20 "$WORK/c.log"; fail "no data from Node over $g"; }
    [ "$(trace_server_group "$WORK/c.log")" = "$code" ] || fail "s_client did not get $g ($code)"
    [ "$(trace_server_group "$WORK/ns-$g.log")" = "$code" ] ||
        { grep -n "NamedGroup" "$WORK/ns-$g.log" | head; fail "Node's trace does not show $g ($code) in its ServerHello"; }
    echo "ok: Debian s_client + pqsafe -> Node 24 server: $g ($(grep -m1 -o "NamedGroup: [^ ]* ($code)" "$WORK/ns-$g.log"))"
done
