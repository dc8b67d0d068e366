/* The sponge construction (FIPS 202 section 4, Algorithm 8) over Keccak-f[1600],
 * incremental in both phases, and the SHA-3 / SHAKE instances of section 6. */
#include <string.h>

#include "hash/lanes_le.h"
#include "core/ct.h"
#include "fips202.h"
#include "pqsafe/common.h"


static void sponge_init(pqs_keccak_ctx *c, unsigned rate, uint8_t dsep)
{
    memset(c->s, 0, sizeof c->s);
    c->pos = 0;
    c->rate = rate;
    c->dsep = dsep;
    c->squeezing = 0;
}

/* Domain separation (FIPS 202 section 6): SHA-3 appends 01, SHAKE 1111, then pad10*1;
 * as bytes: 0x06 / 0x1F at the message end and 0x80 in the last byte of the block. */
void pqs_shake128_init(pqs_keccak_ctx *c) { sponge_init(c, PQS_SHAKE128_RATE, 0x1F); }
void pqs_shake256_init(pqs_keccak_ctx *c) { sponge_init(c, PQS_SHAKE256_RATE, 0x1F); }
void pqs_sha3_224_init(pqs_keccak_ctx *c) { sponge_init(c, 144, 0x06); }
void pqs_sha3_256_init(pqs_keccak_ctx *c) { sponge_init(c, PQS_SHA3_256_RATE, 0x06); }
void pqs_sha3_384_init(pqs_keccak_ctx *c) { sponge_init(c, 104, 0x06); }
void pqs_sha3_512_init(pqs_keccak_ctx *c) { sponge_init(c, PQS_SHA3_512_RATE, 0x06); }

static void xor_bytes(uint64_t s[25], unsigned pos, const uint8_t *in, size_t len)
{
    for (size_t i = 0; i < len; i++, pos++)
        s[pos / 8] ^= (uint64_t)in[i] << (8 * (pos % 8));
}

void pqs_keccak_absorb(pqs_keccak_ctx *c, const uint8_t *in, size_t len)
{
    if (c->pos > 0) {
        size_t take = c->rate - c->pos;
        if (take > len)
            take = len;
        xor_bytes(c->s, c->pos, in, take);
        c->pos += (unsigned)take;
        in += take;
        len -= take;
        if (c->pos < c->rate)
            return;
        pqs_keccakf1600(c->s);
        c->pos = 0;
    }
    while (len >= c->rate) {
        for (unsigned i = 0; i < c->rate / 8; i++)
            c->s[i] ^= pqs_load64_le(in + 8 * i);
        pqs_keccakf1600(c->s);
        in += c->rate;
        len -= c->rate;
    }
    xor_bytes(c->s, 0, in, len);
    c->pos = (unsigned)len;
}

static void finalize(pqs_keccak_ctx *c)
{
    c->s[c->pos / 8] ^= (uint64_t)c->dsep << (8 * (c->pos % 8));
    c->s[(c->rate - 1) / 8] ^= (uint64_t)0x80 << (8 * ((c->rate - 1) % 8));
    c->squeezing = 1;
    c->pos = c->rate;   /* nothing squeezed yet from a permuted block */
}

void pqs_keccak_squeeze(pqs_keccak_ctx *c, uint8_t *out, size_t len)
{
    if (!c->squeezing)
        finalize(c);
    while (len > 0) {
        if (c->pos == c->rate) {
            pqs_keccakf1600(c->s);
            c->pos = 0;
        }
        if (c->pos == 0 && len >= c->rate) {
            for (unsigned i = 0; i < c->rate / 8; i++)
                pqs_store64_le(out + 8 * i, c->s[i]);
            out += c->rate;
            len -= c->rate;
            c->pos = c->rate;
            continue;
        }
        size_t take = c->rate - c->pos;
        if (take > len)
            take = len;
        for (size_t i = 0; i < take; i++, c->pos++)
            out[i] = (uint8_t)(c->s[c->pos / 8] >> (8 * (c->pos % 8)));
        out += take;
        len -= take;
    }
}

void pqs_keccak_squeezeblocks(pqs_keccak_ctx *c, uint8_t *out, size_t nblocks)
{
    pqs_keccak_squeeze(c, out, nblocks * c->rate);
}

void pqs_keccak_wipe(pqs_keccak_ctx *c)
{
    pqs_wipe(c, sizeof *c);
}

static void oneshot(pqs_keccak_ctx *c, uint8_t *out, size_t outlen, const uint8_t *in, size_t inlen)
{
    pqs_keccak_absorb(c, in, inlen);
    pqs_keccak_squeeze(c, out, outlen);
    pqs_keccak_wipe(c);
}

void pqs_sha3_256(uint8_t out[32], const uint8_t *in, size_t len)
{
    pqs_keccak_ctx c;
    pqs_sha3_256_init(&c);
    oneshot(&c, out, 32, in, len);
}

void pqs_sha3_512(uint8_t out[64], const uint8_t *in, size_t len)
{
    pqs_keccak_ctx c;
    pqs_sha3_512_init(&c);
    oneshot(&c, out, 64, in, len);
}

void pqs_shake128(uint8_t *out, size_t outlen, const uint8_t *in, size_t inlen)
{
    pqs_keccak_ctx c;
    pqs_shake128_init(&c);
    oneshot(&c, out, outlen, in, inlen);
}

void pqs_shake256(uint8_t *out, size_t outlen, const uint8_t *in, size_t inlen)
{
    pqs_keccak_ctx c;
    pqs_shake256_init(&c);
    oneshot(&c, out, outlen, in, inlen);
}
