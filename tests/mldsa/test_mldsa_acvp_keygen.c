/* NIST ACVP ML-DSA keyGen (FIPS 204 Algorithm 6): KeyGen_internal(seed) = (pk, sk). */
#include <stdlib.h>
#include <string.h>

#include "mldsa_test_util.h"

#define EXPECTED_CASES 75

int main(void)
{
    json_t *doc = pqs_test_load_json("acvp/ML-DSA-keyGen-FIPS204/internalProjection.json.gz");
    json_t *groups = json_object_get(doc, "testGroups");
    int cases = 0, per_set[3] = {0};
    size_t gi, ti;
    json_t *g, *t;

    json_array_foreach(groups, gi, g) {
        const pqs_mldsa_params *p = mldsa_params_by_name(mldsa_str(g, "parameterSet"));
        const pqs_sig *alg = mldsa_sig_by_params(p);
        json_array_foreach(json_object_get(g, "tests"), ti, t) {
            int tc = (int)json_integer_value(json_object_get(t, "tcId"));
            size_t n;
            uint8_t *seed = pqs_test_json_hex(t, "seed", &n);
            uint8_t *pk = malloc(p->pk_bytes), *sk = malloc(p->sk_bytes);
            uint8_t *pk2 = malloc(p->pk_bytes), *sk2 = malloc(p->sk_bytes);
            CHECK(n == 32, "tc %d: seed length", tc);
            CHECK(pqs_mldsa_keypair_internal(p, pk, sk, seed) == 0, "tc %d: keypair", tc);
            CHECK(pqs_test_eq_hex(pk, p->pk_bytes, mldsa_str(t, "pk")), "tc %d: pk", tc);
            CHECK(pqs_test_eq_hex(sk, p->sk_bytes, mldsa_str(t, "sk")), "tc %d: sk", tc);
            /* The public key recomputed from the expanded private key alone. */
            CHECK(pqs_mldsa_pk_from_sk(p, pk2, sk) == 0 && memcmp(pk, pk2, p->pk_bytes) == 0,
                  "tc %d: pk from sk", tc);
            /* The public API with an explicit seed gives the same keys. */
            CHECK(pqs_sig_keypair(alg, pk2, sk2, seed) == 0, "tc %d: pqs_sig_keypair", tc);
            CHECK(memcmp(pk, pk2, p->pk_bytes) == 0 && memcmp(sk, sk2, p->sk_bytes) == 0,
                  "tc %d: API keys differ", tc);
            free(seed), free(pk), free(sk), free(pk2), free(sk2);
            cases++;
            per_set[p == &pqs_mldsa44 ? 0 : p == &pqs_mldsa65 ? 1 : 2]++;
        }
    }
    CHECK(cases == EXPECTED_CASES, "ran %d cases, expected %d", cases, EXPECTED_CASES);
    CHECK(per_set[0] == 25 && per_set[1] == 25 && per_set[2] == 25, "25 cases per set");
    printf("ACVP keyGen: %d cases (44: %d, 65: %d, 87: %d)\n", cases, per_set[0], per_set[1],
           per_set[2]);
    json_decref(doc);
    return pqs_test_done("test_mldsa_acvp_keygen");
}
