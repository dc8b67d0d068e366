/* Batched Keccak-f[1600]: the dispatch points of the 4- and 8-way permutations, their
 * portable fallbacks, and the 4-way SHA-3 / SHAKE sponge (FIPS 202 section 4, Algorithm 8,
 * run on four states in step). See keccak_x4.h for the lane-sliced layout. */
#include <stdatomic.h>
#include <string.h>

#include "hash/lanes_le.h"
#include "core/cpu.h"
#include "hash/native/x86_64/keccakf1600_xn.h"
#include "keccak_x4.h"
#include "pqsafe/common.h"

/* ---- Permutations ------------------------------------------------------------------ */

/* Any number of lane-sliced states, one after the other through the scalar permutation. */
static void permute_each(uint64_t *s, unsigned lanes)
{
    uint64_t t[25];
    for (unsigned j = 0; j < lanes; j++) {
        for (unsigned i = 0; i < 25; i++)
            t[i] = s[i * lanes + j];
        pqs_keccakf1600(t);
        for (unsigned i = 0; i < 25; i++)
            s[i * lanes + j] = t[i];
    }
    pqs_wipe(t, sizeof t);
}

void pqs_keccakf1600_x4_portable(uint64_t s[25 * 4])
{
    permute_each(s, 4);
}

void pqs_keccakf1600_x8_portable(uint64_t s[25 * 8])
{
    permute_each(s, 8);
}

/* 8 states as two AVX2 halves (CPUs with AVX2 but not AVX-512). */
static void x8_by_avx2_halves(uint64_t s[25 * 8])
{
    uint64_t h[2][25 * 4];
    for (unsigned i = 0; i < 25; i++) {
        memcpy(&h[0][4 * i], &s[8 * i], 4 * sizeof s[0]);
        memcpy(&h[1][4 * i], &s[8 * i + 4], 4 * sizeof s[0]);
    }
    pqs_keccakf1600_x4_avx2(h[0]);
    pqs_keccakf1600_x4_avx2(h[1]);
    for (unsigned i = 0; i < 25; i++) {
        memcpy(&s[8 * i], &h[0][4 * i], 4 * sizeof s[0]);
        memcpy(&s[8 * i + 4], &h[1][4 * i], 4 * sizeof s[0]);
    }
    pqs_wipe(h, sizeof h);
}

/* The dispatch points, chosen once (the same lazy pattern as keccakf1600.c). */
typedef void (*permute_fn)(uint64_t *s);
static _Atomic(permute_fn) g_x4, g_x8;
static _Atomic unsigned g_lanes;   /* 0 until chosen */

static void choose(void)
{
    unsigned f = pqs_hash_cpu_features();
    permute_fn x4 = pqs_keccakf1600_x4_portable, x8 = pqs_keccakf1600_x8_portable;
    unsigned lanes = 1;
    if (pqs_keccakf1600_avx2_available() && (f & PQS_CPU_AVX2)) {
        x4 = pqs_keccakf1600_x4_avx2;
        x8 = x8_by_avx2_halves;
        lanes = 4;
    }
    if (pqs_keccakf1600_avx512_available() && (f & PQS_CPU_AVX512)) {
        x4 = pqs_keccakf1600_x4_avx512vl;
        x8 = pqs_keccakf1600_x8_avx512;
        lanes = 8;
    }
    atomic_store_explicit(&g_x4, x4, memory_order_relaxed);
    atomic_store_explicit(&g_x8, x8, memory_order_relaxed);
    atomic_store_explicit(&g_lanes, lanes, memory_order_release);
}

static void ensure_chosen(void)
{
    if (atomic_load_explicit(&g_lanes, memory_order_acquire) == 0)
        choose();
}

void pqs_keccakf1600_x4(uint64_t s[25 * 4])
{
    ensure_chosen();
    atomic_load_explicit(&g_x4, memory_order_relaxed)(s);
}

void pqs_keccakf1600_x8(uint64_t s[25 * 8])
{
    ensure_chosen();
    atomic_load_explicit(&g_x8, memory_order_relaxed)(s);
}

unsigned pqs_keccak_lanes(void)
{
    ensure_chosen();
    return atomic_load_explicit(&g_lanes, memory_order_relaxed);
}

void pqs_keccakf1600_lanes(uint64_t *s, unsigned lanes)
{
    if (lanes == 1)
        pqs_keccakf1600(s);
    else if (lanes == 4)
        pqs_keccakf1600_x4(s);
    else if (lanes == 8)
        pqs_keccakf1600_x8(s);
    else
        permute_each(s, lanes);
}

/* ---- The 4-way sponge -------------------------------------------------------------- */


static void sponge_init(pqs_keccak_x4_ctx *c, unsigned rate, uint8_t dsep)
{
    memset(c->s, 0, sizeof c->s);
    c->pos = 0;
    c->rate = rate;
    c->dsep = dsep;
    c->squeezing = 0;
}

/* Domain separation and rates as in fips202.c (FIPS 202 section 6). */
void pqs_shake128_x4_init(pqs_keccak_x4_ctx *c) { sponge_init(c, PQS_SHAKE128_RATE, 0x1F); }
void pqs_shake256_x4_init(pqs_keccak_x4_ctx *c) { sponge_init(c, PQS_SHAKE256_RATE, 0x1F); }
void pqs_sha3_256_x4_init(pqs_keccak_x4_ctx *c) { sponge_init(c, PQS_SHA3_256_RATE, 0x06); }
void pqs_sha3_512_x4_init(pqs_keccak_x4_ctx *c) { sponge_init(c, PQS_SHA3_512_RATE, 0x06); }

/* XOR len bytes of in into state j from byte position pos of the block. */
static void xor_bytes(uint64_t *s, unsigned j, unsigned pos, const uint8_t *in, size_t len)
{
    for (size_t i = 0; i < len; i++, pos++)
        s[4 * (pos / 8) + j] ^= (uint64_t)in[i] << (8 * (pos % 8));
}

void pqs_keccak_x4_absorb(pqs_keccak_x4_ctx *c, const uint8_t *in0, const uint8_t *in1,
                          const uint8_t *in2, const uint8_t *in3, size_t len)
{
    const uint8_t *in[4] = {in0, in1, in2, in3};
    size_t off = 0;
    if (len == 0)   /* the inputs may be NULL then */
        return;
    if (c->pos > 0) {
        size_t take = c->rate - c->pos;
        if (take > len)
            take = len;
        for (unsigned j = 0; j < 4; j++)
            xor_bytes(c->s, j, c->pos, in[j], take);
        c->pos += (unsigned)take;
        off = take;
        if (c->pos < c->rate)
            return;
        pqs_keccakf1600_x4(c->s);
        c->pos = 0;
    }
    while (len - off >= c->rate) {
        for (unsigned i = 0; i < c->rate / 8; i++)
            for (unsigned j = 0; j < 4; j++)
                c->s[4 * i + j] ^= pqs_load64_le(in[j] + off + 8 * i);
        pqs_keccakf1600_x4(c->s);
        off += c->rate;
    }
    for (unsigned j = 0; j < 4; j++)
        xor_bytes(c->s, j, 0, in[j] + off, len - off);
    c->pos = (unsigned)(len - off);
}

/* Padding (FIPS 202 section 5.1) of all four messages, which end at the same position. */
static void finalize(pqs_keccak_x4_ctx *c)
{
    for (unsigned j = 0; j < 4; j++) {
        c->s[4 * (c->pos / 8) + j] ^= (uint64_t)c->dsep << (8 * (c->pos % 8));
        c->s[4 * ((c->rate - 1) / 8) + j] ^= (uint64_t)0x80 << (8 * ((c->rate - 1) % 8));
    }
    c->squeezing = 1;
    c->pos = c->rate;   /* nothing squeezed yet from a permuted block */
}

void pqs_keccak_x4_squeeze(pqs_keccak_x4_ctx *c, uint8_t *out0, uint8_t *out1, uint8_t *out2,
                           uint8_t *out3, size_t len)
{
    uint8_t *out[4] = {out0, out1, out2, out3};
    size_t off = 0;
    if (!c->squeezing)
        finalize(c);
    while (off < len) {
        if (c->pos == c->rate) {
            pqs_keccakf1600_x4(c->s);
            c->pos = 0;
        }
        if (c->pos == 0 && len - off >= c->rate) {
            for (unsigned i = 0; i < c->rate / 8; i++)
                for (unsigned j = 0; j < 4; j++)
                    pqs_store64_le(out[j] + off + 8 * i, c->s[4 * i + j]);
            off += c->rate;
            c->pos = c->rate;
            continue;
        }
        size_t take = c->rate - c->pos;
        if (take > len - off)
            take = len - off;
        for (size_t i = 0; i < take; i++, c->pos++)
            for (unsigned j = 0; j < 4; j++)
                out[j][off + i] = (uint8_t)(c->s[4 * (c->pos / 8) + j] >> (8 * (c->pos % 8)));
        off += take;
    }
}

void pqs_keccak_x4_squeezeblocks(pqs_keccak_x4_ctx *c, uint8_t *out0, uint8_t *out1,
                                 uint8_t *out2, uint8_t *out3, size_t nblocks)
{
    pqs_keccak_x4_squeeze(c, out0, out1, out2, out3, nblocks * c->rate);
}

void pqs_keccak_x4_wipe(pqs_keccak_x4_ctx *c)
{
    pqs_wipe(c, sizeof *c);
}

void pqs_shake128_x4(uint8_t *out0, uint8_t *out1, uint8_t *out2, uint8_t *out3, size_t outlen,
                     const uint8_t *in0, const uint8_t *in1, const uint8_t *in2,
                     const uint8_t *in3, size_t inlen)
{
    pqs_keccak_x4_ctx c;
    pqs_shake128_x4_init(&c);
    pqs_keccak_x4_absorb(&c, in0, in1, in2, in3, inlen);
    pqs_keccak_x4_squeeze(&c, out0, out1, out2, out3, outlen);
    pqs_keccak_x4_wipe(&c);
}

void pqs_shake256_x4(uint8_t *out0, uint8_t *out1, uint8_t *out2, uint8_t *out3, size_t outlen,
                     const uint8_t *in0, const uint8_t *in1, const uint8_t *in2,
                     const uint8_t *in3, size_t inlen)
{
    pqs_keccak_x4_ctx c;
    pqs_shake256_x4_init(&c);
    pqs_keccak_x4_absorb(&c, in0, in1, in2, in3, inlen);
    pqs_keccak_x4_squeeze(&c, out0, out1, out2, out3, outlen);
    pqs_keccak_x4_wipe(&c);
}
