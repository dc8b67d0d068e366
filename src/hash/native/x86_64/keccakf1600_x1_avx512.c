/* Keccak-f[1600] on ONE state with AVX-512VL, optimised for latency (serial sponge chains
 * such as SHA3-256 of an ML-KEM encapsulation key, FIPS 203 H(ek)).
 *
 * Why this layout. On the AVX-512 CPUs we target, shuffles that cross a 128-bit block
 * cost 3-5 cycles, shuffles inside a block (VPUNPCKLQDQ/HQDQ, VPSHUFD) as little as an
 * XOR; VPTERNLOGQ computes any 3-input boolean function in one instruction. So the 25
 * lanes live two to an XMM register and only in-block shuffles are used. Lane (x, y)
 * of FIPS 202 section 3.1.4 sits in
 *     p[x] = (A[x][0], A[x][1]),  q[x] = (A[x][2], A[x][3]),  s[x] = (A[x][4], 0),
 * i.e. each register holds lanes of ONE column x, so theta's D[x] (Algorithm 1) is the
 * same for both words and is applied as a broadcast. The high word of s[x] is kept zero
 * (zero-masked chi), so the column parity is p ^ q ^ s folded once. A round is about 80
 * vector instructions with a dependency chain of 9:
 *   theta  C[x] = xor of column x (VPTERNLOGQ, swap, XOR), ROT(C[x+1], 1);
 *          A[x][y] ^= C[x-1] ^ ROT(C[x+1], 1)  in one VPTERNLOGQ per register;
 *   rho    one VPROLVQ per register (per-word offsets of FIPS 202 Table 2);
 *   pi     A'[x][y] = A[(x + 3y) mod 5][x] (Algorithm 3): every output register takes one
 *          word from each of two registers of the same row, one VPUNPCK[LH]QDQ;
 *   chi    A[x] ^= ~A[x+1] & A[x+2] (Algorithm 4), one VPTERNLOGQ (table 0xD2) per
 *          register, since the registers of columns k, k+1, k+2 line up word by word;
 *   iota   RC[i] into lane (0, 0) (Algorithm 6), deferred into the next theta where it
 *          is off the dependency chain.
 * On Zen 5 this is about 10% faster than the scalar BMI2 code (every vector op there
 * has a latency of 2 cycles, so the round is bound by instruction count, not by the
 * chain). No data-dependent branch or memory index: constant time like the scalar code. */
#include "hash/native/x86_64/keccakf1600_x1_avx512.h"

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#include <immintrin.h>

#define X1_TARGET __attribute__((target("avx512f,avx512vl")))
/* The per-column loops must be unrolled so the register arrays become registers. */
#define X1_UNROLL _Pragma("GCC unroll 5")
#define X1_INLINE static inline __attribute__((target("avx512f,avx512vl"), always_inline))

#include "hash/keccak_rc.h"

/* rho offsets r[x][y] (FIPS 202 Table 2, from Algorithm 2) grouped as the registers hold
 * them: {r[x][0], r[x][1]}, {r[x][2], r[x][3]}, {r[x][4], 0}. */
static const uint64_t x1_rho_p[5][2] = {{0, 36}, {1, 44}, {62, 6}, {28, 55}, {27, 20}};
static const uint64_t x1_rho_q[5][2] = {{3, 41}, {10, 45}, {43, 15}, {25, 21}, {39, 8}};
static const uint64_t x1_rho_s[5][2] = {{18, 0}, {2, 0}, {61, 0}, {56, 0}, {14, 0}};

X1_INLINE __m128i xor3(__m128i a, __m128i b, __m128i c)
{
    return _mm_ternarylogic_epi64(a, b, c, 0x96);
}

/* a ^ (~b & c): chi on two words at once. */
X1_INLINE __m128i chi(__m128i a, __m128i b, __m128i c)
{
    return _mm_ternarylogic_epi64(a, b, c, 0xD2);
}

/* The same with the high word cleared (the s registers). */
X1_INLINE __m128i chi_lo(__m128i a, __m128i b, __m128i c)
{
    return _mm_maskz_ternarylogic_epi64(1, a, b, c, 0xD2);
}

X1_INLINE __m128i lo(__m128i a, __m128i b)
{
    return _mm_unpacklo_epi64(a, b);
}

X1_INLINE __m128i hi(__m128i a, __m128i b)
{
    return _mm_unpackhi_epi64(a, b);
}

X1_INLINE __m128i rot(__m128i v, const uint64_t r[2])
{
    return _mm_rolv_epi64(v, _mm_loadu_si128((const __m128i *)(const void *)r));
}

X1_INLINE __m128i swap64(__m128i v)
{
    return _mm_shuffle_epi32(v, 0x4E);
}

X1_INLINE __m128i bcast(uint64_t v)
{
    return _mm_set1_epi64x((long long)v);
}

/* One round (FIPS 202 Algorithm 7 step 2, Rnd = iota(chi(pi(rho(theta(A)))), i)) on the
 * registers, except that iota's RC[i] is NOT yet in lane (0, 0): rc_prev is RC of the
 * previous round (0 for the first), owed to the input, and is applied inside theta where
 * it costs no latency. */
X1_INLINE void x1_round(__m128i p[5], __m128i q[5], __m128i s[5], uint64_t rc_prev)
{
    __m128i c[5], r[5], bp[5], bq[5], bs[5];
    /* theta (Algorithm 1) step 1: t = (A0 ^ A2 ^ A4, A1 ^ A3) of column x, so C[x] in
     * both words is t ^ swap(t). */
    X1_UNROLL
    for (int x = 0; x < 5; x++) {
        __m128i t = xor3(p[x], q[x], s[x]);
        c[x] = _mm_xor_si128(t, swap64(t));
    }
    /* The owed RC: it changes C[0] by RC (both words) and lane (0, 0) itself. Beside
     * the chain: lane (0, 0) is next needed after C, ROT(C) are done. */
    c[0] = _mm_xor_si128(c[0], bcast(rc_prev));
    p[0] = _mm_xor_si128(p[0], _mm_cvtsi64_si128((long long)rc_prev));
    /* step 2: D[x] = C[x-1] ^ ROT(C[x+1], 1). */
    X1_UNROLL
    for (int x = 0; x < 5; x++)
        r[x] = _mm_rol_epi64(c[x], 1);
    /* step 3, A[x][y] ^= D[x], as one three-input XOR; then rho (Algorithm 2). */
    X1_UNROLL
    for (int x = 0; x < 5; x++) {
        __m128i cm = c[(x + 4) % 5], rp = r[(x + 1) % 5];
        p[x] = rot(xor3(p[x], cm, rp), x1_rho_p[x]);
        q[x] = rot(xor3(q[x], cm, rp), x1_rho_q[x]);
        s[x] = rot(xor3(s[x], cm, rp), x1_rho_s[x]);
    }
    /* pi (Algorithm 3): B[k][y'] = A[(k + 3y') mod 5][k], so the new column k comes from
     * row k alone: rows 0, 1 sit in the low / high words of p, rows 2, 3 of q, row 4 in
     * the low word of s. bp[k] = (B[k][0], B[k][1]) from columns k, k+3; bq[k] =
     * (B[k][2], B[k][3]) from columns k+1, k+4; bs[k] = B[k][4] from column k+2 (the
     * high word of bs is don't-care, cleared by chi_lo). */
    bp[0] = lo(p[0], p[3]); bq[0] = lo(p[1], p[4]); bs[0] = p[2];
    bp[1] = hi(p[1], p[4]); bq[1] = hi(p[2], p[0]); bs[1] = hi(p[3], p[3]);
    bp[2] = lo(q[2], q[0]); bq[2] = lo(q[3], q[1]); bs[2] = q[4];
    bp[3] = hi(q[3], q[1]); bq[3] = hi(q[4], q[2]); bs[3] = hi(q[0], q[0]);
    bp[4] = lo(s[4], s[2]); bq[4] = lo(s[0], s[3]); bs[4] = s[1];
    /* chi (Algorithm 4) along each row: registers of columns k, k+1, k+2 hold the same
     * rows word by word. */
    X1_UNROLL
    for (int k = 0; k < 5; k++) {
        int k1 = (k + 1) % 5, k2 = (k + 2) % 5;
        p[k] = chi(bp[k], bp[k1], bp[k2]);
        q[k] = chi(bq[k], bq[k1], bq[k2]);
        s[k] = chi_lo(bs[k], bs[k1], bs[k2]);
    }
}

/* Word i of st into a register, with an 8-byte access: the caller has usually just
 * written the state word by word (sponge absorb, the previous permutation), and a
 * 16-byte load over two such stores cannot be forwarded from the store buffer (a stall
 * of many cycles), so the compiler must not merge these. */
X1_INLINE __m128i load_pair(const uint64_t *st, int lo_i, int hi_i)
{
    __m128i v = _mm_loadl_epi64((const __m128i *)(const void *)&st[lo_i]);
    return _mm_castpd_si128(_mm_loadh_pd(_mm_castsi128_pd(v), (const double *)(const void *)&st[hi_i]));
}

X1_INLINE void store_pair(uint64_t *st, int lo_i, int hi_i, __m128i v)
{
    _mm_storel_epi64((__m128i *)(void *)&st[lo_i], v);
    _mm_storeh_pd((double *)(void *)&st[hi_i], _mm_castsi128_pd(v));
}

X1_TARGET void pqs_keccakf1600_x1_avx512(uint64_t st[25])
{
    __m128i p[5], q[5], s[5];
    X1_UNROLL
    for (int x = 0; x < 5; x++) {
        p[x] = load_pair(st, x, x + 5);
        q[x] = load_pair(st, x + 10, x + 15);
        s[x] = _mm_loadl_epi64((const __m128i *)(const void *)&st[x + 20]);
    }
    x1_round(p, q, s, 0);
    for (int round = 1; round < 24; round++)
        x1_round(p, q, s, pqs_keccak_rc[round - 1]);
    /* iota of the last round (Algorithm 6). */
    p[0] = _mm_xor_si128(p[0], _mm_cvtsi64_si128((long long)pqs_keccak_rc[23]));
    X1_UNROLL
    for (int x = 0; x < 5; x++) {
        store_pair(st, x, x + 5, p[x]);
        store_pair(st, x + 10, x + 15, q[x]);
        _mm_storel_epi64((__m128i *)(void *)&st[x + 20], s[x]);
    }
}

int pqs_keccakf1600_x1_avx512_available(void)
{
    return 1;
}
#else
void pqs_keccakf1600_x1_avx512(uint64_t st[25])
{
    (void)st;
}

int pqs_keccakf1600_x1_avx512_available(void)
{
    return 0;
}
#endif
