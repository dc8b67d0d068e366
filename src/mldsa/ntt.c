/* NTT and inverse NTT over Z_q[X]/(X^256 + 1) (FIPS 204 section 7.5, Algorithms 41
 * and 42), with the twiddle factors in Montgomery form so each butterfly multiplies
 * with one Montgomery reduction. */
#include "mldsa/ntt.h"

#include "mldsa/reduce.h"

/* zetas[m] = 1753^BitRev8(m) * 2^32 mod q, centred (Appendix B lists 1753^BitRev8(m)). */
static const int32_t zetas[PQS_MLDSA_N] = {
    -4186625, 25847, -2608894, -518909, 237124, -777960, -876248, 466468,
    1826347, 2353451, -359251, -2091905, 3119733, -2884855, 3111497, 2680103,
    2725464, 1024112, -1079900, 3585928, -549488, -1119584, 2619752, -2108549,
    -2118186, -3859737, -1399561, -3277672, 1757237, -19422, 4010497, 280005,
    2706023, 95776, 3077325, 3530437, -1661693, -3592148, -2537516, 3915439,
    -3861115, -3043716, 3574422, -2867647, 3539968, -300467, 2348700, -539299,
    -1699267, -1643818, 3505694, -3821735, 3507263, -2140649, -1600420, 3699596,
    811944, 531354, 954230, 3881043, 3900724, -2556880, 2071892, -2797779,
    -3930395, -1528703, -3677745, -3041255, -1452451, 3475950, 2176455, -1585221,
    -1257611, 1939314, -4083598, -1000202, -3190144, -3157330, -3632928, 126922,
    3412210, -983419, 2147896, 2715295, -2967645, -3693493, -411027, -2477047,
    -671102, -1228525, -22981, -1308169, -381987, 1349076, 1852771, -1430430,
    -3343383, 264944, 508951, 3097992, 44288, -1100098, 904516, 3958618,
    -3724342, -8578, 1653064, -3249728, 2389356, -210977, 759969, -1316856,
    189548, -3553272, 3159746, -1851402, -2409325, -177440, 1315589, 1341330,
    1285669, -1584928, -812732, -1439742, -3019102, -3881060, -3628969, 3839961,
    2091667, 3407706, 2316500, 3817976, -3342478, 2244091, -2446433, -3562462,
    266997, 2434439, -1235728, 3513181, -3520352, -3759364, -1197226, -3193378,
    900702, 1859098, 909542, 819034, 495491, -1613174, -43260, -522500,
    -655327, -3122442, 2031748, 3207046, -3556995, -525098, -768622, -3595838,
    342297, 286988, -2437823, 4108315, 3437287, -3342277, 1735879, 203044,
    2842341, 2691481, -2590150, 1265009, 4055324, 1247620, 2486353, 1595974,
    -3767016, 1250494, 2635921, -3548272, -2994039, 1869119, 1903435, -1050970,
    -1333058, 1237275, -3318210, -1430225, -451100, 1312455, 3306115, -1962642,
    -1279661, 1917081, -2546312, -1374803, 1500165, 777191, 2235880, 3406031,
    -542412, -2831860, -1671176, -1846953, -2584293, -3724270, 594136, -3776993,
    -2013608, 2432395, 2454455, -164721, 1957272, 3369112, 185531, -1207385,
    -3183426, 162844, 1616392, 3014001, 810149, 1652634, -3694233, -1799107,
    -3038916, 3523897, 3866901, 269760, 2213111, -975884, 1717735, 472078,
    -426683, 1723600, -1803090, 1910376, -1667432, -1104333, -260646, -3833893,
    -2939036, -2235985, -420899, -2286327, 183443, -976891, 1612842, -3545687,
    -554416, 3919660, -48306, -1362209, 3937738, 1400424, -846154, 1976782,
};

const int32_t *const pqs_mldsa_zetas = zetas;

/* The scaling of the last inverse layer (Algorithm 42 step 21): see ntt.h. */
#define INV256_MONT PQS_MLDSA_INV256_MONT
#define LAST_TWIDDLE_INV256 PQS_MLDSA_LAST_TWIDDLE_INV256

static inline void ct_butterfly(int32_t *a, int32_t *b, int64_t z)
{
    int32_t t = pqs_mldsa_montgomery_reduce(z * *b);
    *b = *a - t;
    *a = *a + t;
}

static inline void gs_butterfly(int32_t *a, int32_t *b, int64_t z)
{
    int32_t t = *a;
    *a = t + *b;
    *b = pqs_mldsa_montgomery_reduce(z * (t - *b));
}

/* Algorithm 41. Cooley-Tukey butterflies; each layer grows |coefficients| by at
 * most q, so |a| < q on input gives |a| < 9q on output (no overflow). The last three
 * layers (len = 4, 2, 1) stay inside blocks of 8 coefficients and run per block,
 * zeta_{32+b}, zeta_{64+2b..}, zeta_{128+4b..} being the twiddles of block b. */
void pqs_mldsa_ntt(pqs_mldsa_poly *a)
{
    int32_t *w = a->c;
    unsigned m = 0;
    for (unsigned len = 128; len >= 8; len >>= 1) {
        for (unsigned start = 0; start < PQS_MLDSA_N; start += 2 * len) {
            int64_t z = zetas[++m];
            for (unsigned j = start; j < start + len; j++)
                ct_butterfly(&w[j], &w[j + len], z);
        }
    }
    for (unsigned b = 0; b < PQS_MLDSA_N / 8; b++) {
        int32_t *x = w + 8 * b;
        for (unsigned j = 0; j < 4; j++)
            ct_butterfly(&x[j], &x[j + 4], zetas[32 + b]);
        for (unsigned h = 0; h < 2; h++) {
            for (unsigned j = 0; j < 2; j++)
                ct_butterfly(&x[4 * h + j], &x[4 * h + j + 2], zetas[64 + 2 * b + h]);
        }
        for (unsigned h = 0; h < 4; h++)
            ct_butterfly(&x[2 * h], &x[2 * h + 1], zetas[128 + 4 * b + h]);
    }
}

/* Algorithm 42. Gentleman-Sande butterflies: the sums double per layer, so with
 * |a| < q on input they stay below 256q < 2^31; differences are reduced at once.
 * The first three layers run per block of 8 (the mirror image of the forward
 * transform); the last layer (len = 128, zeta_1) also applies 1/256 * 2^32. */
void pqs_mldsa_invntt_tomont(pqs_mldsa_poly *a)
{
    int32_t *w = a->c;
    for (unsigned b = 0; b < PQS_MLDSA_N / 8; b++) {
        int32_t *x = w + 8 * b;
        for (unsigned h = 0; h < 4; h++)
            gs_butterfly(&x[2 * h], &x[2 * h + 1], -(int64_t)zetas[255 - 4 * b - h]);
        for (unsigned h = 0; h < 2; h++) {
            for (unsigned j = 0; j < 2; j++)
                gs_butterfly(&x[4 * h + j], &x[4 * h + j + 2], -(int64_t)zetas[127 - 2 * b - h]);
        }
        for (unsigned j = 0; j < 4; j++)
            gs_butterfly(&x[j], &x[j + 4], -(int64_t)zetas[63 - b]);
    }
    unsigned m = 32;
    for (unsigned len = 8; len < PQS_MLDSA_N / 2; len <<= 1) {
        for (unsigned start = 0; start < PQS_MLDSA_N; start += 2 * len) {
            int64_t z = -zetas[--m];
            for (unsigned j = start; j < start + len; j++)
                gs_butterfly(&w[j], &w[j + len], z);
        }
    }
    for (unsigned j = 0; j < PQS_MLDSA_N / 2; j++) {
        int32_t t = w[j], u = w[j + PQS_MLDSA_N / 2];
        w[j] = pqs_mldsa_montgomery_reduce(INV256_MONT * (int64_t)(t + u));
        w[j + PQS_MLDSA_N / 2] =
            pqs_mldsa_montgomery_reduce(LAST_TWIDDLE_INV256 * (int64_t)(t - u));
    }
}
