/* The SHAKE hash suite of SLH-DSA (FIPS 205 §11.1): every function is SHAKE256 over
 * the concatenation of its inputs. PK.seed is absorbed once per operation (seed_shake).
 * F, H and PRF read PK.seed || ADRS || M with |M| <= 2n, at most 128 bytes: one block
 * of the 136-byte rate, and since n is a multiple of 8 every field starts on a lane.
 * They therefore XOR whole lanes into a copy of the seeded state and permute once,
 * which is FIPS 202 Alg. 8 (sponge) for a single block, without byte-wise absorbing. */
#include <string.h>

#include "hash.h"
#include "pqsafe/common.h"

#define SHAKE_PAD 0x1F   /* SHAKE domain bits 1111 and the first bit of pad10*1 */

static uint64_t load64_le(const uint8_t *p)
{
    uint64_t v = 0;
    for (int i = 7; i >= 0; i--)
        v = v << 8 | p[i];
    return v;
}

static void store64_le(uint8_t *p, uint64_t v)
{
    for (int i = 0; i < 8; i++)
        p[i] = (uint8_t)(v >> (8 * i));
}

static void seed_shake(pqs_slhdsa_hctx *c)
{
    pqs_shake256_init(&c->u.shake);
    pqs_keccak_absorb(&c->u.shake, c->pk_seed, c->n);
}

/* s = seeded state XOR ADRS at byte n; returns the lane after ADRS. */
static unsigned start_block(const pqs_slhdsa_hctx *c, uint64_t s[25], const pqs_slhdsa_adrs adrs)
{
    unsigned lane = c->n / 8;
    memcpy(s, c->u.shake.s, 25 * sizeof s[0]);
    for (unsigned i = 0; i < PQS_SLHDSA_ADRS_BYTES / 8; i++)
        s[lane + i] ^= load64_le(adrs + 8 * i);
    return lane + PQS_SLHDSA_ADRS_BYTES / 8;
}

/* XOR the n-byte input at `lane`; returns the next lane. */
static unsigned xor_input(const pqs_slhdsa_hctx *c, uint64_t s[25], unsigned lane,
                          const uint8_t *in)
{
    for (unsigned i = 0; i < c->n / 8 && lane < PQS_SHAKE256_RATE / 8; i++)
        s[lane++] ^= load64_le(in + 8 * i);
    return lane;
}

/* Pad after `lane` lanes of input, permute, and squeeze the first n bytes. */
static void finish_block(const pqs_slhdsa_hctx *c, uint64_t s[25], unsigned lane, uint8_t *out)
{
    s[lane] ^= SHAKE_PAD;
    s[PQS_SHAKE256_RATE / 8 - 1] ^= (uint64_t)0x80 << 56;
    pqs_keccakf1600(s);
    for (unsigned i = 0; i < c->n / 8 && i < 4; i++)
        store64_le(out + 8 * i, s[i]);
}

/* PRF(PK.seed, SK.seed, ADRS) = SHAKE256(PK.seed || ADRS || SK.seed, 8n). */
static void prf_shake(const pqs_slhdsa_hctx *c, uint8_t *out, const pqs_slhdsa_adrs adrs)
{
    uint64_t s[25];
    unsigned lane = start_block(c, s, adrs);
    lane = xor_input(c, s, lane, c->sk_seed);
    finish_block(c, s, lane, out);
    pqs_wipe(s, sizeof s);
}

/* F(PK.seed, ADRS, M1) = SHAKE256(PK.seed || ADRS || M1, 8n). */
static void f_shake(const pqs_slhdsa_hctx *c, uint8_t *out, const pqs_slhdsa_adrs adrs,
                    const uint8_t *in)
{
    uint64_t s[25];
    unsigned lane = start_block(c, s, adrs);
    lane = xor_input(c, s, lane, in);
    finish_block(c, s, lane, out);
}

/* H(PK.seed, ADRS, M2) = SHAKE256(PK.seed || ADRS || M2, 8n). */
static void h_shake(const pqs_slhdsa_hctx *c, uint8_t *out, const pqs_slhdsa_adrs adrs,
                    const uint8_t *left, const uint8_t *right)
{
    uint64_t s[25];
    unsigned lane = start_block(c, s, adrs);
    lane = xor_input(c, s, lane, left);
    lane = xor_input(c, s, lane, right);
    finish_block(c, s, lane, out);
}

/* T_l(PK.seed, ADRS, M_l) = SHAKE256(PK.seed || ADRS || M_l, 8n): several blocks, so
 * the incremental sponge continues from the seeded context. */
static void t_shake(const pqs_slhdsa_hctx *c, uint8_t *out, const pqs_slhdsa_adrs adrs,
                    const uint8_t *in, size_t l)
{
    pqs_keccak_ctx s = c->u.shake;
    pqs_keccak_absorb(&s, adrs, PQS_SLHDSA_ADRS_BYTES);
    pqs_keccak_absorb(&s, in, l * c->n);
    pqs_keccak_squeeze(&s, out, c->n);
}

/* Alg. 5 chain: F iterated, the value kept as lanes between steps (the output lanes
 * of one step are the input lanes of the next). The intermediate values are secret,
 * so the state is wiped. */
static void chain_shake(const pqs_slhdsa_hctx *c, uint8_t *x, pqs_slhdsa_adrs adrs,
                        unsigned start, unsigned steps)
{
    const unsigned nl = c->n / 8, in_lane = nl + PQS_SLHDSA_ADRS_BYTES / 8;
    uint64_t s[25], v[4];
    if (steps == 0)
        return;
    for (unsigned i = 0; i < nl && i < 4; i++)
        v[i] = load64_le(x + 8 * i);
    for (unsigned j = start; j < start + steps; j++) {
        pqs_slhdsa_set_hash(adrs, j);
        start_block(c, s, adrs);
        for (unsigned i = 0; i < nl && i < 4; i++)
            s[in_lane + i] ^= v[i];
        s[in_lane + nl] ^= SHAKE_PAD;
        s[PQS_SHAKE256_RATE / 8 - 1] ^= (uint64_t)0x80 << 56;
        pqs_keccakf1600(s);
        memcpy(v, s, sizeof v);
    }
    for (unsigned i = 0; i < nl && i < 4; i++)
        store64_le(x + 8 * i, v[i]);
    pqs_wipe(s, sizeof s);
    pqs_wipe(v, sizeof v);
}

/* Absorb M = prefix || msg, skipping empty pieces (their pointers may be NULL). */
static void absorb_msg(pqs_keccak_ctx *s, const pqs_slhdsa_msg *m)
{
    if (m->prefix_len > 0)
        pqs_keccak_absorb(s, m->prefix, m->prefix_len);
    if (m->msg_len > 0)
        pqs_keccak_absorb(s, m->msg, m->msg_len);
}

/* PRF_msg(SK.prf, opt_rand, M) = SHAKE256(SK.prf || opt_rand || M, 8n). */
static void prf_msg_shake(const pqs_slhdsa_params *p, uint8_t *out, const uint8_t *sk_prf,
                          const uint8_t *opt_rand, const pqs_slhdsa_msg *m)
{
    pqs_keccak_ctx s;
    pqs_shake256_init(&s);
    pqs_keccak_absorb(&s, sk_prf, p->n);
    pqs_keccak_absorb(&s, opt_rand, p->n);
    absorb_msg(&s, m);
    pqs_keccak_squeeze(&s, out, p->n);
    pqs_keccak_wipe(&s);
}

/* H_msg(R, PK.seed, PK.root, M) = SHAKE256(R || PK.seed || PK.root || M, 8m). */
static void h_msg_shake(const pqs_slhdsa_params *p, uint8_t *out, const uint8_t *r,
                        const uint8_t *pk_seed, const uint8_t *pk_root, const pqs_slhdsa_msg *m)
{
    pqs_keccak_ctx s;
    pqs_shake256_init(&s);
    pqs_keccak_absorb(&s, r, p->n);
    pqs_keccak_absorb(&s, pk_seed, p->n);
    pqs_keccak_absorb(&s, pk_root, p->n);
    absorb_msg(&s, m);
    pqs_keccak_squeeze(&s, out, p->m);
}

const pqs_slhdsa_hash_suite pqs_slhdsa_shake = {
    seed_shake, prf_shake, f_shake, h_shake, t_shake, chain_shake, prf_msg_shake, h_msg_shake,
};
