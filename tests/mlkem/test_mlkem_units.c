/* Unit tests of the ML-KEM building blocks against direct transcriptions of FIPS 203:
 * modular reductions (exhaustive), Compress/Decompress (exhaustive, §4.2.1), ByteEncode/
 * ByteDecode round trips (Alg. 5/6), NTT against Alg. 9 computed naively, products in
 * T_q against schoolbook multiplication in Z_q[X]/(X^256 + 1), SampleNTT (Alg. 7,
 * including the refill path) and SamplePolyCBD (Alg. 8). */
#include <string.h>

#include "mlkem/compress.h"
#include "mlkem/encode.h"
#include "hash/fips202.h"
#include "mlkem/ntt.h"
#include "mlkem/reduce.h"
#include "mlkem/sampling.h"
#include "pqs_test.h"

#define Q PQS_MLKEM_Q
#define N PQS_MLKEM_N

static int32_t modq(int64_t x)
{
    int64_t r = x % Q;
    return (int32_t)(r < 0 ? r + Q : r);
}

static void test_reduce(void)
{
    int bad = 0;
    for (int32_t a = -32768; a <= 32767; a++) {
        int16_t r = pqs_mlkem_barrett_reduce((int16_t)a);
        bad += modq(r) != modq(a) || r < -(Q - 1) / 2 || r > (Q - 1) / 2;
    }
    CHECK(bad == 0, "barrett_reduce: %d wrong", bad);
    /* Montgomery: r * 2^16 = a mod q and |r| < q, over the whole input range. */
    bad = 0;
    for (int64_t a = -(int64_t)Q * 32768; a <= (int64_t)Q * 32768; a += 977) {
        int16_t r = pqs_mlkem_montgomery_reduce((int32_t)a);
        bad += modq((int64_t)r * 65536) != modq(a) || r <= -Q || r >= Q;
    }
    CHECK(bad == 0, "montgomery_reduce: %d wrong", bad);
    bad = 0;
    for (int32_t a = -Q + 1; a < Q; a++)
        bad += pqs_mlkem_caddq((int16_t)a) != modq(a);
    for (int32_t a = 0; a < 2 * Q; a++)
        bad += pqs_mlkem_csubq((int16_t)a) != modq(a);
    CHECK(bad == 0, "caddq/csubq: %d wrong", bad);
    /* The 16-bit Montgomery product by a constant equals the 32-bit one, for every int16
     * input, and stays in (-q, q), for constants up to q/2 in magnitude. */
    bad = 0;
    for (int32_t b = -(Q - 1) / 2; b <= (Q - 1) / 2; b += 37) {
        const int16_t btw = PQS_MLKEM_TWIST(b);
        for (int32_t a = -32768; a <= 32767; a += 3) {
            int16_t r = pqs_mlkem_fqmul_tw((int16_t)a, (int16_t)b, btw);
            bad += r != pqs_mlkem_fqmul((int16_t)a, (int16_t)b) || r <= -Q || r >= Q;
        }
    }
    CHECK(bad == 0, "fqmul_tw: %d wrong", bad);
}

/* Compress_d(x) = round(2^d x / q) mod 2^d, round-half-up, in exact integer arithmetic. */
static uint32_t compress_ref(int32_t x, unsigned d)
{
    return (uint32_t)((((int64_t)x << (d + 1)) + Q) / (2 * Q)) & ((1u << d) - 1);
}

static int32_t decompress_ref(uint32_t y, unsigned d)
{
    return (int32_t)((2 * (int64_t)y * Q + (1 << d)) / (2 << d));
}

static void test_compress(void)
{
    static const unsigned ds[] = {4, 5, 10, 11};
    for (size_t k = 0; k < 4; k++) {
        unsigned d = ds[k];
        int bad = 0;
        /* Every x in [0, q) appears once over 14 polynomials; also feed negative forms. */
        for (int32_t base = 0; base < Q; base += N) {
            pqs_mlkem_poly a, b;
            uint8_t enc[32 * 11];
            for (int i = 0; i < N; i++) {
                int32_t x = (base + i) % Q;
                a.c[i] = (int16_t)(i % 2 ? x : x - Q * (x > 0));
            }
            pqs_mlkem_poly_compress(enc, &a, d);
            pqs_mlkem_poly_decompress(&b, enc, d);
            for (int i = 0; i < N; i++) {
                uint16_t v[8];
                pqs_mlkem_unpack8(v, enc + d * (i / 8), d);
                int32_t x = (base + i) % Q;
                bad += v[i % 8] != compress_ref(x, d);
                bad += b.c[i] != decompress_ref(compress_ref(x, d), d);
            }
        }
        CHECK(bad == 0, "compress/decompress d=%u: %d wrong", d, bad);
    }
    /* Message: bit b <-> b * 1665; Compress_1 is 1 exactly on (q/4, 3q/4). */
    uint8_t m[32], m2[32];
    pqs_mlkem_poly p;
    pqs_test_rand(m, sizeof m);
    pqs_mlkem_poly_frommsg(&p, m);
    pqs_mlkem_poly_tomsg(m2, &p);
    CHECK(memcmp(m, m2, 32) == 0, "frommsg/tomsg round trip");
    int bad = 0;
    for (int32_t base = 0; base < Q; base += N) {
        for (int i = 0; i < N; i++)
            p.c[i] = (int16_t)((base + i) % Q);
        pqs_mlkem_poly_tomsg(m2, &p);
        for (int i = 0; i < N; i++)
            bad += (uint32_t)((m2[i / 8] >> (i % 8)) & 1) != compress_ref((base + i) % Q, 1);
    }
    CHECK(bad == 0, "Compress_1: %d wrong", bad);
}

static void test_pack(void)
{
    for (unsigned d = 1; d <= 12; d++) {
        uint16_t v[8], w[8];
        uint8_t enc[12], r[16];
        int ok = 1;
        for (int it = 0; it < 200; it++) {
            pqs_test_rand(r, sizeof r);
            for (int i = 0; i < 8; i++)
                v[i] = (uint16_t)((r[2 * i] | r[2 * i + 1] << 8) & ((1u << d) - 1));
            pqs_mlkem_pack8(enc, v, d);
            pqs_mlkem_unpack8(w, enc, d);
            ok &= memcmp(v, w, sizeof v) == 0;
            /* Bit i of the stream is bit (i mod d) of value i / d (Alg. 5, LSB first). */
            for (unsigned bit = 0; bit < 8 * d; bit++)
                ok &= ((enc[bit / 8] >> (bit % 8)) & 1) == ((v[bit / d] >> (bit % d)) & 1);
        }
        CHECK(ok, "pack8/unpack8 d=%u", d);
    }
}

static unsigned bitrev7(unsigned i)
{
    unsigned r = 0;
    for (int b = 0; b < 7; b++)
        r |= ((i >> b) & 1) << (6 - b);
    return r;
}

static int32_t powq(int32_t b, unsigned e)
{
    int64_t r = 1;
    while (e--)
        r = r * b % Q;
    return (int32_t)r;
}

/* FIPS 203 Algorithm 9, literally, on values mod q. */
static void ntt_ref(int32_t f[N])
{
    unsigned i = 1;
    for (unsigned len = 128; len >= 2; len /= 2) {
        for (unsigned start = 0; start < N; start += 2 * len) {
            int32_t zeta = powq(17, bitrev7(i++));
            for (unsigned j = start; j < start + len; j++) {
                int32_t t = modq((int64_t)zeta * f[j + len]);
                f[j + len] = modq(f[j] - t);
                f[j] = modq(f[j] + t);
            }
        }
    }
}

static void rand_poly(pqs_mlkem_poly *a, int32_t lo, int32_t hi)
{
    uint8_t r[2 * N];
    pqs_test_rand(r, sizeof r);
    for (int i = 0; i < N; i++)
        a->c[i] = (int16_t)(lo + (int32_t)((r[2 * i] | r[2 * i + 1] << 8) % (uint32_t)(hi - lo + 1)));
}

static void test_ntt(void)
{
    int bad = 0;
    for (int it = 0; it < 20; it++) {
        pqs_mlkem_poly a;
        int32_t f[N];
        rand_poly(&a, -(Q - 1), Q - 1);
        for (int i = 0; i < N; i++)
            f[i] = modq(a.c[i]);
        ntt_ref(f);
        pqs_mlkem_ntt(&a);
        for (int i = 0; i < N; i++)
            bad += modq(a.c[i]) != f[i] || a.c[i] < -(Q - 1) / 2 || a.c[i] > (Q - 1) / 2;
    }
    CHECK(bad == 0, "NTT vs Alg. 9: %d wrong", bad);
}

/* sum_j a_j * b_j in Z_q[X]/(X^256 + 1), schoolbook, against NTT^-1(sum NTT(a_j) o NTT(b_j)).
 * The a_j are in [0, q) as SampleNTT outputs are; extremes test the lazy-reduction bound. */
static void test_products(void)
{
    for (int it = 0; it < 12; it++) {
        const unsigned k = 4;
        pqs_mlkem_poly a[4], b[4], r;
        pqs_mlkem_mulcache bx[4];
        int32_t want[N] = {0};
        for (unsigned j = 0; j < k; j++) {
            rand_poly(&a[j], 0, Q - 1);
            rand_poly(&b[j], -(Q - 1), Q - 1);
            for (int i = 0; it == 0 && i < N; i++) {
                a[j].c[i] = Q - 1;
                b[j].c[i] = (int16_t)(i % 3 ? Q - 1 : -(Q - 1));
            }
            for (int x = 0; x < N; x++) {
                for (int y = 0; y < N; y++) {
                    int64_t p = (int64_t)a[j].c[x] * b[j].c[y];
                    int z = x + y;
                    want[z % N] = modq(want[z % N] + (z >= N ? -p : p));
                }
            }
        }
        /* a is used in the NTT domain as is (like A-hat); transform a copy for the check. */
        for (unsigned j = 0; j < k; j++) {
            int32_t f[N];
            for (int i = 0; i < N; i++)
                f[i] = modq(a[j].c[i]);
            ntt_ref(f);
            for (int i = 0; i < N; i++)
                a[j].c[i] = (int16_t)f[i];
            pqs_mlkem_ntt(&b[j]);
            pqs_mlkem_mulcache_compute(&bx[j], &b[j]);
        }
        pqs_mlkem_basemul_acc(&r, a, b, bx, k);
        pqs_mlkem_invntt_frommont(&r);
        int bad = 0;
        for (int i = 0; i < N; i++)
            bad += modq(r.c[i]) != want[i] || r.c[i] <= -Q || r.c[i] >= Q;
        CHECK(bad == 0, "product %d: %d coefficients wrong", it, bad);
    }
}

/* SampleNTT (Alg. 7) literally: 3 bytes at a time from one long SHAKE128 output.
 * Returns the number of bytes consumed, or 0 when `len` was not enough. */
static size_t sample_ntt_ref(int32_t out[N], const uint8_t seed[34], uint8_t *buf, size_t len)
{
    pqs_shake128(buf, len, seed, 34);
    size_t pos = 0;
    int j = 0;
    while (j < N) {
        if (pos + 3 > len)
            return 0;
        int32_t d1 = buf[pos] + 256 * (buf[pos + 1] % 16);
        int32_t d2 = buf[pos + 1] / 16 + 16 * buf[pos + 2];
        if (d1 < Q)
            out[j++] = d1;
        if (d2 < Q && j < N)
            out[j++] = d2;
        pos += 3;
    }
    return pos;
}

/* Many seeds, so that some need more than the three blocks squeezed first. */
static void test_sample_ntt(void)
{
    static uint8_t buf[168 * 8];
    int bad = 0, long_ones = 0;
    for (int it = 0; it < 3000; it++) {
        uint8_t seed[34];
        int32_t want[N];
        pqs_mlkem_poly a;
        pqs_test_rand(seed, sizeof seed);
        size_t used = sample_ntt_ref(want, seed, buf, sizeof buf);
        if (used == 0)
            continue;
        long_ones += used > 3 * 168;
        pqs_mlkem_sample_ntt(&a, seed);
        for (int i = 0; i < N; i++)
            bad += a.c[i] != want[i];
    }
    CHECK(bad == 0, "SampleNTT vs Alg. 7: %d coefficients wrong", bad);
    CHECK(long_ones > 0, "no seed needed a fourth block; the refill path was not tested");
}

/* SamplePolyCBD_eta(PRF_eta(sigma, N)) (Alg. 8, eq. 4.3) literally, bit by bit. */
static void test_cbd(void)
{
    for (unsigned eta = 2; eta <= 3; eta++) {
        int bad = 0;
        for (int it = 0; it < 50; it++) {
            uint8_t in[33], b[192];
            pqs_mlkem_poly r;
            pqs_test_rand(in, sizeof in);
            pqs_shake256(b, 64 * eta, in, sizeof in);
            pqs_mlkem_sample_cbd(&r, in, in[32], eta);
            for (unsigned i = 0; i < N; i++) {
                int x = 0, y = 0;
                for (unsigned j = 0; j < eta; j++) {
                    unsigned bx = 2 * i * eta + j, by = 2 * i * eta + eta + j;
                    x += (b[bx / 8] >> (bx % 8)) & 1;
                    y += (b[by / 8] >> (by % 8)) & 1;
                }
                bad += r.c[i] != x - y;
            }
        }
        CHECK(bad == 0, "SamplePolyCBD eta=%u: %d coefficients wrong", eta, bad);
    }
}

int main(void)
{
    test_reduce();
    test_compress();
    test_pack();
    test_ntt();
    test_products();
    test_sample_ntt();
    test_cbd();
    return pqs_test_done("test_mlkem_units");
}
