/* NTT and inverse NTT of ML-DSA (FIPS 204 Algorithms 41 and 42) with AVX2, in the
 * standard coefficient order: the butterflies of mldsa/ntt.c, in the same order and
 * with the same Montgomery reductions, 8 coefficients per register, so outputs are
 * bit-identical to the portable code.
 *
 * A polynomial is 32 registers; register i holds coefficients 8i .. 8i+7. Two passes of
 * 8 registers each: layers len = 128, 64, 32 on the registers 4j + o (coefficients
 * 32j + 8o ..., j < 8) for o < 4, then len = 16 .. 1 on blocks of 64 coefficients. In the
 * second pass, layers 4, 2, 1 work inside registers: two registers A, B are transposed
 * so that the partners of each butterfly meet in the same lane of X and Y:
 *   shuf128: X = [A0..3 | B0..3],           Y = [A4..7 | B4..7]           (len 4)
 *   shuf64:  X = [A0 A1 A4 A5 | B0 B1 B4 B5], Y = [A2 A3 A6 A7 | ...]      (len 2)
 *   shuf32:  X = [A0 A2 A4 A6 | B0 B2 B4 B6], Y = [A1 A3 A5 A7 | ...]      (len 1)
 * Each step is its own inverse. The zetas of those layers are laid out lane by lane
 * once, at start-up (pqs_mldsa_avx2_ntt_init). */
#include "avx2_internal.h"

#if defined(PQS_MLDSA_AVX2)
#include "mldsa/ntt.h"

/* A twiddle factor z in every form the butterflies use: z, zq = z q^-1 mod 2^32 (so
 * that t = a zq comes without waiting for a z), and both again with the odd lanes moved
 * down to the even ones (the lanes pmuldq reads). */
typedef struct {
    int32_t z[8], zq[8], z_odd[8], zq_odd[8];
} twiddle;

/* Per register pair P = 0..15 (coefficients 16P .. 16P+15): the zetas of the
 * in-register layers in lane order. fwd[0..2]: len 4, 2, 1 of Algorithm 41;
 * inv[0..2]: len 1, 2, 4 of Algorithm 42 (negated, as the portable code uses them).
 * zq[i] = zetas[i] q^-1 mod 2^32 for the broadcast layers. */
static struct {
    twiddle fwd[3][16];
    twiddle inv[3][16];
    int32_t zq[PQS_MLDSA_N];
} g_tab __attribute__((aligned(32)));

#define ZETA(i) pqs_mldsa_zetas[i]
/* c q^-1 mod 2^32 of a constant (a constant expression) */
#define times_qinv_c(c) ((int32_t)((uint32_t)(c) * (uint32_t)PQS_MLDSA_QINV))

static int32_t times_qinv(int32_t z)
{
    return (int32_t)((uint32_t)z * (uint32_t)PQS_MLDSA_QINV);
}

static void set_lane(twiddle *t, unsigned l, int32_t z)
{
    t->z[l] = z;
    t->zq[l] = times_qinv(z);
    if (l % 2) {
        t->z_odd[l - 1] = z;
        t->zq_odd[l - 1] = times_qinv(z);
    } else {
        t->z_odd[l + 1] = 0;
        t->zq_odd[l + 1] = 0;
    }
}

void pqs_mldsa_avx2_ntt_init(void)
{
    /* Lane l of pair P uses zeta base + w P + l / d (forward), -zeta top - w P - l / d
     * (inverse): d lanes share a zeta because a block of 2d coefficients does. */
    static const struct { unsigned base, top, w, d; } layer[3] = {
        {32, 63, 2, 4}, {64, 127, 4, 2}, {128, 255, 8, 1}};
    for (unsigned L = 0; L < 3; L++) {
        for (unsigned P = 0; P < 16; P++) {
            for (unsigned l = 0; l < 8; l++) {
                set_lane(&g_tab.fwd[L][P], l,
                         ZETA(layer[L].base + layer[L].w * P + l / layer[L].d));
                set_lane(&g_tab.inv[2 - L][P], l,
                         -ZETA(layer[L].top - layer[L].w * P - l / layer[L].d));
            }
        }
    }
    for (unsigned i = 0; i < PQS_MLDSA_N; i++)
        g_tab.zq[i] = times_qinv(ZETA(i));
}

PQS_AVX2_INLINE void shuf128(__m256i *a, __m256i *b)
{
    __m256i x = _mm256_permute2x128_si256(*a, *b, 0x20);
    __m256i y = _mm256_permute2x128_si256(*a, *b, 0x31);
    *a = x;
    *b = y;
}

PQS_AVX2_INLINE void shuf64(__m256i *a, __m256i *b)
{
    __m256i x = _mm256_unpacklo_epi64(*a, *b);
    __m256i y = _mm256_unpackhi_epi64(*a, *b);
    *a = x;
    *b = y;
}

PQS_AVX2_INLINE void shuf32(__m256i *a, __m256i *b)
{
    __m256i x = _mm256_blend_epi32(*a, _mm256_slli_epi64(*b, 32), 0xAA);
    __m256i y = _mm256_blend_epi32(_mm256_srli_epi64(*a, 32), *b, 0xAA);
    *a = x;
    *b = y;
}

/* pqs_mldsa_montgomery_reduce((int64_t)a z) lane by lane, with zq = z q^-1 mod 2^32:
 * t = lo(a zq) = lo(a z) q^-1, and the high half of a z - t q is the result. The odd
 * lanes of a (and of z, zq when they are not broadcast) are moved down for pmuldq. */
PQS_AVX2_INLINE __m256i montmul_z(__m256i a, __m256i z, __m256i zq, __m256i z_odd,
                                  __m256i zq_odd)
{
    const __m256i q = V32(PQS_MLDSA_Q);
    __m256i a_odd = pqs_avx2_odd(a);
    __m256i te = _mm256_mul_epi32(_mm256_mul_epi32(a, zq), q);
    __m256i to = _mm256_mul_epi32(_mm256_mul_epi32(a_odd, zq_odd), q);
    __m256i re = _mm256_sub_epi64(_mm256_mul_epi32(a, z), te);
    __m256i ro = _mm256_sub_epi64(_mm256_mul_epi32(a_odd, z_odd), to);
    return _mm256_blend_epi32(_mm256_srli_epi64(re, 32), ro, 0xAA);
}

/* By the zeta of index i (negated: -zetas[i], as the inverse uses them), broadcast. */
PQS_AVX2_INLINE __m256i montmul_i(__m256i a, unsigned i, int neg)
{
    __m256i z = V32(neg ? -ZETA(i) : ZETA(i));
    uint32_t zq_u = (uint32_t)g_tab.zq[i];
    __m256i zq = V32(neg ? 0u - zq_u : zq_u);
    return montmul_z(a, z, zq, z, zq);
}

PQS_AVX2_INLINE __m256i montmul_t(__m256i a, const twiddle *t)
{
    return montmul_z(a, pqs_avx2_load(t->z), pqs_avx2_load(t->zq), pqs_avx2_load(t->z_odd),
                     pqs_avx2_load(t->zq_odd));
}

/* Montgomery product by a constant c broadcast (the final scaling). */
PQS_AVX2_INLINE __m256i montmul_c(__m256i a, int32_t c)
{
    __m256i z = V32(c), zq = V32(times_qinv_c(c));
    return montmul_z(a, z, zq, z, zq);
}

/* ct_butterfly and gs_butterfly of mldsa/ntt.c. */
PQS_AVX2_INLINE void ct(__m256i *a, __m256i *b, __m256i t)
{
    *b = _mm256_sub_epi32(*a, t);
    *a = _mm256_add_epi32(*a, t);
}

#define CT_I(a, b, i) ct((a), (b), montmul_i(*(b), (i), 0))
#define CT_T(a, b, tw) ct((a), (b), montmul_t(*(b), (tw)))

PQS_AVX2_INLINE void gs_i(__m256i *a, __m256i *b, unsigned i)
{
    __m256i t = *a;
    *a = _mm256_add_epi32(t, *b);
    *b = montmul_i(_mm256_sub_epi32(t, *b), i, 1);
}

PQS_AVX2_INLINE void gs_t(__m256i *a, __m256i *b, const twiddle *tw)
{
    __m256i t = *a;
    *a = _mm256_add_epi32(t, *b);
    *b = montmul_t(_mm256_sub_epi32(t, *b), tw);
}

PQS_AVX2_FN void pqs_mldsa_ntt_avx2(pqs_mldsa_poly *a)
{
    int32_t *c = a->c;
    for (unsigned o = 0; o < 4; o++) {
        __m256i r[8];
        for (unsigned j = 0; j < 8; j++)
            r[j] = pqs_avx2_load(c + 32 * j + 8 * o);
        for (unsigned j = 0; j < 4; j++)            /* len = 128: zeta 1 */
            CT_I(&r[j], &r[j + 4], 1);
        for (unsigned j = 0; j < 8; j += 4) {       /* len = 64: zetas 2, 3 */
            CT_I(&r[j], &r[j + 2], 2 + j / 4);
            CT_I(&r[j + 1], &r[j + 3], 2 + j / 4);
        }
        for (unsigned j = 0; j < 8; j += 2)         /* len = 32: zetas 4 .. 7 */
            CT_I(&r[j], &r[j + 1], 4 + j / 2);
        for (unsigned j = 0; j < 8; j++)
            pqs_avx2_store(c + 32 * j + 8 * o, r[j]);
    }
    for (unsigned g = 0; g < 4; g++) {
        __m256i r[8];
        for (unsigned j = 0; j < 8; j++)
            r[j] = pqs_avx2_load(c + 64 * g + 8 * j);
        for (unsigned j = 0; j < 8; j += 4) {       /* len = 16: zetas 8 + 2g + j/4 */
            CT_I(&r[j], &r[j + 2], 8 + 2 * g + j / 4);
            CT_I(&r[j + 1], &r[j + 3], 8 + 2 * g + j / 4);
        }
        for (unsigned p = 0; p < 4; p++) {
            unsigned P = 4 * g + p;
            __m256i x = r[2 * p], y = r[2 * p + 1];
            CT_I(&x, &y, 16 + 4 * g + p);            /* len = 8 */
            shuf128(&x, &y);
            CT_T(&x, &y, &g_tab.fwd[0][P]);          /* len = 4 */
            shuf64(&x, &y);
            CT_T(&x, &y, &g_tab.fwd[1][P]);          /* len = 2 */
            shuf32(&x, &y);
            CT_T(&x, &y, &g_tab.fwd[2][P]);          /* len = 1 */
            shuf32(&x, &y);
            shuf64(&x, &y);
            shuf128(&x, &y);
            pqs_avx2_store(c + 16 * P, x);
            pqs_avx2_store(c + 16 * P + 8, y);
        }
    }
}

PQS_AVX2_FN void pqs_mldsa_invntt_tomont_avx2(pqs_mldsa_poly *a)
{
    int32_t *c = a->c;
    for (unsigned g = 0; g < 4; g++) {
        __m256i r[8];
        for (unsigned p = 0; p < 4; p++) {
            unsigned P = 4 * g + p;
            __m256i x = pqs_avx2_load(c + 16 * P), y = pqs_avx2_load(c + 16 * P + 8);
            shuf128(&x, &y);
            shuf64(&x, &y);
            shuf32(&x, &y);
            gs_t(&x, &y, &g_tab.inv[0][P]);          /* len = 1 */
            shuf32(&x, &y);
            gs_t(&x, &y, &g_tab.inv[1][P]);          /* len = 2 */
            shuf64(&x, &y);
            gs_t(&x, &y, &g_tab.inv[2][P]);          /* len = 4 */
            shuf128(&x, &y);
            gs_i(&x, &y, 31 - 4 * g - p);            /* len = 8 */
            r[2 * p] = x;
            r[2 * p + 1] = y;
        }
        for (unsigned j = 0; j < 8; j += 4) {       /* len = 16 */
            gs_i(&r[j], &r[j + 2], 15 - 2 * g - j / 4);
            gs_i(&r[j + 1], &r[j + 3], 15 - 2 * g - j / 4);
        }
        for (unsigned j = 0; j < 8; j++)
            pqs_avx2_store(c + 64 * g + 8 * j, r[j]);
    }
    for (unsigned o = 0; o < 4; o++) {
        __m256i r[8];
        for (unsigned j = 0; j < 8; j++)
            r[j] = pqs_avx2_load(c + 32 * j + 8 * o);
        for (unsigned j = 0; j < 8; j += 2)         /* len = 32: zetas 7 .. 4 */
            gs_i(&r[j], &r[j + 1], 7 - j / 2);
        for (unsigned j = 0; j < 8; j += 4) {       /* len = 64: zetas 3, 2 */
            gs_i(&r[j], &r[j + 2], 3 - j / 4);
            gs_i(&r[j + 1], &r[j + 3], 3 - j / 4);
        }
        /* len = 128 with the 1/256 of step 21 (see mldsa/ntt.c). */
        for (unsigned j = 0; j < 4; j++) {
            __m256i t = r[j], u = r[j + 4];
            r[j] = montmul_c(_mm256_add_epi32(t, u), PQS_MLDSA_INV256_MONT);
            r[j + 4] = montmul_c(_mm256_sub_epi32(t, u), PQS_MLDSA_LAST_TWIDDLE_INV256);
        }
        for (unsigned j = 0; j < 8; j++)
            pqs_avx2_store(c + 32 * j + 8 * o, r[j]);
    }
}

#endif
