/* NTT over Z_q with zeta = 17, a primitive 256-th root of unity mod q (FIPS 203 §4.3).
 * All twiddle factors are stored in Montgomery form (times 2^16 mod q, centered), so a
 * Montgomery product by one of them is the plain modular product. */
#include "ntt.h"

#include "reduce.h"

/* zeta^BitRev7(i) * 2^16 mod q, i = 0..127: the factors of Alg. 9 and Alg. 10. */
static const int16_t g_zetas[128] = {
    -1044, -758,  -359,  -1517, 1493,  1422,  287,   202,   -171,  622,   1577,  182,   962,
    -1202, -1474, 1468,  573,   -1325, 264,   383,   -829,  1458,  -1602, -130,  -681,  1017,
    732,   608,   -1542, 411,   -205,  -1571, 1223,  652,   -552,  1015,  -1293, 1491,  -282,
    -1544, 516,   -8,    -320,  -666,  -1618, -1162, 126,   1469,  -853,  -90,   -271,  830,
    107,   -1421, -247,  -951,  -398,  961,   -1508, -725,  448,   -1065, 677,   -1275, -1103,
    430,   555,   843,   -1251, 871,   1550,  105,   422,   587,   177,   -235,  -291,  -460,
    1574,  1653,  -246,  778,   1159,  -147,  -777,  1483,  -602,  1119,  -1590, 644,   -872,
    349,   418,   329,   -156,  -75,   817,   1097,  603,   610,   1322,  -1285, -1465, 384,
    -1215, -136,  1218,  -1335, -874,  220,   -1187, -1659, -1185, -1530, -1278, 794,   -1510,
    -854,  -870,  478,   -108,  -308,  996,   991,   958,   -1460, 1522,  1628};

/* gamma_i = zeta^(2 BitRev7(i) + 1) * 2^16 mod q, i = 0..127: the moduli X^2 - gamma_i
 * of BaseCaseMultiply (Alg. 11 step 2). gamma_{2j+1} = -gamma_{2j}. */
static const int16_t g_gammas[128] = {
    -1103, 1103,  430,   -430,  555,   -555,  843,   -843,  -1251, 1251,  871,   -871,  1550,
    -1550, 105,   -105,  422,   -422,  587,   -587,  177,   -177,  -235,  235,   -291,  291,
    -460,  460,   1574,  -1574, 1653,  -1653, -246,  246,   778,   -778,  1159,  -1159, -147,
    147,   -777,  777,   1483,  -1483, -602,  602,   1119,  -1119, -1590, 1590,  644,   -644,
    -872,  872,   349,   -349,  418,   -418,  329,   -329,  -156,  156,   -75,   75,    817,
    -817,  1097,  -1097, 603,   -603,  610,   -610,  1322,  -1322, -1285, 1285,  -1465, 1465,
    384,   -384,  -1215, 1215,  -136,  136,   1218,  -1218, -1335, 1335,  -874,  874,   220,
    -220,  -1187, 1187,  -1659, 1659,  -1185, 1185,  -1530, 1530,  -1278, 1278,  794,   -794,
    -1510, 1510,  -854,  854,   -870,  870,   478,   -478,  -108,  108,   -308,  308,   996,
    -996,  991,   -991,  958,   -958,  -1460, 1460,  1522,  -1522, 1628,  -1628};

/* 2^32 / 128 mod q: the 1/128 of Alg. 10 step 14 (written 3303 there), combined with the
 * 2^16 that cancels the Montgomery factor of the preceding products. */
#define INVNTT_F 1441

void pqs_mlkem_ntt(pqs_mlkem_poly *r)
{
    /* Alg. 9: Cooley-Tukey butterflies, i running 1..127 over the layers. Each layer
     * grows the magnitude by less than q, so 7 layers stay below 8q < 2^15. */
    unsigned i = 1;
    for (unsigned len = 128; len >= 2; len >>= 1) {
        for (unsigned start = 0; start < PQS_MLKEM_N; start += 2 * len) {
            const int16_t zeta = g_zetas[i++];
            for (unsigned j = start; j < start + len; j++) {
                int16_t t = pqs_mlkem_fqmul(zeta, r->c[j + len]);
                r->c[j + len] = (int16_t)(r->c[j] - t);
                r->c[j] = (int16_t)(r->c[j] + t);
            }
        }
    }
    pqs_mlkem_poly_reduce(r);
}

void pqs_mlkem_invntt_frommont(pqs_mlkem_poly *r)
{
    /* Alg. 10: Gentleman-Sande butterflies, i running 127..1. The sum is Barrett-reduced
     * and the difference goes through a Montgomery product, so magnitudes stay below q. */
    unsigned i = 127;
    for (unsigned len = 2; len <= 128; len <<= 1) {
        for (unsigned start = 0; start < PQS_MLKEM_N; start += 2 * len) {
            const int16_t zeta = g_zetas[i--];
            for (unsigned j = start; j < start + len; j++) {
                int16_t t = r->c[j];
                r->c[j] = pqs_mlkem_barrett_reduce((int16_t)(t + r->c[j + len]));
                r->c[j + len] = pqs_mlkem_fqmul(zeta, (int16_t)(r->c[j + len] - t));
            }
        }
    }
    for (unsigned j = 0; j < PQS_MLKEM_N; j++)
        r->c[j] = pqs_mlkem_fqmul(r->c[j], INVNTT_F);
}

void pqs_mlkem_mulcache_compute(pqs_mlkem_mulcache *x, const pqs_mlkem_poly *b)
{
    for (unsigned i = 0; i < PQS_MLKEM_N / 2; i++)
        x->c[i] = pqs_mlkem_fqmul(b->c[2 * i + 1], g_gammas[i]);
}

void pqs_mlkem_basemul_acc(pqs_mlkem_poly *r, const pqs_mlkem_poly *a, const pqs_mlkem_poly *b,
                           const pqs_mlkem_mulcache *bx, unsigned k)
{
    /* Alg. 12 per pair: c0 = a0 b0 + a1 (b1 gamma), c1 = a0 b1 + a1 b0. The 2k products
     * per coefficient are summed in 32 bits: 2 * 4 * q^2 < 2^15 q, within the input
     * range of one Montgomery reduction. */
    for (unsigned i = 0; i < PQS_MLKEM_N / 2; i++) {
        int32_t c0 = 0, c1 = 0;
        for (unsigned j = 0; j < k; j++) {
            const int32_t a0 = a[j].c[2 * i], a1 = a[j].c[2 * i + 1];
            c0 += a0 * b[j].c[2 * i] + a1 * bx[j].c[i];
            c1 += a0 * b[j].c[2 * i + 1] + a1 * b[j].c[2 * i];
        }
        r->c[2 * i] = pqs_mlkem_montgomery_reduce(c0);
        r->c[2 * i + 1] = pqs_mlkem_montgomery_reduce(c1);
    }
}
