/* Wycheproof ML-DSA verification vectors (mldsa_{44,65,87}_verify_test): valid
 * signatures must verify; modified signatures, non-canonical hints, infinity-norm
 * violations, wrong lengths and contexts over 255 bytes must not. Public keys of the
 * wrong length are rejected by the harness (the API takes a fixed-size key). */
#include <stdlib.h>
#include <string.h>

#include "mldsa_test_util.h"

/* Returns the number of cases decided; counts valid ones into *valid. */
static int run_file(const char *path, int *valid)
{
    json_t *doc = pqs_test_load_json(path);
    const pqs_mldsa_params *p = mldsa_params_by_name(mldsa_str(doc, "algorithm"));
    const pqs_sig *alg = mldsa_sig_by_params(p);
    int cases = 0;
    size_t gi, ti;
    json_t *g, *t;
    json_array_foreach(json_object_get(doc, "testGroups"), gi, g) {
        size_t pklen;
        uint8_t *pk = pqs_test_json_hex(g, "publicKey", &pklen);
        json_array_foreach(json_object_get(g, "tests"), ti, t) {
            int tc = (int)json_integer_value(json_object_get(t, "tcId"));
            int expect_ok = strcmp(mldsa_str(t, "result"), "valid") == 0;
            size_t mlen, clen, slen;
            uint8_t *msg = mldsa_opt_hex(t, "msg", &mlen);
            uint8_t *ctx = mldsa_opt_hex(t, "ctx", &clen);
            uint8_t *sig = pqs_test_json_hex(t, "sig", &slen);
            int rc = PQS_E_INVALID_ARG;   /* what a length-checking caller reports */
            if (pklen == p->pk_bytes)
                rc = pqs_sig_verify(alg, sig, slen, msg, mlen, ctx, clen, pk);
            if (expect_ok)
                CHECK(rc == 0, "%s tc %d: valid signature rejected (%d)", p->name, tc, rc);
            else if (clen > PQS_SIG_MAX_CTX_BYTES)
                CHECK(rc == PQS_E_CONTEXT, "%s tc %d: long context gave %d", p->name, tc, rc);
            else if (pklen == p->pk_bytes)
                CHECK(rc == PQS_E_VERIFY, "%s tc %d (%s): invalid signature gave %d", p->name,
                      tc, mldsa_str(t, "comment"), rc);
            else
                CHECK(rc != 0, "%s tc %d: bad public key accepted", p->name, tc);
            *valid += expect_ok;
            cases++;
            free(msg), free(ctx), free(sig);
        }
        free(pk);
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
        int expected, expected_valid;
    } files[] = {
        {"wycheproof/testvectors_v1/mldsa_44_verify_test.json.gz", 180, 77},
        {"wycheproof/testvectors_v1/mldsa_65_verify_test.json.gz", 210, 79},
        {"wycheproof/testvectors_v1/mldsa_87_verify_test.json.gz", 241, 71},
    };
    int total = 0;
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
        int valid = 0;
        int n = run_file(files[i].path, &valid);
        CHECK(n == files[i].expected, "%s: ran %d cases, expected %d", files[i].path, n,
              files[i].expected);
        CHECK(valid == files[i].expected_valid, "%s: %d valid cases, expected %d",
              files[i].path, valid, files[i].expected_valid);
        printf("%s: %d cases (%d valid, %d invalid)\n", files[i].path, n, valid, n - valid);
        total += n;
    }
    CHECK(total == 631, "ran %d cases, expected 631", total);
    return pqs_test_done("test_mldsa_wycheproof_verify");
}
