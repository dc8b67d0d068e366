/* NIST ACVP ML-DSA sigGen: prompt.json joined with expectedResults.json on
 * (tgId, tcId). External groups go through the public API (ML-DSA.Sign, Alg. 2, and
 * HashML-DSA.Sign, Alg. 4); internal groups through Sign_internal (Alg. 7) on M' or
 * with an external mu. */
#include <stdlib.h>
#include <string.h>

#include "mldsa_test_util.h"

#define EXPECTED_CASES 360
#define EXPECTED_PER_KIND 45   /* 8 group kinds x 3 sets x 15 tests = 360 */
#define N_HASHES 12

enum { PURE, PREHASH, INTERNAL, EXT_MU, N_IFACE };
static const char *const iface_names[N_IFACE] = {"external/pure", "external/preHash",
                                                 "internal", "internal/externalMu"};

static json_t *find_by_id(json_t *arr, const char *key, json_int_t id)
{
    size_t i;
    json_t *v;
    json_array_foreach(arr, i, v) {
        if (json_integer_value(json_object_get(v, key)) == id)
            return v;
    }
    return NULL;
}

static const char *const hash_names[N_HASHES] = {
    "SHA2-224", "SHA2-256", "SHA2-384", "SHA2-512", "SHA2-512/224", "SHA2-512/256",
    "SHA3-224", "SHA3-256", "SHA3-384", "SHA3-512", "SHAKE-128", "SHAKE-256"};
static int hash_seen[N_HASHES];

static void note_hash(const char *name)
{
    for (int i = 0; i < N_HASHES; i++) {
        if (strcmp(hash_names[i], name) == 0)
            hash_seen[i]++;
    }
}

/* Signs one test case the way its group says; returns the pqs return code. */
static int sign_case(const pqs_mldsa_params *p, int iface, json_t *t, uint8_t *sig,
                     const uint8_t *sk, const uint8_t *rnd)
{
    const pqs_sig *alg = mldsa_sig_by_params(p);
    size_t mlen, clen, n;
    uint8_t *msg = mldsa_opt_hex(t, "message", &mlen);
    uint8_t *ctx = mldsa_opt_hex(t, "context", &clen);
    uint8_t *mu = mldsa_opt_hex(t, "mu", &n);
    size_t sig_len = 0;
    int rc;
    switch (iface) {
    case PURE:
        rc = pqs_sig_sign(alg, sig, &sig_len, msg, mlen, ctx, clen, sk, rnd);
        break;
    case PREHASH:
        note_hash(mldsa_str(t, "hashAlg"));
        rc = pqs_sig_sign_prehash(alg, sig, &sig_len, mldsa_str(t, "hashAlg"), msg, mlen, ctx,
                                  clen, sk, rnd);
        break;
    case INTERNAL:
        rc = pqs_mldsa_sign_internal(p, sig, NULL, 0, msg, mlen, sk, rnd);
        sig_len = p->sig_bytes;
        break;
    default:
        rc = n == PQS_MLDSA_MU_BYTES ? pqs_mldsa_sign_mu(p, sig, mu, sk, rnd) : -100;
        sig_len = p->sig_bytes;
        break;
    }
    if (rc == 0 && sig_len != p->sig_bytes)
        rc = -101;
    free(msg), free(ctx), free(mu);
    return rc;
}

int main(void)
{
    json_t *prompt = pqs_test_load_json("acvp/ML-DSA-sigGen-FIPS204/prompt.json.gz");
    json_t *expect = pqs_test_load_json("acvp/ML-DSA-sigGen-FIPS204/expectedResults.json.gz");
    json_t *egroups = json_object_get(expect, "testGroups");
    int cases = 0, per_kind[N_IFACE][2] = {{0}};
    size_t gi, ti;
    json_t *g, *t;

    json_array_foreach(json_object_get(prompt, "testGroups"), gi, g) {
        const pqs_mldsa_params *p = mldsa_params_by_name(mldsa_str(g, "parameterSet"));
        json_int_t tg = json_integer_value(json_object_get(g, "tgId"));
        json_t *eg = find_by_id(egroups, "tgId", tg);
        int det = json_is_true(json_object_get(g, "deterministic"));
        int external = strcmp(mldsa_str(g, "signatureInterface"), "external") == 0;
        int iface = external ? (strcmp(mldsa_str(g, "preHash"), "preHash") == 0 ? PREHASH : PURE)
                             : (json_is_true(json_object_get(g, "externalMu")) ? EXT_MU : INTERNAL);
        if (!CHECK(eg != NULL, "tgId %d has no expected results", (int)tg))
            continue;
        json_array_foreach(json_object_get(g, "tests"), ti, t) {
            json_int_t tc = json_integer_value(json_object_get(t, "tcId"));
            json_t *et = find_by_id(json_object_get(eg, "tests"), "tcId", tc);
            size_t sklen, rlen;
            uint8_t *sk = pqs_test_json_hex(t, "sk", &sklen);
            uint8_t *rnd = det ? calloc(1, 32) : pqs_test_json_hex(t, "rnd", &rlen);
            uint8_t *sig = malloc(p->sig_bytes);
            if (!det)
                CHECK(rlen == 32, "tc %d: rnd length", (int)tc);
            CHECK(sklen == p->sk_bytes, "tc %d: sk length", (int)tc);
            int rc = sign_case(p, iface, t, sig, sk, rnd);
            CHECK(rc == 0, "tc %d (%s): sign returned %d", (int)tc, iface_names[iface], rc);
            CHECK(et != NULL && pqs_test_eq_hex(sig, p->sig_bytes, mldsa_str(et, "signature")),
                  "tc %d (%s %s %s): signature differs", (int)tc, p->name, iface_names[iface],
                  det ? "deterministic" : "hedged");
            free(sk), free(rnd), free(sig);
            cases++;
            per_kind[iface][det]++;
        }
    }
    CHECK(cases == EXPECTED_CASES, "ran %d cases, expected %d", cases, EXPECTED_CASES);
    for (int k = 0; k < N_IFACE; k++) {
        for (int d = 0; d < 2; d++)
            CHECK(per_kind[k][d] == EXPECTED_PER_KIND, "%s %s: %d cases, expected %d",
                  iface_names[k], d ? "deterministic" : "hedged", per_kind[k][d],
                  EXPECTED_PER_KIND);
    }
    for (int h = 0; h < N_HASHES; h++)
        CHECK(hash_seen[h] > 0, "pre-hash %s never exercised", hash_names[h]);
    printf("ACVP sigGen: %d cases\n", cases);
    json_decref(prompt);
    json_decref(expect);
    return pqs_test_done("test_mldsa_acvp_siggen");
}
