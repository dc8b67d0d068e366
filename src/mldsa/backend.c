/* The ML-DSA dispatch point: the backend is chosen once, on first use, from the CPU
 * features (src/core/cpu.h): AVX-512 (with AVX2) first, then AVX2, else portable;
 * PQSAFE_FORCE_PORTABLE=1 there keeps the portable one. */
#include "mldsa/backend.h"

#include <stdatomic.h>

#include "core/cpu.h"
#include "mldsa/native/x86_64/avx2.h"
#include "mldsa/native/x86_64/avx512.h"
#include "mldsa/ntt.h"
#include "mldsa/pack.h"
#include "mldsa/poly.h"
#include "mldsa/rounding.h"
#include "mldsa/sample.h"

const pqs_mldsa_backend pqs_mldsa_backend_portable = {
    .name = "portable",
    .ntt = pqs_mldsa_ntt,
    .invntt_tomont = pqs_mldsa_invntt_tomont,
    .poly_pointwise = pqs_mldsa_poly_pointwise,
    .matrix_mul = pqs_mldsa_matrix_mul,
    .poly_freeze = pqs_mldsa_poly_freeze,
    .poly_exceeds = pqs_mldsa_poly_exceeds,
    .power2round = pqs_mldsa_power2round,
    .highbits = pqs_mldsa_highbits,
    .lowbits = pqs_mldsa_lowbits,
    .make_hint = pqs_mldsa_make_hint,
    .use_hint = pqs_mldsa_use_hint,
    .challenge_mul_small = pqs_mldsa_challenge_mul_small,
    .challenge_mul = pqs_mldsa_challenge_mul,
    .response = pqs_mldsa_response,
    .low_check = pqs_mldsa_low_check,
    .rej_uniform = pqs_mldsa_rej_uniform,
    .rej_eta = pqs_mldsa_rej_eta,
    .pack_bits = pqs_mldsa_pack_bits,
    .unpack_bits = pqs_mldsa_unpack_bits,
    .w1_pack = pqs_mldsa_w1_pack,
};

static _Atomic(const pqs_mldsa_backend *) g_backend;

static const pqs_mldsa_backend *choose(void)
{
    const pqs_mldsa_backend *b = &pqs_mldsa_backend_portable;
    unsigned f = pqs_cpu_features_mask();
    const pqs_mldsa_backend *n = NULL;
    if ((f & PQS_CPU_AVX2) && (f & PQS_CPU_AVX512))
        n = pqs_mldsa_avx512_backend();
    if (n == NULL && (f & PQS_CPU_AVX2))
        n = pqs_mldsa_avx2_backend();
    if (n != NULL)
        b = n;
    /* Racing first calls store the same pointer; the tables behind it are initialised
     * before it is published (release), and read after it is loaded (acquire). */
    atomic_store_explicit(&g_backend, b, memory_order_release);
    return b;
}

const pqs_mldsa_backend *pqs_mldsa_backend_get(void)
{
    const pqs_mldsa_backend *b = atomic_load_explicit(&g_backend, memory_order_acquire);
    return b != NULL ? b : choose();
}
