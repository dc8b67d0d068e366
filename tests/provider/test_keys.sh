#!/usr/bin/env bash
# ML-KEM key files through the provider's KEYMGMT, encoders and decoders, with Debian's
# openssl command: `openssl genpkey`, `openssl pkey` (-pubout, -text, -check, DER) read and
# write the same bytes as `pqsafe keygen` / `pqsafe pubkey`, and Node 24 (OpenSSL 3.5)
# reads the keys openssl writes with the provider and the other way round.
. "$(dirname "$0")/lib.sh"
need openssl cmp
need_node
: "${PQSAFE:?set by CTest}"
check_provider_loads
cd "$WORK"

for alg in ML-KEM-512 ML-KEM-768 ML-KEM-1024; do
    # openssl makes the key; pqsafe reads it and derives the same public key file.
    ossl openssl genpkey -algorithm "$alg" -out o.pem || fail "openssl genpkey -algorithm $alg"
    ossl openssl pkey -in o.pem -pubout -out o.pub || fail "openssl pkey -pubout ($alg)"
    "$PQSAFE" pubkey o.pem -o o2.pub --force >/dev/null 2>&1 || fail "pqsafe cannot read openssl's $alg key"
    cmp -s o.pub o2.pub || fail "$alg: openssl and pqsafe write different public keys"
    ossl openssl pkey -in o.pem -text -noout >o.txt || fail "openssl pkey -text ($alg)"
    grep -q "^$alg Private-Key:" o.txt && grep -q "^seed:" o.txt && grep -q "^ek:" o.txt ||
        { cat o.txt; fail "$alg text form"; }
    ossl openssl pkey -in o.pem -check -noout | grep -q "Key is valid" || fail "$alg -check"

    # pqsafe makes the key (seed form, and expanded form); openssl writes it back unchanged.
    for form in seed expanded; do
        "$PQSAFE" keygen --alg "$alg" --form "$form" -o p.pem --pub p.pub --force >/dev/null 2>&1 ||
            fail "pqsafe keygen $alg"
        ossl openssl pkey -in p.pem -out p2.pem || fail "openssl cannot read pqsafe's $alg ($form) key"
        cmp -s p.pem p2.pem || fail "$alg ($form): openssl pkey does not write pqsafe's key back byte-identically"
        ossl openssl pkey -in p.pem -pubout -out p2.pub || fail "openssl pkey -pubout of pqsafe's $alg key"
        cmp -s p.pub p2.pub || fail "$alg: SPKI differs between pqsafe and openssl"
        ossl openssl pkey -pubin -in p.pub -out p3.pub || fail "openssl pkey -pubin ($alg)"
        cmp -s p.pub p3.pub || fail "$alg: SPKI not written back byte-identically"
        # DER both ways.
        "$PQSAFE" keygen --alg "$alg" --form "$form" --der -o p.der --pub p.pubder --force >/dev/null 2>&1 ||
            fail "pqsafe keygen --der"
        ossl openssl pkey -inform DER -in p.der -outform DER -out p2.der || fail "openssl pkey DER ($alg)"
        cmp -s p.der p2.der || fail "$alg ($form) DER private key differs"
        ossl openssl pkey -inform DER -in p.der -pubout -outform DER -out p2.pubder || fail "DER -pubout"
        cmp -s p.pubder p2.pubder || fail "$alg DER public key differs"
    done
    echo "ok: $alg key files: openssl genpkey/pkey (PEM, DER, -pubout, -text, -check) and pqsafe agree byte for byte"

    # OpenSSL 3.5 (Node 24) reads openssl's key, and writes one openssl reads.
    foreign "$PQS_NODE" -e "
        const c = require('crypto'), fs = require('fs');
        const k = c.createPrivateKey(fs.readFileSync('o.pem'));
        if (k.asymmetricKeyType !== '${alg,,}') throw new Error('type ' + k.asymmetricKeyType);
        fs.writeFileSync('n.pub', c.createPublicKey(k).export({type: 'spki', format: 'pem'}));
        const p = c.generateKeyPairSync('${alg,,}');
        fs.writeFileSync('n.pem', p.privateKey.export({type: 'pkcs8', format: 'pem'}));
        fs.writeFileSync('n2.pub', p.publicKey.export({type: 'spki', format: 'pem'}));
    " || fail "Node 24 cannot read openssl's $alg key"
    cmp -s o.pub n.pub || fail "$alg: Node 24 derives another public key"
    ossl openssl pkey -in n.pem -pubout -out n3.pub || fail "openssl cannot read Node 24's $alg key"
    cmp -s n2.pub n3.pub || fail "$alg: public key of Node's key differs"
    echo "ok: $alg keys cross between Debian openssl + pqsafe and Node 24 (OpenSSL 3.5)"
done
