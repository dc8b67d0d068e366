/* The AVX2 and AVX-512 backend tables of ML-KEM and the one-time set-up of its constant tables. */
#include "avx2.h"

#include "avx2_internal.h"

#if defined(PQS_MLKEM_AVX2)
#include <pthread.h>

static const pqs_mlkem_backend g_avx2 = {
    .name = "avx2",
    .ntt = pqs_mlkem_ntt_avx2,
    .invntt_frommont = pqs_mlkem_invntt_frommont_avx2,
    .mulcache_compute = pqs_mlkem_mulcache_compute_avx2,
    .basemul_acc = pqs_mlkem_basemul_acc_avx2,
    .poly_reduce = pqs_mlkem_poly_reduce_avx2,
    .poly_tomont = pqs_mlkem_poly_tomont_avx2,
    .poly_tobytes = pqs_mlkem_poly_tobytes_avx2,
    .poly_frombytes = pqs_mlkem_poly_frombytes_avx2,
    .poly_bytes_canonical = pqs_mlkem_poly_bytes_canonical_avx2,
    .poly_compress = pqs_mlkem_poly_compress_avx2,
    .poly_decompress = pqs_mlkem_poly_decompress_avx2,
    .poly_frommsg = pqs_mlkem_poly_frommsg_avx2,
    .poly_tomsg = pqs_mlkem_poly_tomsg_avx2,
    .cbd = pqs_mlkem_cbd_avx2,
    .rej_uniform = pqs_mlkem_rej_uniform_avx2,
};

/* With AVX-512 (F/VL/BW): the AVX2 table with the AVX-512 transforms, products in T_q
 * and rejection sampler (the VBMI2 one where the CPU has it). */
#define AVX512_TABLE(label, rej)                                      \
    {                                                                 \
        .name = label,                                                \
        .ntt = pqs_mlkem_ntt_avx512,                                  \
        .invntt_frommont = pqs_mlkem_invntt_frommont_avx512,          \
        .mulcache_compute = pqs_mlkem_mulcache_compute_avx512,        \
        .basemul_acc = pqs_mlkem_basemul_acc_avx512,                  \
        .poly_reduce = pqs_mlkem_poly_reduce_avx2,                    \
        .poly_tomont = pqs_mlkem_poly_tomont_avx2,                    \
        .poly_tobytes = pqs_mlkem_poly_tobytes_avx2,                  \
        .poly_frombytes = pqs_mlkem_poly_frombytes_avx2,              \
        .poly_bytes_canonical = pqs_mlkem_poly_bytes_canonical_avx2,  \
        .poly_compress = pqs_mlkem_poly_compress_avx2,                \
        .poly_decompress = pqs_mlkem_poly_decompress_avx2,            \
        .poly_frommsg = pqs_mlkem_poly_frommsg_avx2,                  \
        .poly_tomsg = pqs_mlkem_poly_tomsg_avx2,                      \
        .cbd = pqs_mlkem_cbd_avx2,                                    \
        .rej_uniform = rej,                                           \
    }

static const pqs_mlkem_backend g_avx512 = AVX512_TABLE("avx512", pqs_mlkem_rej_uniform_avx512);
static const pqs_mlkem_backend g_avx512vbmi2 =
    AVX512_TABLE("avx512+vbmi2", pqs_mlkem_rej_uniform_avx512vbmi2);

static pthread_once_t g_once = PTHREAD_ONCE_INIT;

static void init_tables(void)
{
    pqs_mlkem_avx2_ntt_init();
    pqs_mlkem_avx2_sampling_init();
}

const pqs_mlkem_backend *pqs_mlkem_avx2_backend(void)
{
    pthread_once(&g_once, init_tables);
    return &g_avx2;
}

static pthread_once_t g_once512 = PTHREAD_ONCE_INIT;

const pqs_mlkem_backend *pqs_mlkem_avx512_backend(int vbmi2)
{
    pthread_once(&g_once, init_tables);
    pthread_once(&g_once512, pqs_mlkem_avx512_ntt_init);
    return vbmi2 ? &g_avx512vbmi2 : &g_avx512;
}
#else
const pqs_mlkem_backend *pqs_mlkem_avx2_backend(void)
{
    return NULL;
}

const pqs_mlkem_backend *pqs_mlkem_avx512_backend(int vbmi2)
{
    (void)vbmi2;
    return NULL;
}
#endif
