/* SLH-DSA (FIPS 205) against the NIST ACVP vectors: keyGen (internalProjection) and the
 * sigGen subset (internal, external pure and external pre-hash; deterministic and
 * hedged). Every expected signature is also checked by the matching verify path.
 * argv[1] = "fast" runs the f sets, "slow" the s sets (README §1.6, §1.7). */
#include <stdlib.h>
#include <string.h>

#include "pqs_test.h"
#include "slhdsa/slhdsa.h"

#define KEYGEN_FILE "acvp/SLH-DSA-keyGen-FIPS205/internalProjection.json.gz"
#define SIGGEN_FILE "acvp/SLH-DSA-sigGen-FIPS205/subset.json.gz"

static int g_slow;

/* The f sets run in the quick test, the s sets in the "slow" one. */
static int wanted(const char *set)
{
    size_t l = strlen(set);
    return l > 0 && (set[l - 1] == 's') == (g_slow != 0);
}

static const char *jstr(json_t *o, const char *key)
{
    const char *s = json_string_value(json_object_get(o, key));
    return s != NULL ? s : "";
}

static int keygen_case(const pqs_slhdsa_params *p, json_t *t)
{
    size_t l1, l2, l3;
    uint8_t seed[3 * 32], pk[64], sk[128], pk2[64], sk2[128];
    uint8_t *sk_seed = pqs_test_json_hex(t, "skSeed", &l1);
    uint8_t *sk_prf = pqs_test_json_hex(t, "skPrf", &l2);
    uint8_t *pk_seed = pqs_test_json_hex(t, "pkSeed", &l3);
    long id = (long)json_integer_value(json_object_get(t, "tcId"));
    int ok = CHECK(l1 == p->n && l2 == p->n && l3 == p->n, "keyGen tc %ld: seed sizes", id);
    if (ok) {
        memcpy(seed, sk_seed, p->n);
        memcpy(seed + p->n, sk_prf, p->n);
        memcpy(seed + 2 * p->n, pk_seed, p->n);
        CHECK(pqs_slhdsa_keygen_internal(p, pk, sk, seed) == 0, "keyGen tc %ld", id);
        ok &= CHECK(pqs_test_eq_hex(pk, p->pk_bytes, jstr(t, "pk")), "keyGen tc %ld: pk", id);
        ok &= CHECK(pqs_test_eq_hex(sk, p->sk_bytes, jstr(t, "sk")), "keyGen tc %ld: sk", id);
        /* The same through the public API (seed = SK.seed || SK.prf || PK.seed). */
        const pqs_sig *alg = pqs_sig_find(p->name);
        ok &= CHECK(alg != NULL && pqs_sig_keypair(alg, pk2, sk2, seed) == 0 &&
                        memcmp(pk, pk2, p->pk_bytes) == 0 && memcmp(sk, sk2, p->sk_bytes) == 0,
                    "keyGen tc %ld: public API", id);
    }
    free(sk_seed);
    free(sk_prf);
    free(pk_seed);
    return ok;
}

static void test_keygen(void)
{
    json_t *j = pqs_test_load_json(KEYGEN_FILE);
    size_t gi, ti;
    json_t *g, *t;
    int cases = 0, passed = 0;
    json_array_foreach(json_object_get(j, "testGroups"), gi, g) {
        const char *set = jstr(g, "parameterSet");
        const pqs_slhdsa_params *p = pqs_slhdsa_params_find(set);
        if (!CHECK(p != NULL, "keyGen: unknown set %s", set) || !wanted(set))
            continue;
        json_array_foreach(json_object_get(g, "tests"), ti, t) {
            cases++;
            passed += keygen_case(p, t);
        }
    }
    printf("keyGen: %d/%d cases passed\n", passed, cases);
    CHECK(cases == 60, "keyGen: expected 60 cases, ran %d", cases);
    json_decref(j);
}

typedef struct {
    int internal, pure, prehash, verified;
} siggen_counts;

/* Sign with the interface of the group; returns the API result. */
static int sign_case(const pqs_slhdsa_params *p, const char *iface, const char *ph,
                     json_t *t, uint8_t *sig, const uint8_t *msg, size_t mlen,
                     const uint8_t *ctx, size_t clen, const uint8_t *sk, const uint8_t *rnd)
{
    const pqs_sig *alg = pqs_sig_find(p->name);
    size_t sig_len = 0;
    int rc;
    if (strcmp(iface, "internal") == 0)
        return pqs_slhdsa_sign_internal(p, sig, NULL, 0, msg, mlen, sk, rnd);
    if (strcmp(ph, "pure") == 0)
        rc = pqs_sig_sign(alg, sig, &sig_len, msg, mlen, ctx, clen, sk, rnd);
    else
        rc = pqs_sig_sign_prehash(alg, sig, &sig_len, jstr(t, "hashAlg"), msg, mlen, ctx, clen,
                                  sk, rnd);
    return rc == 0 && sig_len != p->sig_bytes ? -1 : rc;
}

static int verify_case(const pqs_slhdsa_params *p, const char *iface, const char *ph,
                       json_t *t, const uint8_t *sig, const uint8_t *msg, size_t mlen,
                       const uint8_t *ctx, size_t clen, const uint8_t *pk)
{
    const pqs_sig *alg = pqs_sig_find(p->name);
    if (strcmp(iface, "internal") == 0)
        return pqs_slhdsa_verify_internal(p, sig, p->sig_bytes, NULL, 0, msg, mlen, pk);
    if (strcmp(ph, "pure") == 0)
        return pqs_sig_verify(alg, sig, p->sig_bytes, msg, mlen, ctx, clen, pk);
    return pqs_sig_verify_prehash(alg, sig, p->sig_bytes, jstr(t, "hashAlg"), msg, mlen, ctx,
                                  clen, pk);
}

static int siggen_case(const pqs_slhdsa_params *p, json_t *g, json_t *t, siggen_counts *n)
{
    const char *iface = jstr(g, "signatureInterface"), *ph = jstr(g, "preHash");
    int det = json_is_true(json_object_get(g, "deterministic"));
    long id = (long)json_integer_value(json_object_get(t, "tcId"));
    size_t sklen, mlen, clen = 0, rlen = 0, slen;
    uint8_t *sk = pqs_test_json_hex(t, "sk", &sklen);
    uint8_t *msg = pqs_test_json_hex(t, "message", &mlen);
    uint8_t *want = pqs_test_json_hex(t, "signature", &slen);
    uint8_t *ctx = pqs_test_unhex(jstr(t, "context"), &clen);
    uint8_t *rnd = det ? NULL : pqs_test_json_hex(t, "additionalRandomness", &rlen);
    uint8_t *sig = malloc(p->sig_bytes);
    int ok = CHECK(sklen == p->sk_bytes && slen == p->sig_bytes && (det || rlen == p->n),
                   "sigGen tc %ld: sizes", id);
    if (ok) {
        /* Deterministic variant: opt_rand = PK.seed (FIPS 205 Alg. 22 step 4 note). */
        const uint8_t *opt_rand = det ? sk + 2 * p->n : rnd;
        ok &= CHECK(sign_case(p, iface, ph, t, sig, msg, mlen, ctx, clen, sk, opt_rand) == 0,
                    "sigGen tc %ld: sign failed", id);
        ok &= CHECK(memcmp(sig, want, p->sig_bytes) == 0, "sigGen tc %ld (%s %s %s): signature",
                    id, p->name, iface, ph);
        int v = verify_case(p, iface, ph, t, want, msg, mlen, ctx, clen, sk + 2 * p->n);
        n->verified += CHECK(v == 0, "sigGen tc %ld: expected signature does not verify", id);
        want[id % p->sig_bytes] ^= 0x01;
        CHECK(verify_case(p, iface, ph, t, want, msg, mlen, ctx, clen, sk + 2 * p->n) ==
                  PQS_E_VERIFY, "sigGen tc %ld: flipped signature verifies", id);
    }
    if (strcmp(iface, "internal") == 0)
        n->internal++;
    else if (strcmp(ph, "pure") == 0)
        n->pure++;
    else
        n->prehash++;
    free(sk), free(msg), free(want), free(ctx), free(rnd), free(sig);
    return ok;
}

static void test_siggen(void)
{
    json_t *j = pqs_test_load_json(SIGGEN_FILE);
    size_t gi, ti;
    json_t *g, *t;
    siggen_counts n = {0, 0, 0, 0};
    int cases = 0, passed = 0;
    json_array_foreach(json_object_get(j, "testGroups"), gi, g) {
        const char *set = jstr(g, "parameterSet");
        const pqs_slhdsa_params *p = pqs_slhdsa_params_find(set);
        if (!CHECK(p != NULL, "sigGen: unknown set %s", set) || !wanted(set))
            continue;
        json_array_foreach(json_object_get(g, "tests"), ti, t) {
            cases++;
            passed += siggen_case(p, g, t, &n);
        }
    }
    printf("sigGen: %d/%d cases passed (internal %d, pure %d, preHash %d); "
           "%d expected signatures verified\n",
           passed, cases, n.internal, n.pure, n.prehash, n.verified);
    CHECK(cases == 72 && n.internal == 24 && n.pure == 24 && n.prehash == 24,
          "sigGen: expected 72 cases (24 per interface), ran %d", cases);
    CHECK(n.verified == 72, "sigGen: %d of 72 expected signatures verified", n.verified);
    json_decref(j);
}

int main(int argc, char **argv)
{
    g_slow = argc > 1 && strcmp(argv[1], "slow") == 0;
    test_keygen();
    test_siggen();
    return pqs_test_done(g_slow ? "test_slhdsa_acvp_slow" : "test_slhdsa_acvp");
}
