/* The AVX-512 backend table of ML-DSA and the one-time set-up of its constant tables.
 * RejBoundedPoly (key generation only) and the packing widths that pack_avx512.c does not
 * special-case use the AVX2 code. */
#include "avx512.h"

#include "avx2.h"
#include "avx2_internal.h"
#include "avx512_internal.h"

#if defined(PQS_MLDSA_AVX512) && defined(PQS_MLDSA_AVX2)
#include <pthread.h>

static const pqs_mldsa_backend g_avx512 = {
    .name = "avx512",
    .ntt = pqs_mldsa_ntt_avx512,
    .invntt_tomont = pqs_mldsa_invntt_tomont_avx512,
    .poly_pointwise = pqs_mldsa_poly_pointwise_avx512,
    .matrix_mul = pqs_mldsa_matrix_mul_avx512,
    .poly_freeze = pqs_mldsa_poly_freeze_avx512,
    .poly_exceeds = pqs_mldsa_poly_exceeds_avx512,
    .power2round = pqs_mldsa_power2round_avx512,
    .highbits = pqs_mldsa_highbits_avx512,
    .lowbits = pqs_mldsa_lowbits_avx512,
    .make_hint = pqs_mldsa_make_hint_avx512,
    .use_hint = pqs_mldsa_use_hint_avx512,
    .challenge_mul_small = pqs_mldsa_challenge_mul_small_avx512,
    .challenge_mul = pqs_mldsa_challenge_mul_avx512,
    .response = pqs_mldsa_response_avx512,
    .low_check = pqs_mldsa_low_check_avx512,
    .rej_uniform = pqs_mldsa_rej_uniform_avx512,
    .rej_eta = pqs_mldsa_rej_eta_avx2,
    .pack_bits = pqs_mldsa_pack_bits_avx512,
    .unpack_bits = pqs_mldsa_unpack_bits_avx512,
    .w1_pack = pqs_mldsa_w1_pack_avx512,
};

static pthread_once_t g_once = PTHREAD_ONCE_INIT;

static void init_tables(void)
{
    (void)pqs_mldsa_avx2_backend();   /* the AVX2 tables of the functions shared above */
    pqs_mldsa_avx512_ntt_init();
    pqs_mldsa_avx512_pack_init();
}

const pqs_mldsa_backend *pqs_mldsa_avx512_backend(void)
{
    pthread_once(&g_once, init_tables);
    return &g_avx512;
}
#else
const pqs_mldsa_backend *pqs_mldsa_avx512_backend(void)
{
    return NULL;
}
#endif
