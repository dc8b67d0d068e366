/* SHA-224 and SHA-256 (FIPS 180-4 sections 5.3.2, 5.3.3, 6.2 and 6.3). */
#include <string.h>

#include <stdatomic.h>

#include "core/cpu.h"
#include "hash/native/x86_64/sha256_shani.h"
#include "hash/native/x86_64/sha2_lanes.h"
#include "fips202.h"
#include "pqsafe/common.h"
#include "sha2.h"

/* FIPS 180-4 section 4.2.2: the first 32 bits of the fractional parts of the cube
 * roots of the first 64 primes. */
static const uint32_t K256[64] = {
    0x428a2f98u, 0x71374491u, 0xb5c0fbcfu, 0xe9b5dba5u,
    0x3956c25bu, 0x59f111f1u, 0x923f82a4u, 0xab1c5ed5u,
    0xd807aa98u, 0x12835b01u, 0x243185beu, 0x550c7dc3u,
    0x72be5d74u, 0x80deb1feu, 0x9bdc06a7u, 0xc19bf174u,
    0xe49b69c1u, 0xefbe4786u, 0x0fc19dc6u, 0x240ca1ccu,
    0x2de92c6fu, 0x4a7484aau, 0x5cb0a9dcu, 0x76f988dau,
    0x983e5152u, 0xa831c66du, 0xb00327c8u, 0xbf597fc7u,
    0xc6e00bf3u, 0xd5a79147u, 0x06ca6351u, 0x14292967u,
    0x27b70a85u, 0x2e1b2138u, 0x4d2c6dfcu, 0x53380d13u,
    0x650a7354u, 0x766a0abbu, 0x81c2c92eu, 0x92722c85u,
    0xa2bfe8a1u, 0xa81a664bu, 0xc24b8b70u, 0xc76c51a3u,
    0xd192e819u, 0xd6990624u, 0xf40e3585u, 0x106aa070u,
    0x19a4c116u, 0x1e376c08u, 0x2748774cu, 0x34b0bcb5u,
    0x391c0cb3u, 0x4ed8aa4au, 0x5b9cca4fu, 0x682e6ff3u,
    0x748f82eeu, 0x78a5636fu, 0x84c87814u, 0x8cc70208u,
    0x90befffau, 0xa4506cebu, 0xbef9a3f7u, 0xc67178f2u,
};

#define ROR32(x, n) (((x) >> (n)) | ((x) << (32 - (n))))

static uint32_t load32_be(const uint8_t *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static void store32_be(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)(v >> 24);
    p[1] = (uint8_t)(v >> 16);
    p[2] = (uint8_t)(v >> 8);
    p[3] = (uint8_t)v;
}

/* Inlined into each caller so the word loads and the rounds schedule together, as in a
 * single loop. */
#if defined(__GNUC__) || defined(__clang__)
#define PQS_ROUNDS_INLINE inline __attribute__((always_inline))
#else
#define PQS_ROUNDS_INLINE inline
#endif

/* The 64 rounds of FIPS 180-4 section 6.2.2 on one block given as 16 words (decoded
 * big-endian), with a 16-word rolling schedule in w (overwritten). */
static PQS_ROUNDS_INLINE void rounds(uint32_t h[8], uint32_t w[16])
{
    uint32_t a = h[0], b = h[1], c = h[2], d = h[3], e = h[4], f = h[5], g = h[6], hh = h[7];
    for (int t = 0; t < 64; t++) {
        uint32_t wt;
        if (t < 16) {
            wt = w[t];
        } else {
            uint32_t w15 = w[(t - 15) & 15], w2 = w[(t - 2) & 15];
            uint32_t s0 = ROR32(w15, 7) ^ ROR32(w15, 18) ^ (w15 >> 3);
            uint32_t s1 = ROR32(w2, 17) ^ ROR32(w2, 19) ^ (w2 >> 10);
            wt = w[t & 15] = w[t & 15] + s0 + w[(t - 7) & 15] + s1;
        }
        uint32_t t1 = hh + (ROR32(e, 6) ^ ROR32(e, 11) ^ ROR32(e, 25)) + ((e & f) ^ (~e & g)) +
                      K256[t] + wt;
        uint32_t t2 = (ROR32(a, 2) ^ ROR32(a, 13) ^ ROR32(a, 22)) + ((a & b) ^ (a & c) ^ (b & c));
        hh = g;
        g = f;
        f = e;
        e = d + t1;
        d = c;
        c = b;
        b = a;
        a = t1 + t2;
    }
    h[0] += a; h[1] += b; h[2] += c; h[3] += d;
    h[4] += e; h[5] += f; h[6] += g; h[7] += hh;
}

/* Portable compression (FIPS 180-4 section 6.2.2). */
void pqs_sha256_compress_portable(uint32_t h[8], const uint8_t *blocks, size_t nblocks)
{
    uint32_t w[16];
    while (nblocks-- > 0) {
        for (int t = 0; t < 16; t++)
            w[t] = load32_be(blocks + 4 * t);
        rounds(h, w);
        blocks += 64;
    }
}

typedef void (*compress_fn)(uint32_t h[8], const uint8_t *blocks, size_t nblocks);

static void compress_shani(uint32_t h[8], const uint8_t *blocks, size_t nblocks)
{
    pqs_sha256_compress_shani(h, blocks, nblocks, K256);
}

/* The dispatch point: chosen once from CPUID (src/core/cpu.c), SHA-NI when present. */
static _Atomic(compress_fn) g_compress;

static compress_fn choose(void)
{
    compress_fn f = pqs_sha256_compress_portable;
    if (pqs_sha256_shani_available() && (pqs_cpu_features_mask() & PQS_CPU_SHANI))
        f = compress_shani;
    atomic_store_explicit(&g_compress, f, memory_order_relaxed);
    return f;
}

void pqs_sha256_compress(uint32_t h[8], const uint8_t *blocks, size_t nblocks)
{
    compress_fn f = atomic_load_explicit(&g_compress, memory_order_relaxed);
    if (f == NULL)
        f = choose();
    f(h, blocks, nblocks);
}

/* ---- Multi-lane compression (see sha2.h for the lane-sliced layout) ---------------- */

void pqs_sha256_compress_lanes_portable(uint32_t *st, const uint32_t *w, size_t nblocks,
                                        unsigned lanes)
{
    uint32_t h[8], m[16];
    for (unsigned j = 0; j < lanes; j++) {
        for (int i = 0; i < 8; i++)
            h[i] = st[i * lanes + j];
        for (size_t b = 0; b < nblocks; b++) {
            for (int t = 0; t < 16; t++)
                m[t] = w[(16 * b + t) * lanes + j];
            rounds(h, m);
        }
        for (int i = 0; i < 8; i++)
            st[i * lanes + j] = h[i];
    }
    pqs_wipe(h, sizeof h);
    pqs_wipe(m, sizeof m);
}

static void lanes_x8_avx2(uint32_t *st, const uint32_t *w, size_t nblocks)
{
    pqs_sha256_x8_avx2(st, w, nblocks, K256);
}

static void lanes_x16_avx512(uint32_t *st, const uint32_t *w, size_t nblocks)
{
    pqs_sha256_x16_avx512(st, w, nblocks, K256);
}

/* One lane with SHA-NI: back to bytes for the round instructions. */
static void lane_shani(uint32_t *st, const uint32_t *w, size_t nblocks)
{
    uint8_t block[64];
    for (size_t b = 0; b < nblocks; b++) {
        for (int t = 0; t < 16; t++)
            store32_be(block + 4 * t, w[16 * b + t]);
        pqs_sha256_compress_shani(st, block, 1, K256);
    }
    pqs_wipe(block, sizeof block);
}

/* One lane, portable: the words are the schedule's first 16 already. */
static void lane_portable(uint32_t *st, const uint32_t *w, size_t nblocks)
{
    uint32_t m[16];
    for (size_t b = 0; b < nblocks; b++) {
        memcpy(m, w + 16 * b, sizeof m);
        rounds(st, m);
    }
    pqs_wipe(m, sizeof m);
}

/* The multi-lane dispatch point: 16 lanes with AVX-512, 8 with AVX2, else one lane (with
 * SHA-NI when present). Chosen once; the lane count is published last (release order). */
typedef void (*lanes_fn)(uint32_t *st, const uint32_t *w, size_t nblocks);
static _Atomic(lanes_fn) g_lanes_fn;
static _Atomic unsigned g_lanes;

static unsigned choose_lanes(void)
{
    unsigned f = pqs_hash_cpu_features(), lanes = 1;
    lanes_fn fn = lane_portable;
    if (pqs_sha256_shani_available() && (f & PQS_CPU_SHANI))
        fn = lane_shani;
    if (pqs_sha2_lanes_avx2_available() && (f & PQS_CPU_AVX2)) {
        fn = lanes_x8_avx2;
        lanes = 8;
    }
    if (pqs_sha2_lanes_avx512_available() && (f & PQS_CPU_AVX512)) {
        fn = lanes_x16_avx512;
        lanes = 16;
    }
    atomic_store_explicit(&g_lanes_fn, fn, memory_order_relaxed);
    atomic_store_explicit(&g_lanes, lanes, memory_order_release);
    return lanes;
}

unsigned pqs_sha256_lanes(void)
{
    unsigned l = atomic_load_explicit(&g_lanes, memory_order_acquire);
    return l != 0 ? l : choose_lanes();
}

void pqs_sha256_compress_lanes(uint32_t *st, const uint32_t *w, size_t nblocks, unsigned lanes)
{
    if (lanes == pqs_sha256_lanes())
        atomic_load_explicit(&g_lanes_fn, memory_order_relaxed)(st, w, nblocks);
    else
        pqs_sha256_compress_lanes_portable(st, w, nblocks, lanes);
}

void pqs_sha256_compress_many(uint32_t (*h)[8], const uint8_t *const *blocks, size_t nblocks,
                              size_t count)
{
    const unsigned lanes = pqs_sha256_lanes();
    uint32_t st[8 * PQS_SHA256_MAX_LANES], w[16 * PQS_SHA256_MAX_LANES];
    for (size_t first = 0; first < count; first += lanes) {
        unsigned used = count - first < lanes ? (unsigned)(count - first) : lanes;
        memset(st, 0, sizeof st);
        memset(w, 0, sizeof w);
        for (unsigned j = 0; j < used; j++)
            for (int i = 0; i < 8; i++)
                st[i * lanes + j] = h[first + j][i];
        for (size_t b = 0; b < nblocks; b++) {
            for (unsigned j = 0; j < used; j++)
                for (int t = 0; t < 16; t++)
                    w[t * lanes + j] = load32_be(blocks[first + j] + 64 * b + 4 * t);
            pqs_sha256_compress_lanes(st, w, 1, lanes);
        }
        for (unsigned j = 0; j < used; j++)
            for (int i = 0; i < 8; i++)
                h[first + j][i] = st[i * lanes + j];
    }
    pqs_wipe(st, sizeof st);
    pqs_wipe(w, sizeof w);
}

/* Initial hash values, FIPS 180-4 sections 5.3.2 (SHA-224) and 5.3.3 (SHA-256). */
static const uint32_t H224[8] = {
    0xc1059ed8u, 0x367cd507u, 0x3070dd17u, 0xf70e5939u,
    0xffc00b31u, 0x68581511u, 0x64f98fa7u, 0xbefa4fa4u,
};
static const uint32_t H256[8] = {
    0x6a09e667u, 0xbb67ae85u, 0x3c6ef372u, 0xa54ff53au,
    0x510e527fu, 0x9b05688cu, 0x1f83d9abu, 0x5be0cd19u,
};

void pqs_sha224_init(pqs_sha256_ctx *c)
{
    memcpy(c->h, H224, sizeof H224);
    c->nbytes = 0;
    c->buflen = 0;
    c->outlen = 28;
}

void pqs_sha256_init(pqs_sha256_ctx *c)
{
    memcpy(c->h, H256, sizeof H256);
    c->nbytes = 0;
    c->buflen = 0;
    c->outlen = 32;
}

void pqs_sha256_update(pqs_sha256_ctx *c, const uint8_t *in, size_t len)
{
    if (len == 0)   /* in may be NULL then */
        return;
    c->nbytes += len;
    if (c->buflen > 0) {
        size_t take = 64 - c->buflen;
        if (take > len)
            take = len;
        memcpy(c->buf + c->buflen, in, take);
        c->buflen += (unsigned)take;
        in += take;
        len -= take;
        if (c->buflen < 64)
            return;
        pqs_sha256_compress(c->h, c->buf, 1);
        c->buflen = 0;
    }
    if (len >= 64) {
        pqs_sha256_compress(c->h, in, len / 64);
        in += len & ~(size_t)63;
        len &= 63;
    }
    memcpy(c->buf, in, len);
    c->buflen = (unsigned)len;
}

/* Padding (FIPS 180-4 section 5.1.1): 0x80, zeros, 64-bit big-endian bit length. */
void pqs_sha256_final(pqs_sha256_ctx *c, uint8_t *out)
{
    uint64_t bits = c->nbytes * 8;
    c->buf[c->buflen++] = 0x80;
    if (c->buflen > 56) {
        memset(c->buf + c->buflen, 0, 64 - c->buflen);
        pqs_sha256_compress(c->h, c->buf, 1);
        c->buflen = 0;
    }
    memset(c->buf + c->buflen, 0, 56 - c->buflen);
    for (int i = 0; i < 8; i++)
        c->buf[56 + i] = (uint8_t)(bits >> (56 - 8 * i));
    pqs_sha256_compress(c->h, c->buf, 1);
    for (unsigned i = 0; i < c->outlen / 4; i++)
        store32_be(out + 4 * i, c->h[i]);
    pqs_wipe(c, sizeof *c);
}

void pqs_sha256(uint8_t out[32], const uint8_t *in, size_t len)
{
    pqs_sha256_ctx c;
    pqs_sha256_init(&c);
    pqs_sha256_update(&c, in, len);
    pqs_sha256_final(&c, out);
}
