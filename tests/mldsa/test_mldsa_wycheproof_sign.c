/* Wycheproof ML-DSA signing vectors (wycheproof/doc/mldsa.md):
 * - mldsa_*_sign_seed: KeyGen_internal(privateSeed) must give publicKey; signing
 *   (msg + ctx through the public API, or mu through the external-mu interface;
 *   rnd absent = deterministic) must give sig, which must verify.
 * - mldsa_*_sign_noseed: the same from the expanded private key, whose public key
 *   recomputed by pqs_mldsa_pk_from_sk must be publicKey; keys with s1 or s2 out of
 *   range must be refused by both (PQS_E_INVALID_KEY).
 * Contexts over 255 bytes must give PQS_E_CONTEXT. Keys of the wrong length cannot
 * reach the fixed-size API: the harness rejects them by length, as a caller must. */
#include <stdlib.h>
#include <string.h>

#include "mldsa_test_util.h"

typedef struct {
    const pqs_mldsa_params *p;
    const pqs_sig *alg;
    const uint8_t *sk, *pk;     /* pk NULL when the vector gives none */
    int tc;
    int valid;                  /* expected result is "valid" */
    int bad_key;                /* flag InvalidPrivateKey */
} sign_case;

static int has_flag(json_t *t, const char *flag)
{
    size_t i;
    json_t *f;
    json_array_foreach(json_object_get(t, "flags"), i, f) {
        if (strcmp(json_string_value(f), flag) == 0)
            return 1;
    }
    return 0;
}

/* Checks one signing outcome against the vector. */
static void check_signature(const sign_case *c, const char *how, int rc, const uint8_t *sig,
                            json_t *t)
{
    if (c->bad_key) {
        CHECK(!c->valid && rc == PQS_E_INVALID_KEY, "tc %d (%s): invalid key: rc %d", c->tc,
              how, rc);
        return;
    }
    CHECK(c->valid && rc == 0, "tc %d (%s): sign rc %d", c->tc, how, rc);
    CHECK(rc == 0 && pqs_test_eq_hex(sig, c->p->sig_bytes, mldsa_str(t, "sig")),
          "tc %d (%s): signature differs", c->tc, how);
}

/* msg (+ ctx) through pqs_sig_sign / pqs_sig_verify, and the mu it hashes to. */
static void sign_message(const sign_case *c, json_t *t, const uint8_t *rnd, uint8_t *sig)
{
    size_t mlen, clen, mulen, slen = 0;
    uint8_t *msg = mldsa_opt_hex(t, "msg", &mlen);
    uint8_t *ctx = mldsa_opt_hex(t, "ctx", &clen);
    uint8_t *mu = mldsa_opt_hex(t, "mu", &mulen);
    int rc = pqs_sig_sign(c->alg, sig, &slen, msg, mlen, ctx, clen, c->sk, rnd);
    if (clen > PQS_SIG_MAX_CTX_BYTES) {
        CHECK(!c->valid && rc == PQS_E_CONTEXT, "tc %d: %zu-byte context: rc %d", c->tc, clen,
              rc);
        CHECK(mu == NULL, "tc %d: a mu for an invalid context", c->tc);
    } else {
        check_signature(c, "message", rc, sig, t);
        if (rc == 0 && c->pk != NULL)
            CHECK(pqs_sig_verify(c->alg, sig, slen, msg, mlen, ctx, clen, c->pk) == 0,
                  "tc %d: own signature does not verify", c->tc);
        if (mu != NULL && c->pk != NULL) {
            uint8_t prefix[2 + PQS_SIG_MAX_CTX_BYTES], got[PQS_MLDSA_MU_BYTES];
            prefix[0] = 0;
            prefix[1] = (uint8_t)clen;
            if (clen > 0)
                memcpy(prefix + 2, ctx, clen);
            pqs_mldsa_compute_mu(c->p, got, c->pk, prefix, 2 + clen, msg, mlen);
            CHECK(mulen == sizeof got && memcmp(got, mu, sizeof got) == 0, "tc %d: mu differs",
                  c->tc);
        }
    }
    free(msg), free(ctx), free(mu);
}

/* mu through the external-mu interface (the only way for "Internal" vectors). */
static void sign_mu(const sign_case *c, json_t *t, const uint8_t *rnd, uint8_t *sig)
{
    size_t mulen;
    uint8_t *mu = mldsa_opt_hex(t, "mu", &mulen);
    if (mu == NULL)
        return;
    int rc = mulen == PQS_MLDSA_MU_BYTES ? pqs_mldsa_sign_mu(c->p, sig, mu, c->sk, rnd) : -100;
    check_signature(c, "mu", rc, sig, t);
    if (rc == 0 && c->pk != NULL)
        CHECK(pqs_mldsa_verify_mu(c->p, sig, mu, c->pk) == 0,
              "tc %d: own mu signature does not verify", c->tc);
    free(mu);
}

static void run_test(sign_case *c, json_t *t)
{
    size_t rlen;
    uint8_t zero[PQS_MLDSA_RND_BYTES] = {0};
    uint8_t *rnd = mldsa_opt_hex(t, "rnd", &rlen);
    uint8_t *sig = malloc(c->p->sig_bytes);
    c->tc = (int)json_integer_value(json_object_get(t, "tcId"));
    c->valid = strcmp(mldsa_str(t, "result"), "valid") == 0;
    c->bad_key = has_flag(t, "InvalidPrivateKey");
    if (rnd != NULL)
        CHECK(rlen == PQS_MLDSA_RND_BYTES, "tc %d: rnd length", c->tc);
    if (json_is_string(json_object_get(t, "msg")))
        sign_message(c, t, rnd != NULL ? rnd : zero, sig);
    sign_mu(c, t, rnd != NULL ? rnd : zero, sig);
    free(rnd), free(sig);
}

/* Runs one file; returns the number of test cases it decided. */
static int run_file(const char *path, int seeded)
{
    json_t *doc = pqs_test_load_json(path);
    sign_case c = {0};
    int cases = 0;
    size_t gi, ti;
    json_t *g, *t;
    c.p = mldsa_params_by_name(mldsa_str(doc, "algorithm"));
    c.alg = mldsa_sig_by_params(c.p);
    json_array_foreach(json_object_get(doc, "testGroups"), gi, g) {
        size_t klen, pklen;
        uint8_t *key = pqs_test_json_hex(g, seeded ? "privateSeed" : "privateKey", &klen);
        uint8_t *pk = mldsa_opt_hex(g, "publicKey", &pklen);
        uint8_t *sk = malloc(c.p->sk_bytes), *pk2 = malloc(c.p->pk_bytes);
        int key_ok = klen == (seeded ? 32 : c.p->sk_bytes);
        if (key_ok && seeded) {
            CHECK(pqs_mldsa_keypair_internal(c.p, pk2, sk, key) == 0, "%s: keygen", path);
            CHECK(pk != NULL && pklen == c.p->pk_bytes && memcmp(pk, pk2, pklen) == 0,
                  "%s group %zu: KeyGen(privateSeed) != publicKey", path, gi);
        } else if (key_ok) {
            memcpy(sk, key, c.p->sk_bytes);
            int rc = pqs_mldsa_pk_from_sk(c.p, pk2, sk);
            if (json_array_size(json_object_get(g, "tests")) > 0 &&
                has_flag(json_array_get(json_object_get(g, "tests"), 0), "InvalidPrivateKey"))
                CHECK(rc == PQS_E_INVALID_KEY, "%s group %zu: invalid key accepted", path, gi);
            else
                CHECK(rc == 0 && pk != NULL && memcmp(pk, pk2, c.p->pk_bytes) == 0,
                      "%s group %zu: pk from the expanded key != publicKey", path, gi);
        }
        c.sk = sk;
        c.pk = (pk != NULL && pklen == c.p->pk_bytes) ? pk : NULL;
        json_array_foreach(json_object_get(g, "tests"), ti, t) {
            if (key_ok)
                run_test(&c, t);
            else
                CHECK(strcmp(mldsa_str(t, "result"), "invalid") == 0,
                      "tc %d: a %zu-byte key accepted", (int)json_integer_value(
                      json_object_get(t, "tcId")), klen);
            cases++;
        }
        free(key), free(pk), free(sk), free(pk2);
    }
    CHECK(cases == json_integer_value(json_object_get(doc, "numberOfTests")),
          "%s: %d cases, header says otherwise", path, cases);
    json_decref(doc);
    return cases;
}

int main(void)
{
    static const struct {
        const char *path;
        int seeded, expected;
    } files[] = {
        {"wycheproof/testvectors_v1/mldsa_44_sign_seed_test.json.gz", 1, 86},
        {"wycheproof/testvectors_v1/mldsa_65_sign_seed_test.json.gz", 1, 105},
        {"wycheproof/testvectors_v1/mldsa_87_sign_seed_test.json.gz", 1, 96},
        {"wycheproof/testvectors_v1/mldsa_44_sign_noseed_test.json.gz", 0, 73},
        {"wycheproof/testvectors_v1/mldsa_65_sign_noseed_test.json.gz", 0, 78},
        {"wycheproof/testvectors_v1/mldsa_87_sign_noseed_test.json.gz", 0, 69},
    };
    int total = 0;
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
        int n = run_file(files[i].path, files[i].seeded);
        CHECK(n == files[i].expected, "%s: ran %d cases, expected %d", files[i].path, n,
              files[i].expected);
        printf("%s: %d cases\n", files[i].path, n);
        total += n;
    }
    CHECK(total == 507, "ran %d cases, expected 507", total);
    return pqs_test_done("test_mldsa_wycheproof_sign");
}
