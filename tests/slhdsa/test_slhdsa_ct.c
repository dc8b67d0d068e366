/* Constant-time check of SLH-DSA KeyGen and Sign, run under valgrind memcheck (see
 * pqs_add_ct_test): SK.seed, SK.prf and opt_rand are marked undefined, so any branch
 * or memory index that depends on them is reported. The library declassifies only
 * what the signature reveals by design: the digest's tree indices and md, and the
 * messages each WOTS+ key signs (FIPS 205 §3.3: they are recomputed by verify).
 * valgrind has no AVX-512 (its CPUID hides it), so this runs the AVX2 batched backends
 * (Keccak x4, SHA-256 x8, SHA-512 x4); CTest also runs it on the portable path. */
#include <string.h>

#include "core/ct.h"
#include "pqs_test.h"
#include "slhdsa/slhdsa.h"

static uint8_t g_sig[35664];

static void check_set(const char *name)
{
    const pqs_slhdsa_params *p = pqs_slhdsa_params_find(name);
    uint8_t seed[3 * 24], pk[2 * 24], sk[4 * 24], addrnd[24], msg[33];
    if (!CHECK(p != NULL && p->n <= 24 && p->sig_bytes <= sizeof g_sig, "%s", name))
        return;
    pqs_test_rand(seed, sizeof seed);
    pqs_test_rand(addrnd, sizeof addrnd);
    pqs_test_rand(msg, sizeof msg);
    PQS_CT_SECRET(seed, 2 * p->n);            /* SK.seed || SK.prf; PK.seed is public */
    CHECK(pqs_slhdsa_keygen_internal(p, pk, sk, seed) == 0, "%s: keygen", name);
    PQS_CT_DECLASSIFY(pk, p->pk_bytes);       /* PK.root is public */
    PQS_CT_DECLASSIFY(sk + 3 * p->n, p->n);
    PQS_CT_SECRET(addrnd, p->n);
    CHECK(pqs_slhdsa_sign_internal(p, g_sig, msg, 1, msg + 1, sizeof msg - 1, sk, addrnd) == 0,
          "%s: sign", name);
    PQS_CT_DECLASSIFY(g_sig, p->sig_bytes);   /* the signature is output */
    CHECK(pqs_slhdsa_verify_internal(p, g_sig, p->sig_bytes, msg, 1, msg + 1, sizeof msg - 1,
                                     pk) == 0, "%s: the signature verifies", name);
}

int main(void)
{
    check_set("SLH-DSA-SHA2-128f");
    check_set("SLH-DSA-SHAKE-128f");
    check_set("SLH-DSA-SHA2-192f");   /* SHA-512 for H and T_l */
    return pqs_test_done("test_slhdsa_ct");
}
