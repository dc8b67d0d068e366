/* The SHA2 hash suites of SLH-DSA (FIPS 205 §11.2).
 *
 * Category 1 (§11.2.1) uses SHA-256 for everything. Categories 3 and 5 (§11.2.2) keep
 * SHA-256 for PRF and F but use SHA-512 for H, T_l, H_msg and PRF_msg (HMAC-SHA-512).
 * F, PRF and H hash PK.seed || toByte(0, b - n) || ADRSc || M with b the block size:
 * the first block is the same for the whole operation, so its compression state is
 * computed once (seed_*), and each call compresses a single prepared final block.
 *
 * Batches run in lane groups of the multi-lane SHA-256 / SHA-512 of src/hash (16 / 8
 * lanes with AVX-512, 8 / 4 with AVX2, 1 portable), on lane-sliced words: word t of
 * lane l's block at w[t L + l] (see sha2.h). Lanes past the end of a batch hash zeros
 * and are ignored. */
#include <string.h>

#include "hash.h"
#include "pqsafe/common.h"

#define ML256 PQS_SHA256_MAX_LANES
#define ML512 PQS_SHA512_MAX_LANES
#define MAX_CHAINS (PQS_SLHDSA_WOTS_BATCH * PQS_SLHDSA_MAX_LEN)

static unsigned min_u(unsigned a, unsigned b)
{
    return a < b ? a : b;
}

static uint64_t get64(const uint8_t *p)
{
    return (uint64_t)pqs_slhdsa_get32(p) << 32 | pqs_slhdsa_get32(p + 4);
}

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

/* ---- Batches ----------------------------------------------------------------------- */

/* out_i = Trunc_n(SHA-256(PK.seed || toByte(0, 64 - n) || ADRSc_i || a_i [|| b_i])) for
 * i < count: a_i = in + i nin n and b_i = a_i + n when nin = 2 (F: 1, H: 2), or a_i =
 * SK.seed when in is NULL (PRF). Inputs of a group are read before its outputs are
 * written; everything is wiped (PRF and FORS leaves hash secrets). */
static void sha256_many(const pqs_slhdsa_hctx *c, uint8_t *out, const uint8_t *in, unsigned nin,
                        const pqs_slhdsa_adrs *adrs, unsigned count)
{
    const unsigned L = pqs_sha256_lanes(), n = c->n;
    uint32_t st[8 * ML256], w[16 * ML256];
    uint8_t block[64];
    for (unsigned g = 0; g < count; g += L) {
        const unsigned used = min_u(L, count - g);
        for (unsigned l = 0; l < L; l++) {
            memset(block, 0, sizeof block);
            if (l < used) {
                const uint8_t *a = in != NULL ? in + (size_t)(g + l) * nin * n : c->sk_seed;
                final_block(block, 64, n, adrs[g + l], a, nin == 2 ? a + n : NULL);
            }
            for (unsigned t = 0; t < 16; t++)
                w[t * L + l] = pqs_slhdsa_get32(block + 4 * t);
            for (unsigned i = 0; i < 8; i++)
                st[i * L + l] = c->u.sha2.s256.h[i];
        }
        pqs_sha256_compress_lanes(st, w, 1, L);
        for (unsigned l = 0; l < used; l++)
            for (unsigned i = 0; i < n / 4; i++)
                pqs_slhdsa_put32(out + (size_t)(g + l) * n + 4 * i, st[i * L + l]);
    }
    pqs_wipe(st, sizeof st);
    pqs_wipe(w, sizeof w);
    pqs_wipe(block, sizeof block);
}

/* H for categories 3 and 5: the same with SHA-512 and PK.seed || toByte(0, 128 - n). */
static void sha512_many(const pqs_slhdsa_hctx *c, uint8_t *out, const uint8_t *in,
                        const pqs_slhdsa_adrs *adrs, unsigned count)
{
    const unsigned L = pqs_sha512_lanes(), n = c->n;
    uint64_t st[8 * ML512], w[16 * ML512];
    uint8_t block[128];
    for (unsigned g = 0; g < count; g += L) {
        const unsigned used = min_u(L, count - g);
        for (unsigned l = 0; l < L; l++) {
            memset(block, 0, sizeof block);
            if (l < used) {
                const uint8_t *a = in + (size_t)(g + l) * 2 * n;
                final_block(block, 128, n, adrs[g + l], a, a + n);
            }
            for (unsigned t = 0; t < 16; t++)
                w[t * L + l] = get64(block + 8 * t);
            for (unsigned i = 0; i < 8; i++)
                st[i * L + l] = c->u.sha2.s512.h[i];
        }
        pqs_sha512_compress_lanes(st, w, 1, L);
        for (unsigned l = 0; l < used; l++)
            for (unsigned i = 0; i < n / 8; i++) {
                uint8_t *o = out + (size_t)(g + l) * n + 8 * i;
                pqs_slhdsa_put32(o, (uint32_t)(st[i * L + l] >> 32));
                pqs_slhdsa_put32(o + 4, (uint32_t)st[i * L + l]);
            }
    }
    pqs_wipe(st, sizeof st);
    pqs_wipe(w, sizeof w);
    pqs_wipe(block, sizeof block);
}

static void f_many_sha256(const pqs_slhdsa_hctx *c, uint8_t *out, const uint8_t *in,
                          const pqs_slhdsa_adrs *adrs, unsigned count)
{
    sha256_many(c, out, in, 1, adrs, count);
}

static void h_many_sha256(const pqs_slhdsa_hctx *c, uint8_t *out, const uint8_t *in,
                          const pqs_slhdsa_adrs *adrs, unsigned count)
{
    sha256_many(c, out, in, 2, adrs, count);
}

static void prf_many_sha256(const pqs_slhdsa_hctx *c, uint8_t *out, const pqs_slhdsa_adrs *adrs,
                            unsigned count)
{
    sha256_many(c, out, NULL, 1, adrs, count);
}

/* T_l on a batch: message i is ADRSc_i || in_i || padding after the seeded block, cut
 * into bsize-byte blocks lane by lane (the length field is 8 bytes for SHA-256 and 16
 * for SHA-512, whose upper half is zero). */
static void t_block(uint8_t *block, size_t bsize, size_t b, const uint8_t *adrsc,
                    const uint8_t *in, size_t inlen, size_t nblocks)
{
    const uint8_t *parts[3] = {adrsc, in, NULL};
    const size_t lens[3] = {PQS_SLHDSA_ADRSC_BYTES, inlen, 0};
    const size_t mlen = PQS_SLHDSA_ADRSC_BYTES + inlen, off = b * bsize;
    pqs_slhdsa_msg_slice(block, off, bsize, parts, lens);
    if (mlen >= off && mlen < off + bsize)
        block[mlen - off] = 0x80;
    if (b == nblocks - 1) {
        uint64_t bits = (uint64_t)(bsize + mlen) * 8;
        for (int i = 0; i < 8; i++)
            block[bsize - 8 + i] = (uint8_t)(bits >> (56 - 8 * i));
    }
}

static void t_many_sha256(const pqs_slhdsa_hctx *c, uint8_t *out, const uint8_t *in, size_t l,
                          const pqs_slhdsa_adrs *adrs, unsigned count)
{
    const unsigned L = pqs_sha256_lanes(), n = c->n;
    const size_t inlen = l * n, nblocks = (PQS_SLHDSA_ADRSC_BYTES + inlen + 9 + 63) / 64;
    uint32_t st[8 * ML256], w[16 * ML256];
    uint8_t block[64], adrsc[ML256][PQS_SLHDSA_ADRSC_BYTES];
    for (unsigned g = 0; g < count; g += L) {
        const unsigned used = min_u(L, count - g);
        for (unsigned j = 0; j < L; j++) {
            if (j < used)
                pqs_slhdsa_adrs_compress(adrsc[j], adrs[g + j]);
            for (unsigned i = 0; i < 8; i++)
                st[i * L + j] = c->u.sha2.s256.h[i];
        }
        for (size_t b = 0; b < nblocks; b++) {
            for (unsigned j = 0; j < L; j++) {
                memset(block, 0, sizeof block);
                if (j < used)
                    t_block(block, 64, b, adrsc[j], in + (size_t)(g + j) * inlen, inlen, nblocks);
                for (unsigned t = 0; t < 16; t++)
                    w[t * L + j] = pqs_slhdsa_get32(block + 4 * t);
            }
            pqs_sha256_compress_lanes(st, w, 1, L);
        }
        for (unsigned j = 0; j < used; j++)
            for (unsigned i = 0; i < n / 4; i++)
                pqs_slhdsa_put32(out + (size_t)(g + j) * n + 4 * i, st[i * L + j]);
    }
}

static void t_many_sha512(const pqs_slhdsa_hctx *c, uint8_t *out, const uint8_t *in, size_t l,
                          const pqs_slhdsa_adrs *adrs, unsigned count)
{
    const unsigned L = pqs_sha512_lanes(), n = c->n;
    const size_t inlen = l * n, nblocks = (PQS_SLHDSA_ADRSC_BYTES + inlen + 17 + 127) / 128;
    uint64_t st[8 * ML512], w[16 * ML512];
    uint8_t block[128], adrsc[ML512][PQS_SLHDSA_ADRSC_BYTES];
    for (unsigned g = 0; g < count; g += L) {
        const unsigned used = min_u(L, count - g);
        for (unsigned j = 0; j < L; j++) {
            if (j < used)
                pqs_slhdsa_adrs_compress(adrsc[j], adrs[g + j]);
            for (unsigned i = 0; i < 8; i++)
                st[i * L + j] = c->u.sha2.s512.h[i];
        }
        for (size_t b = 0; b < nblocks; b++) {
            for (unsigned j = 0; j < L; j++) {
                memset(block, 0, sizeof block);
                if (j < used)
                    t_block(block, 128, b, adrsc[j], in + (size_t)(g + j) * inlen, inlen, nblocks);
                for (unsigned t = 0; t < 16; t++)
                    w[t * L + j] = get64(block + 8 * t);
            }
            pqs_sha512_compress_lanes(st, w, 1, L);
        }
        for (unsigned j = 0; j < used; j++)
            for (unsigned i = 0; i < n / 8; i++) {
                uint8_t *o = out + (size_t)(g + j) * n + 8 * i;
                pqs_slhdsa_put32(o, (uint32_t)(st[i * L + j] >> 32));
                pqs_slhdsa_put32(o + 4, (uint32_t)st[i * L + j]);
            }
    }
}

/* ---- WOTS+ chains ------------------------------------------------------------------- */

/* An F block is ADRSc (22 bytes) || X (n bytes) || 0x80 || zeros || length. In words:
 * words 0-4 hold ADRSc bytes 0-19, ending with the upper half of the hash address (zero:
 * positions are below 16); word 5 is the lower half of the hash address and the first
 * two bytes of X; X straddles the word boundaries by 16 bits (v: X as nw = n / 4
 * big-endian words per lane, v[i L + l]). */
PQS_SLHDSA_LANES_INLINE void chain_value_words(uint32_t *w, const uint32_t *v, uint32_t hash,
                                               unsigned nw, const unsigned L)
{
    for (unsigned l = 0; l < L; l++)
        w[5 * L + l] = hash << 16 | v[l] >> 16;
    for (unsigned i = 1; i < nw; i++)
        for (unsigned l = 0; l < L; l++)
            w[(5 + i) * L + l] = v[(i - 1) * L + l] << 16 | v[i * L + l] >> 16;
    for (unsigned l = 0; l < L; l++)
        w[(5 + nw) * L + l] = v[(nw - 1) * L + l] << 16 | 0x8000;
}

/* Words 0-4 of lane l's block: ADRSc bytes 0-19 of adrs. */
static void chain_adrs_words(uint32_t *w, unsigned L, unsigned l, const pqs_slhdsa_adrs adrs)
{
    uint8_t ac[PQS_SLHDSA_ADRSC_BYTES];
    pqs_slhdsa_adrs_compress(ac, adrs);
    for (unsigned t = 0; t < 5; t++)
        w[t * L + l] = pqs_slhdsa_get32(ac + 4 * t);
}

/* The address of chain i of key pair `key` of a job: the job's address with that key
 * pair, chain and hash address 0, or the WOTS_PRF address of the chain's secret value
 * (Alg. 6 steps 1-3, Alg. 7 steps 10-12). */
static void chain_address(pqs_slhdsa_adrs a, const pqs_slhdsa_wots_job *job, unsigned key,
                          unsigned i, int prf)
{
    memcpy(a, job->adrs, PQS_SLHDSA_ADRS_BYTES);
    if (prf)
        pqs_slhdsa_set_type_and_clear(a, PQS_SLHDSA_WOTS_PRF);
    pqs_slhdsa_set_keypair(a, pqs_slhdsa_get_keypair(job->adrs) + key);
    pqs_slhdsa_set_chain(a, i);
    pqs_slhdsa_set_hash(a, 0);
}

/* The value words of lane l to bytes. */
static void chain_store(uint8_t *out, const uint32_t *v, unsigned nw, unsigned L, unsigned l)
{
    for (unsigned i = 0; i < nw; i++)
        pqs_slhdsa_put32(out + 4 * i, v[i * L + l]);
}

/* Every lane's state := the PK.seed block's compression state, then one compression. */
PQS_SLHDSA_LANES_INLINE void chain_compress(const pqs_slhdsa_hctx *c, uint32_t *st,
                                            const uint32_t *w, const unsigned L)
{
    for (unsigned i = 0; i < 8; i++)
        for (unsigned l = 0; l < L; l++)
            st[i * L + l] = c->u.sha2.s256.h[i];
    pqs_sha256_compress_lanes(st, w, 1, L);
}

/* F is SHA-256 in every category (§11.2.1, §11.2.2). Chains go L at a time (in the order
 * of pqs_slhdsa_chain_order); a group steps its lanes together from the earliest start
 * position to w - 1, and a lane that has not reached its start keeps its value (a mask,
 * from public positions). The chain values are secret and wiped. */
PQS_SLHDSA_LANES_INLINE void chains_sha256(const pqs_slhdsa_hctx *c, uint8_t *x,
                                           const pqs_slhdsa_wots_job *job, const unsigned L)
{
    const unsigned n = c->n, nw = n / 4, len = c->p->len, total = job->keys * len;
    uint32_t st[8 * ML256], w[16 * ML256], v[8 * ML256], keep[ML256], sk[8 * ML256];
    uint32_t first[ML256], cap[ML256];
    uint16_t order[MAX_CHAINS];
    pqs_slhdsa_adrs a;
    pqs_slhdsa_chain_order(order, job, len);
    memset(w, 0, sizeof w);
    for (unsigned l = 0; l < L; l++) {
        w[15 * L + l] = (64 + PQS_SLHDSA_ADRSC_BYTES + n) * 8;   /* bit length */
        for (unsigned i = 0; i < nw; i++)
            sk[i * L + l] = pqs_slhdsa_get32(c->sk_seed + 4 * i);
    }
    for (unsigned g = 0; g < total; g += L) {
        const unsigned used = min_u(L, total - g);
        uint32_t lo = PQS_SLHDSA_W - 1, hi = 0;
        /* Lane set-up: start position, signature position, and the first block. */
        for (unsigned l = 0; l < L; l++) {
            const unsigned id = l < used ? order[g + l] : 0, key = id / len, i = id % len;
            first[l] = l >= used ? PQS_SLHDSA_W - 1 : job->start != NULL ? job->start[i] : 0;
            cap[l] = l < used && key == job->sign_key ? job->digits[i] : PQS_SLHDSA_W;
            lo = first[l] < lo ? first[l] : lo;
            hi = first[l] > hi ? first[l] : hi;
            chain_address(a, job, key, i, job->start == NULL);
            chain_adrs_words(w, L, l, a);
            for (unsigned t = 0; t < nw; t++)
                v[t * L + l] = l < used && job->start != NULL ?
                                   pqs_slhdsa_get32(x + (size_t)id * n + 4 * t) : 0;
        }
        if (job->start == NULL) {
            /* The secret values PRF(PK.seed, SK.seed, ADRS) have the shape of F. */
            chain_value_words(w, sk, 0, nw, L);
            chain_compress(c, st, w, L);
            memcpy(v, st, nw * L * sizeof v[0]);
            for (unsigned l = 0; l < used; l++) {
                chain_address(a, job, order[g + l] / len, order[g + l] % len, 0);
                chain_adrs_words(w, L, l, a);
            }
        }
        /* Alg. 5: step j computes position j + 1 with hash address j. */
        for (uint32_t j = lo; j <= PQS_SLHDSA_W - 1; j++) {
            for (unsigned l = 0; l < used; l++)
                if (cap[l] == j)   /* public: the digits of a signed message */
                    chain_store(job->sig + (size_t)(order[g + l] % len) * n, v, nw, L, l);
            if (j == PQS_SLHDSA_W - 1)
                break;
            chain_value_words(w, v, j, nw, L);
            chain_compress(c, st, w, L);
            if (j >= hi) {   /* every lane is under way */
                memcpy(v, st, nw * L * sizeof v[0]);
                continue;
            }
            for (unsigned l = 0; l < L; l++)
                keep[l] = first[l] <= j ? 0 : UINT32_MAX;
            for (unsigned i = 0; i < nw; i++)
                for (unsigned l = 0; l < L; l++)
                    v[i * L + l] = (st[i * L + l] & ~keep[l]) | (v[i * L + l] & keep[l]);
        }
        for (unsigned l = 0; l < used; l++)
            chain_store(x + (size_t)order[g + l] * n, v, nw, L, l);
    }
    pqs_wipe(st, sizeof st);
    pqs_wipe(w, sizeof w);
    pqs_wipe(v, sizeof v);
    pqs_wipe(sk, sizeof sk);
}

static void wots_chains_sha256(const pqs_slhdsa_hctx *c, uint8_t *x, const pqs_slhdsa_wots_job *job)
{
    const unsigned L = pqs_sha256_lanes();
    if (L == 16)
        chains_sha256(c, x, job, 16);
    else if (L == 8)
        chains_sha256(c, x, job, 8);
    else if (L == 1)
        chains_sha256(c, x, job, 1);
    else
        chains_sha256(c, x, job, L);
}

static void h_many_sha512(const pqs_slhdsa_hctx *c, uint8_t *out, const uint8_t *in,
                          const pqs_slhdsa_adrs *adrs, unsigned count)
{
    sha512_many(c, out, in, adrs, count);
}

const pqs_slhdsa_hash_suite pqs_slhdsa_sha2_cat1 = {
    .seed = seed_cat1, .prf = prf_sha256, .f = f_sha256, .h = h_sha256, .t = t_sha256,
    .f_many = f_many_sha256, .h_many = h_many_sha256, .prf_many = prf_many_sha256,
    .t_many = t_many_sha256, .wots_chains = wots_chains_sha256,
    .prf_msg = prf_msg_sha256, .h_msg = h_msg_sha256,
};

const pqs_slhdsa_hash_suite pqs_slhdsa_sha2_cat35 = {
    .seed = seed_cat35, .prf = prf_sha256, .f = f_sha256, .h = h_sha512, .t = t_sha512,
    .f_many = f_many_sha256, .h_many = h_many_sha512, .prf_many = prf_many_sha256,
    .t_many = t_many_sha512, .wots_chains = wots_chains_sha256,
    .prf_msg = prf_msg_sha512, .h_msg = h_msg_sha512,
};
