/* The AVX2 backend table of ML-DSA and the one-time set-up of its constant tables. */
#include "avx2.h"

#include "avx2_internal.h"

#if defined(PQS_MLDSA_AVX2)
#include <pthread.h>

static const pqs_mldsa_backend g_avx2 = {
    .name = "avx2",
    .ntt = pqs_mldsa_ntt_avx2,
    .invntt_tomont = pqs_mldsa_invntt_tomont_avx2,
    .poly_pointwise = pqs_mldsa_poly_pointwise_avx2,
    .matrix_mul = pqs_mldsa_matrix_mul_avx2,
    .poly_freeze = pqs_mldsa_poly_freeze_avx2,
    .poly_exceeds = pqs_mldsa_poly_exceeds_avx2,
    .power2round = pqs_mldsa_power2round_avx2,
    .highbits = pqs_mldsa_highbits_avx2,
    .lowbits = pqs_mldsa_lowbits_avx2,
    .make_hint = pqs_mldsa_make_hint_avx2,
    .use_hint = pqs_mldsa_use_hint_avx2,
    .challenge_mul_small = pqs_mldsa_challenge_mul_small_avx2,
    .challenge_mul = pqs_mldsa_challenge_mul_avx2,
    .response = pqs_mldsa_response_avx2,
    .low_check = pqs_mldsa_low_check_avx2,
    .rej_uniform = pqs_mldsa_rej_uniform_avx2,
    .rej_eta = pqs_mldsa_rej_eta_avx2,
    .pack_bits = pqs_mldsa_pack_bits_avx2,
    .unpack_bits = pqs_mldsa_unpack_bits_avx2,
    .w1_pack = pqs_mldsa_w1_pack_avx2,
};

static pthread_once_t g_once = PTHREAD_ONCE_INIT;

static void init_tables(void)
{
    pqs_mldsa_avx2_ntt_init();
    pqs_mldsa_avx2_sample_init();
    pqs_mldsa_avx2_pack_init();
}

const pqs_mldsa_backend *pqs_mldsa_avx2_backend(void)
{
    pthread_once(&g_once, init_tables);
    return &g_avx2;
}
#else
const pqs_mldsa_backend *pqs_mldsa_avx2_backend(void)
{
    return NULL;
}
#endif
