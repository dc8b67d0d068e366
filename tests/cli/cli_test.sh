#!/bin/bash
# shellcheck disable=SC2317  # the sections are called indirectly, as "section_$SECTION"
# Command-level tests of the built `pqsafe` binary; each SECTION is one CTest test.
#
#   usage: cli_test.sh SECTION PQSAFE [NODE]
#     keygen   every algorithm of `pqsafe list`: file modes, --force, --pub, --form, --der
#     pubkey   PEM and DER, from private and public keys, -o and --force, bad inputs
#     sign     sign/verify: pre-hash (default), --pure, --prehash, --ctx, standard input;
#              exit 0 valid, 1 invalid, 2 usage or input error
#     usage    --help of every subcommand, unknown commands and options
#     interop  `pqsafe sign --pure` against Node 24's OpenSSL 3.5, both ways (needs NODE)
#
# Exit codes are checked exactly, and whatever pqsafe writes to stderr must be lines
# starting with "pqsafe: " (a usage or input error: exactly one). The work happens in a
# fresh temporary directory, removed on success and kept (and named) on failure. Node
# comes from $PQSAFE_NODE, else NODE; a missing Node fails the interop section.
set -u

if [ $# -lt 2 ]; then
    echo "usage: $0 keygen|pubkey|sign|usage|interop PQSAFE [NODE]" >&2
    exit 2
fi
SECTION=$1
PQSAFE=$(cd "$(dirname "$2")" && pwd)/$(basename "$2")
NODE=${PQSAFE_NODE:-${3:-}}
HERE=$(cd "$(dirname "$0")" && pwd)
if [ ! -x "$PQSAFE" ]; then
    echo "FAIL: no pqsafe binary at $2" >&2
    exit 1
fi
WORK=$(mktemp -d "${TMPDIR:-/tmp}/pqsafe-cli-XXXXXX") || exit 1
cd "$WORK" || exit 1

checks=0
failures=0

fail() {
    failures=$((failures + 1))
    echo "FAIL: $*" >&2
}

# check DESCRIPTION COMMAND...: COMMAND must succeed.
check() {
    local what=$1
    shift
    checks=$((checks + 1))
    "$@" || fail "$what"
}

# pq ARGS...: run pqsafe with stdin from $STDIN (default /dev/null); sets $rc and leaves
# its output in $WORK/out and $WORK/err.
pq() {
    "$PQSAFE" "$@" <"${STDIN:-/dev/null}" >"$WORK/out" 2>"$WORK/err"
    rc=$?
}

show_err() { sed 's/^/    stderr: /' "$WORK/err" >&2; }

# expect CODE DESCRIPTION: the last pq exited with CODE, every stderr line starts with
# "pqsafe: ", and a usage error (2) is explained in exactly one line.
expect() {
    local want=$1
    shift
    checks=$((checks + 1))
    if [ "$rc" -ne "$want" ]; then
        fail "$* -> exit $rc, expected $want"
        show_err
        return 1
    fi
    if grep -qv '^pqsafe: ' "$WORK/err"; then
        fail "$*: stderr has a line that does not start with 'pqsafe: '"
        show_err
        return 1
    fi
    if [ "$want" -eq 2 ] && { [ "$(wc -l <"$WORK/err")" -ne 1 ] || [ -n "$(tail -c 1 "$WORK/err")" ]; }; then
        fail "$*: the error message is not exactly one line"
        show_err
        return 1
    fi
    return 0
}

same() { cmp -s "$1" "$2"; }
differ() { ! cmp -s "$1" "$2"; }
mode_is() { [ "$(stat -c %a "$1")" = "$2" ]; }
size_of() { stat -c %s "$1"; }
first_line_is() { [ "$(head -n 1 "$1")" = "$2" ]; }
starts_with_der_sequence() { [ "$(head -c 1 "$1" | od -An -tx1 | tr -d ' ')" = 30 ]; }
# The DER inside a one-block PEM file.
pem_to_der() { sed '1d;$d' "$1" | base64 -d >"$2"; }
. "$HERE/../support/flip_byte.sh"

# Algorithm names and sizes from `pqsafe list`.
list_algs() { "$PQSAFE" list | awk 'NF >= 5 && $1 != "KEM" && $1 != "signature" { print $1 }'; }
sig_algs() { "$PQSAFE" list | awk '/^signature/ { s = 1; next } s && NF >= 5 { print $1 }'; }
sig_bytes() { "$PQSAFE" list | awk -v a="$1" '/^signature/ { s = 1; next } s && $1 == a { print $5 }'; }
is_seeded() { case $1 in ML-KEM-* | ML-DSA-*) return 0 ;; *) return 1 ;; esac; }

# ---------------------------------------------------------------------------------------
section_keygen() {
    local algs alg form
    algs=$(list_algs)
    for alg in ML-KEM-512 ML-KEM-768 ML-KEM-1024 ML-DSA-44 ML-DSA-65 ML-DSA-87 \
        SLH-DSA-SHA2-128s SLH-DSA-SHA2-128f SLH-DSA-SHA2-192s SLH-DSA-SHA2-192f \
        SLH-DSA-SHA2-256s SLH-DSA-SHA2-256f SLH-DSA-SHAKE-128s SLH-DSA-SHAKE-128f \
        SLH-DSA-SHAKE-192s SLH-DSA-SHAKE-192f SLH-DSA-SHAKE-256s SLH-DSA-SHAKE-256f; do
        check "pqsafe list names $alg" grep -qx -- "$alg" <<<"$algs"
    done
    for alg in $algs; do
        pq keygen --alg "$alg" -o "$alg.key" --pub "$alg.pub"
        expect 0 "keygen --alg $alg -o --pub" || continue
        check "$alg: the private key file has mode 0600" mode_is "$alg.key" 600
        check "$alg: the public key file has mode 0644" mode_is "$alg.pub" 644
        check "$alg: PEM PKCS#8" first_line_is "$alg.key" "-----BEGIN PRIVATE KEY-----"
        check "$alg: PEM SPKI" first_line_is "$alg.pub" "-----BEGIN PUBLIC KEY-----"
        pq pubkey "$alg.key"
        expect 0 "pubkey $alg.key" && check "$alg: --pub is the key's public key" same out "$alg.pub"

        # An existing file is kept unless --force.
        cp "$alg.key" saved.key
        cp "$alg.pub" saved.pub
        pq keygen --alg "$alg" -o "$alg.key"
        expect 2 "keygen -o over an existing $alg key without --force"
        check "$alg: refused keygen leaves the key file alone" same "$alg.key" saved.key
        pq keygen --alg "$alg" -o "$alg.key" --pub "$alg.pub" --force
        expect 0 "keygen --force over $alg.key and $alg.pub"
        check "$alg: --force writes a new private key" differ "$alg.key" saved.key
        check "$alg: --force writes a new public key" differ "$alg.pub" saved.pub
        check "$alg: a replaced private key still has mode 0600" mode_is "$alg.key" 600
        pq pubkey "$alg.key"
        expect 0 "pubkey of the replaced $alg key" && check "$alg: replaced pair matches" same out "$alg.pub"

        # Every private form, in DER.
        for form in seed expanded both; do
            pq keygen --alg "$alg" --form "$form" --der -o "$alg.$form.der" --pub "$alg.$form.pub.der"
            expect 0 "keygen --alg $alg --form $form --der" || continue
            check "$alg $form: DER private key" starts_with_der_sequence "$alg.$form.der"
            check "$alg $form: DER public key" starts_with_der_sequence "$alg.$form.pub.der"
            check "$alg $form: DER private key has mode 0600" mode_is "$alg.$form.der" 600
            pq pubkey "$alg.$form.der" --der
            expect 0 "pubkey reads the $alg $form private key back" &&
                check "$alg $form: public key matches" same out "$alg.$form.pub.der"
        done
        if [ -f "$alg.seed.der" ] && [ -f "$alg.expanded.der" ] && [ -f "$alg.both.der" ]; then
            local s e b
            s=$(size_of "$alg.seed.der")
            e=$(size_of "$alg.expanded.der")
            b=$(size_of "$alg.both.der")
            if is_seeded "$alg"; then
                check "$alg: seed ($s) < expanded ($e) < both ($b) bytes" test "$s" -lt "$e" -a "$e" -lt "$b"
            else
                check "$alg: a single private form ($s, $e, $b bytes)" test "$s" -eq "$e" -a "$e" -eq "$b"
            fi
        fi
    done

    # Standard output, PEM and DER.
    pq keygen --alg ML-DSA-44
    expect 0 "keygen to standard output"
    check "keygen to stdout writes PEM PKCS#8" first_line_is out "-----BEGIN PRIVATE KEY-----"
    cp out stdout.key
    pq pubkey stdout.key
    expect 0 "pubkey of a key written to stdout"
    pq keygen --alg ML-KEM-512 --der -o -
    expect 0 "keygen --der -o -"
    check "keygen --der -o - writes DER" starts_with_der_sequence out

    # Mode 0600 whatever the umask.
    local old
    old=$(umask)
    umask 000
    pq keygen --alg ML-KEM-768 -o umask.key
    umask "$old"
    expect 0 "keygen under umask 000" && check "private key is 0600 under umask 000" mode_is umask.key 600

    # --pub onto an existing file: refused, and no half-written pair left behind.
    pq keygen --alg ML-DSA-44 -o fresh.key --pub ML-DSA-44.pub
    expect 2 "keygen --pub over an existing file without --force"
    check "a refused keygen leaves no private key behind" test ! -e fresh.key

    # Usage errors.
    pq keygen
    expect 2 "keygen without --alg"
    pq keygen -o x.key
    expect 2 "keygen -o without --alg"
    pq keygen --alg NO-SUCH-ALG -o x.key
    expect 2 "keygen --alg NO-SUCH-ALG"
    pq keygen --alg ML-DSA-65 --form compact -o x.key
    expect 2 "keygen --form compact"
    pq keygen --alg
    expect 2 "keygen --alg without a value"
    pq keygen --alg ML-DSA-65 -o
    expect 2 "keygen -o without a value"
    pq keygen --alg ML-DSA-65 --bogus
    expect 2 "keygen --bogus"
    pq keygen --alg ML-DSA-65 extra.key
    expect 2 "keygen with a stray argument"
    pq keygen --alg ML-DSA-65 -o no/such/dir/x.key
    expect 2 "keygen -o into a missing directory"
    check "no x.key after the failed keygens" test ! -e x.key
}

# ---------------------------------------------------------------------------------------
section_pubkey() {
    local alg
    for alg in ML-KEM-768 ML-DSA-65 SLH-DSA-SHAKE-128f X-Wing; do
        pq keygen --alg "$alg" -o "$alg.key" --pub "$alg.pub"
        expect 0 "keygen $alg (PEM)" || continue
        pq keygen --alg "$alg" --der -o "$alg.key.der" --pub "$alg.pub.der"
        expect 0 "keygen $alg (DER)" || continue
        pem_to_der "$alg.pub" "$alg.pub.pem-der"

        pq pubkey "$alg.key"
        expect 0 "pubkey $alg private PEM" && check "$alg: PEM from private PEM" same out "$alg.pub"
        pq pubkey "$alg.key" --der
        expect 0 "pubkey $alg private PEM --der" && check "$alg: DER from private PEM" same out "$alg.pub.pem-der"
        pq pubkey "$alg.pub"
        expect 0 "pubkey $alg public PEM" && check "$alg: PEM from public PEM" same out "$alg.pub"
        pq pubkey "$alg.pub" --der
        expect 0 "pubkey $alg public PEM --der" && check "$alg: DER from public PEM" same out "$alg.pub.pem-der"
        pq pubkey "$alg.key.der" --der
        expect 0 "pubkey $alg private DER --der" && check "$alg: DER from private DER" same out "$alg.pub.der"
        pq pubkey "$alg.pub.der" --der
        expect 0 "pubkey $alg public DER --der" && check "$alg: DER from public DER" same out "$alg.pub.der"
        pq pubkey "$alg.key.der"
        if expect 0 "pubkey $alg private DER"; then
            check "$alg: PEM from private DER" first_line_is out "-----BEGIN PUBLIC KEY-----"
            pem_to_der out out.der
            check "$alg: PEM from private DER holds the DER public key" same out.der "$alg.pub.der"
        fi

        # -o FILE: mode 0644, no overwrite without --force, '-' is standard output.
        pq pubkey "$alg.key" -o "$alg.out.pem"
        expect 0 "pubkey -o" && check "$alg: pubkey -o writes the key" same "$alg.out.pem" "$alg.pub"
        check "$alg: pubkey -o file has mode 0644" mode_is "$alg.out.pem" 644
        pq pubkey "$alg.key.der" -o "$alg.out.pem"
        expect 2 "pubkey -o over an existing file without --force"
        check "$alg: refused pubkey leaves the file alone" same "$alg.out.pem" "$alg.pub"
        pq pubkey "$alg.key.der" -o "$alg.out.pem" --force
        expect 0 "pubkey -o --force" && check "$alg: --force replaces" differ "$alg.out.pem" "$alg.pub"
        pq pubkey "$alg.key" -o -
        expect 0 "pubkey -o -" && check "$alg: -o - is standard output" same out "$alg.pub"
    done

    # Bad inputs and usage errors.
    head -c -10 ML-DSA-65.key.der >truncated.der
    sed 's/PRIVATE KEY/CERTIFICATE/' ML-DSA-65.key >label.pem
    printf 'not a key\n' >garbage.pem
    : >empty.pem
    mkdir adir
    pq pubkey
    expect 2 "pubkey without a file"
    pq pubkey missing.pem
    expect 2 "pubkey of a missing file"
    pq pubkey garbage.pem
    expect 2 "pubkey of a garbage file"
    pq pubkey empty.pem
    expect 2 "pubkey of an empty file"
    pq pubkey truncated.der
    expect 2 "pubkey of a truncated DER key"
    pq pubkey label.pem
    expect 2 "pubkey of a PEM file labelled CERTIFICATE"
    pq pubkey adir
    expect 2 "pubkey of a directory"
    pq pubkey ML-DSA-65.key ML-DSA-65.pub
    expect 2 "pubkey with two files"
    pq pubkey ML-DSA-65.key --bogus
    expect 2 "pubkey --bogus"
    pq pubkey ML-DSA-65.key -o
    expect 2 "pubkey -o without a value"
    pq pubkey ML-DSA-65.key -o no/such/dir/p.pem
    expect 2 "pubkey -o into a missing directory"
}

# ---------------------------------------------------------------------------------------
# The full sign/verify matrix for one algorithm.
sign_matrix() {
    local alg=$1 other=$2 n k p ctx255 ctx256
    n=$(sig_bytes "$alg")
    k=$alg.key
    p=$alg.pub
    pq keygen --alg "$alg" -o "$k" --pub "$p"
    expect 0 "keygen $alg" || return
    pq pubkey "$k" --der -o "$alg.pub.der"
    expect 0 "pubkey $alg --der"
    pq keygen --alg "$alg" -o "$alg.other.key" --pub "$alg.other.pub"
    expect 0 "keygen a second $alg key"
    pq keygen --alg "$other" -o "$other.key" --pub "$other.pub"
    expect 0 "keygen $other"
    cp msg "$alg.msg"

    # Default: SHA2-512 pre-hash, signature in FILE.sig.
    pq sign --key "$k" "$alg.msg"
    expect 0 "$alg: sign (default pre-hash)" || return
    check "$alg: sign writes FILE.sig" test -f "$alg.msg.sig"
    check "$alg: the signature is $n bytes" test "$(size_of "$alg.msg.sig")" -eq "$n"
    pq verify --key "$p" --sig "$alg.msg.sig" "$alg.msg"
    expect 0 "$alg: verify (default)" && check "$alg: verify says valid" grep -q "valid $alg signature" out
    pq verify --key "$k" --sig "$alg.msg.sig" "$alg.msg"
    expect 0 "$alg: verify with the private key file"
    pq verify --key "$alg.pub.der" --sig "$alg.msg.sig" "$alg.msg"
    expect 0 "$alg: verify with a DER public key"
    pq verify --key "$p" --sig "$alg.msg.sig" --prehash SHA2-512 "$alg.msg"
    expect 0 "$alg: verify --prehash SHA2-512 (the default, named)"

    # Negative verdicts: exit 1.
    cp "$alg.msg" mod.msg
    flip_byte mod.msg 1000
    pq verify --key "$p" --sig "$alg.msg.sig" mod.msg
    expect 1 "$alg: verify a modified file" && check "$alg: verify says INVALID" grep -q INVALID out
    cp "$alg.msg" long.msg
    printf x >>long.msg
    pq verify --key "$p" --sig "$alg.msg.sig" long.msg
    expect 1 "$alg: verify a file with a byte appended"
    pq verify --key "$alg.other.pub" --sig "$alg.msg.sig" "$alg.msg"
    expect 1 "$alg: verify with another $alg key"
    pq verify --key "$other.pub" --sig "$alg.msg.sig" "$alg.msg"
    expect 1 "$alg: verify with an $other key"
    head -c -1 "$alg.msg.sig" >trunc.sig
    pq verify --key "$p" --sig trunc.sig "$alg.msg"
    expect 1 "$alg: verify a truncated signature"
    head -c $((n / 2)) "$alg.msg.sig" >half.sig
    pq verify --key "$p" --sig half.sig "$alg.msg"
    expect 1 "$alg: verify half a signature"
    : >empty.sig
    pq verify --key "$p" --sig empty.sig "$alg.msg"
    expect 1 "$alg: verify an empty signature"
    cp "$alg.msg.sig" extended.sig
    printf '\0' >>extended.sig
    pq verify --key "$p" --sig extended.sig "$alg.msg"
    expect 1 "$alg: verify a signature with a byte appended"
    cp "$alg.msg.sig" flipped.sig
    flip_byte flipped.sig $((n / 2))
    pq verify --key "$p" --sig flipped.sig "$alg.msg"
    expect 1 "$alg: verify a signature with a flipped bit"
    pq verify --key "$p" --sig "$alg.msg.sig" --pure "$alg.msg"
    expect 1 "$alg: a pre-hash signature does not verify as --pure"
    pq verify --key "$p" --sig "$alg.msg.sig" --prehash SHA3-256 "$alg.msg"
    expect 1 "$alg: a SHA2-512 pre-hash signature does not verify as SHA3-256"
    pq verify --key "$p" --sig "$alg.msg.sig" --ctx x "$alg.msg"
    expect 1 "$alg: a signature without context does not verify with one"

    # No overwrite without --force.
    cp "$alg.msg.sig" kept.sig
    pq sign --key "$k" -o "$alg.msg.sig" "$alg.msg"
    expect 2 "$alg: sign over an existing signature without --force"
    check "$alg: refused sign leaves the signature alone" same "$alg.msg.sig" kept.sig
    pq sign --key "$k" "$alg.msg"
    expect 2 "$alg: sign over an existing FILE.sig without --force"
    pq sign --key "$k" --force "$alg.msg"
    expect 0 "$alg: sign --force over FILE.sig"
    pq verify --key "$p" --sig "$alg.msg.sig" "$alg.msg"
    expect 0 "$alg: the replaced signature verifies"

    # Context strings.
    pq sign --key "$k" --ctx "model v1" -o "$alg.ctx.sig" "$alg.msg"
    expect 0 "$alg: sign --ctx"
    pq verify --key "$p" --sig "$alg.ctx.sig" --ctx "model v1" "$alg.msg"
    expect 0 "$alg: verify --ctx with the same context"
    pq verify --key "$p" --sig "$alg.ctx.sig" "$alg.msg"
    expect 1 "$alg: verify without the context"
    pq verify --key "$p" --sig "$alg.ctx.sig" --ctx "model v2" "$alg.msg"
    expect 1 "$alg: verify with a wrong context"
    ctx255=$(printf 'c%.0s' $(seq 255))
    ctx256=${ctx255}c
    pq sign --key "$k" --ctx "$ctx255" -o "$alg.ctx255.sig" "$alg.msg"
    expect 0 "$alg: sign with a 255-byte context"
    pq verify --key "$p" --sig "$alg.ctx255.sig" --ctx "$ctx255" "$alg.msg"
    expect 0 "$alg: verify with a 255-byte context"
    pq sign --key "$k" --ctx "$ctx256" -o "$alg.ctx256.sig" "$alg.msg"
    expect 2 "$alg: sign with a 256-byte context"
    check "$alg: no signature for a 256-byte context" test ! -e "$alg.ctx256.sig"
    pq verify --key "$p" --sig "$alg.ctx255.sig" --ctx "$ctx256" "$alg.msg"
    expect 2 "$alg: verify with a 256-byte context"

    # --pure: the file itself (FIPS 204 Alg. 2 / FIPS 205 Alg. 22).
    pq sign --key "$k" --pure -o "$alg.pure.sig" "$alg.msg"
    expect 0 "$alg: sign --pure"
    pq verify --key "$p" --sig "$alg.pure.sig" --pure "$alg.msg"
    expect 0 "$alg: verify --pure"
    pq verify --key "$p" --sig "$alg.pure.sig" "$alg.msg"
    expect 1 "$alg: a pure signature does not verify as pre-hash"
    pq verify --key "$p" --sig "$alg.pure.sig" --pure mod.msg
    expect 1 "$alg: verify --pure a modified file"
    pq sign --key "$k" --pure --ctx abc -o "$alg.purectx.sig" "$alg.msg"
    expect 0 "$alg: sign --pure --ctx"
    pq verify --key "$p" --sig "$alg.purectx.sig" --pure --ctx abc "$alg.msg"
    expect 0 "$alg: verify --pure --ctx"
    pq verify --key "$p" --sig "$alg.purectx.sig" --pure --ctx abd "$alg.msg"
    expect 1 "$alg: verify --pure with a wrong context"

    # --prehash SHA3-256.
    pq sign --key "$k" --prehash SHA3-256 -o "$alg.sha3.sig" "$alg.msg"
    expect 0 "$alg: sign --prehash SHA3-256"
    pq verify --key "$p" --sig "$alg.sha3.sig" --prehash SHA3-256 "$alg.msg"
    expect 0 "$alg: verify --prehash SHA3-256"
    pq verify --key "$p" --sig "$alg.sha3.sig" "$alg.msg"
    expect 1 "$alg: a SHA3-256 pre-hash signature does not verify as SHA2-512"
    pq verify --key "$p" --sig "$alg.sha3.sig" --pure "$alg.msg"
    expect 1 "$alg: a SHA3-256 pre-hash signature does not verify as --pure"
    pq verify --key "$p" --sig "$alg.sha3.sig" --prehash SHA3-256 mod.msg
    expect 1 "$alg: verify --prehash SHA3-256 a modified file"
    pq sign --key "$k" --prehash SHA3-256 --ctx abc -o "$alg.sha3ctx.sig" "$alg.msg"
    expect 0 "$alg: sign --prehash SHA3-256 --ctx"
    pq verify --key "$p" --sig "$alg.sha3ctx.sig" --prehash SHA3-256 --ctx abc "$alg.msg"
    expect 0 "$alg: verify --prehash SHA3-256 --ctx"
    pq verify --key "$p" --sig "$alg.sha3ctx.sig" --prehash SHA3-256 "$alg.msg"
    expect 1 "$alg: verify --prehash SHA3-256 without the context"

    # Standard input.
    STDIN=$alg.msg pq sign --key "$k" -o "$alg.stdin1.sig" -
    expect 0 "$alg: sign - (standard input)"
    pq verify --key "$p" --sig "$alg.stdin1.sig" "$alg.msg"
    expect 0 "$alg: a signature of standard input verifies against the file"
    STDIN=$alg.msg pq verify --key "$p" --sig "$alg.msg.sig" -
    expect 0 "$alg: verify - (standard input)"
    STDIN=mod.msg pq verify --key "$p" --sig "$alg.msg.sig" -
    expect 1 "$alg: verify - of a modified standard input"
    rm -f stdin.sig
    STDIN=$alg.msg pq sign --key "$k" --ctx in -
    expect 0 "$alg: sign - without -o"
    check "$alg: sign - without -o writes stdin.sig" test -f stdin.sig
    pq verify --key "$p" --sig stdin.sig --ctx in "$alg.msg"
    expect 0 "$alg: stdin.sig verifies"
    pq sign --key "$k" -o - "$alg.msg"
    expect 0 "$alg: sign -o - (signature on standard output)"
    cp out stdout.sig
    check "$alg: -o - writes the $n-byte signature" test "$(size_of stdout.sig)" -eq "$n"
    pq verify --key "$p" --sig stdout.sig "$alg.msg"
    expect 0 "$alg: the signature from standard output verifies"
    STDIN=$alg.msg pq sign --key "$k" --pure -o x.sig -
    expect 2 "$alg: sign --pure - (needs a file)"

    # An empty file.
    : >empty.msg
    pq sign --key "$k" -o "$alg.empty-msg.sig" empty.msg
    expect 0 "$alg: sign an empty file"
    pq verify --key "$p" --sig "$alg.empty-msg.sig" empty.msg
    expect 0 "$alg: verify an empty file"
    pq sign --key "$k" --pure -o "$alg.empty-pure.sig" empty.msg
    expect 0 "$alg: sign --pure an empty file"
    pq verify --key "$p" --sig "$alg.empty-pure.sig" --pure empty.msg
    expect 0 "$alg: verify --pure an empty file"
}

section_sign() {
    local alg
    seq 1 30000 >msg   # ~170 KB, deterministic
    sign_matrix ML-DSA-65 ML-DSA-87
    sign_matrix SLH-DSA-SHA2-128f SLH-DSA-SHAKE-128f

    # Usage and input errors: exit 2, one line.
    local k=ML-DSA-65.key p=ML-DSA-65.pub s=ML-DSA-65.msg.sig m=ML-DSA-65.msg
    pq keygen --alg ML-KEM-768 -o kem.key --pub kem.pub
    expect 0 "keygen ML-KEM-768"
    pq keygen --alg X-Wing -o xwing.key
    expect 0 "keygen X-Wing"
    printf 'not a key\n' >garbage.key
    mkdir -p adir
    pq sign
    expect 2 "sign without arguments"
    pq verify
    expect 2 "verify without arguments"
    pq sign --key "$k"
    expect 2 "sign without a file"
    pq sign "$m"
    expect 2 "sign without --key"
    pq verify --key "$p" "$m"
    expect 2 "verify without --sig"
    pq verify --sig "$s" "$m"
    expect 2 "verify without --key"
    pq verify --key "$p" --sig "$s"
    expect 2 "verify without a file"
    pq sign --key "$k" --bogus "$m"
    expect 2 "sign --bogus"
    pq verify --key "$p" --sig "$s" --bogus "$m"
    expect 2 "verify --bogus"
    pq sign "$m" --key
    expect 2 "sign --key without a value"
    pq verify --key "$p" "$m" --sig
    expect 2 "verify --sig without a value"
    pq sign --key "$k" --ctx
    expect 2 "sign --ctx without a value"
    pq sign --key "$k" "$m" "$m"
    expect 2 "sign with two files"
    pq sign --key "$k" --sig "$s" "$m"
    expect 2 "sign --sig (a verify option)"
    pq verify --key "$p" --sig "$s" -o x.sig "$m"
    expect 2 "verify -o (a sign option)"
    pq sign --key "$k" --pure --prehash SHA3-256 -o x.sig "$m"
    expect 2 "sign --pure --prehash"
    pq verify --key "$p" --sig "$s" --pure --prehash SHA3-256 "$m"
    expect 2 "verify --pure --prehash"
    pq sign --key "$k" --prehash MD5 -o x.sig "$m"
    expect 2 "sign --prehash MD5"
    pq verify --key "$p" --sig "$s" --prehash MD5 "$m"
    expect 2 "verify --prehash MD5"
    pq sign --key kem.key -o x.sig "$m"
    expect 2 "sign with an ML-KEM key"
    pq sign --key xwing.key -o x.sig "$m"
    expect 2 "sign with an X-Wing key"
    pq verify --key kem.pub --sig "$s" "$m"
    expect 2 "verify with an ML-KEM key"
    pq sign --key "$p" -o x.sig "$m"
    expect 2 "sign with a public key"
    pq sign --key missing.key -o x.sig "$m"
    expect 2 "sign with a missing key file"
    pq sign --key garbage.key -o x.sig "$m"
    expect 2 "sign with a garbage key file"
    pq sign --key "$k" -o x.sig missing.msg
    expect 2 "sign a missing file"
    pq sign --key "$k" --pure -o x.sig missing.msg
    expect 2 "sign --pure a missing file"
    pq sign --key "$k" -o x.sig adir
    expect 2 "sign a directory"
    pq sign --key "$k" --pure -o x.sig adir
    expect 2 "sign --pure a directory"
    pq sign --key "$k" -o no/such/dir/x.sig "$m"
    expect 2 "sign -o into a missing directory"
    pq verify --key missing.pub --sig "$s" "$m"
    expect 2 "verify with a missing key file"
    pq verify --key "$p" --sig missing.sig "$m"
    expect 2 "verify a missing signature file"
    pq verify --key "$p" --sig "$s" missing.msg
    expect 2 "verify a missing file"
    pq verify --key "$p" --sig "$s" --pure missing.msg
    expect 2 "verify --pure a missing file"
    pq verify --key "$p" --sig "$s" adir
    expect 2 "verify a directory"
    check "no x.sig after the failed signs" test ! -e x.sig

    # Every signature algorithm of `pqsafe list`, default mode (one 's' set: they are slow).
    for alg in $(sig_algs); do
        case $alg in SLH-DSA-*s) [ "$alg" = SLH-DSA-SHA2-128s ] || continue ;; esac
        pq keygen --alg "$alg" -o "all-$alg.key" --pub "all-$alg.pub"
        expect 0 "keygen $alg" || continue
        pq sign --key "all-$alg.key" -o "all-$alg.sig" msg
        expect 0 "sign with $alg" || continue
        check "$alg: signature size" test "$(size_of "all-$alg.sig")" -eq "$(sig_bytes "$alg")"
        pq verify --key "all-$alg.pub" --sig "all-$alg.sig" msg
        expect 0 "verify with $alg"
        flip_byte "all-$alg.sig" 7
        pq verify --key "all-$alg.pub" --sig "all-$alg.sig" msg
        expect 1 "verify a corrupted $alg signature"
    done
}

# ---------------------------------------------------------------------------------------
section_usage() {
    local cmds c
    pq --help
    expect 0 "pqsafe --help"
    check "--help starts with usage" first_line_is out "usage: pqsafe <command> [options]"
    cmds=$(awk '/^commands:/ { f = 1; next } f && NF == 0 { f = 0 } f { print $1 }' out)
    check "--help lists the subcommands" test "$(wc -w <<<"$cmds")" -ge 8
    for c in demo keygen pubkey sign verify list bench version; do
        check "--help lists $c" grep -qx "$c" <<<"$cmds"
    done
    for c in $cmds; do
        pq "$c" --help
        expect 0 "pqsafe $c --help" || continue
        check "$c --help writes usage to stdout" grep -q "^usage: pqsafe $c" out
        check "$c --help writes nothing to stderr" test ! -s err
        cp out help.txt
        pq "$c" -h
        expect 0 "pqsafe $c -h" && check "$c -h is --help" same out help.txt
        pq "$c" --no-such-option
        expect 2 "pqsafe $c --no-such-option"
    done
    pq help
    expect 0 "pqsafe help"
    pq -h
    expect 0 "pqsafe -h"
    pq
    checks=$((checks + 1))
    if [ "$rc" -ne 2 ] || ! grep -q '^usage: pqsafe' err; then
        fail "pqsafe without a command: exit $rc, expected 2 and the usage on stderr"
    fi
    pq frobnicate
    expect 2 "unknown command frobnicate"
    pq --frobnicate
    expect 2 "unknown option --frobnicate"
    pq ""
    expect 2 "empty command"
    pq version
    expect 0 "pqsafe version" && check "version prints the version" grep -q '^pqsafe [0-9]' out
    pq --version
    expect 0 "pqsafe --version" && check "--version prints the version" grep -q '^pqsafe [0-9]' out
    pq version extra
    expect 2 "version with an argument"
    pq list
    expect 0 "pqsafe list" && check "list shows ML-KEM-768" grep -q '^ML-KEM-768 ' out
    pq list extra
    expect 2 "list with an argument"
    PQSAFE_FORCE_PORTABLE=1 pq version
    expect 0 "PQSAFE_FORCE_PORTABLE=1 pqsafe version" &&
        check "PQSAFE_FORCE_PORTABLE=1 reports portable code" grep -q 'portable' out
}

# ---------------------------------------------------------------------------------------
# node ARGS...: run cli_node.js; sets $nrc.
node_run() {
    "$NODE" "$HERE/cli_node.js" "$@" >"$WORK/node.out" 2>"$WORK/node.err"
    nrc=$?
    [ "$nrc" -le 1 ] || { echo "    node: $(cat "$WORK/node.err")" >&2; }
}
expect_node() {
    checks=$((checks + 1))
    [ "$nrc" -eq "$1" ] || fail "$2 -> Node exit $nrc, expected $1"
}

section_interop() {
    if [ -z "$NODE" ] || [ ! -x "$NODE" ]; then
        echo "FAIL: Node 24 (the OpenSSL 3.5 interop peer) not found at '${NODE}'." >&2
        echo "Run scripts/setup.sh to install it, or set PQSAFE_NODE." >&2
        cd / && rm -rf "$WORK"
        exit 1
    fi
    echo "interop peer: Node $("$NODE" -p process.versions.node), OpenSSL $("$NODE" -p process.versions.openssl)"
    local alg
    head -c 5000 /dev/urandom >msg
    for alg in ML-DSA-44 ML-DSA-65 ML-DSA-87 SLH-DSA-SHA2-128f SLH-DSA-SHAKE-128f; do
        pq keygen --alg "$alg" -o "$alg.key" --pub "$alg.pub"
        expect 0 "keygen $alg" || continue
        pq pubkey "$alg.key" --der -o "$alg.pub.der"
        expect 0 "pubkey $alg --der"

        # pqsafe signs (pure), Node verifies.
        pq sign --pure --key "$alg.key" -o "$alg.p.sig" msg
        expect 0 "$alg: pqsafe sign --pure"
        node_run verify "$alg.pub" msg "$alg.p.sig"
        expect_node 0 "$alg: Node verifies pqsafe's pure signature"
        node_run verify "$alg.pub.der" msg "$alg.p.sig"
        expect_node 0 "$alg: Node verifies pqsafe's pure signature with the DER public key"
        pq sign --pure --ctx "model v1" --key "$alg.key" -o "$alg.pc.sig" msg
        expect 0 "$alg: pqsafe sign --pure --ctx"
        node_run verify "$alg.pub" msg "$alg.pc.sig" "model v1"
        expect_node 0 "$alg: Node verifies pqsafe's pure signature with its context"
        node_run verify "$alg.pub" msg "$alg.pc.sig"
        expect_node 1 "$alg: Node rejects pqsafe's signature without its context"
        node_run verify "$alg.pub" msg "$alg.pc.sig" "model v2"
        expect_node 1 "$alg: Node rejects pqsafe's signature under another context"
        pq sign --key "$alg.key" -o "$alg.h.sig" msg
        expect 0 "$alg: pqsafe sign (pre-hash)"
        node_run verify "$alg.pub" msg "$alg.h.sig"
        expect_node 1 "$alg: Node's pure verify rejects a pre-hash signature"

        # Node signs, pqsafe verifies --pure.
        node_run keygen "$alg" "$alg.node.key" "$alg.node.pub"
        expect_node 0 "$alg: Node keygen"
        node_run sign "$alg.node.key" msg "$alg.n.sig"
        expect_node 0 "$alg: Node sign"
        pq verify --pure --key "$alg.node.pub" --sig "$alg.n.sig" msg
        expect 0 "$alg: pqsafe verify --pure of Node's signature"
        pq verify --key "$alg.node.pub" --sig "$alg.n.sig" msg
        expect 1 "$alg: pqsafe's pre-hash verify rejects Node's pure signature"
        flip_byte msg 17
        pq verify --pure --key "$alg.node.pub" --sig "$alg.n.sig" msg
        expect 1 "$alg: pqsafe rejects Node's signature of a modified file"
        flip_byte msg 17
        node_run sign "$alg.node.key" msg "$alg.nc.sig" "model v1"
        expect_node 0 "$alg: Node sign with a context"
        pq verify --pure --ctx "model v1" --key "$alg.node.pub" --sig "$alg.nc.sig" msg
        expect 0 "$alg: pqsafe verify --pure --ctx of Node's signature"
        pq verify --pure --ctx "model v2" --key "$alg.node.pub" --sig "$alg.nc.sig" msg
        expect 1 "$alg: pqsafe rejects Node's signature under another context"

        # Each signs with the other's private key file.
        pq sign --pure --key "$alg.node.key" -o "$alg.pn.sig" msg
        expect 0 "$alg: pqsafe sign --pure with Node's private key"
        node_run verify "$alg.node.pub" msg "$alg.pn.sig"
        expect_node 0 "$alg: Node verifies pqsafe's signature made with Node's key"
        node_run sign "$alg.key" msg "$alg.np.sig" ctx
        expect_node 0 "$alg: Node signs with pqsafe's private key"
        pq verify --pure --ctx ctx --key "$alg.pub" --sig "$alg.np.sig" msg
        expect 0 "$alg: pqsafe verifies Node's signature made with pqsafe's key"
    done
}

# ---------------------------------------------------------------------------------------
case $SECTION in
keygen | pubkey | sign | usage | interop) "section_$SECTION" ;;
*)
    echo "unknown section '$SECTION'" >&2
    exit 2
    ;;
esac

echo "test_cli_$SECTION: $checks checks, $failures failed"
if [ "$failures" -ne 0 ]; then
    echo "the files are kept in $WORK" >&2
    exit 1
fi
cd / && rm -rf "$WORK"
exit 0
