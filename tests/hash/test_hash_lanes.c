/* Differential tests of the batched hash backends against the scalar portable code on
 * random inputs: Keccak-f[1600] x4 / x8 (every backend this CPU can run, and the
 * dispatch points), the 4-way SHAKE / SHA-3 sponge against four scalar sponges, and
 * multi-lane SHA-256 (x8 AVX2, x16 AVX-512) and SHA-512 (x4 AVX2, x8 AVX-512) through
 * their dispatch point. CTest runs it three times: native (AVX-512 here), with
 * PQSAFE_HASH_NO_AVX512=1 (the AVX2 backends) and with PQSAFE_FORCE_PORTABLE=1. */
#include <string.h>

#include "core/cpu.h"
#include "hash/fips202.h"
#include "hash/keccak_x4.h"
#include "hash/native/x86_64/keccakf1600_xn.h"
#include "hash/sha2.h"
#include "pqs_test.h"

#define TRIALS 300

static unsigned rand_below(unsigned n)
{
    uint32_t r;
    pqs_test_rand((uint8_t *)&r, sizeof r);
    return r % n;
}

/* ---- Keccak-f[1600] on lane-sliced states ------------------------------------------ */

/* Each of the `lanes` states of s permuted alone by the portable scalar code. */
static void keccak_reference(uint64_t *s, unsigned lanes)
{
    for (unsigned j = 0; j < lanes; j++) {
        uint64_t t[25];
        for (unsigned i = 0; i < 25; i++)
            t[i] = s[i * lanes + j];
        pqs_keccakf1600_portable(t);
        for (unsigned i = 0; i < 25; i++)
            s[i * lanes + j] = t[i];
    }
}

static void check_keccak(const char *name, void (*fn)(uint64_t *), unsigned lanes)
{
    int bad = 0;
    for (int trial = 0; trial < TRIALS; trial++) {
        uint64_t a[25 * PQS_KECCAK_MAX_LANES], b[25 * PQS_KECCAK_MAX_LANES];
        pqs_test_rand((uint8_t *)a, 25 * lanes * sizeof a[0]);
        memcpy(b, a, 25 * lanes * sizeof a[0]);
        fn(a);
        keccak_reference(b, lanes);
        bad += memcmp(a, b, 25 * lanes * sizeof a[0]) != 0;
    }
    CHECK(bad == 0, "%s: %d of %d batches differ from the scalar permutation", name, bad, TRIALS);
}

static void keccak_lanes_generic(void)
{
    for (unsigned lanes = 1; lanes <= PQS_KECCAK_MAX_LANES + 1; lanes++) {
        uint64_t a[25 * (PQS_KECCAK_MAX_LANES + 1)], b[25 * (PQS_KECCAK_MAX_LANES + 1)];
        pqs_test_rand((uint8_t *)a, 25 * lanes * sizeof a[0]);
        memcpy(b, a, 25 * lanes * sizeof a[0]);
        pqs_keccakf1600_lanes(a, lanes);
        keccak_reference(b, lanes);
        CHECK(memcmp(a, b, 25 * lanes * sizeof a[0]) == 0, "pqs_keccakf1600_lanes, %u lanes", lanes);
    }
    unsigned l = pqs_keccak_lanes();
    CHECK(l == 1 || l == 4 || l == 8, "pqs_keccak_lanes() = %u", l);
}

static void test_keccak(unsigned f)
{
    check_keccak("keccakf1600_x4 (dispatch)", pqs_keccakf1600_x4, 4);
    check_keccak("keccakf1600_x8 (dispatch)", pqs_keccakf1600_x8, 8);
    check_keccak("keccakf1600_x4_portable", pqs_keccakf1600_x4_portable, 4);
    if (pqs_keccakf1600_avx2_available() && (f & PQS_CPU_AVX2))
        check_keccak("keccakf1600_x4_avx2", pqs_keccakf1600_x4_avx2, 4);
    if (pqs_keccakf1600_avx512_available() && (f & PQS_CPU_AVX512)) {
        check_keccak("keccakf1600_x4_avx512vl", pqs_keccakf1600_x4_avx512vl, 4);
        check_keccak("keccakf1600_x8_avx512", pqs_keccakf1600_x8_avx512, 8);
    }
    keccak_lanes_generic();
}

/* ---- The 4-way sponge against four scalar sponges ---------------------------------- */

typedef struct {
    const char *name;
    void (*init4)(pqs_keccak_x4_ctx *);
    void (*init1)(pqs_keccak_ctx *);
} sponge_kind;

static void check_sponge(const sponge_kind *k)
{
    int bad = 0;
    for (int trial = 0; trial < 200; trial++) {
        uint8_t in[4][700], got[4][1100], want[4][1100];
        pqs_keccak_x4_ctx c4;
        pqs_keccak_ctx c1[4];
        size_t total = 0;
        k->init4(&c4);
        for (int j = 0; j < 4; j++)
            k->init1(&c1[j]);
        /* Up to three absorb calls of random lengths (0..300, so some cross blocks). */
        int calls = 1 + (int)rand_below(3);
        for (int call = 0; call < calls; call++) {
            size_t len = rand_below(301);
            for (int j = 0; j < 4; j++)
                pqs_test_rand(in[j], len);
            pqs_keccak_x4_absorb(&c4, in[0], in[1], in[2], in[3], len);
            for (int j = 0; j < 4; j++)
                pqs_keccak_absorb(&c1[j], in[j], len);
        }
        /* Squeeze: whole blocks, then two arbitrary lengths. */
        size_t blocks = rand_below(3), l1 = rand_below(200), l2 = rand_below(400);
        pqs_keccak_x4_squeezeblocks(&c4, got[0], got[1], got[2], got[3], blocks);
        total = blocks * c4.rate;
        pqs_keccak_x4_squeeze(&c4, got[0] + total, got[1] + total, got[2] + total,
                              got[3] + total, l1);
        pqs_keccak_x4_squeeze(&c4, got[0] + total + l1, got[1] + total + l1,
                              got[2] + total + l1, got[3] + total + l1, l2);
        total += l1 + l2;
        for (int j = 0; j < 4; j++) {
            pqs_keccak_squeeze(&c1[j], want[j], total);
            bad += memcmp(got[j], want[j], total) != 0;
        }
    }
    CHECK(bad == 0, "%s x4 sponge: %d outputs differ from the scalar sponge", k->name, bad);
}

static void test_sponge(void)
{
    static const sponge_kind kinds[] = {
        {"SHAKE128", pqs_shake128_x4_init, pqs_shake128_init},
        {"SHAKE256", pqs_shake256_x4_init, pqs_shake256_init},
        {"SHA3-256", pqs_sha3_256_x4_init, pqs_sha3_256_init},
        {"SHA3-512", pqs_sha3_512_x4_init, pqs_sha3_512_init},
    };
    for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
        check_sponge(&kinds[i]);
    /* One-shot helpers. */
    uint8_t in[4][50], out[4][200], want[200];
    for (int j = 0; j < 4; j++)
        pqs_test_rand(in[j], sizeof in[j]);
    pqs_shake128_x4(out[0], out[1], out[2], out[3], 200, in[0], in[1], in[2], in[3], 50);
    for (int j = 0; j < 4; j++) {
        pqs_shake128(want, 200, in[j], 50);
        CHECK(memcmp(out[j], want, 200) == 0, "pqs_shake128_x4 output %d", j);
    }
    pqs_shake256_x4(out[0], out[1], out[2], out[3], 200, in[0], in[1], in[2], in[3], 50);
    for (int j = 0; j < 4; j++) {
        pqs_shake256(want, 200, in[j], 50);
        CHECK(memcmp(out[j], want, 200) == 0, "pqs_shake256_x4 output %d", j);
    }
}

/* ---- Multi-lane SHA-256 / SHA-512 -------------------------------------------------- */

static void be32(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)(v >> 24), p[1] = (uint8_t)(v >> 16), p[2] = (uint8_t)(v >> 8), p[3] = (uint8_t)v;
}

static void be64(uint8_t *p, uint64_t v)
{
    be32(p, (uint32_t)(v >> 32));
    be32(p + 4, (uint32_t)v);
}

/* Run a lane-sliced SHA-256 kernel on random states and 1-3 blocks per lane; compare each
 * lane with the portable byte-oriented compression. */
static void check_sha256(const char *name, void (*fn)(uint32_t *, const uint32_t *, size_t),
                         unsigned lanes)
{
    int bad = 0;
    for (int trial = 0; trial < TRIALS; trial++) {
        uint32_t st[8 * PQS_SHA256_MAX_LANES], w[3 * 16 * PQS_SHA256_MAX_LANES];
        size_t nblocks = 1 + (size_t)(trial % 3);
        pqs_test_rand((uint8_t *)st, 8 * lanes * sizeof st[0]);
        pqs_test_rand((uint8_t *)w, nblocks * 16 * lanes * sizeof w[0]);
        uint32_t ref[PQS_SHA256_MAX_LANES][8];
        for (unsigned j = 0; j < lanes; j++) {
            uint8_t blocks[3 * 64];
            for (size_t b = 0; b < nblocks; b++)
                for (int t = 0; t < 16; t++)
                    be32(blocks + 64 * b + 4 * t, w[(16 * b + t) * lanes + j]);
            for (int i = 0; i < 8; i++)
                ref[j][i] = st[i * lanes + j];
            pqs_sha256_compress_portable(ref[j], blocks, nblocks);
        }
        fn(st, w, nblocks);
        for (unsigned j = 0; j < lanes; j++)
            for (int i = 0; i < 8; i++)
                bad += st[i * lanes + j] != ref[j][i];
    }
    CHECK(bad == 0, "%s: %d state words differ from the portable compression", name, bad);
}

static void check_sha512(const char *name, void (*fn)(uint64_t *, const uint64_t *, size_t),
                         unsigned lanes)
{
    int bad = 0;
    for (int trial = 0; trial < TRIALS; trial++) {
        uint64_t st[8 * PQS_SHA512_MAX_LANES], w[3 * 16 * PQS_SHA512_MAX_LANES];
        size_t nblocks = 1 + (size_t)(trial % 3);
        pqs_test_rand((uint8_t *)st, 8 * lanes * sizeof st[0]);
        pqs_test_rand((uint8_t *)w, nblocks * 16 * lanes * sizeof w[0]);
        uint64_t ref[PQS_SHA512_MAX_LANES][8];
        for (unsigned j = 0; j < lanes; j++) {
            uint8_t blocks[3 * 128];
            for (size_t b = 0; b < nblocks; b++)
                for (int t = 0; t < 16; t++)
                    be64(blocks + 128 * b + 8 * t, w[(16 * b + t) * lanes + j]);
            for (int i = 0; i < 8; i++)
                ref[j][i] = st[i * lanes + j];
            pqs_sha512_compress(ref[j], blocks, nblocks);
        }
        fn(st, w, nblocks);
        for (unsigned j = 0; j < lanes; j++)
            for (int i = 0; i < 8; i++)
                bad += st[i * lanes + j] != ref[j][i];
    }
    CHECK(bad == 0, "%s: %d state words differ from the portable compression", name, bad);
}

/* The dispatch point at a given width: the SIMD kernel when it is the native width
 * (16/8 lanes with AVX-512; 8/4 under PQSAFE_HASH_NO_AVX512=1, a CTest entry of its own),
 * the portable fallback otherwise. */
static unsigned g_lanes;
static void sha256_dispatch(uint32_t *st, const uint32_t *w, size_t n)
{
    pqs_sha256_compress_lanes(st, w, n, g_lanes);
}
static void sha512_dispatch(uint64_t *st, const uint64_t *w, size_t n)
{
    pqs_sha512_compress_lanes(st, w, n, g_lanes);
}

static void check_many(void)
{
    /* compress_many on bytes, with counts that leave short last batches. */
    for (size_t count = 1; count <= 37; count += 4) {
        uint32_t h[37][8], ref[37][8];
        uint64_t h5[37][8], ref5[37][8];
        uint8_t data[37][2 * 128];
        const uint8_t *ptr[37];
        pqs_test_rand((uint8_t *)h, sizeof h);
        pqs_test_rand((uint8_t *)h5, sizeof h5);
        pqs_test_rand((uint8_t *)data, sizeof data);
        memcpy(ref, h, sizeof h);
        memcpy(ref5, h5, sizeof h5);
        for (size_t i = 0; i < count; i++) {
            ptr[i] = data[i];
            pqs_sha256_compress_portable(ref[i], data[i], 2);
            pqs_sha512_compress(ref5[i], data[i], 2);
        }
        pqs_sha256_compress_many(h, ptr, 2, count);
        pqs_sha512_compress_many(h5, ptr, 2, count);
        CHECK(memcmp(h, ref, count * sizeof h[0]) == 0, "pqs_sha256_compress_many, %zu states", count);
        CHECK(memcmp(h5, ref5, count * sizeof h5[0]) == 0, "pqs_sha512_compress_many, %zu states", count);
    }
}

static void test_sha2(void)
{
    unsigned l256 = pqs_sha256_lanes(), l512 = pqs_sha512_lanes();
    CHECK(l256 == 1 || l256 == 8 || l256 == 16, "pqs_sha256_lanes() = %u", l256);
    CHECK(l512 == 1 || l512 == 4 || l512 == 8, "pqs_sha512_lanes() = %u", l512);
    /* The native width (SIMD) and other widths (portable fallback). */
    const unsigned widths[] = {1, 3, 4, 8, 16};
    for (size_t i = 0; i < sizeof widths / sizeof widths[0]; i++) {
        g_lanes = widths[i];
        check_sha256("pqs_sha256_compress_lanes", sha256_dispatch, g_lanes);
        if (g_lanes <= PQS_SHA512_MAX_LANES)
            check_sha512("pqs_sha512_compress_lanes", sha512_dispatch, g_lanes);
    }
    check_many();
}

int main(void)
{
    unsigned f = pqs_cpu_features_mask();
    printf("cpu features: %s; lanes: keccak %u, sha256 %u, sha512 %u\n", pqs_cpu_features(),
           pqs_keccak_lanes(), pqs_sha256_lanes(), pqs_sha512_lanes());
    test_keccak(f);
    test_sponge();
    test_sha2();
    return pqs_test_done("test_hash_lanes");
}
