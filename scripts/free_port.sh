# Sourced by the demo, the tests and the benchmarks that start a local TLS server:
# pqs_free_port prints a loopback TCP port nothing listens on now, outside the kernel's
# ephemeral range. A port inside that range may meanwhile become the source port of any
# outgoing connection on the machine (a client of a test running beside this one), and
# the server's bind() then fails with "Address already in use".
pqs_free_port() {
    local lo=32768 hi=60999 first last p _
    if [ -r /proc/sys/net/ipv4/ip_local_port_range ]; then
        read -r lo hi </proc/sys/net/ipv4/ip_local_port_range
    fi
    if ((lo > 11024)); then first=10000 last=$((lo - 1)); else first=$((hi + 1)) last=65535; fi
    for _ in $(seq 1 50); do
        p=$(( first + (RANDOM * 32768 + RANDOM) % (last - first + 1) ))
        if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then
            echo "$p"
            return 0
        fi
    done
    echo "no free TCP port between $first and $last" >&2
    return 1
}
