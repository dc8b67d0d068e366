/* The ML-KEM dispatch point: the backend is chosen once, on first use, from the CPU
 * features (src/core/cpu.h); PQSAFE_FORCE_PORTABLE=1 there keeps the portable one. */
#include "backend.h"

#include <stdatomic.h>

#include "compress.h"
#include "core/cpu.h"
#include "native/x86_64/avx2.h"
#include "sampling.h"

const pqs_mlkem_backend pqs_mlkem_backend_portable = {
    .name = "portable",
    .ntt = pqs_mlkem_ntt,
    .invntt_frommont = pqs_mlkem_invntt_frommont,
    .mulcache_compute = pqs_mlkem_mulcache_compute,
    .basemul_acc = pqs_mlkem_basemul_acc,
    .poly_reduce = pqs_mlkem_poly_reduce,
    .poly_tomont = pqs_mlkem_poly_tomont,
    .poly_tobytes = pqs_mlkem_poly_tobytes,
    .poly_frombytes = pqs_mlkem_poly_frombytes,
    .poly_bytes_canonical = pqs_mlkem_poly_bytes_canonical,
    .poly_compress = pqs_mlkem_poly_compress,
    .poly_decompress = pqs_mlkem_poly_decompress,
    .poly_frommsg = pqs_mlkem_poly_frommsg,
    .poly_tomsg = pqs_mlkem_poly_tomsg,
    .cbd = pqs_mlkem_cbd,
    .rej_uniform = pqs_mlkem_rej_uniform,
};

static _Atomic(const pqs_mlkem_backend *) g_backend;

static const pqs_mlkem_backend *choose(void)
{
    const pqs_mlkem_backend *b = &pqs_mlkem_backend_portable;
    if (pqs_cpu_features_mask() & PQS_CPU_AVX2) {
        const pqs_mlkem_backend *n = pqs_mlkem_avx2_backend();
        if (n != NULL)
            b = n;
    }
    if (pqs_cpu_features_mask() & PQS_CPU_AVX512) {
        const pqs_mlkem_backend *n =
            pqs_mlkem_avx512_backend((pqs_cpu_features_mask() & PQS_CPU_AVX512VBMI2) != 0);
        if (n != NULL)
            b = n;
    }
    /* Racing first calls store the same pointer; the tables behind it are initialised
     * before it is published (release), and read after it is loaded (acquire). */
    atomic_store_explicit(&g_backend, b, memory_order_release);
    return b;
}

const pqs_mlkem_backend *pqs_mlkem_backend_get(void)
{
    const pqs_mlkem_backend *b = atomic_load_explicit(&g_backend, memory_order_acquire);
    return b != NULL ? b : choose();
}
