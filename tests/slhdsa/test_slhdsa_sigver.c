/* SLH-DSA internal verification (FIPS 205 Alg. 20) against the legacy ACVP sigVer sample
 * (README §1.8): 45 cases, 15 valid, the rest with an altered message, R, SIG_FORS or
 * SIG_HT, or a signature too large or too small. The file is optional in the vectors
 * folder: when absent the test reports itself skipped (exit 77). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pqs_test.h"
#include "slhdsa/slhdsa.h"

#define SIGVER_FILE "acvp-legacy/SLH-DSA-sigVer-FIPS205/internalProjection.json.gz"

static const char *jstr(json_t *o, const char *key)
{
    const char *s = json_string_value(json_object_get(o, key));
    return s != NULL ? s : "";
}

/* Returns 1 when the outcome matches testPassed; counts valid cases in *valid. */
static int sigver_case(const pqs_slhdsa_params *p, json_t *t, int *valid)
{
    size_t pklen, mlen, slen;
    uint8_t *pk = pqs_test_json_hex(t, "pk", &pklen);
    uint8_t *msg = pqs_test_json_hex(t, "message", &mlen);
    uint8_t *sig = pqs_test_json_hex(t, "signature", &slen);
    int expect = json_is_true(json_object_get(t, "testPassed"));
    long id = (long)json_integer_value(json_object_get(t, "tcId"));
    int ok = CHECK(pklen == p->pk_bytes, "sigVer tc %ld: pk size", id);
    if (ok) {
        int rc = pqs_slhdsa_verify_internal(p, sig, slen, NULL, 0, msg, mlen, pk);
        ok = CHECK(rc == (expect ? 0 : PQS_E_VERIFY), "sigVer tc %ld (%s, %s): got %d", id,
                   p->name, jstr(t, "reason"), rc);
    }
    *valid += expect;
    free(pk);
    free(msg);
    free(sig);
    return ok;
}

int main(void)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", pqs_test_vectors_dir(), SIGVER_FILE);
    FILE *f = fopen(path, "rb");
    if (f == NULL) {
        printf("test_slhdsa_sigver: SKIPPED, %s is not in the vectors folder\n", SIGVER_FILE);
        return 77;
    }
    fclose(f);
    json_t *j = pqs_test_load_json(SIGVER_FILE);
    size_t gi, ti;
    json_t *g, *t;
    int cases = 0, passed = 0, valid = 0;
    json_array_foreach(json_object_get(j, "testGroups"), gi, g) {
        const char *set = jstr(g, "parameterSet");
        const pqs_slhdsa_params *p = pqs_slhdsa_params_find(set);
        if (!CHECK(p != NULL, "sigVer: unknown set %s", set))
            continue;
        json_array_foreach(json_object_get(g, "tests"), ti, t) {
            cases++;
            passed += sigver_case(p, t, &valid);
        }
    }
    printf("sigVer: %d/%d cases passed (%d valid signatures)\n", passed, cases, valid);
    CHECK(cases == 45 && valid == 15, "sigVer: expected 45 cases, 15 valid; got %d, %d", cases,
          valid);
    json_decref(j);
    return pqs_test_done("test_slhdsa_sigver");
}
