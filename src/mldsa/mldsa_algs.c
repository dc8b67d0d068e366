/* ML-DSA-44/65/87 in the name-based signature API (src/api/sig_impl.h). The API layer
 * checks arguments, builds the M' prefix and draws rnd; these adapters only convert
 * the opaque params pointer. */
#include "api/sig_impl.h"
#include "mldsa/mldsa.h"

static int keypair(const void *params, uint8_t *pk, uint8_t *sk, const uint8_t *seed)
{
    return pqs_mldsa_keypair_internal(params, pk, sk, seed);
}

static int sign(const void *params, uint8_t *sig, const uint8_t *prefix, size_t prefix_len,
                const uint8_t *msg, size_t msg_len, const uint8_t *sk, const uint8_t *rnd)
{
    return pqs_mldsa_sign_internal(params, sig, prefix, prefix_len, msg, msg_len, sk, rnd);
}

static int verify(const void *params, const uint8_t *sig, const uint8_t *prefix,
                  size_t prefix_len, const uint8_t *msg, size_t msg_len, const uint8_t *pk)
{
    return pqs_mldsa_verify_internal(params, sig, prefix, prefix_len, msg, msg_len, pk);
}

#define IMPL(set) {.keypair = keypair, .sign = sign, .verify = verify, .params = &(set)}

static const pqs_sig_impl impl44 = IMPL(pqs_mldsa44);
static const pqs_sig_impl impl65 = IMPL(pqs_mldsa65);
static const pqs_sig_impl impl87 = IMPL(pqs_mldsa87);

const pqs_sig pqs_mldsa_algs[] = {
    {"ML-DSA-44", PQS_MLDSA44_PK_BYTES, PQS_MLDSA44_SK_BYTES, PQS_MLDSA44_SIG_BYTES, 32, 32, 2,
     &impl44},
    {"ML-DSA-65", PQS_MLDSA65_PK_BYTES, PQS_MLDSA65_SK_BYTES, PQS_MLDSA65_SIG_BYTES, 32, 32, 3,
     &impl65},
    {"ML-DSA-87", PQS_MLDSA87_PK_BYTES, PQS_MLDSA87_SK_BYTES, PQS_MLDSA87_SIG_BYTES, 32, 32, 5,
     &impl87},
    {NULL, 0, 0, 0, 0, 0, 0, NULL},
};

/* The table and the parameter sets must agree on every size. */
_Static_assert(PQS_MLDSA44_SIG_BYTES == 32 + 32 * 18 * 4 + 80 + 4, "ML-DSA-44 sig size");
_Static_assert(PQS_MLDSA65_SIG_BYTES == 48 + 32 * 20 * 5 + 55 + 6, "ML-DSA-65 sig size");
_Static_assert(PQS_MLDSA87_SIG_BYTES == 64 + 32 * 20 * 7 + 75 + 8, "ML-DSA-87 sig size");
