/* NIST ACVP ML-DSA sigVer: ML-DSA.Verify / HashML-DSA.Verify through the public API
 * for external groups, Verify_internal (Alg. 8) on M' or with an external mu for
 * internal groups. Invalid cases (modified message, c~, z or hint) must give
 * PQS_E_VERIFY. */
#include <stdlib.h>
#include <string.h>

#include "mldsa_test_util.h"

#define EXPECTED_CASES 180
#define EXPECTED_VALID 36
#define EXPECTED_PER_GROUP_KIND 45   /* 4 interface kinds x 3 sets x 15 tests */

enum { PURE, PREHASH, INTERNAL, EXT_MU, N_IFACE };

static int verify_case(const pqs_mldsa_params *p, int iface, json_t *t)
{
    const pqs_sig *alg = mldsa_sig_by_params(p);
    size_t pklen, siglen, mlen, clen, mulen;
    uint8_t *pk = pqs_test_json_hex(t, "pk", &pklen);
    uint8_t *sig = pqs_test_json_hex(t, "signature", &siglen);
    uint8_t *msg = mldsa_opt_hex(t, "message", &mlen);
    uint8_t *ctx = mldsa_opt_hex(t, "context", &clen);
    uint8_t *mu = mldsa_opt_hex(t, "mu", &mulen);
    int rc;
    CHECK(pklen == p->pk_bytes && siglen == p->sig_bytes, "tc %d: pk/sig length",
          (int)json_integer_value(json_object_get(t, "tcId")));
    switch (iface) {
    case PURE:
        rc = pqs_sig_verify(alg, sig, siglen, msg, mlen, ctx, clen, pk);
        break;
    case PREHASH:
        rc = pqs_sig_verify_prehash(alg, sig, siglen, mldsa_str(t, "hashAlg"), msg, mlen, ctx,
                                    clen, pk);
        break;
    case INTERNAL:
        rc = pqs_mldsa_verify_internal(p, sig, NULL, 0, msg, mlen, pk);
        break;
    default:
        rc = mulen == PQS_MLDSA_MU_BYTES ? pqs_mldsa_verify_mu(p, sig, mu, pk) : -100;
        break;
    }
    free(pk), free(sig), free(msg), free(ctx), free(mu);
    return rc;
}

int main(void)
{
    json_t *doc = pqs_test_load_json("acvp/ML-DSA-sigVer-FIPS204/internalProjection.json.gz");
    int cases = 0, valid = 0, per_kind[N_IFACE] = {0};
    size_t gi, ti;
    json_t *g, *t;

    json_array_foreach(json_object_get(doc, "testGroups"), gi, g) {
        const pqs_mldsa_params *p = mldsa_params_by_name(mldsa_str(g, "parameterSet"));
        int external = strcmp(mldsa_str(g, "signatureInterface"), "external") == 0;
        int iface = external ? (strcmp(mldsa_str(g, "preHash"), "preHash") == 0 ? PREHASH : PURE)
                             : (json_is_true(json_object_get(g, "externalMu")) ? EXT_MU : INTERNAL);
        json_array_foreach(json_object_get(g, "tests"), ti, t) {
            int tc = (int)json_integer_value(json_object_get(t, "tcId"));
            int expect_ok = json_is_true(json_object_get(t, "testPassed"));
            int rc = verify_case(p, iface, t);
            CHECK(rc == (expect_ok ? 0 : PQS_E_VERIFY), "tc %d (%s): got %d, expected %s (%s)",
                  tc, p->name, rc, expect_ok ? "valid" : "PQS_E_VERIFY", mldsa_str(t, "reason"));
            cases++;
            valid += expect_ok;
            per_kind[iface]++;
        }
    }
    CHECK(cases == EXPECTED_CASES, "ran %d cases, expected %d", cases, EXPECTED_CASES);
    CHECK(valid == EXPECTED_VALID, "%d valid cases, expected %d", valid, EXPECTED_VALID);
    for (int k = 0; k < N_IFACE; k++)
        CHECK(per_kind[k] == EXPECTED_PER_GROUP_KIND, "interface %d: %d cases", k, per_kind[k]);
    printf("ACVP sigVer: %d cases (%d valid, %d invalid)\n", cases, valid, cases - valid);
    json_decref(doc);
    return pqs_test_done("test_mldsa_acvp_sigver");
}
