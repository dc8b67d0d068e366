/* NTT, inverse NTT and the products in T_q (FIPS 203 Alg. 9-12) with AVX2, in the
 * standard coefficient order: the same butterflies as mlkem/ntt.c, in the same order
 * and with the same reductions, 16 coefficients per register, so outputs are
 * bit-identical to the portable code.
 *
 * A polynomial is 16 registers; register i holds coefficients 16i .. 16i+15. Layers
 * len = 128 .. 16 pair whole registers. For len = 8, 4, 2 two registers A, B (32
 * consecutive coefficients) are transposed in three steps so that the partners of each
 * butterfly meet in the same lane of two registers X, Y:
 *   shuf128: X = [A0..7 | B0..7],              Y = [A8..15 | B8..15]       (len 8)
 *   shuf64:  X = [A0..3 A8..11 | B0..3 B8..11], Y = [A4..7 A12..15 | ...]   (len 4)
 *   shuf32:  X = [A0 A1 A4 A5 A8 A9 A12 A13 | ...], Y = [A2 A3 A6 A7 ... | ...] (len 2)
 * Each step is its own inverse, so the same three undo the transposition. The zetas of
 * those layers are laid out lane by lane once, at start-up (pqs_mlkem_avx2_ntt_init). */
#include "avx2_internal.h"

#if defined(PQS_MLKEM_AVX2)

/* Per register pair m (coefficients 32m .. 32m+31): the zetas of the in-register
 * layers in lane order, [0] plain and [1] twisted. fwd[0..2]: len 8, 4, 2 of Alg. 9;
 * inv[0..2]: len 2, 4, 8 of Alg. 10. gammas: the moduli of Alg. 11 (mulcache). */
static struct {
    int16_t fwd[3][8][2][16];
    int16_t inv[3][8][2][16];
    int16_t gammas[2][PQS_MLKEM_N / 2];
    int16_t zetas_tw[128];
} g_tab __attribute__((aligned(32)));

#define ZETA(i) pqs_mlkem_zetas[i]

void pqs_mlkem_avx2_ntt_init(void)
{
    /* Lane l of pair m uses zeta base + n m + l / w (forward), top - n m - l / w
     * (inverse): w lanes share a zeta because a block of 2w coefficients does. */
    static const struct { unsigned base, top, n, w; } layer[3] = {
        {16, 31, 2, 8}, {32, 63, 4, 4}, {64, 127, 8, 2}};
    for (unsigned L = 0; L < 3; L++) {
        for (unsigned m = 0; m < 8; m++) {
            for (unsigned l = 0; l < 16; l++) {
                int16_t f = ZETA(layer[L].base + layer[L].n * m + l / layer[L].w);
                int16_t v = ZETA(layer[L].top - layer[L].n * m - l / layer[L].w);
                g_tab.fwd[L][m][0][l] = f;
                g_tab.fwd[L][m][1][l] = PQS_MLKEM_TWIST(f);
                /* inverse order of layers: len 2 first */
                g_tab.inv[2 - L][m][0][l] = v;
                g_tab.inv[2 - L][m][1][l] = PQS_MLKEM_TWIST(v);
            }
        }
    }
    /* gamma_{2j} = zeta_{64+j}, gamma_{2j+1} = -gamma_{2j} (see mlkem/ntt.c). */
    for (unsigned i = 0; i < PQS_MLKEM_N / 2; i++) {
        int16_t g = (int16_t)(i % 2 ? -ZETA(64 + i / 2) : ZETA(64 + i / 2));
        g_tab.gammas[0][i] = g;
        g_tab.gammas[1][i] = PQS_MLKEM_TWIST(g);
    }
    for (unsigned i = 0; i < 128; i++)
        g_tab.zetas_tw[i] = PQS_MLKEM_TWIST(ZETA(i));
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

/* CT_BF and GS_BF of mlkem/ntt.c with zetas (z, z_tw) in every lane. */
PQS_AVX2_INLINE void ct_bf(__m256i *x, __m256i *y, __m256i z, __m256i z_tw)
{
    __m256i t = pqs_avx2_fqmul(*y, z, z_tw);
    *y = _mm256_sub_epi16(*x, t);
    *x = _mm256_add_epi16(*x, t);
}

PQS_AVX2_INLINE void gs_bf(__m256i *x, __m256i *y, __m256i z, __m256i z_tw, int reduce)
{
    __m256i sum = _mm256_add_epi16(*x, *y);
    *y = pqs_avx2_fqmul(_mm256_sub_epi16(*y, *x), z, z_tw);
    *x = reduce ? pqs_avx2_barrett(sum) : sum;
}

/* Butterflies with a lane-by-lane zeta vector z[0] (twist z[1]) of the tables. */
PQS_AVX2_INLINE void ct_bf_v(__m256i *x, __m256i *y, const int16_t z[2][16])
{
    ct_bf(x, y, pqs_avx2_load16(z[0]), pqs_avx2_load16(z[1]));
}

PQS_AVX2_INLINE void gs_bf_v(__m256i *x, __m256i *y, const int16_t z[2][16], int reduce)
{
    gs_bf(x, y, pqs_avx2_load16(z[0]), pqs_avx2_load16(z[1]), reduce);
}

/* Butterflies with the zeta of index i broadcast. */
PQS_AVX2_INLINE void ct_bf_i(__m256i *x, __m256i *y, unsigned i)
{
    ct_bf(x, y, V16(ZETA(i)), V16(g_tab.zetas_tw[i]));
}

PQS_AVX2_INLINE void gs_bf_i(__m256i *x, __m256i *y, unsigned i, int reduce)
{
    gs_bf(x, y, V16(ZETA(i)), V16(g_tab.zetas_tw[i]), reduce);
}

PQS_AVX2_FN void pqs_mlkem_ntt_avx2(pqs_mlkem_poly *r)
{
    int16_t *c = r->c;
    /* len = 128: registers i and i + 8, zeta 1. */
    for (unsigned i = 0; i < 8; i++) {
        __m256i x = pqs_avx2_load16(c + 16 * i), y = pqs_avx2_load16(c + 16 * (i + 8));
        ct_bf_i(&x, &y, 1);
        pqs_avx2_store16(c + 16 * i, x);
        pqs_avx2_store16(c + 16 * (i + 8), y);
    }
    /* The rest within each half of 128 coefficients, held in 8 registers. */
    for (unsigned h = 0; h < 2; h++) {
        __m256i a[8];
        for (unsigned j = 0; j < 8; j++)
            a[j] = pqs_avx2_load16(c + 128 * h + 16 * j);
        for (unsigned j = 0; j < 4; j++)            /* len = 64 */
            ct_bf_i(&a[j], &a[j + 4], 2 + h);
        for (unsigned j = 0; j < 8; j += 4) {       /* len = 32 */
            ct_bf_i(&a[j], &a[j + 2], 4 + 2 * h + j / 4);
            ct_bf_i(&a[j + 1], &a[j + 3], 4 + 2 * h + j / 4);
        }
        for (unsigned j = 0; j < 4; j++) {          /* len = 16, then 8, 4, 2 in-register */
            unsigned m = 4 * h + j;
            __m256i x = a[2 * j], y = a[2 * j + 1];
            ct_bf_i(&x, &y, 8 + m);
            shuf128(&x, &y);
            ct_bf_v(&x, &y, g_tab.fwd[0][m]);
            shuf64(&x, &y);
            ct_bf_v(&x, &y, g_tab.fwd[1][m]);
            shuf32(&x, &y);
            ct_bf_v(&x, &y, g_tab.fwd[2][m]);
            x = pqs_avx2_barrett(x);
            y = pqs_avx2_barrett(y);
            shuf32(&x, &y);
            shuf64(&x, &y);
            shuf128(&x, &y);
            pqs_avx2_store16(c + 32 * m, x);
            pqs_avx2_store16(c + 32 * m + 16, y);
        }
    }
}

PQS_AVX2_FN void pqs_mlkem_invntt_frommont_avx2(pqs_mlkem_poly *r)
{
    int16_t *c = r->c;
    for (unsigned h = 0; h < 2; h++) {
        __m256i a[8];
        for (unsigned j = 0; j < 4; j++) {          /* len = 2, 4, 8 in-register, then 16 */
            unsigned m = 4 * h + j;
            __m256i x = pqs_avx2_load16(c + 32 * m), y = pqs_avx2_load16(c + 32 * m + 16);
            shuf128(&x, &y);
            shuf64(&x, &y);
            shuf32(&x, &y);
            gs_bf_v(&x, &y, g_tab.inv[0][m], 0);
            shuf32(&x, &y);
            gs_bf_v(&x, &y, g_tab.inv[1][m], 0);
            shuf64(&x, &y);
            gs_bf_v(&x, &y, g_tab.inv[2][m], 1);
            shuf128(&x, &y);
            gs_bf_i(&x, &y, 15 - m, 0);
            a[2 * j] = x;
            a[2 * j + 1] = y;
        }
        for (unsigned j = 0; j < 8; j += 4) {       /* len = 32 */
            gs_bf_i(&a[j], &a[j + 2], 7 - 2 * h - j / 4, 0);
            gs_bf_i(&a[j + 1], &a[j + 3], 7 - 2 * h - j / 4, 0);
        }
        for (unsigned j = 0; j < 4; j++)            /* len = 64, sums reduced */
            gs_bf_i(&a[j], &a[j + 4], 3 - h, 1);
        for (unsigned j = 0; j < 8; j++)
            pqs_avx2_store16(c + 128 * h + 16 * j, a[j]);
    }
    /* len = 128 with the scaling of Alg. 10 step 14 (see mlkem/ntt.c). */
    const __m256i f = V16(PQS_MLKEM_INVNTT_F), f_tw = V16(PQS_MLKEM_TWIST(PQS_MLKEM_INVNTT_F));
    const __m256i fz = V16(PQS_MLKEM_INVNTT_F_ZETA1);
    const __m256i fz_tw = V16(PQS_MLKEM_TWIST(PQS_MLKEM_INVNTT_F_ZETA1));
    for (unsigned i = 0; i < 8; i++) {
        __m256i t = pqs_avx2_load16(c + 16 * i), u = pqs_avx2_load16(c + 16 * (i + 8));
        pqs_avx2_store16(c + 16 * i, pqs_avx2_fqmul(_mm256_add_epi16(t, u), f, f_tw));
        pqs_avx2_store16(c + 16 * (i + 8), pqs_avx2_fqmul(_mm256_sub_epi16(u, t), fz, fz_tw));
    }
}

PQS_AVX2_FN void pqs_mlkem_mulcache_compute_avx2(pqs_mlkem_mulcache *x, const pqs_mlkem_poly *b)
{
    for (unsigned i = 0; i < PQS_MLKEM_N / 32; i++) {
        /* The odd coefficients b[2j+1] of 32, sign-extended to 32 bits, packed back in
         * order (packs works per 128-bit lane; the permutation restores the order). */
        __m256i o0 = _mm256_srai_epi32(pqs_avx2_load16(b->c + 32 * i), 16);
        __m256i o1 = _mm256_srai_epi32(pqs_avx2_load16(b->c + 32 * i + 16), 16);
        __m256i odd = _mm256_permute4x64_epi64(_mm256_packs_epi32(o0, o1), 0xD8);
        __m256i g = pqs_avx2_load16(g_tab.gammas[0] + 16 * i);
        __m256i g_tw = pqs_avx2_load16(g_tab.gammas[1] + 16 * i);
        pqs_avx2_store16(x->c + 16 * i, pqs_avx2_fqmul(odd, g, g_tw));
    }
}

PQS_AVX2_FN void pqs_mlkem_basemul_acc_avx2(pqs_mlkem_poly *r, const pqs_mlkem_poly *a,
                                            const pqs_mlkem_poly *b,
                                            const pqs_mlkem_mulcache *bx, unsigned k)
{
    /* Per pair (a0, a1) x (b0, b1): c0 = a0 b0 + a1 (b1 gamma), c1 = a0 b1 + a1 b0, each a
     * pmaddwd of (a0, a1) with (b0, b1 gamma) or (b1, b0): 32-bit sums, as in the
     * portable code, then one Montgomery reduction. */
    const __m256i swap = _mm256_setr_epi8(2, 3, 0, 1, 6, 7, 4, 5, 10, 11, 8, 9, 14, 15, 12, 13,
                                          2, 3, 0, 1, 6, 7, 4, 5, 10, 11, 8, 9, 14, 15, 12, 13);
    for (unsigned i = 0; i < PQS_MLKEM_N / 16; i++) {
        __m256i even = _mm256_setzero_si256(), odd = _mm256_setzero_si256();
        for (unsigned j = 0; j < k; j++) {
            __m256i va = pqs_avx2_load16(a[j].c + 16 * i), vb = pqs_avx2_load16(b[j].c + 16 * i);
            __m256i vx = _mm256_cvtepu16_epi32(_mm_loadu_si128((const __m128i *)(bx[j].c + 8 * i)));
            __m256i b0x = _mm256_blend_epi16(vb, _mm256_slli_epi32(vx, 16), 0xAA);
            __m256i b1b0 = _mm256_shuffle_epi8(vb, swap);
            even = _mm256_add_epi32(even, _mm256_madd_epi16(va, b0x));
            odd = _mm256_add_epi32(odd, _mm256_madd_epi16(va, b1b0));
        }
        /* pqs_mlkem_montgomery_reduce on 16-bit halves: with acc = hi 2^16 + lo and
         * t = lo q^-1 mod 2^16, the low halves of acc and t q agree, so
         * (acc - t q) / 2^16 = hi - hi(t q). Interleaving even and odd here puts the
         * results in coefficient order. */
        __m256i hi = _mm256_blend_epi16(_mm256_srli_epi32(even, 16), odd, 0xAA);
        __m256i lo = _mm256_blend_epi16(even, _mm256_slli_epi32(odd, 16), 0xAA);
        __m256i t = _mm256_mullo_epi16(lo, V16(PQS_MLKEM_QINV));
        t = _mm256_mulhi_epi16(t, V16(PQS_MLKEM_Q));
        pqs_avx2_store16(r->c + 16 * i, _mm256_sub_epi16(hi, t));
    }
}

PQS_AVX2_FN void pqs_mlkem_poly_reduce_avx2(pqs_mlkem_poly *r)
{
    for (unsigned i = 0; i < PQS_MLKEM_N / 16; i++)
        pqs_avx2_store16(r->c + 16 * i, pqs_avx2_barrett(pqs_avx2_load16(r->c + 16 * i)));
}

PQS_AVX2_FN void pqs_mlkem_poly_tomont_avx2(pqs_mlkem_poly *r)
{
    const __m256i f = V16(PQS_MLKEM_MONT_R2), f_tw = V16(PQS_MLKEM_TWIST(PQS_MLKEM_MONT_R2));
    for (unsigned i = 0; i < PQS_MLKEM_N / 16; i++)
        pqs_avx2_store16(r->c + 16 * i, pqs_avx2_fqmul(pqs_avx2_load16(r->c + 16 * i), f, f_tw));
}

#endif
