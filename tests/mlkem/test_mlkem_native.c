/* Differential test of the native ML-KEM backend (mlkem/native/) against the portable
 * one: every function of the backend table on random and extreme inputs, exhaustively
 * where the domain is small (Compress_d, Compress_1). The native functions promise
 * bit-identical outputs, so outputs are compared byte for byte. Skipped (passing) on a
 * CPU without the native instructions or under PQSAFE_FORCE_PORTABLE=1. */
#include <string.h>

#include "core/cpu.h"
#include "mlkem/backend.h"
#include "mlkem/native/x86_64/avx2.h"
#include "pqs_test.h"

#define Q PQS_MLKEM_Q
#define N PQS_MLKEM_N
#define ITER 2000

static const pqs_mlkem_backend *P = &pqs_mlkem_backend_portable;
static const pqs_mlkem_backend *V;

static int16_t rnd16(void)
{
    uint8_t b[2];
    pqs_test_rand(b, 2);
    return (int16_t)(b[0] | b[1] << 8);
}

/* Coefficients in [lo, hi]; lo = hi = 0 means any int16. Every fifth polynomial takes
 * its values from the ends of the range only. */
static void rand_poly(pqs_mlkem_poly *a, int32_t lo, int32_t hi, int it)
{
    for (int i = 0; i < N; i++) {
        int32_t r = (uint16_t)rnd16();
        if (lo == 0 && hi == 0)
            a->c[i] = (int16_t)r;
        else if (it % 5 == 4)
            a->c[i] = (int16_t)(r & 1 ? hi : lo);
        else
            a->c[i] = (int16_t)(lo + r % (hi - lo + 1));
    }
}

static int same_poly(const pqs_mlkem_poly *a, const pqs_mlkem_poly *b)
{
    return memcmp(a, b, sizeof *a) == 0;
}

/* An in-place polynomial map, on inputs in [lo, hi] (0, 0: any int16). */
static void diff_map(const char *name, void (*fp)(pqs_mlkem_poly *),
                     void (*fv)(pqs_mlkem_poly *), int32_t lo, int32_t hi)
{
    int bad = 0;
    for (int it = 0; it < ITER; it++) {
        pqs_mlkem_poly a, b;
        rand_poly(&a, lo, hi, it);
        b = a;
        fp(&a);
        fv(&b);
        bad += !same_poly(&a, &b);
    }
    CHECK(bad == 0, "%s [%d, %d]: %d of %d differ", name, lo, hi, bad, ITER);
}

static void test_ntt(void)
{
    diff_map("ntt", P->ntt, V->ntt, -(Q - 1), Q - 1);
    diff_map("ntt", P->ntt, V->ntt, 0, 0);
    diff_map("invntt", P->invntt_frommont, V->invntt_frommont, -(Q - 1), Q - 1);
    diff_map("invntt", P->invntt_frommont, V->invntt_frommont, 0, 0);
    diff_map("reduce", P->poly_reduce, V->poly_reduce, 0, 0);
    diff_map("tomont", P->poly_tomont, V->poly_tomont, 0, 0);
}

static void test_basemul(void)
{
    int bad = 0;
    for (int it = 0; it < ITER; it++) {
        unsigned k = 2 + (unsigned)it % 3;
        pqs_mlkem_poly a[4], b[4], rp, rv;
        pqs_mlkem_mulcache xp[4], xv[4];
        for (unsigned j = 0; j < k; j++) {
            rand_poly(&a[j], 0, Q - 1, it);
            rand_poly(&b[j], -Q, Q, it);
            P->mulcache_compute(&xp[j], &b[j]);
            V->mulcache_compute(&xv[j], &b[j]);
            bad += memcmp(&xp[j], &xv[j], sizeof xp[j]) != 0;
        }
        P->basemul_acc(&rp, a, b, xp, k);
        V->basemul_acc(&rv, a, b, xp, k);
        bad += !same_poly(&rp, &rv);
    }
    CHECK(bad == 0, "mulcache/basemul_acc: %d differ", bad);
    bad = 0;
    for (int it = 0; it < ITER; it++) {   /* the cache on any input */
        pqs_mlkem_poly b;
        pqs_mlkem_mulcache xp, xv;
        rand_poly(&b, 0, 0, it);
        P->mulcache_compute(&xp, &b);
        V->mulcache_compute(&xv, &b);
        bad += memcmp(&xp, &xv, sizeof xp) != 0;
    }
    CHECK(bad == 0, "mulcache on any int16: %d differ", bad);
}

static void test_bytes(void)
{
    int bad = 0;
    for (int it = 0; it < ITER; it++) {
        pqs_mlkem_poly a, bp, bv;
        uint8_t ep[PQS_MLKEM_POLY_BYTES], ev[PQS_MLKEM_POLY_BYTES];
        rand_poly(&a, -(Q - 1), Q - 1, it);
        P->poly_tobytes(ep, &a);
        V->poly_tobytes(ev, &a);
        bad += memcmp(ep, ev, sizeof ep) != 0;
        bad += P->poly_bytes_canonical(ep) != V->poly_bytes_canonical(ep);
        bad += V->poly_bytes_canonical(ep) != 1;
        /* one value raised to q .. 4095 somewhere */
        unsigned pos = (unsigned)(uint16_t)rnd16() % N;
        unsigned v = Q + (unsigned)(uint16_t)rnd16() % (4096 - Q);
        uint8_t *g = ep + 3 * (pos / 2);
        if (pos % 2 == 0) {
            g[0] = (uint8_t)v;
            g[1] = (uint8_t)((g[1] & 0xF0) | (v >> 8));
        } else {
            g[1] = (uint8_t)((g[1] & 0x0F) | (v << 4));
            g[2] = (uint8_t)(v >> 4);
        }
        bad += V->poly_bytes_canonical(ep) != 0 || P->poly_bytes_canonical(ep) != 0;
        /* arbitrary bytes */
        pqs_test_rand(ep, sizeof ep);
        P->poly_frombytes(&bp, ep);
        V->poly_frombytes(&bv, ep);
        bad += !same_poly(&bp, &bv);
        bad += P->poly_bytes_canonical(ep) != V->poly_bytes_canonical(ep);
    }
    CHECK(bad == 0, "tobytes/frombytes/bytes_canonical: %d differ", bad);
}

static void test_compress(void)
{
    static const unsigned ds[] = {4, 5, 10, 11};
    for (size_t k = 0; k < 4; k++) {
        unsigned d = ds[k];
        int bad = 0;
        /* every value of (-q, q), then random ones */
        for (int32_t base = -(Q - 1); base < Q + ITER * N; base += N) {
            pqs_mlkem_poly a, bp, bv;
            uint8_t cp[32 * 11 + 1], cv[32 * 11 + 1];
            for (int i = 0; i < N; i++)
                a.c[i] = (int16_t)(base + i < Q ? (base + i) : rnd16() % Q);
            /* a guard byte after the output: no write past 32 d bytes */
            cp[32 * d] = cv[32 * d] = 0xA5;
            P->poly_compress(cp, &a, d);
            V->poly_compress(cv, &a, d);
            bad += memcmp(cp, cv, 32 * d + 1) != 0 || cv[32 * d] != 0xA5;
            pqs_test_rand(cp, 32 * d);
            P->poly_decompress(&bp, cp, d);
            V->poly_decompress(&bv, cp, d);
            bad += !same_poly(&bp, &bv);
        }
        CHECK(bad == 0, "compress/decompress d=%u: %d differ", d, bad);
    }
    int bad = 0;
    for (int32_t base = -(Q - 1); base < Q + ITER * N; base += N) {
        pqs_mlkem_poly a, bp, bv;
        uint8_t mp[32], mv[32];
        for (int i = 0; i < N; i++)
            a.c[i] = (int16_t)(base + i < Q ? (base + i) : rnd16() % Q);
        P->poly_tomsg(mp, &a);
        V->poly_tomsg(mv, &a);
        bad += memcmp(mp, mv, 32) != 0;
        pqs_test_rand(mp, 32);
        P->poly_frommsg(&bp, mp);
        V->poly_frommsg(&bv, mp);
        bad += !same_poly(&bp, &bv);
    }
    CHECK(bad == 0, "frommsg/tomsg: %d differ", bad);
}

static void test_sampling(void)
{
    int bad = 0;
    for (int it = 0; it < ITER; it++) {
        uint8_t buf[192];
        pqs_mlkem_poly rp, rv;
        pqs_test_rand(buf, sizeof buf);
        for (unsigned eta = 2; eta <= 3; eta++) {
            P->cbd(&rp, buf, eta);
            V->cbd(&rv, buf, eta);
            bad += !same_poly(&rp, &rv);
        }
    }
    CHECK(bad == 0, "cbd: %d differ", bad);

    /* Rejection sampling from various starting counts, on buffers with few and with
     * many rejected candidates (high bytes make 12-bit values above q likely), of any
     * length. */
    bad = 0;
    for (int it = 0; it < 4 * ITER; it++) {
        uint8_t buf[504];
        int16_t ap[N + 16], av[N + 16];
        /* whole SHAKE128 blocks, and any length (partial steps of the vector loops) */
        size_t len = it % 4 == 1 ? 504 : it % 4 == 3 ? (uint16_t)rnd16() % 505 : 168;
        unsigned start = (unsigned)(it % 7 == 0 ? 0 : (uint16_t)rnd16() % (N + 1));
        pqs_test_rand(buf, len);
        if (it % 3 == 0) {
            for (size_t i = 0; i < len; i++)
                buf[i] |= (uint8_t)(it % 4 == 0 ? 0xC0 : 0x80);
        }
        memset(ap, 0x5A, sizeof ap);
        memset(av, 0x5A, sizeof av);
        unsigned np = P->rej_uniform(ap, start, buf, len);
        unsigned nv = V->rej_uniform(av, start, buf, len);
        bad += np != nv || memcmp(ap, av, sizeof(int16_t) * np) != 0 || np > N;
        /* nothing written past the 256 coefficients */
        for (int i = N; i < N + 16; i++)
            bad += av[i] != 0x5A5A;
    }
    CHECK(bad == 0, "rej_uniform: %d differ", bad);
}

/* Every function of backend v against the portable one. */
static void test_backend(const pqs_mlkem_backend *v)
{
    V = v;
    printf("test_mlkem_native: backend %s\n", V->name);
    test_ntt();
    test_basemul();
    test_bytes();
    test_compress();
    test_sampling();
}

int main(void)
{
    unsigned f = pqs_cpu_features_mask();
    const pqs_mlkem_backend *avx2 = (f & PQS_CPU_AVX2) ? pqs_mlkem_avx2_backend() : NULL;
    const pqs_mlkem_backend *avx512 = (f & PQS_CPU_AVX512) ? pqs_mlkem_avx512_backend(0) : NULL;
    const pqs_mlkem_backend *vbmi2 =
        (f & PQS_CPU_AVX512VBMI2) ? pqs_mlkem_avx512_backend(1) : NULL;
    if (avx2 == NULL) {
        printf("test_mlkem_native: no native backend on this CPU/build (features: %s); "
               "skipped\n", pqs_cpu_features());
        return pqs_test_done("test_mlkem_native");
    }
    const pqs_mlkem_backend *best = vbmi2 != NULL ? vbmi2 : avx512 != NULL ? avx512 : avx2;
    CHECK(pqs_mlkem_backend_get() == best, "dispatch did not choose %s", best->name);
    test_backend(avx2);
    if (avx512 != NULL)
        test_backend(avx512);
    if (vbmi2 != NULL)
        test_backend(vbmi2);
    return pqs_test_done("test_mlkem_native");
}
