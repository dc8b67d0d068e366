/* SLH-DSA in the name-based signature API (src/api/sig_impl.h): one entry per set. */
#include "api/sig_impl.h"
#include "params.h"

static int keypair(const void *params, uint8_t *pk, uint8_t *sk, const uint8_t *seed)
{
    return pqs_slhdsa_keygen_internal(params, pk, sk, seed);
}

static int sign(const void *params, uint8_t *sig, const uint8_t *prefix, size_t prefix_len,
                const uint8_t *msg, size_t msg_len, const uint8_t *sk, const uint8_t *rnd)
{
    return pqs_slhdsa_sign_internal(params, sig, prefix, prefix_len, msg, msg_len, sk, rnd);
}

static int verify(const void *params, const uint8_t *sig, const uint8_t *prefix,
                  size_t prefix_len, const uint8_t *msg, size_t msg_len, const uint8_t *pk)
{
    const pqs_slhdsa_params *p = params;
    return pqs_slhdsa_verify_internal(p, sig, p->sig_bytes, prefix, prefix_len, msg, msg_len,
                                      pk);
}

#define IMPL(var, ...) \
    static const pqs_sig_impl impl_##var = {keypair, sign, verify, &pqs_slhdsa_##var};
PQS_SLHDSA_SETS(IMPL)

/* keygen seed SK.seed || SK.prf || PK.seed (3n); sign randomness opt_rand (n). */
#define ENTRY(var, str, suite, n, h, d, a, k, m, cat)                                       \
    {str, PQS_SLHDSA_PK_BYTES(n), PQS_SLHDSA_SK_BYTES(n), PQS_SLHDSA_SIG_BYTES(n, h, d, a, k), \
     3 * (n), n, cat, &impl_##var},
const pqs_sig pqs_slhdsa_algs[] = {PQS_SLHDSA_SETS(ENTRY){0}};
