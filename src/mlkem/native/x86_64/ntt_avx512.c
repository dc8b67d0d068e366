/* NTT, inverse NTT and the products in T_q (FIPS 203 Alg. 9-12) with AVX-512 (F/VL/BW), in the standard
 * coefficient order: the butterflies of mlkem/ntt.c in the same order with the same
 * reductions, 32 coefficients per register, so outputs are bit-identical to the
 * portable code (and to ntt_avx2.c).
 *
 * A polynomial is 8 registers (register i: coefficients 32i .. 32i+31) and stays in
 * them for the whole transform. Layers len = 128, 64, 32 pair whole registers. For
 * len = 16, 8, 4, 2 the two registers A, B of 64 consecutive coefficients are
 * transposed step by step (each step its own inverse) so that the partners of every
 * butterfly meet in the same lane of two registers X, Y; in 128-bit blocks
 * A = (A0 A1 A2 A3), B = (B0 B1 B2 B3):
 *   shuf256: X = (A0 A1 B0 B1), Y = (A2 A3 B2 B3)                         (len 16)
 *   shuf128: X = (X0 Y0 X2 Y2), Y = (X1 Y1 X3 Y3)                          (len 8)
 *   shuf64:  64-bit halves of each 128-bit block interleaved, as ntt_avx2.c (len 4)
 *   shuf32:  32-bit words of each 64-bit word interleaved, as ntt_avx2.c   (len 2)
 * The zetas of those layers are laid out lane by lane at start-up, by running the same
 * steps on the coefficient indices. */
#include "avx2_internal.h"

#if defined(PQS_MLKEM_AVX2)

#define AVX512_FN __attribute__((target("avx2,avx512f,avx512vl,avx512bw")))
#define AVX512_INLINE static inline __attribute__((target("avx2,avx512f,avx512vl,avx512bw"), \
                                                          always_inline))
#define W16(x) _mm512_set1_epi16((int16_t)(x))
#define ZETA(i) pqs_mlkem_zetas[i]

/* Per register pair p (coefficients 64p .. 64p+63), per in-register layer (len 16, 8,
 * 4, 2 for fwd; the same layouts for inv), the zeta of each lane, [0] plain and [1]
 * twisted; zetas_tw: the twists of the broadcast zetas. */
static struct {
    int16_t fwd[4][4][2][32];
    int16_t inv[4][4][2][32];
    int16_t zetas_tw[128];
    int16_t gammas[2][PQS_MLKEM_N / 2];
} g_tab512 __attribute__((aligned(64)));

AVX512_INLINE __m512i load32(const int16_t *p)
{
    return _mm512_loadu_si512((const void *)p);
}

AVX512_INLINE void store32(int16_t *p, __m512i v)
{
    _mm512_storeu_si512((void *)p, v);
}

AVX512_INLINE void shuf256(__m512i *a, __m512i *b)
{
    __m512i x = _mm512_shuffle_i64x2(*a, *b, 0x44);
    __m512i y = _mm512_shuffle_i64x2(*a, *b, 0xEE);
    *a = x;
    *b = y;
}

AVX512_INLINE void shuf128(__m512i *a, __m512i *b)
{
    const __m512i lo = _mm512_setr_epi64(0, 1, 8, 9, 4, 5, 12, 13);
    const __m512i hi = _mm512_setr_epi64(2, 3, 10, 11, 6, 7, 14, 15);
    __m512i x = _mm512_permutex2var_epi64(*a, lo, *b);
    __m512i y = _mm512_permutex2var_epi64(*a, hi, *b);
    *a = x;
    *b = y;
}

AVX512_INLINE void shuf64(__m512i *a, __m512i *b)
{
    __m512i x = _mm512_unpacklo_epi64(*a, *b);
    __m512i y = _mm512_unpackhi_epi64(*a, *b);
    *a = x;
    *b = y;
}

AVX512_INLINE void shuf32(__m512i *a, __m512i *b)
{
    __m512i x = _mm512_mask_blend_epi32(0xAAAA, *a, _mm512_slli_epi64(*b, 32));
    __m512i y = _mm512_mask_blend_epi32(0xAAAA, _mm512_srli_epi64(*a, 32), *b);
    *a = x;
    *b = y;
}

/* The reductions of mlkem/reduce.h lane by lane (as pqs_avx2_fqmul, pqs_avx2_barrett). */
AVX512_INLINE __m512i fqmul(__m512i a, __m512i z, __m512i z_tw)
{
    __m512i hi = _mm512_mulhi_epi16(a, z);
    __m512i t = _mm512_mulhi_epi16(_mm512_mullo_epi16(a, z_tw), W16(PQS_MLKEM_Q));
    return _mm512_sub_epi16(hi, t);
}

AVX512_INLINE __m512i barrett(__m512i a)
{
    __m512i t = _mm512_mulhi_epi16(a, W16(((1 << 26) + PQS_MLKEM_Q / 2) / PQS_MLKEM_Q));
    t = _mm512_srai_epi16(_mm512_add_epi16(t, W16(1 << 9)), 10);
    return _mm512_sub_epi16(a, _mm512_mullo_epi16(t, W16(PQS_MLKEM_Q)));
}

/* CT_BF and GS_BF of mlkem/ntt.c. */
AVX512_INLINE void ct_bf(__m512i *x, __m512i *y, __m512i z, __m512i z_tw)
{
    __m512i t = fqmul(*y, z, z_tw);
    *y = _mm512_sub_epi16(*x, t);
    *x = _mm512_add_epi16(*x, t);
}

AVX512_INLINE void gs_bf(__m512i *x, __m512i *y, __m512i z, __m512i z_tw, int reduce)
{
    __m512i sum = _mm512_add_epi16(*x, *y);
    *y = fqmul(_mm512_sub_epi16(*y, *x), z, z_tw);
    *x = reduce ? barrett(sum) : sum;
}

AVX512_INLINE void ct_bf_v(__m512i *x, __m512i *y, const int16_t z[2][32])
{
    ct_bf(x, y, load32(z[0]), load32(z[1]));
}

AVX512_INLINE void gs_bf_v(__m512i *x, __m512i *y, const int16_t z[2][32], int reduce)
{
    gs_bf(x, y, load32(z[0]), load32(z[1]), reduce);
}

AVX512_INLINE void ct_bf_i(__m512i *x, __m512i *y, unsigned i)
{
    ct_bf(x, y, W16(ZETA(i)), W16(g_tab512.zetas_tw[i]));
}

AVX512_INLINE void gs_bf_i(__m512i *x, __m512i *y, unsigned i, int reduce)
{
    gs_bf(x, y, W16(ZETA(i)), W16(g_tab512.zetas_tw[i]), reduce);
}

/* One layer's zetas for the lanes of X (the low partners), from their coefficient
 * indices c: block c / 2len of Alg. 9 uses zeta 128/len + c/2len, of Alg. 10 zeta
 * 256/len - 1 - c/2len. */
static void set_zetas(int16_t fwd[2][32], int16_t inv[2][32], const int16_t idx[32],
                      unsigned len)
{
    for (unsigned l = 0; l < 32; l++) {
        unsigned b = (unsigned)idx[l] / (2 * len);
        int16_t f = ZETA(128 / len + b), v = ZETA(256 / len - 1 - b);
        fwd[0][l] = f;
        fwd[1][l] = PQS_MLKEM_TWIST(f);
        inv[0][l] = v;
        inv[1][l] = PQS_MLKEM_TWIST(v);
    }
}

AVX512_FN void pqs_mlkem_avx512_ntt_init(void)
{
    for (unsigned i = 0; i < 128; i++)
        g_tab512.zetas_tw[i] = PQS_MLKEM_TWIST(ZETA(i));
    /* gamma_{2j} = zeta_{64+j}, gamma_{2j+1} = -gamma_{2j} (see mlkem/ntt.c). */
    for (unsigned i = 0; i < PQS_MLKEM_N / 2; i++) {
        int16_t g = (int16_t)(i % 2 ? -ZETA(64 + i / 2) : ZETA(64 + i / 2));
        g_tab512.gammas[0][i] = g;
        g_tab512.gammas[1][i] = PQS_MLKEM_TWIST(g);
    }
    for (unsigned p = 0; p < 4; p++) {
        int16_t ia[32], ib[32], ix[32];
        for (unsigned l = 0; l < 32; l++) {
            ia[l] = (int16_t)(64 * p + l);
            ib[l] = (int16_t)(64 * p + 32 + l);
        }
        __m512i x = load32(ia), y = load32(ib);
        shuf256(&x, &y);
        store32(ix, x);
        set_zetas(g_tab512.fwd[0][p], g_tab512.inv[3][p], ix, 16);
        shuf128(&x, &y);
        store32(ix, x);
        set_zetas(g_tab512.fwd[1][p], g_tab512.inv[2][p], ix, 8);
        shuf64(&x, &y);
        store32(ix, x);
        set_zetas(g_tab512.fwd[2][p], g_tab512.inv[1][p], ix, 4);
        shuf32(&x, &y);
        store32(ix, x);
        set_zetas(g_tab512.fwd[3][p], g_tab512.inv[0][p], ix, 2);
    }
}

AVX512_FN void pqs_mlkem_ntt_avx512(pqs_mlkem_poly *r)
{
    __m512i a[8];
    for (unsigned i = 0; i < 8; i++)
        a[i] = load32(r->c + 32 * i);
    for (unsigned i = 0; i < 4; i++)                /* len = 128 */
        ct_bf_i(&a[i], &a[i + 4], 1);
    for (unsigned h = 0; h < 2; h++) {              /* len = 64 */
        ct_bf_i(&a[4 * h], &a[4 * h + 2], 2 + h);
        ct_bf_i(&a[4 * h + 1], &a[4 * h + 3], 2 + h);
    }
    for (unsigned p = 0; p < 4; p++)                /* len = 32 */
        ct_bf_i(&a[2 * p], &a[2 * p + 1], 4 + p);
    for (unsigned p = 0; p < 4; p++) {              /* len = 16, 8, 4, 2 in-register */
        __m512i x = a[2 * p], y = a[2 * p + 1];
        shuf256(&x, &y);
        ct_bf_v(&x, &y, g_tab512.fwd[0][p]);
        shuf128(&x, &y);
        ct_bf_v(&x, &y, g_tab512.fwd[1][p]);
        shuf64(&x, &y);
        ct_bf_v(&x, &y, g_tab512.fwd[2][p]);
        shuf32(&x, &y);
        ct_bf_v(&x, &y, g_tab512.fwd[3][p]);
        x = barrett(x);
        y = barrett(y);
        shuf32(&x, &y);
        shuf64(&x, &y);
        shuf128(&x, &y);
        shuf256(&x, &y);
        store32(r->c + 64 * p, x);
        store32(r->c + 64 * p + 32, y);
    }
}

AVX512_FN void pqs_mlkem_invntt_frommont_avx512(pqs_mlkem_poly *r)
{
    __m512i a[8];
    for (unsigned p = 0; p < 4; p++) {              /* len = 2, 4, 8, 16 in-register */
        __m512i x = load32(r->c + 64 * p), y = load32(r->c + 64 * p + 32);
        shuf256(&x, &y);
        shuf128(&x, &y);
        shuf64(&x, &y);
        shuf32(&x, &y);
        gs_bf_v(&x, &y, g_tab512.inv[0][p], 0);
        shuf32(&x, &y);
        gs_bf_v(&x, &y, g_tab512.inv[1][p], 0);
        shuf64(&x, &y);
        gs_bf_v(&x, &y, g_tab512.inv[2][p], 1);
        shuf128(&x, &y);
        gs_bf_v(&x, &y, g_tab512.inv[3][p], 0);
        shuf256(&x, &y);
        a[2 * p] = x;
        a[2 * p + 1] = y;
    }
    for (unsigned p = 0; p < 4; p++)                /* len = 32 */
        gs_bf_i(&a[2 * p], &a[2 * p + 1], 7 - p, 0);
    for (unsigned h = 0; h < 2; h++) {              /* len = 64, sums reduced */
        gs_bf_i(&a[4 * h], &a[4 * h + 2], 3 - h, 1);
        gs_bf_i(&a[4 * h + 1], &a[4 * h + 3], 3 - h, 1);
    }
    /* len = 128 with the scaling of Alg. 10 step 14 (see mlkem/ntt.c). */
    const __m512i f = W16(PQS_MLKEM_INVNTT_F), f_tw = W16(PQS_MLKEM_TWIST(PQS_MLKEM_INVNTT_F));
    const __m512i fz = W16(PQS_MLKEM_INVNTT_F_ZETA1);
    const __m512i fz_tw = W16(PQS_MLKEM_TWIST(PQS_MLKEM_INVNTT_F_ZETA1));
    for (unsigned i = 0; i < 4; i++) {
        __m512i t = a[i], u = a[i + 4];
        store32(r->c + 32 * i, fqmul(_mm512_add_epi16(t, u), f, f_tw));
        store32(r->c + 32 * (i + 4), fqmul(_mm512_sub_epi16(u, t), fz, fz_tw));
    }
}

/* The products in T_q (Alg. 11, 12) as ntt_avx2.c computes them, 32 coefficients per
 * step: the mulcache holds b1 gamma per pair; each output pair is two pmaddwd sums in
 * 32 bits, as the portable code sums them, then one Montgomery reduction. */
AVX512_FN void pqs_mlkem_mulcache_compute_avx512(pqs_mlkem_mulcache *x, const pqs_mlkem_poly *b)
{
    for (unsigned i = 0; i < PQS_MLKEM_N / 32; i++) {
        /* the odd coefficients b[2j+1] of 32, in order */
        __m256i odd = _mm512_cvtepi32_epi16(_mm512_srai_epi32(load32(b->c + 32 * i), 16));
        __m256i g = _mm256_loadu_si256((const __m256i *)(g_tab512.gammas[0] + 16 * i));
        __m256i g_tw = _mm256_loadu_si256((const __m256i *)(g_tab512.gammas[1] + 16 * i));
        _mm256_storeu_si256((__m256i *)(x->c + 16 * i), pqs_avx2_fqmul(odd, g, g_tw));
    }
}

AVX512_FN void pqs_mlkem_basemul_acc_avx512(pqs_mlkem_poly *r, const pqs_mlkem_poly *a,
                                            const pqs_mlkem_poly *b,
                                            const pqs_mlkem_mulcache *bx, unsigned k)
{
    /* (a0, a1) . (b0, b1 gamma) and (a0, a1) . (b1, b0) per pair: see ntt_avx2.c. */
    const __m512i swap = _mm512_broadcast_i32x4(
        _mm_setr_epi8(2, 3, 0, 1, 6, 7, 4, 5, 10, 11, 8, 9, 14, 15, 12, 13));
    for (unsigned i = 0; i < PQS_MLKEM_N / 32; i++) {
        __m512i even = _mm512_setzero_si512(), odd = _mm512_setzero_si512();
        for (unsigned j = 0; j < k; j++) {
            __m512i va = load32(a[j].c + 32 * i), vb = load32(b[j].c + 32 * i);
            __m512i vx = _mm512_cvtepu16_epi32(
                _mm256_loadu_si256((const __m256i *)(bx[j].c + 16 * i)));
            __m512i b0x = _mm512_mask_blend_epi16(0xAAAAAAAAu, vb, _mm512_slli_epi32(vx, 16));
            __m512i b1b0 = _mm512_shuffle_epi8(vb, swap);
            even = _mm512_add_epi32(even, _mm512_madd_epi16(va, b0x));
            odd = _mm512_add_epi32(odd, _mm512_madd_epi16(va, b1b0));
        }
        /* Montgomery reduction on 16-bit halves, even and odd interleaved (ntt_avx2.c). */
        __m512i hi = _mm512_mask_blend_epi16(0xAAAAAAAAu, _mm512_srli_epi32(even, 16), odd);
        __m512i lo = _mm512_mask_blend_epi16(0xAAAAAAAAu, even, _mm512_slli_epi32(odd, 16));
        __m512i t = _mm512_mulhi_epi16(_mm512_mullo_epi16(lo, W16(PQS_MLKEM_QINV)),
                                       W16(PQS_MLKEM_Q));
        store32(r->c + 32 * i, _mm512_sub_epi16(hi, t));
    }
}

#endif
