/* Constant-time check, run under valgrind memcheck, of KeyGen, Sign and the public
 * key recomputed from an expanded private key: the seed xi, the private key and
 * rnd are marked undefined, so any branch or memory index that depends on them is
 * reported. Only the values FIPS 204 makes public (rho, pk, c~, rejection outcomes,
 * the accepted signature) are declassified inside the library. */
#include <string.h>

#include "core/ct.h"
#include "mldsa_test_util.h"

int main(void)
{
    static const pqs_mldsa_params *const sets[] = {&pqs_mldsa44, &pqs_mldsa65, &pqs_mldsa87};
    static uint8_t pk[PQS_MLDSA87_PK_BYTES], sk[PQS_MLDSA87_SK_BYTES];
    static uint8_t sig[PQS_MLDSA87_SIG_BYTES];
    uint8_t xi[32], rnd[32], msg[33], ctx[5] = {1, 2, 3, 4, 5};

    for (size_t s = 0; s < 3; s++) {
        const pqs_mldsa_params *p = sets[s];
        for (int round = 0; round < 2; round++) {
            pqs_test_rand(xi, sizeof xi);
            pqs_test_rand(rnd, sizeof rnd);
            pqs_test_rand(msg, sizeof msg);
            PQS_CT_SECRET(xi, sizeof xi);
            int rc = pqs_mldsa_keypair_internal(p, pk, sk, xi);
            CHECK(rc == 0, "%s: keypair", p->name);

            PQS_CT_SECRET(sk, p->sk_bytes);
            uint8_t pk2[PQS_MLDSA87_PK_BYTES];
            CHECK(pqs_mldsa_pk_from_sk(p, pk2, sk) == 0 && memcmp(pk, pk2, p->pk_bytes) == 0,
                  "%s: pk from sk", p->name);
            PQS_CT_SECRET(rnd, sizeof rnd);
            rc = pqs_mldsa_sign_internal(p, sig, ctx, sizeof ctx, msg, sizeof msg, sk, rnd);
            CHECK(rc == 0, "%s: sign", p->name);
            /* Hedged signing through the public API: fresh rnd, pure prefix. */
            size_t len = 0;
            rc = pqs_sig_sign(mldsa_sig_by_params(p), sig, &len, msg, sizeof msg, NULL, 0, sk,
                              NULL);
            CHECK(rc == 0 && len == p->sig_bytes, "%s: hedged sign", p->name);
            CHECK(pqs_sig_verify(mldsa_sig_by_params(p), sig, len, msg, sizeof msg, NULL, 0,
                                 pk) == 0, "%s: signature verifies", p->name);
            PQS_CT_DECLASSIFY(sk, p->sk_bytes);
        }
    }
    return pqs_test_done("test_mldsa_ct");
}
