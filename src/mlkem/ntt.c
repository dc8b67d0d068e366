/* NTT over Z_q with zeta = 17, a primitive 256-th root of unity mod q (FIPS 203 §4.3).
 * All twiddle factors are stored in Montgomery form (times 2^16 mod q, centered), so a
 * Montgomery product by one of them is the plain modular product; each comes with its
 * twisted companion (reduce.h) so the butterflies use 16-bit multiplications only. */
#include "ntt.h"

#include <string.h>

#include "reduce.h"

/* zeta^BitRev7(i) * 2^16 mod q, i = 0..127: the factors of Alg. 9 and Alg. 10. */
#define ZETAS(X)                                                                           \
    X(-1044) X(-758) X(-359) X(-1517) X(1493) X(1422) X(287) X(202) X(-171) X(622)         \
    X(1577) X(182) X(962) X(-1202) X(-1474) X(1468) X(573) X(-1325) X(264) X(383)         \
    X(-829) X(1458) X(-1602) X(-130) X(-681) X(1017) X(732) X(608) X(-1542) X(411)        \
    X(-205) X(-1571) X(1223) X(652) X(-552) X(1015) X(-1293) X(1491) X(-282) X(-1544)     \
    X(516) X(-8) X(-320) X(-666) X(-1618) X(-1162) X(126) X(1469) X(-853) X(-90)          \
    X(-271) X(830) X(107) X(-1421) X(-247) X(-951) X(-398) X(961) X(-1508) X(-725)        \
    X(448) X(-1065) X(677) X(-1275) X(-1103) X(430) X(555) X(843) X(-1251) X(871)         \
    X(1550) X(105) X(422) X(587) X(177) X(-235) X(-291) X(-460) X(1574) X(1653)           \
    X(-246) X(778) X(1159) X(-147) X(-777) X(1483) X(-602) X(1119) X(-1590) X(644)        \
    X(-872) X(349) X(418) X(329) X(-156) X(-75) X(817) X(1097) X(603) X(610)              \
    X(1322) X(-1285) X(-1465) X(384) X(-1215) X(-136) X(1218) X(-1335) X(-874) X(220)     \
    X(-1187) X(-1659) X(-1185) X(-1530) X(-1278) X(794) X(-1510) X(-854) X(-870) X(478)   \
    X(-108) X(-308) X(996) X(991) X(958) X(-1460) X(1522) X(1628)

/* gamma_i = zeta^(2 BitRev7(i) + 1) * 2^16 mod q, i = 0..127: the moduli X^2 - gamma_i
 * of BaseCaseMultiply (Alg. 11 step 2). gamma_{2j} = zeta-table entry 64 + j, and
 * gamma_{2j+1} = -gamma_{2j}. */
#define GAMMAS(X)                                                                          \
    X(-1103) X(1103) X(430) X(-430) X(555) X(-555) X(843) X(-843) X(-1251) X(1251)         \
    X(871) X(-871) X(1550) X(-1550) X(105) X(-105) X(422) X(-422) X(587) X(-587)          \
    X(177) X(-177) X(-235) X(235) X(-291) X(291) X(-460) X(460) X(1574) X(-1574)          \
    X(1653) X(-1653) X(-246) X(246) X(778) X(-778) X(1159) X(-1159) X(-147) X(147)        \
    X(-777) X(777) X(1483) X(-1483) X(-602) X(602) X(1119) X(-1119) X(-1590) X(1590)      \
    X(644) X(-644) X(-872) X(872) X(349) X(-349) X(418) X(-418) X(329) X(-329)            \
    X(-156) X(156) X(-75) X(75) X(817) X(-817) X(1097) X(-1097) X(603) X(-603)            \
    X(610) X(-610) X(1322) X(-1322) X(-1285) X(1285) X(-1465) X(1465) X(384) X(-384)      \
    X(-1215) X(1215) X(-136) X(136) X(1218) X(-1218) X(-1335) X(1335) X(-874) X(874)      \
    X(220) X(-220) X(-1187) X(1187) X(-1659) X(1659) X(-1185) X(1185) X(-1530) X(1530)    \
    X(-1278) X(1278) X(794) X(-794) X(-1510) X(1510) X(-854) X(854) X(-870) X(870)        \
    X(478) X(-478) X(-108) X(108) X(-308) X(308) X(996) X(-996) X(991) X(-991)            \
    X(958) X(-958) X(-1460) X(1460) X(1522) X(-1522) X(1628) X(-1628)

#define PLAIN(z) (z),
#define TWISTED(z) PQS_MLKEM_TWIST(z),

static const int16_t g_zetas[128] = {ZETAS(PLAIN)};
static const int16_t g_zetas_tw[128] = {ZETAS(TWISTED)};
static const int16_t g_gammas[128] = {GAMMAS(PLAIN)};
static const int16_t g_gammas_tw[128] = {GAMMAS(TWISTED)};

const int16_t *const pqs_mlkem_zetas = g_zetas;

/* The scaling of the last inverse layer (Alg. 10 step 14): see ntt.h. */
#define INVNTT_F PQS_MLKEM_INVNTT_F
#define INVNTT_F_ZETA1 PQS_MLKEM_INVNTT_F_ZETA1

/* Butterflies by the zeta of index i: Cooley-Tukey (Alg. 9 steps 7-9) and
 * Gentleman-Sande (Alg. 10 steps 7-9). */
#define CT_BF(x, y, i)                                                                     \
    do {                                                                                   \
        int16_t t_ = pqs_mlkem_fqmul_tw((y), g_zetas[i], g_zetas_tw[i]);                   \
        (y) = (int16_t)((x) - t_);                                                         \
        (x) = (int16_t)((x) + t_);                                                         \
    } while (0)
#define GS_BF(x, y, i)                                                                     \
    do {                                                                                   \
        int16_t t_ = (x);                                                                  \
        (x) = (int16_t)(t_ + (y));                                                         \
        (y) = pqs_mlkem_fqmul_tw((int16_t)((y) - t_), g_zetas[i], g_zetas_tw[i]);          \
    } while (0)

/* One Cooley-Tukey layer of Alg. 9 (steps 3-10), len >= 8; i is the index of its first
 * zeta. Each step works on 8 lanes copied into local arrays with the zeta repeated in
 * every lane: the compiler then knows the lanes are independent (no aliasing through r)
 * and emits SIMD code whether or not len is a constant. */
static void ntt_layer(int16_t *r, unsigned len, unsigned i)
{
    for (unsigned start = 0; start < PQS_MLKEM_N; start += 2 * len, i++) {
        int16_t z[8], zt[8];
        for (unsigned j = 0; j < 8; j++) {
            z[j] = g_zetas[i];
            zt[j] = g_zetas_tw[i];
        }
        for (unsigned c = start; c < start + len; c += 8) {
            int16_t x[8], y[8];
            memcpy(x, r + c, sizeof x);
            memcpy(y, r + c + len, sizeof y);
            for (unsigned j = 0; j < 8; j++) {
                int16_t t = pqs_mlkem_fqmul_tw(y[j], z[j], zt[j]);
                y[j] = (int16_t)(x[j] - t);
                x[j] = (int16_t)(x[j] + t);
            }
            memcpy(r + c, x, sizeof x);
            memcpy(r + c + len, y, sizeof y);
        }
    }
}

void pqs_mlkem_ntt(pqs_mlkem_poly *r)
{
    /* Alg. 9, i running 1..127 over the layers (len 128 uses zeta index 1, len 64 uses
     * 2..3, ..., len 2 uses 64..127). Each layer adds less than q to the magnitude, so
     * 7 layers from inputs below q stay below 8q < 2^15. */
    for (unsigned len = 128, i = 1; len >= 8; len >>= 1, i <<= 1)
        ntt_layer(r->c, len, i);
    /* Layers len = 4 and len = 2, fused per block of 8 coefficients held in registers. */
    for (unsigned b = 0; b < PQS_MLKEM_N / 8; b++) {
        int16_t *p = r->c + 8 * b;
        int16_t x0 = p[0], x1 = p[1], x2 = p[2], x3 = p[3];
        int16_t x4 = p[4], x5 = p[5], x6 = p[6], x7 = p[7];
        CT_BF(x0, x4, 32 + b);
        CT_BF(x1, x5, 32 + b);
        CT_BF(x2, x6, 32 + b);
        CT_BF(x3, x7, 32 + b);
        CT_BF(x0, x2, 64 + 2 * b);
        CT_BF(x1, x3, 64 + 2 * b);
        CT_BF(x4, x6, 65 + 2 * b);
        CT_BF(x5, x7, 65 + 2 * b);
        p[0] = x0, p[1] = x1, p[2] = x2, p[3] = x3;
        p[4] = x4, p[5] = x5, p[6] = x6, p[7] = x7;
    }
    pqs_mlkem_poly_reduce(r);
}

/* One Gentleman-Sande layer of Alg. 10 (steps 3-10), len >= 8; i is the index of its
 * first zeta, counting down. With reduce, the sums are Barrett-reduced. Same 8-lane
 * shape as ntt_layer. */
static void invntt_layer(int16_t *r, unsigned len, unsigned i, int reduce)
{
    for (unsigned start = 0; start < PQS_MLKEM_N; start += 2 * len, i--) {
        int16_t z[8], zt[8];
        for (unsigned j = 0; j < 8; j++) {
            z[j] = g_zetas[i];
            zt[j] = g_zetas_tw[i];
        }
        for (unsigned c = start; c < start + len; c += 8) {
            int16_t x[8], y[8];
            memcpy(x, r + c, sizeof x);
            memcpy(y, r + c + len, sizeof y);
            for (unsigned j = 0; j < 8; j++) {
                int16_t sum = (int16_t)(x[j] + y[j]);
                y[j] = pqs_mlkem_fqmul_tw((int16_t)(y[j] - x[j]), z[j], zt[j]);
                x[j] = reduce ? pqs_mlkem_barrett_reduce(sum) : sum;
            }
            memcpy(r + c, x, sizeof x);
            memcpy(r + c + len, y, sizeof y);
        }
    }
}

void pqs_mlkem_invntt_frommont(pqs_mlkem_poly *r)
{
    /* Alg. 10, i running 127..1. Differences go through a Montgomery product (magnitude
     * below q after it); sums double at most per layer, so from inputs below q they are
     * Barrett-reduced every third layer (len 8 and 64) and stay below 8q < 2^15. */
    for (unsigned b = 0; b < PQS_MLKEM_N / 8; b++) {
        /* Layers len = 2 and len = 4, fused per block of 8 coefficients. */
        int16_t *p = r->c + 8 * b;
        int16_t x0 = p[0], x1 = p[1], x2 = p[2], x3 = p[3];
        int16_t x4 = p[4], x5 = p[5], x6 = p[6], x7 = p[7];
        GS_BF(x0, x2, 127 - 2 * b);
        GS_BF(x1, x3, 127 - 2 * b);
        GS_BF(x4, x6, 126 - 2 * b);
        GS_BF(x5, x7, 126 - 2 * b);
        GS_BF(x0, x4, 63 - b);
        GS_BF(x1, x5, 63 - b);
        GS_BF(x2, x6, 63 - b);
        GS_BF(x3, x7, 63 - b);
        p[0] = x0, p[1] = x1, p[2] = x2, p[3] = x3;
        p[4] = x4, p[5] = x5, p[6] = x6, p[7] = x7;
    }
    invntt_layer(r->c, 8, 31, 1);
    invntt_layer(r->c, 16, 15, 0);
    invntt_layer(r->c, 32, 7, 0);
    invntt_layer(r->c, 64, 3, 1);
    /* Layer len = 128 (zeta index 1) with the scaling of step 14 folded in; sums and
     * differences are below 2q. */
    for (unsigned j = 0; j < PQS_MLKEM_N / 2; j++) {
        int16_t t = r->c[j], u = r->c[j + 128];
        r->c[j] = pqs_mlkem_fqmul_tw((int16_t)(t + u), INVNTT_F, PQS_MLKEM_TWIST(INVNTT_F));
        r->c[j + 128] = pqs_mlkem_fqmul_tw((int16_t)(u - t), INVNTT_F_ZETA1,
                                           PQS_MLKEM_TWIST(INVNTT_F_ZETA1));
    }
}

void pqs_mlkem_mulcache_compute(pqs_mlkem_mulcache *x, const pqs_mlkem_poly *b)
{
    for (unsigned i = 0; i < PQS_MLKEM_N / 2; i++)
        x->c[i] = pqs_mlkem_fqmul_tw(b->c[2 * i + 1], g_gammas[i], g_gammas_tw[i]);
}

void pqs_mlkem_basemul_acc(pqs_mlkem_poly *r, const pqs_mlkem_poly *a, const pqs_mlkem_poly *b,
                           const pqs_mlkem_mulcache *bx, unsigned k)
{
    /* Alg. 12 per pair: c0 = a0 b0 + a1 (b1 gamma), c1 = a0 b1 + a1 b0. The 2k products
     * per coefficient are summed in 32 bits: 2 * 4 * q^2 < 2^15 q, within the input
     * range of one Montgomery reduction. One vector at a time, so the loop vectorises. */
    int32_t acc[PQS_MLKEM_N] = {0};
    for (unsigned j = 0; j < k; j++) {
        const int16_t *aj = a[j].c, *bj = b[j].c, *xj = bx[j].c;
        for (unsigned i = 0; i < PQS_MLKEM_N / 2; i++) {
            const int32_t a0 = aj[2 * i], a1 = aj[2 * i + 1];
            acc[2 * i] += a0 * bj[2 * i] + a1 * xj[i];
            acc[2 * i + 1] += a0 * bj[2 * i + 1] + a1 * bj[2 * i];
        }
    }
    for (unsigned i = 0; i < PQS_MLKEM_N; i++)
        r->c[i] = pqs_mlkem_montgomery_reduce(acc[i]);
}
