/* NTT and inverse NTT of ML-DSA (FIPS 204 Algorithms 41 and 42) with AVX-512, in the
 * standard coefficient order: the butterflies of mldsa/ntt.c with the same Montgomery
 * reductions, 16 coefficients per register, so outputs are bit-identical to the portable
 * code.
 *
 * The whole polynomial lives in 16 registers (register i: coefficients 16i .. 16i+15).
 * Layers len = 128 .. 16 pair whole registers with one zeta each. Layers len = 8 .. 1
 * work inside a register pair P = (r[2P], r[2P+1]), the 32 coefficients 32P .. 32P+31:
 * before layer len, one vpermt2d per register regroups them as X, Y with the partners
 * of every butterfly in the same lane (X lane k: the k-th of the 16 local indices with
 * bit len clear; Y lane k: that index + len), and a last regrouping restores the order.
 * The index vectors and the per-lane zetas of those layers are laid out once, at
 * start-up (pqs_mldsa_avx512_ntt_init). Zetas are public: no secret index anywhere. */
#include "avx512_internal.h"

#if defined(PQS_MLDSA_AVX512)
#include "mldsa/ntt.h"

#define N PQS_MLDSA_N
#define ZETA(i) pqs_mldsa_zetas[i]

/* A per-lane twiddle factor z in every form the butterflies use: z, zq = z q^-1 mod
 * 2^32, and both again with the odd lanes moved down to the even ones (vpmuldq). */
typedef struct {
    int32_t z[16], zq[16], z_odd[16], zq_odd[16];
} twiddle;

/* Lane maps of a register pair: STATE_NAT is the standard order, STATE_L (L = 8, 4, 2,
 * 1) the grouping for layer len = L. Transition s -> t: two vpermt2d index vectors. */
enum { STATE_NAT, STATE_8, STATE_4, STATE_2, STATE_1, NSTATES };

static struct {
    twiddle fwd[4][8];       /* [layer len 8, 4, 2, 1][pair] */
    twiddle inv[4][8];       /* [layer len 1, 2, 4, 8][pair], negated zetas */
    int32_t idx[NSTATES][NSTATES][2][16];
    int32_t zq[N];           /* zetas[i] q^-1 mod 2^32 for the broadcast layers */
} g_tab __attribute__((aligned(64)));

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

/* The local index (0..31) held at position pos (0..15: X lane, 16..31: Y lane). */
static unsigned local_at(unsigned state, unsigned pos)
{
    if (state == STATE_NAT)
        return pos;
    unsigned len = 16u >> state;     /* STATE_8 -> 8, ..., STATE_1 -> 1 */
    unsigned k = pos % 16, x = 0;
    for (unsigned seen = 0;; x++) {  /* the k-th index with bit len clear */
        if ((x & len) == 0 && seen++ == k)
            break;
    }
    return pos < 16 ? x : x + len;
}

static unsigned position_of(unsigned state, unsigned local)
{
    for (unsigned pos = 0;; pos++) {
        if (local_at(state, pos) == local)
            return pos;
    }
}

void pqs_mldsa_avx512_ntt_init(void)
{
    for (unsigned s = 0; s < NSTATES; s++) {
        for (unsigned t = 0; t < NSTATES; t++) {
            for (unsigned pos = 0; pos < 32; pos++)
                g_tab.idx[s][t][pos / 16][pos % 16] = (int32_t)position_of(s, local_at(t, pos));
        }
    }
    /* Layer len = L in pair P, X lane k: global index g = 32P + local; the forward
     * transform uses zetas[N/(2L) + g/(2L)], the inverse -zetas[N/L - 1 - g/(2L)]
     * (the zeta indices of mldsa/ntt.c). */
    for (unsigned li = 0; li < 4; li++) {
        unsigned len = 8u >> li;
        for (unsigned P = 0; P < 8; P++) {
            for (unsigned k = 0; k < 16; k++) {
                unsigned g = 32 * P + local_at(STATE_8 + li, k);
                set_lane(&g_tab.fwd[li][P], k, ZETA(N / (2 * len) + g / (2 * len)));
                set_lane(&g_tab.inv[3 - li][P], k, -ZETA(N / len - 1 - g / (2 * len)));
            }
        }
    }
    for (unsigned i = 0; i < N; i++)
        g_tab.zq[i] = times_qinv(ZETA(i));
}

/* Regroups the pair (x, y) from lane map s to lane map t. */
PQS_AVX512_INLINE void regroup(__m512i *x, __m512i *y, unsigned s, unsigned t)
{
    __m512i ix = _mm512_load_si512((const void *)g_tab.idx[s][t][0]);
    __m512i iy = _mm512_load_si512((const void *)g_tab.idx[s][t][1]);
    __m512i nx = _mm512_permutex2var_epi32(*x, ix, *y);
    *y = _mm512_permutex2var_epi32(*x, iy, *y);
    *x = nx;
}

/* pqs_mldsa_montgomery_reduce((int64_t)a z) lane by lane, with zq = z q^-1 mod 2^32:
 * t = lo(a zq) = lo(a z) q^-1, and the high half of a z - t q is the result. */
PQS_AVX512_INLINE __m512i montmul_z(__m512i a, __m512i z, __m512i zq, __m512i z_odd,
                                    __m512i zq_odd)
{
    const __m512i q = Z32(PQS_MLDSA_Q);
    __m512i a_odd = pqs_z_odd(a);
    __m512i te = _mm512_mul_epi32(_mm512_mul_epi32(a, zq), q);
    __m512i to = _mm512_mul_epi32(_mm512_mul_epi32(a_odd, zq_odd), q);
    __m512i re = _mm512_sub_epi64(_mm512_mul_epi32(a, z), te);
    __m512i ro = _mm512_sub_epi64(_mm512_mul_epi32(a_odd, z_odd), to);
    return _mm512_mask_shuffle_epi32(ro, 0x5555, re, _MM_PERM_DDBB);
}

/* By zetas[i] broadcast, or by -zetas[i] (neg: as the inverse transform uses them). */
PQS_AVX512_INLINE __m512i montmul_i(__m512i a, unsigned i, int neg)
{
    __m512i z = Z32(neg ? -ZETA(i) : ZETA(i));
    uint32_t zq_u = (uint32_t)g_tab.zq[i];
    __m512i zq = Z32(neg ? 0u - zq_u : zq_u);
    return montmul_z(a, z, zq, z, zq);
}

PQS_AVX512_INLINE __m512i montmul_t(__m512i a, const twiddle *t)
{
    return montmul_z(a, pqs_z_load(t->z), pqs_z_load(t->zq), pqs_z_load(t->z_odd),
                     pqs_z_load(t->zq_odd));
}

/* Montgomery product by a constant c broadcast (the final scaling). */
PQS_AVX512_INLINE __m512i montmul_c(__m512i a, int32_t c)
{
    __m512i z = Z32(c), zq = Z32(times_qinv(c));
    return montmul_z(a, z, zq, z, zq);
}

/* ct_butterfly and gs_butterfly of mldsa/ntt.c. */
PQS_AVX512_INLINE void ct(__m512i *a, __m512i *b, __m512i t)
{
    *b = _mm512_sub_epi32(*a, t);
    *a = _mm512_add_epi32(*a, t);
}

PQS_AVX512_INLINE void gs(__m512i *a, __m512i *b, __m512i *d)
{
    __m512i t = *a;
    *a = _mm512_add_epi32(t, *b);
    *d = _mm512_sub_epi32(t, *b);
}

#define CT_I(a, b, i) ct((a), (b), montmul_i(*(b), (i), 0))
#define CT_T(a, b, tw) ct((a), (b), montmul_t(*(b), (tw)))

PQS_AVX512_INLINE void gs_i(__m512i *a, __m512i *b, unsigned i)
{
    __m512i d;
    gs(a, b, &d);
    *b = montmul_i(d, i, 1);
}

PQS_AVX512_INLINE void gs_t(__m512i *a, __m512i *b, const twiddle *tw)
{
    __m512i d;
    gs(a, b, &d);
    *b = montmul_t(d, tw);
}

PQS_AVX512_FN void pqs_mldsa_ntt_avx512(pqs_mldsa_poly *a)
{
    __m512i r[16];
    for (unsigned j = 0; j < 16; j++)
        r[j] = pqs_z_load(a->c + 16 * j);
    for (unsigned j = 0; j < 8; j++)                 /* len = 128: zeta 1 */
        CT_I(&r[j], &r[j + 8], 1);
    for (unsigned g = 0; g < 2; g++) {               /* len = 64: zetas 2, 3 */
        for (unsigned j = 0; j < 4; j++)
            CT_I(&r[8 * g + j], &r[8 * g + j + 4], 2 + g);
    }
    for (unsigned b = 0; b < 4; b++) {               /* len = 32: zetas 4 .. 7 */
        for (unsigned j = 0; j < 2; j++)
            CT_I(&r[4 * b + j], &r[4 * b + j + 2], 4 + b);
    }
    for (unsigned P = 0; P < 8; P++) {
        __m512i x = r[2 * P], y = r[2 * P + 1];
        CT_I(&x, &y, 8 + P);                         /* len = 16: zetas 8 .. 15 */
        regroup(&x, &y, STATE_NAT, STATE_8);
        CT_T(&x, &y, &g_tab.fwd[0][P]);              /* len = 8 */
        regroup(&x, &y, STATE_8, STATE_4);
        CT_T(&x, &y, &g_tab.fwd[1][P]);              /* len = 4 */
        regroup(&x, &y, STATE_4, STATE_2);
        CT_T(&x, &y, &g_tab.fwd[2][P]);              /* len = 2 */
        regroup(&x, &y, STATE_2, STATE_1);
        CT_T(&x, &y, &g_tab.fwd[3][P]);              /* len = 1 */
        regroup(&x, &y, STATE_1, STATE_NAT);
        pqs_z_store(a->c + 32 * P, x);
        pqs_z_store(a->c + 32 * P + 16, y);
    }
}

PQS_AVX512_FN void pqs_mldsa_invntt_tomont_avx512(pqs_mldsa_poly *a)
{
    __m512i r[16];
    for (unsigned P = 0; P < 8; P++) {
        __m512i x = pqs_z_load(a->c + 32 * P), y = pqs_z_load(a->c + 32 * P + 16);
        regroup(&x, &y, STATE_NAT, STATE_1);
        gs_t(&x, &y, &g_tab.inv[0][P]);              /* len = 1 */
        regroup(&x, &y, STATE_1, STATE_2);
        gs_t(&x, &y, &g_tab.inv[1][P]);              /* len = 2 */
        regroup(&x, &y, STATE_2, STATE_4);
        gs_t(&x, &y, &g_tab.inv[2][P]);              /* len = 4 */
        regroup(&x, &y, STATE_4, STATE_8);
        gs_t(&x, &y, &g_tab.inv[3][P]);              /* len = 8 */
        regroup(&x, &y, STATE_8, STATE_NAT);
        gs_i(&x, &y, 15 - P);                        /* len = 16 */
        r[2 * P] = x;
        r[2 * P + 1] = y;
    }
    for (unsigned b = 0; b < 4; b++) {               /* len = 32: zetas 7 .. 4 */
        for (unsigned j = 0; j < 2; j++)
            gs_i(&r[4 * b + j], &r[4 * b + j + 2], 7 - b);
    }
    for (unsigned g = 0; g < 2; g++) {               /* len = 64: zetas 3, 2 */
        for (unsigned j = 0; j < 4; j++)
            gs_i(&r[8 * g + j], &r[8 * g + j + 4], 3 - g);
    }
    /* len = 128 with the 1/256 of step 21 (see mldsa/ntt.c). */
    for (unsigned j = 0; j < 8; j++) {
        __m512i t = r[j], u = r[j + 8];
        r[j] = montmul_c(_mm512_add_epi32(t, u), PQS_MLDSA_INV256_MONT);
        r[j + 8] = montmul_c(_mm512_sub_epi32(t, u), PQS_MLDSA_LAST_TWIDDLE_INV256);
    }
    for (unsigned j = 0; j < 16; j++)
        pqs_z_store(a->c + 16 * j, r[j]);
}

#endif
