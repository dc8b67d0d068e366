/* SHA-384, SHA-512, SHA-512/224 and SHA-512/256 (FIPS 180-4 sections 5.3.4-5.3.6, 6.4-6.7). */
#include <stdatomic.h>
#include <string.h>

#include "core/cpu.h"
#include "fips202.h"
#include "hash/native/x86_64/sha2_lanes.h"
#include "pqsafe/common.h"
#include "sha2.h"

/* FIPS 180-4 section 4.2.3: the first 64 bits of the fractional parts of the cube
 * roots of the first 80 primes. */
static const uint64_t K512[80] = {
    0x428a2f98d728ae22ull, 0x7137449123ef65cdull, 0xb5c0fbcfec4d3b2full, 0xe9b5dba58189dbbcull,
    0x3956c25bf348b538ull, 0x59f111f1b605d019ull, 0x923f82a4af194f9bull, 0xab1c5ed5da6d8118ull,
    0xd807aa98a3030242ull, 0x12835b0145706fbeull, 0x243185be4ee4b28cull, 0x550c7dc3d5ffb4e2ull,
    0x72be5d74f27b896full, 0x80deb1fe3b1696b1ull, 0x9bdc06a725c71235ull, 0xc19bf174cf692694ull,
    0xe49b69c19ef14ad2ull, 0xefbe4786384f25e3ull, 0x0fc19dc68b8cd5b5ull, 0x240ca1cc77ac9c65ull,
    0x2de92c6f592b0275ull, 0x4a7484aa6ea6e483ull, 0x5cb0a9dcbd41fbd4ull, 0x76f988da831153b5ull,
    0x983e5152ee66dfabull, 0xa831c66d2db43210ull, 0xb00327c898fb213full, 0xbf597fc7beef0ee4ull,
    0xc6e00bf33da88fc2ull, 0xd5a79147930aa725ull, 0x06ca6351e003826full, 0x142929670a0e6e70ull,
    0x27b70a8546d22ffcull, 0x2e1b21385c26c926ull, 0x4d2c6dfc5ac42aedull, 0x53380d139d95b3dfull,
    0x650a73548baf63deull, 0x766a0abb3c77b2a8ull, 0x81c2c92e47edaee6ull, 0x92722c851482353bull,
    0xa2bfe8a14cf10364ull, 0xa81a664bbc423001ull, 0xc24b8b70d0f89791ull, 0xc76c51a30654be30ull,
    0xd192e819d6ef5218ull, 0xd69906245565a910ull, 0xf40e35855771202aull, 0x106aa07032bbd1b8ull,
    0x19a4c116b8d2d0c8ull, 0x1e376c085141ab53ull, 0x2748774cdf8eeb99ull, 0x34b0bcb5e19b48a8ull,
    0x391c0cb3c5c95a63ull, 0x4ed8aa4ae3418acbull, 0x5b9cca4f7763e373ull, 0x682e6ff3d6b2b8a3ull,
    0x748f82ee5defb2fcull, 0x78a5636f43172f60ull, 0x84c87814a1f0ab72ull, 0x8cc702081a6439ecull,
    0x90befffa23631e28ull, 0xa4506cebde82bde9ull, 0xbef9a3f7b2c67915ull, 0xc67178f2e372532bull,
    0xca273eceea26619cull, 0xd186b8c721c0c207ull, 0xeada7dd6cde0eb1eull, 0xf57d4f7fee6ed178ull,
    0x06f067aa72176fbaull, 0x0a637dc5a2c898a6ull, 0x113f9804bef90daeull, 0x1b710b35131c471bull,
    0x28db77f523047d84ull, 0x32caab7b40c72493ull, 0x3c9ebe0a15c9bebcull, 0x431d67c49c100d4cull,
    0x4cc5d4becb3e42b6ull, 0x597f299cfc657e2aull, 0x5fcb6fab3ad6faecull, 0x6c44198c4a475817ull,
};

#define ROR64(x, n) (((x) >> (n)) | ((x) << (64 - (n))))

static uint64_t load64_be(const uint8_t *p)
{
    uint64_t v = 0;
    for (int i = 0; i < 8; i++)
        v = (v << 8) | p[i];
    return v;
}

/* Inlined into each caller so the word loads and the rounds schedule together, as in a
 * single loop. */
#if defined(__GNUC__) || defined(__clang__)
#define PQS_ROUNDS_INLINE inline __attribute__((always_inline))
#else
#define PQS_ROUNDS_INLINE inline
#endif

/* The 80 rounds of FIPS 180-4 section 6.4.2 on one block given as 16 words (decoded
 * big-endian), with a 16-word rolling schedule in w (overwritten). */
static PQS_ROUNDS_INLINE void rounds(uint64_t h[8], uint64_t w[16])
{
    uint64_t a = h[0], b = h[1], c = h[2], d = h[3], e = h[4], f = h[5], g = h[6], hh = h[7];
    for (int t = 0; t < 80; t++) {
        uint64_t wt;
        if (t < 16) {
            wt = w[t];
        } else {
            uint64_t w15 = w[(t - 15) & 15], w2 = w[(t - 2) & 15];
            uint64_t s0 = ROR64(w15, 1) ^ ROR64(w15, 8) ^ (w15 >> 7);
            uint64_t s1 = ROR64(w2, 19) ^ ROR64(w2, 61) ^ (w2 >> 6);
            wt = w[t & 15] = w[t & 15] + s0 + w[(t - 7) & 15] + s1;
        }
        uint64_t t1 = hh + (ROR64(e, 14) ^ ROR64(e, 18) ^ ROR64(e, 41)) + ((e & f) ^ (~e & g)) +
                      K512[t] + wt;
        uint64_t t2 = (ROR64(a, 28) ^ ROR64(a, 34) ^ ROR64(a, 39)) + ((a & b) ^ (a & c) ^ (b & c));
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

/* Portable compression (FIPS 180-4 section 6.4.2). */
void pqs_sha512_compress(uint64_t h[8], const uint8_t *blocks, size_t nblocks)
{
    uint64_t w[16];
    while (nblocks-- > 0) {
        for (int t = 0; t < 16; t++)
            w[t] = load64_be(blocks + 8 * t);
        rounds(h, w);
        blocks += 128;
    }
}

/* ---- Multi-lane compression (see sha2.h for the lane-sliced layout) ---------------- */

void pqs_sha512_compress_lanes_portable(uint64_t *st, const uint64_t *w, size_t nblocks,
                                        unsigned lanes)
{
    uint64_t h[8], m[16];
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

/* One lane: the words are the schedule's first 16 already. */
static void lane_portable(uint64_t *st, const uint64_t *w, size_t nblocks)
{
    uint64_t m[16];
    for (size_t b = 0; b < nblocks; b++) {
        memcpy(m, w + 16 * b, sizeof m);
        rounds(st, m);
    }
    pqs_wipe(m, sizeof m);
}

static void lanes_x4_avx2(uint64_t *st, const uint64_t *w, size_t nblocks)
{
    pqs_sha512_x4_avx2(st, w, nblocks, K512);
}

static void lanes_x8_avx512(uint64_t *st, const uint64_t *w, size_t nblocks)
{
    pqs_sha512_x8_avx512(st, w, nblocks, K512);
}

/* The multi-lane dispatch point: 8 lanes with AVX-512, 4 with AVX2, else one lane (chosen
 * once; the lane count is published last, with release order). */
typedef void (*lanes_fn)(uint64_t *st, const uint64_t *w, size_t nblocks);
static _Atomic(lanes_fn) g_lanes_fn;
static _Atomic unsigned g_lanes;

static unsigned choose_lanes(void)
{
    unsigned f = pqs_hash_cpu_features(), lanes = 1;
    lanes_fn fn = lane_portable;
    if (pqs_sha2_lanes_avx2_available() && (f & PQS_CPU_AVX2)) {
        fn = lanes_x4_avx2;
        lanes = 4;
    }
    if (pqs_sha2_lanes_avx512_available() && (f & PQS_CPU_AVX512)) {
        fn = lanes_x8_avx512;
        lanes = 8;
    }
    atomic_store_explicit(&g_lanes_fn, fn, memory_order_relaxed);
    atomic_store_explicit(&g_lanes, lanes, memory_order_release);
    return lanes;
}

unsigned pqs_sha512_lanes(void)
{
    unsigned l = atomic_load_explicit(&g_lanes, memory_order_acquire);
    return l != 0 ? l : choose_lanes();
}

void pqs_sha512_compress_lanes(uint64_t *st, const uint64_t *w, size_t nblocks, unsigned lanes)
{
    if (lanes == pqs_sha512_lanes())
        atomic_load_explicit(&g_lanes_fn, memory_order_relaxed)(st, w, nblocks);
    else
        pqs_sha512_compress_lanes_portable(st, w, nblocks, lanes);
}

void pqs_sha512_compress_many(uint64_t (*h)[8], const uint8_t *const *blocks, size_t nblocks,
                              size_t count)
{
    const unsigned lanes = pqs_sha512_lanes();
    uint64_t st[8 * PQS_SHA512_MAX_LANES], w[16 * PQS_SHA512_MAX_LANES];
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
                    w[t * lanes + j] = load64_be(blocks[first + j] + 128 * b + 8 * t);
            pqs_sha512_compress_lanes(st, w, 1, lanes);
        }
        for (unsigned j = 0; j < used; j++)
            for (int i = 0; i < 8; i++)
                h[first + j][i] = st[i * lanes + j];
    }
    pqs_wipe(st, sizeof st);
    pqs_wipe(w, sizeof w);
}

/* Initial hash values: FIPS 180-4 sections 5.3.4 (SHA-384), 5.3.5 (SHA-512) and
 * 5.3.6 (SHA-512/t, from the IV generation function of section 5.3.6). */
static const uint64_t H384[8] = {
    0xcbbb9d5dc1059ed8ull, 0x629a292a367cd507ull, 0x9159015a3070dd17ull, 0x152fecd8f70e5939ull,
    0x67332667ffc00b31ull, 0x8eb44a8768581511ull, 0xdb0c2e0d64f98fa7ull, 0x47b5481dbefa4fa4ull,
};
static const uint64_t H512[8] = {
    0x6a09e667f3bcc908ull, 0xbb67ae8584caa73bull, 0x3c6ef372fe94f82bull, 0xa54ff53a5f1d36f1ull,
    0x510e527fade682d1ull, 0x9b05688c2b3e6c1full, 0x1f83d9abfb41bd6bull, 0x5be0cd19137e2179ull,
};
static const uint64_t H512_224[8] = {
    0x8c3d37c819544da2ull, 0x73e1996689dcd4d6ull, 0x1dfab7ae32ff9c82ull, 0x679dd514582f9fcfull,
    0x0f6d2b697bd44da8ull, 0x77e36f7304c48942ull, 0x3f9d85a86a1d36c8ull, 0x1112e6ad91d692a1ull,
};
static const uint64_t H512_256[8] = {
    0x22312194fc2bf72cull, 0x9f555fa3c84c64c2ull, 0x2393b86b6f53b151ull, 0x963877195940eabdull,
    0x96283ee2a88effe3ull, 0xbe5e1e2553863992ull, 0x2b0199fc2c85b8aaull, 0x0eb72ddc81c52ca2ull,
};

static void init(pqs_sha512_ctx *c, const uint64_t iv[8], unsigned outlen)
{
    memcpy(c->h, iv, sizeof c->h);
    c->nbytes = 0;
    c->buflen = 0;
    c->outlen = outlen;
}

void pqs_sha384_init(pqs_sha512_ctx *c) { init(c, H384, 48); }
void pqs_sha512_init(pqs_sha512_ctx *c) { init(c, H512, 64); }
void pqs_sha512_224_init(pqs_sha512_ctx *c) { init(c, H512_224, 28); }
void pqs_sha512_256_init(pqs_sha512_ctx *c) { init(c, H512_256, 32); }

void pqs_sha512_update(pqs_sha512_ctx *c, const uint8_t *in, size_t len)
{
    if (len == 0)   /* in may be NULL then */
        return;
    c->nbytes += len;
    if (c->buflen > 0) {
        size_t take = 128 - c->buflen;
        if (take > len)
            take = len;
        memcpy(c->buf + c->buflen, in, take);
        c->buflen += (unsigned)take;
        in += take;
        len -= take;
        if (c->buflen < 128)
            return;
        pqs_sha512_compress(c->h, c->buf, 1);
        c->buflen = 0;
    }
    if (len >= 128) {
        pqs_sha512_compress(c->h, in, len / 128);
        in += len & ~(size_t)127;
        len &= 127;
    }
    memcpy(c->buf, in, len);
    c->buflen = (unsigned)len;
}

/* Padding (FIPS 180-4 section 5.1.2): 0x80, zeros, 128-bit big-endian bit length. */
void pqs_sha512_final(pqs_sha512_ctx *c, uint8_t *out)
{
    uint64_t bits = c->nbytes * 8;
    uint8_t full[64];
    c->buf[c->buflen++] = 0x80;
    if (c->buflen > 112) {
        memset(c->buf + c->buflen, 0, 128 - c->buflen);
        pqs_sha512_compress(c->h, c->buf, 1);
        c->buflen = 0;
    }
    memset(c->buf + c->buflen, 0, 120 - c->buflen);
    for (int i = 0; i < 8; i++)
        c->buf[120 + i] = (uint8_t)(bits >> (56 - 8 * i));
    pqs_sha512_compress(c->h, c->buf, 1);
    for (int i = 0; i < 8; i++)
        for (int j = 0; j < 8; j++)
            full[8 * i + j] = (uint8_t)(c->h[i] >> (56 - 8 * j));
    memcpy(out, full, c->outlen);
    pqs_wipe(full, sizeof full);
    pqs_wipe(c, sizeof *c);
}

void pqs_sha512(uint8_t out[64], const uint8_t *in, size_t len)
{
    pqs_sha512_ctx c;
    pqs_sha512_init(&c);
    pqs_sha512_update(&c, in, len);
    pqs_sha512_final(&c, out);
}
