/* Differential test of the native ML-DSA backends (mldsa/native/: AVX2 and AVX-512, each
 * one the CPU runs) against the portable one: every function of the backend table on random and extreme inputs, Decompose
 * exhaustively over Z_q. The native functions promise bit-identical outputs, so
 * outputs are compared exactly. Inputs stay in the ranges the portable functions
 * document. Skipped (passing) on a CPU without the native instructions or under
 * PQSAFE_FORCE_PORTABLE=1. */
#include <stdlib.h>
#include <string.h>

#include "core/cpu.h"
#include "mldsa/backend.h"
#include "mldsa/native/x86_64/avx2.h"
#include "mldsa/native/x86_64/avx512.h"
#include "mldsa/sample.h"
#include "mldsa_test_util.h"

#define Q PQS_MLDSA_Q
#define N PQS_MLDSA_N
#define ITER 1000

static const pqs_mldsa_backend *P = &pqs_mldsa_backend_portable;
static const pqs_mldsa_backend *V;
static const pqs_mldsa_params *const SETS[] = {&pqs_mldsa44, &pqs_mldsa65, &pqs_mldsa87};

static uint32_t rnd32(void)
{
    uint8_t b[4];
    pqs_test_rand(b, 4);
    return (uint32_t)b[0] | (uint32_t)b[1] << 8 | (uint32_t)b[2] << 16 | (uint32_t)b[3] << 24;
}

/* Coefficients in [lo, hi]; every fifth polynomial takes only the two ends. */
static void rand_poly(pqs_mldsa_poly *a, int64_t lo, int64_t hi, int it)
{
    for (int i = 0; i < N; i++) {
        uint64_t r = (uint64_t)rnd32() << 32 | rnd32();
        if (it % 5 == 4)
            a->c[i] = (int32_t)(r & 1 ? hi : lo);
        else
            a->c[i] = (int32_t)(lo + (int64_t)(r % (uint64_t)(hi - lo + 1)));
    }
}

static int same(const pqs_mldsa_poly *a, const pqs_mldsa_poly *b)
{
    return memcmp(a, b, sizeof *a) == 0;
}

static void test_ntt(void)
{
    int bad = 0;
    for (int it = 0; it < ITER; it++) {
        pqs_mldsa_poly a, b;
        rand_poly(&a, -(Q - 1), Q - 1, it);
        b = a;
        P->ntt(&a);
        V->ntt(&b);
        bad += !same(&a, &b);
        rand_poly(&a, -(Q - 1), Q - 1, it);
        b = a;
        P->invntt_tomont(&a);
        V->invntt_tomont(&b);
        bad += !same(&a, &b);
    }
    CHECK(bad == 0, "ntt/invntt: %d differ", bad);
}

static void test_products(void)
{
    static pqs_mldsa_poly a[PQS_MLDSA_KMAX][PQS_MLDSA_LMAX], v[PQS_MLDSA_LMAX];
    static pqs_mldsa_poly wp[PQS_MLDSA_KMAX], wv[PQS_MLDSA_KMAX];
    int bad = 0;
    for (int it = 0; it < ITER; it++) {
        pqs_mldsa_poly x, y, rp, rv;
        rand_poly(&x, -9LL * Q, 9LL * Q, it);
        rand_poly(&y, -9LL * Q, 9LL * Q, it + 1);
        P->poly_pointwise(&rp, &x, &y);
        V->poly_pointwise(&rv, &x, &y);
        bad += !same(&rp, &rv);
    }
    CHECK(bad == 0, "pointwise: %d differ", bad);
    bad = 0;
    for (int it = 0; it < 60; it++) {
        const pqs_mldsa_params *p = SETS[it % 3];
        for (unsigned i = 0; i < p->k; i++)
            for (unsigned j = 0; j < p->l; j++)
                rand_poly(&a[i][j], 0, Q - 1, it);
        for (unsigned j = 0; j < p->l; j++)
            rand_poly(&v[j], -9LL * Q + 1, 9LL * Q - 1, it);
        P->matrix_mul(wp, a, v, p->k, p->l);
        V->matrix_mul(wv, a, v, p->k, p->l);
        bad += memcmp(wp, wv, p->k * sizeof wp[0]) != 0;
    }
    CHECK(bad == 0, "matrix_mul: %d differ", bad);
}

static void test_coefficientwise(void)
{
    int bad = 0;
    for (int it = 0; it < ITER; it++) {
        pqs_mldsa_poly a, b, t1p, t0p, t1v, t0v;
        /* freeze: any a <= 2^31 - 2^22 - 1 */
        rand_poly(&a, INT32_MIN, INT32_MAX - (1 << 22), it);
        b = a;
        P->poly_freeze(&a);
        V->poly_freeze(&b);
        bad += !same(&a, &b);
        /* Power2Round on [0, q) */
        rand_poly(&a, 0, Q - 1, it);
        P->power2round(&t1p, &t0p, &a);
        V->power2round(&t1v, &t0v, &a);
        bad += !same(&t1p, &t1v) || !same(&t0p, &t0v);
        /* the norm check, around the bound and at the ends of int32 */
        int32_t bound = (int32_t)(rnd32() % (1u << 20)) + 1;
        rand_poly(&a, -(int64_t)bound + 1, bound - 1, 0);
        if (it % 3 == 0)
            a.c[rnd32() % N] = it % 2 ? bound : -bound;
        if (it % 7 == 0)   /* -INT32_MIN has no int32 value: the portable code excludes it */
            a.c[rnd32() % N] = it % 2 ? -INT32_MAX : INT32_MAX;
        bad += P->poly_exceeds(&a, bound) != V->poly_exceeds(&a, bound);
    }
    CHECK(bad == 0, "freeze/power2round/exceeds: %d differ", bad);
}

/* HighBits and LowBits over every r in [0, q); MakeHint and UseHint on random inputs. */
static void test_rounding(const pqs_mldsa_params *p)
{
    int bad = 0;
    pqs_mldsa_poly r, a1, a2, b1, b2, z, h;
    for (int32_t base = 0; base < Q; base += N) {
        for (int i = 0; i < N; i++)
            r.c[i] = (base + i) % Q;
        P->highbits(p, &a1, &r);
        V->highbits(p, &b1, &r);
        P->lowbits(p, &a2, &r);
        V->lowbits(p, &b2, &r);
        bad += !same(&a1, &b1) || !same(&a2, &b2);
    }
    CHECK(bad == 0, "%s: HighBits/LowBits differ on %d blocks", p->name, bad);
    bad = 0;
    for (int it = 0; it < ITER; it++) {
        rand_poly(&r, 0, Q - 1, it);
        rand_poly(&z, -p->gamma2, p->gamma2, it);
        unsigned np = P->make_hint(p, &a1, &z, &r);
        unsigned nv = V->make_hint(p, &b1, &z, &r);
        bad += np != nv || !same(&a1, &b1);
        rand_poly(&h, 0, 1, it);
        P->use_hint(p, &a2, &h, &r);
        V->use_hint(p, &b2, &h, &r);
        bad += !same(&a2, &b2);
    }
    CHECK(bad == 0, "%s: MakeHint/UseHint: %d differ", p->name, bad);
    /* The commitment tail: freeze in place, then w1Encode(HighBits(w)). */
    bad = 0;
    for (int it = 0; it < ITER; it++) {
        uint8_t op[PQS_MLDSA_W1_POLY_MAX], ov[PQS_MLDSA_W1_POLY_MAX];
        rand_poly(&a1, -(Q - 1), Q - 1, it);
        b1 = a1;
        P->w1_pack(p, op, &a1);
        V->w1_pack(p, ov, &b1);
        bad += !same(&a1, &b1) || memcmp(op, ov, 32 * p->w1_bits) != 0;
    }
    CHECK(bad == 0, "%s: w1_pack: %d differ", p->name, bad);
}

static void test_challenge(const pqs_mldsa_params *p)
{
    int bad = 0, passed = 0, failed = 0;
    for (int it = 0; it < ITER; it++) {
        uint8_t ctilde[PQS_MLDSA_CTILDE_MAX];
        pqs_mldsa_poly c, s, t, rp, rv;
        pqs_mldsa_spoly ss;
        pqs_mldsa_challenge ch;
        pqs_test_rand(ctilde, sizeof ctilde);
        pqs_mldsa_sample_in_ball(p, &c, ctilde);
        pqs_mldsa_challenge_from_poly(&ch, &c);
        rand_poly(&s, -(int64_t)p->eta, p->eta, it);
        pqs_mldsa_spoly_from_poly(&ss, &s);
        P->challenge_mul_small(&rp, &ch, &ss);
        V->challenge_mul_small(&rv, &ch, &ss);
        bad += !same(&rp, &rv);
        rand_poly(&t, -(1 << 24), 1 << 24, it);
        P->challenge_mul(&rp, &ch, &t);
        V->challenge_mul(&rv, &ch, &t);
        bad += !same(&rp, &rv);
        /* The fused checks, with bounds that the products pass and fail alike: y near
         * gamma1, w anywhere in [0, q), and a bound picked around what the data give. */
        pqs_mldsa_poly y, w;
        rand_poly(&y, -p->gamma1 + 1, p->gamma1, it);
        int32_t bound = p->gamma1 - (int32_t)p->beta - (int32_t)(rnd32() % 8);
        uint32_t bp = P->response(&rp, &ch, &ss, &y, bound);
        uint32_t bv = V->response(&rv, &ch, &ss, &y, bound);
        bad += bp != bv || !same(&rp, &rv);
        rand_poly(&w, 0, Q - 1, it);
        bound = p->gamma2 - (int32_t)p->beta - (int32_t)(rnd32() % (it % 2 ? 8 : 4096));
        bp = P->low_check(p, &rp, &ch, &ss, &w, bound);
        bv = V->low_check(p, &rv, &ch, &ss, &w, bound);
        bad += bp != bv || !same(&rp, &rv);
        passed += bp == 0;
        failed += bp != 0;
    }
    CHECK(bad == 0, "%s: challenge products and checks: %d differ", p->name, bad);
    CHECK(passed > 0 && failed > 0, "%s: low_check took only one outcome (%d passed)", p->name,
          passed);
}

/* Rejection samplers from various starting counts, on blocks with few and with many
 * rejected candidates; nothing may be written past the 256 coefficients. */
static void test_rejection(void)
{
    int bad = 0;
    for (int it = 0; it < 4 * ITER; it++) {
        uint8_t buf[168];
        int32_t ap[N + 8], av[N + 8];
        unsigned start = it % 5 == 0 ? 0 : rnd32() % (N + 1);
        pqs_test_rand(buf, sizeof buf);
        for (size_t i = 2; it % 3 == 0 && i < sizeof buf; i += 3)
            buf[i] |= 0x7F;   /* values near or above q */
        memset(ap, 0x5A, sizeof ap);
        memset(av, 0x5A, sizeof av);
        unsigned np = P->rej_uniform(ap, start, buf, sizeof buf);
        unsigned nv = V->rej_uniform(av, start, buf, sizeof buf);
        bad += np != nv || memcmp(ap, av, sizeof(int32_t) * np) != 0;
        for (int i = N; i < N + 8; i++)
            bad += av[i] != 0x5A5A5A5A;
        for (unsigned eta = 2; eta <= 4; eta += 2) {
            size_t len = it % 4 == 0 ? 136 : 1 + rnd32() % 136;
            if (it % 3 == 1) {
                for (size_t i = 0; i < len; i++)
                    buf[i] |= 0x88;   /* nibbles of 8 and above */
            }
            memset(ap, 0x5A, sizeof ap);
            memset(av, 0x5A, sizeof av);
            np = P->rej_eta(ap, start, buf, len, eta);
            nv = V->rej_eta(av, start, buf, len, eta);
            bad += np != nv || memcmp(ap, av, sizeof(int32_t) * np) != 0;
            for (int i = N; i < N + 8; i++)
                bad += av[i] != 0x5A5A5A5A;
        }
    }
    CHECK(bad == 0, "rej_uniform/rej_eta: %d differ", bad);
}

/* Every width the encodings use, both signs, on exact-size heap buffers (a sanitizer
 * build sees any access past them). */
static void test_packing(void)
{
    static const unsigned widths[] = {3, 4, 6, 10, 13, 18, 20};
    int bad = 0;
    for (size_t w = 0; w < sizeof widths / sizeof widths[0]; w++) {
        unsigned bits = widths[w];
        for (int it = 0; it < ITER; it++) {
            uint8_t *in = malloc(32 * bits), *op = malloc(32 * bits), *ov = malloc(32 * bits);
            pqs_mldsa_poly ap, av;
            int32_t add = (int32_t)(rnd32() % (1u << 20)), mul = it % 2 ? 1 : -1;
            pqs_test_rand(in, 32 * bits);
            P->unpack_bits(&ap, in, bits, add, mul);
            V->unpack_bits(&av, in, bits, add, mul);
            bad += !same(&ap, &av);
            /* any coefficients: both reduce add + mul a_i modulo 2^bits */
            rand_poly(&ap, -(1LL << 24), 1LL << 24, it);
            P->pack_bits(op, &ap, bits, add, mul);
            V->pack_bits(ov, &ap, bits, add, mul);
            bad += memcmp(op, ov, 32 * bits) != 0;
            free(in);
            free(op);
            free(ov);
        }
    }
    CHECK(bad == 0, "pack_bits/unpack_bits: %d differ", bad);
}

/* Every function of backend V against the portable one. */
static void test_backend(void)
{
    printf("test_mldsa_native: %s backend\n", V->name);
    test_ntt();
    test_products();
    test_coefficientwise();
    for (size_t s = 0; s < 3; s++) {
        test_rounding(SETS[s]);
        test_challenge(SETS[s]);
    }
    test_rejection();
    test_packing();
}

int main(void)
{
    unsigned f = pqs_cpu_features_mask();
    const pqs_mldsa_backend *avx2 = (f & PQS_CPU_AVX2) ? pqs_mldsa_avx2_backend() : NULL;
    const pqs_mldsa_backend *avx512 =
        (f & PQS_CPU_AVX2) && (f & PQS_CPU_AVX512) ? pqs_mldsa_avx512_backend() : NULL;
    if (avx2 == NULL && avx512 == NULL) {
        printf("test_mldsa_native: no native backend on this CPU/build (features: %s); "
               "skipped\n", pqs_cpu_features());
        return pqs_test_done("test_mldsa_native");
    }
    /* The dispatch point takes the widest backend this CPU runs. */
    const pqs_mldsa_backend *best = avx512 != NULL ? avx512 : avx2;
    CHECK(pqs_mldsa_backend_get() == best, "dispatch did not choose %s", best->name);
    if (avx2 != NULL) {
        V = avx2;
        test_backend();
    }
    if (avx512 != NULL) {
        V = avx512;
        test_backend();
    }
    return pqs_test_done("test_mldsa_native");
}
