/* The SHA2 hash suites of SLH-DSA (FIPS 205 §11.2).
 *
 * Category 1 (§11.2.1) uses SHA-256 for everything. Categories 3 and 5 (§11.2.2) keep
 * SHA-256 for PRF and F but use SHA-512 for H, T_l, H_msg and PRF_msg (HMAC-SHA-512).
 * F, PRF and H hash PK.seed || toByte(0, b - n) || ADRSc || M with b the block size:
 * the first block is the same for the whole operation, so its compression state is
 * computed once (seed_*), and each call compresses a single prepared final block. */
#include <string.h>

#include "hash.h"
#include "pqsafe/common.h"

/* Store the first n bytes of a big-endian SHA-256 / SHA-512 state (Trunc_n); n is a
 * multiple of 8 in every set. */
static void store_trunc32(uint8_t *out, const uint32_t st[8], unsigned n)
{
    for (unsigned i = 0; i < n / 4 && i < 8; i++)
        pqs_slhdsa_put32(out + 4 * i, st[i]);
}

static void store_trunc64(uint8_t *out, const uint64_t st[8], unsigned n)
{
    for (unsigned i = 0; i < n / 8 && i < 8; i++) {
        pqs_slhdsa_put32(out + 8 * i, (uint32_t)(st[i] >> 32));
        pqs_slhdsa_put32(out + 8 * i + 4, (uint32_t)st[i]);
    }
}

/* Lay out ADRSc || a [|| b] and the FIPS 180-4 §5.1 padding as the final block (of
 * bsize bytes) of a message whose first block, PK.seed || zeros, is already compressed.
 * The length field is 8 bytes for SHA-256 and 16 for SHA-512, whose high half is zero. */
static void final_block(uint8_t *block, size_t bsize, unsigned n,
                        const pqs_slhdsa_adrs adrs, const uint8_t *a, const uint8_t *b)
{
    size_t len = PQS_SLHDSA_ADRSC_BYTES + n;
    pqs_slhdsa_adrs_compress(block, adrs);
    memcpy(block + PQS_SLHDSA_ADRSC_BYTES, a, n);
    if (b != NULL) {
        memcpy(block + len, b, n);
        len += n;
    }
    block[len] = 0x80;
    memset(block + len + 1, 0, bsize - len - 1 - 8);
    uint64_t bits = (uint64_t)(bsize + len) * 8;
    for (int i = 0; i < 8; i++)
        block[bsize - 8 + i] = (uint8_t)(bits >> (56 - 8 * i));
}

/* Trunc_n(SHA-256(PK.seed || toByte(0, 64 - n) || ADRSc || a [|| b])). */
static void sha256_call(const pqs_slhdsa_hctx *c, uint8_t *out, const pqs_slhdsa_adrs adrs,
                        const uint8_t *a, const uint8_t *b)
{
    uint8_t block[64];
    uint32_t st[8];
    final_block(block, 64, c->n, adrs, a, b);
    memcpy(st, c->u.sha2.s256.h, sizeof st);
    pqs_sha256_compress(st, block, 1);
    store_trunc32(out, st, c->n);
}

/* Trunc_n(SHA-512(PK.seed || toByte(0, 128 - n) || ADRSc || a || b)). */
static void sha512_call(const pqs_slhdsa_hctx *c, uint8_t *out, const pqs_slhdsa_adrs adrs,
                        const uint8_t *a, const uint8_t *b)
{
    uint8_t block[128];
    uint64_t st[8];
    final_block(block, 128, c->n, adrs, a, b);
    memcpy(st, c->u.sha2.s512.h, sizeof st);
    pqs_sha512_compress(st, block, 1);
    store_trunc64(out, st, c->n);
}

static void seed_cat1(pqs_slhdsa_hctx *c)
{
    uint8_t block[64] = {0};
    memcpy(block, c->pk_seed, c->n);
    pqs_sha256_init(&c->u.sha2.s256);
    pqs_sha256_update(&c->u.sha2.s256, block, sizeof block);
}

static void seed_cat35(pqs_slhdsa_hctx *c)
{
    uint8_t block[128] = {0};
    seed_cat1(c);
    memcpy(block, c->pk_seed, c->n);
    pqs_sha512_init(&c->u.sha2.s512);
    pqs_sha512_update(&c->u.sha2.s512, block, sizeof block);
}

/* PRF has the shape of F with SK.seed as the message (§11.2.1, §11.2.2: SHA-256 in
 * every category); the block and state holding SK.seed and the output are wiped. */
static void prf_sha256(const pqs_slhdsa_hctx *c, uint8_t *out, const pqs_slhdsa_adrs adrs)
{
    uint8_t block[64];
    uint32_t st[8];
    final_block(block, 64, c->n, adrs, c->sk_seed, NULL);
    memcpy(st, c->u.sha2.s256.h, sizeof st);
    pqs_sha256_compress(st, block, 1);
    store_trunc32(out, st, c->n);
    pqs_wipe(block, sizeof block);
    pqs_wipe(st, sizeof st);
}

static void f_sha256(const pqs_slhdsa_hctx *c, uint8_t *out, const pqs_slhdsa_adrs adrs,
                     const uint8_t *in)
{
    sha256_call(c, out, adrs, in, NULL);
}

static void h_sha256(const pqs_slhdsa_hctx *c, uint8_t *out, const pqs_slhdsa_adrs adrs,
                     const uint8_t *left, const uint8_t *right)
{
    sha256_call(c, out, adrs, left, right);
}

static void h_sha512(const pqs_slhdsa_hctx *c, uint8_t *out, const pqs_slhdsa_adrs adrs,
                     const uint8_t *left, const uint8_t *right)
{
    sha512_call(c, out, adrs, left, right);
}

/* Alg. 5 chain specialised for SHA2 (F is SHA-256 in every category): the block is
 * laid out once, then each step rewrites only the hash address (ADRSc bytes 18-21) and
 * the n-byte value, which the state is stored into directly. The intermediate values
 * are secret (earlier chain steps than the signature reveals), so they are wiped. */
static void chain_sha256(const pqs_slhdsa_hctx *c, uint8_t *x, pqs_slhdsa_adrs adrs,
                         unsigned start, unsigned steps)
{
    uint8_t block[64];
    uint32_t st[8];
    if (steps == 0)
        return;
    final_block(block, 64, c->n, adrs, x, NULL);
    for (unsigned j = start; j < start + steps; j++) {
        pqs_slhdsa_put32(block + PQS_SLHDSA_ADRSC_BYTES - 4, j);
        memcpy(st, c->u.sha2.s256.h, sizeof st);
        pqs_sha256_compress(st, block, 1);
        store_trunc32(block + PQS_SLHDSA_ADRSC_BYTES, st, c->n);
    }
    memcpy(x, block + PQS_SLHDSA_ADRSC_BYTES, c->n);
    pqs_slhdsa_set_hash(adrs, start + steps - 1);
    pqs_wipe(block, sizeof block);
    pqs_wipe(st, sizeof st);
}

/* T_l spans several blocks: continue a copy of the seeded context. */
static void t_sha256(const pqs_slhdsa_hctx *c, uint8_t *out, const pqs_slhdsa_adrs adrs,
                     const uint8_t *in, size_t l)
{
    pqs_sha256_ctx s = c->u.sha2.s256;
    uint8_t adrsc[PQS_SLHDSA_ADRSC_BYTES], dig[32];
    pqs_slhdsa_adrs_compress(adrsc, adrs);
    pqs_sha256_update(&s, adrsc, sizeof adrsc);
    pqs_sha256_update(&s, in, l * c->n);
    pqs_sha256_final(&s, dig);
    memcpy(out, dig, c->n);
}

static void t_sha512(const pqs_slhdsa_hctx *c, uint8_t *out, const pqs_slhdsa_adrs adrs,
                     const uint8_t *in, size_t l)
{
    pqs_sha512_ctx s = c->u.sha2.s512;
    uint8_t adrsc[PQS_SLHDSA_ADRSC_BYTES], dig[64];
    pqs_slhdsa_adrs_compress(adrsc, adrs);
    pqs_sha512_update(&s, adrsc, sizeof adrsc);
    pqs_sha512_update(&s, in, l * c->n);
    pqs_sha512_final(&s, dig);
    memcpy(out, dig, c->n);
}

/* Absorb M = prefix || msg, skipping empty pieces (their pointers may be NULL). */
static void sha256_msg(pqs_sha256_ctx *s, const pqs_slhdsa_msg *m)
{
    if (m->prefix_len > 0)
        pqs_sha256_update(s, m->prefix, m->prefix_len);
    if (m->msg_len > 0)
        pqs_sha256_update(s, m->msg, m->msg_len);
}

static void sha512_msg(pqs_sha512_ctx *s, const pqs_slhdsa_msg *m)
{
    if (m->prefix_len > 0)
        pqs_sha512_update(s, m->prefix, m->prefix_len);
    if (m->msg_len > 0)
        pqs_sha512_update(s, m->msg, m->msg_len);
}

/* PRF_msg = Trunc_n(HMAC-SHA-256(SK.prf, opt_rand || M)) (§11.2.1; RFC 2104 with a
 * key shorter than the block, zero-padded). */
static void prf_msg_sha256(const pqs_slhdsa_params *p, uint8_t *out, const uint8_t *sk_prf,
                           const uint8_t *opt_rand, const pqs_slhdsa_msg *m)
{
    uint8_t pad[64], dig[32];
    pqs_sha256_ctx s;
    memset(pad, 0x36, sizeof pad);
    for (unsigned i = 0; i < p->n; i++)
        pad[i] ^= sk_prf[i];
    pqs_sha256_init(&s);
    pqs_sha256_update(&s, pad, sizeof pad);
    pqs_sha256_update(&s, opt_rand, p->n);
    sha256_msg(&s, m);
    pqs_sha256_final(&s, dig);
    for (size_t i = 0; i < sizeof pad; i++)
        pad[i] ^= 0x36 ^ 0x5c;
    pqs_sha256_init(&s);
    pqs_sha256_update(&s, pad, sizeof pad);
    pqs_sha256_update(&s, dig, sizeof dig);
    pqs_sha256_final(&s, dig);
    memcpy(out, dig, p->n);
    pqs_wipe(pad, sizeof pad);
    pqs_wipe(dig, sizeof dig);
}

/* PRF_msg = Trunc_n(HMAC-SHA-512(SK.prf, opt_rand || M)) (§11.2.2). */
static void prf_msg_sha512(const pqs_slhdsa_params *p, uint8_t *out, const uint8_t *sk_prf,
                           const uint8_t *opt_rand, const pqs_slhdsa_msg *m)
{
    uint8_t pad[128], dig[64];
    pqs_sha512_ctx s;
    memset(pad, 0x36, sizeof pad);
    for (unsigned i = 0; i < p->n; i++)
        pad[i] ^= sk_prf[i];
    pqs_sha512_init(&s);
    pqs_sha512_update(&s, pad, sizeof pad);
    pqs_sha512_update(&s, opt_rand, p->n);
    sha512_msg(&s, m);
    pqs_sha512_final(&s, dig);
    for (size_t i = 0; i < sizeof pad; i++)
        pad[i] ^= 0x36 ^ 0x5c;
    pqs_sha512_init(&s);
    pqs_sha512_update(&s, pad, sizeof pad);
    pqs_sha512_update(&s, dig, sizeof dig);
    pqs_sha512_final(&s, dig);
    memcpy(out, dig, p->n);
    pqs_wipe(pad, sizeof pad);
    pqs_wipe(dig, sizeof dig);
}

/* H_msg = MGF1-SHA-256(R || PK.seed || SHA-256(R || PK.seed || PK.root || M), m)
 * (§11.2.1); MGF1 (RFC 8017 B.2.1) concatenates SHA-256(seed || toByte(ctr, 4)). */
static void h_msg_sha256(const pqs_slhdsa_params *p, uint8_t *out, const uint8_t *r,
                         const uint8_t *pk_seed, const uint8_t *pk_root,
                         const pqs_slhdsa_msg *m)
{
    uint8_t seed[2 * PQS_SLHDSA_MAX_N + 32 + 4], dig[32];
    size_t slen = 2 * (size_t)p->n + 32;
    pqs_sha256_ctx s;
    pqs_sha256_init(&s);
    pqs_sha256_update(&s, r, p->n);
    pqs_sha256_update(&s, pk_seed, p->n);
    pqs_sha256_update(&s, pk_root, p->n);
    sha256_msg(&s, m);
    memcpy(seed, r, p->n);
    memcpy(seed + p->n, pk_seed, p->n);
    pqs_sha256_final(&s, seed + 2 * p->n);
    for (uint32_t ctr = 0, done = 0; done < p->m; ctr++, done += 32) {
        pqs_slhdsa_put32(seed + slen, ctr);
        pqs_sha256(dig, seed, slen + 4);
        memcpy(out + done, dig, p->m - done < 32 ? p->m - done : 32);
    }
}

/* H_msg = MGF1-SHA-512(R || PK.seed || SHA-512(R || PK.seed || PK.root || M), m)
 * (§11.2.2); m <= 49 so one MGF1 block suffices, but the loop keeps the definition. */
static void h_msg_sha512(const pqs_slhdsa_params *p, uint8_t *out, const uint8_t *r,
                         const uint8_t *pk_seed, const uint8_t *pk_root,
                         const pqs_slhdsa_msg *m)
{
    uint8_t seed[2 * PQS_SLHDSA_MAX_N + 64 + 4], dig[64];
    size_t slen = 2 * (size_t)p->n + 64;
    pqs_sha512_ctx s;
    pqs_sha512_init(&s);
    pqs_sha512_update(&s, r, p->n);
    pqs_sha512_update(&s, pk_seed, p->n);
    pqs_sha512_update(&s, pk_root, p->n);
    sha512_msg(&s, m);
    memcpy(seed, r, p->n);
    memcpy(seed + p->n, pk_seed, p->n);
    pqs_sha512_final(&s, seed + 2 * p->n);
    for (uint32_t ctr = 0, done = 0; done < p->m; ctr++, done += 64) {
        pqs_slhdsa_put32(seed + slen, ctr);
        pqs_sha512(dig, seed, slen + 4);
        memcpy(out + done, dig, p->m - done < 64 ? p->m - done : 64);
    }
}

const pqs_slhdsa_hash_suite pqs_slhdsa_sha2_cat1 = {
    seed_cat1, prf_sha256, f_sha256, h_sha256, t_sha256, chain_sha256, prf_msg_sha256,
    h_msg_sha256,
};

const pqs_slhdsa_hash_suite pqs_slhdsa_sha2_cat35 = {
    seed_cat35, prf_sha256, f_sha256, h_sha512, t_sha512, chain_sha256, prf_msg_sha512,
    h_msg_sha512,
};
