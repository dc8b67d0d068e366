/* The SHAKE hash suite of SLH-DSA (FIPS 205 §11.1): every function is SHAKE256 over
 * the concatenation of its inputs. PK.seed is absorbed once per operation (seed_shake).
 * F, H and PRF read PK.seed || ADRS || M with |M| <= 2n, at most 128 bytes: one block
 * of the 136-byte rate, and since n is a multiple of 8 every field starts on a lane.
 * They therefore XOR whole lanes into a copy of the seeded state and permute once,
 * which is FIPS 202 Alg. 8 (sponge) for a single block, without byte-wise absorbing.
 *
 * Batches run in lane groups of the batched Keccak-f[1600] of src/hash/keccak_x4.h (8
 * states with AVX-512, 4 with AVX2, 1 portable), on lane-sliced states: word i of
 * state l at s[i L + l]. Lanes past the end of a batch hash zeros and are ignored. */
#include <string.h>

#include "hash.h"
#include "hash/keccak_x4.h"
#include "pqsafe/common.h"

#define ML PQS_KECCAK_MAX_LANES
#define MAX_CHAINS (PQS_SLHDSA_WOTS_BATCH * PQS_SLHDSA_MAX_LEN)

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

/* ---- Batches ----------------------------------------------------------------------- */

static unsigned min_u(unsigned a, unsigned b)
{
    return a < b ? a : b;
}

/* Lane l of a lane-sliced batch s (L states) = the seeded state with ADRS XORed in at
 * lane n / 8, as start_block does for one state. */
static void start_lane(const pqs_slhdsa_hctx *c, uint64_t *s, unsigned L, unsigned l,
                       const pqs_slhdsa_adrs adrs)
{
    const unsigned nl = c->n / 8;
    for (unsigned i = 0; i < 25; i++)
        s[i * L + l] = c->u.shake.s[i];
    for (unsigned i = 0; i < PQS_SLHDSA_ADRS_BYTES / 8; i++)
        s[(nl + i) * L + l] ^= load64_le(adrs + 8 * i);
}

/* out_i = SHAKE256(PK.seed || ADRS_i || M_i, 8n) for i < count, M_i = in + i nin n
 * (nin n bytes: F 1, H 2) or SK.seed when in is NULL (PRF). Wiped: PRF and FORS leaves
 * hash secrets. */
static void shake_many(const pqs_slhdsa_hctx *c, uint8_t *out, const uint8_t *in, unsigned nin,
                       const pqs_slhdsa_adrs *adrs, unsigned count)
{
    const unsigned L = pqs_keccak_lanes(), n = c->n, nl = n / 8;
    const unsigned pad = nl + PQS_SLHDSA_ADRS_BYTES / 8 + nin * nl;
    uint64_t s[25 * ML];
    for (unsigned g = 0; g < count; g += L) {
        const unsigned used = min_u(L, count - g);
        memset(s, 0, sizeof s);
        for (unsigned l = 0; l < used; l++) {
            const uint8_t *m = in != NULL ? in + (size_t)(g + l) * nin * n : c->sk_seed;
            start_lane(c, s, L, l, adrs[g + l]);
            for (unsigned i = 0; i < nin * nl; i++)
                s[(nl + PQS_SLHDSA_ADRS_BYTES / 8 + i) * L + l] ^= load64_le(m + 8 * i);
            s[pad * L + l] ^= SHAKE_PAD;
            s[(PQS_SHAKE256_RATE / 8 - 1) * L + l] ^= (uint64_t)0x80 << 56;
        }
        pqs_keccakf1600_lanes(s, L);
        for (unsigned l = 0; l < used; l++)
            for (unsigned i = 0; i < nl; i++)
                store64_le(out + (size_t)(g + l) * n + 8 * i, s[i * L + l]);
    }
    pqs_wipe(s, sizeof s);
}

static void f_many_shake(const pqs_slhdsa_hctx *c, uint8_t *out, const uint8_t *in,
                         const pqs_slhdsa_adrs *adrs, unsigned count)
{
    shake_many(c, out, in, 1, adrs, count);
}

static void h_many_shake(const pqs_slhdsa_hctx *c, uint8_t *out, const uint8_t *in,
                         const pqs_slhdsa_adrs *adrs, unsigned count)
{
    shake_many(c, out, in, 2, adrs, count);
}

static void prf_many_shake(const pqs_slhdsa_hctx *c, uint8_t *out, const pqs_slhdsa_adrs *adrs,
                           unsigned count)
{
    shake_many(c, out, NULL, 1, adrs, count);
}

/* T_l on a batch: the sponge over PK.seed || ADRS_i || in_i, block by block in step
 * (every message has the same length), from the zero state. */
static void t_many_shake(const pqs_slhdsa_hctx *c, uint8_t *out, const uint8_t *in, size_t l,
                         const pqs_slhdsa_adrs *adrs, unsigned count)
{
    const unsigned L = pqs_keccak_lanes(), n = c->n, r = PQS_SHAKE256_RATE;
    const size_t inlen = l * n, mlen = n + PQS_SLHDSA_ADRS_BYTES + inlen;
    const size_t nblocks = mlen / r + 1;   /* the padding needs at least one byte */
    uint64_t s[25 * ML];
    uint8_t block[PQS_SHAKE256_RATE];
    for (unsigned g = 0; g < count; g += L) {
        const unsigned used = min_u(L, count - g);
        memset(s, 0, sizeof s);
        for (size_t b = 0; b < nblocks; b++) {
            for (unsigned j = 0; j < used; j++) {
                const uint8_t *parts[3] = {c->pk_seed, adrs[g + j], in + (size_t)(g + j) * inlen};
                const size_t lens[3] = {n, PQS_SLHDSA_ADRS_BYTES, inlen};
                pqs_slhdsa_msg_slice(block, b * r, r, parts, lens);
                if (b == nblocks - 1) {   /* FIPS 202 section 6.2 and pad10*1 */
                    block[mlen - b * r] ^= SHAKE_PAD;
                    block[r - 1] ^= 0x80;
                }
                for (unsigned i = 0; i < r / 8; i++)
                    s[i * L + j] ^= load64_le(block + 8 * i);
            }
            pqs_keccakf1600_lanes(s, L);
        }
        for (unsigned j = 0; j < used; j++)
            for (unsigned i = 0; i < n / 8; i++)
                store64_le(out + (size_t)(g + j) * n + 8 * i, s[i * L + j]);
    }
}

/* ---- WOTS+ chains ------------------------------------------------------------------- */

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

/* Chains go L at a time (in the order of pqs_slhdsa_chain_order); a group steps its
 * lanes together from the earliest start position to w - 1, and a lane that has not
 * reached its start keeps its value (a mask, from public positions). Each step starts
 * from a template of the group's blocks (seeded state, WOTS_HASH addresses with hash
 * address 0, padding) and sets the hash address and the value lanes (v[t L + l]: n / 8
 * words per lane). The chain values are secret and wiped. */
PQS_SLHDSA_LANES_INLINE void chains_shake(const pqs_slhdsa_hctx *c, uint8_t *x,
                                          const pqs_slhdsa_wots_job *job, const unsigned L)
{
    const unsigned n = c->n, nl = n / 8, len = c->p->len, total = job->keys * len;
    const unsigned adrs_lane = nl, hash_lane = nl + 3, in_lane = nl + 4;
    uint64_t tmpl[25 * ML], s[25 * ML], v[4 * ML], keep[ML];
    uint32_t first[ML], cap[ML];
    uint16_t order[MAX_CHAINS];
    pqs_slhdsa_adrs a;
    pqs_slhdsa_chain_order(order, job, len);
    for (unsigned g = 0; g < total; g += L) {
        const unsigned used = min_u(L, total - g);
        uint32_t lo = PQS_SLHDSA_W - 1, hi = 0;
        memset(tmpl, 0, sizeof tmpl);
        for (unsigned l = 0; l < L; l++) {
            const unsigned id = l < used ? order[g + l] : 0, key = id / len, i = id % len;
            first[l] = l >= used ? PQS_SLHDSA_W - 1 : job->start != NULL ? job->start[i] : 0;
            cap[l] = l < used && key == job->sign_key ? job->digits[i] : PQS_SLHDSA_W;
            lo = first[l] < lo ? first[l] : lo;
            hi = first[l] > hi ? first[l] : hi;
            chain_address(a, job, key, i, 0);
            start_lane(c, tmpl, L, l, a);
            tmpl[(in_lane + nl) * L + l] ^= SHAKE_PAD;
            tmpl[(PQS_SHAKE256_RATE / 8 - 1) * L + l] ^= (uint64_t)0x80 << 56;
            for (unsigned t = 0; t < nl; t++)
                v[t * L + l] = l < used && job->start != NULL ?
                                   load64_le(x + (size_t)id * n + 8 * t) : 0;
        }
        if (job->start == NULL) {
            /* The secret values PRF(PK.seed, SK.seed, WOTS_PRF address): the template
             * with the address and input lanes replaced. */
            memcpy(s, tmpl, sizeof s);
            for (unsigned l = 0; l < L; l++) {
                const unsigned id = l < used ? order[g + l] : 0;
                chain_address(a, job, id / len, id % len, 1);
                for (unsigned i = 0; i < PQS_SLHDSA_ADRS_BYTES / 8; i++)
                    s[(adrs_lane + i) * L + l] = load64_le(a + 8 * i);
                for (unsigned t = 0; t < nl; t++)
                    s[(in_lane + t) * L + l] = load64_le(c->sk_seed + 8 * t);
            }
            pqs_keccakf1600_lanes(s, L);
            memcpy(v, s, nl * L * sizeof v[0]);
        }
        /* Alg. 5: step j computes position j + 1 with hash address j. */
        for (uint32_t j = lo; j <= PQS_SLHDSA_W - 1; j++) {
            for (unsigned l = 0; l < used; l++)
                if (cap[l] == j)   /* public: the digits of a signed message */
                    for (unsigned t = 0; t < nl; t++)
                        store64_le(job->sig + (size_t)(order[g + l] % len) * n + 8 * t, v[t * L + l]);
            if (j == PQS_SLHDSA_W - 1)
                break;
            /* The hash address is ADRS bytes 28-31 (big-endian): the top half of word 3. */
            const uint8_t hw[8] = {0, 0, 0, 0, (uint8_t)(j >> 24), (uint8_t)(j >> 16),
                                   (uint8_t)(j >> 8), (uint8_t)j};
            const uint64_t hash_word = load64_le(hw);
            memcpy(s, tmpl, sizeof s);
            for (unsigned l = 0; l < L; l++)
                s[hash_lane * L + l] ^= hash_word;
            for (unsigned t = 0; t < nl; t++)
                for (unsigned l = 0; l < L; l++)
                    s[(in_lane + t) * L + l] = v[t * L + l];
            pqs_keccakf1600_lanes(s, L);
            if (j >= hi) {   /* every lane is under way */
                memcpy(v, s, nl * L * sizeof v[0]);
                continue;
            }
            for (unsigned l = 0; l < L; l++)
                keep[l] = first[l] <= j ? 0 : UINT64_MAX;
            for (unsigned t = 0; t < nl; t++)
                for (unsigned l = 0; l < L; l++)
                    v[t * L + l] = (s[t * L + l] & ~keep[l]) | (v[t * L + l] & keep[l]);
        }
        for (unsigned l = 0; l < used; l++)
            for (unsigned t = 0; t < nl; t++)
                store64_le(x + (size_t)order[g + l] * n + 8 * t, v[t * L + l]);
    }
    pqs_wipe(s, sizeof s);
    pqs_wipe(v, sizeof v);
}

static void wots_chains_shake(const pqs_slhdsa_hctx *c, uint8_t *x, const pqs_slhdsa_wots_job *job)
{
    const unsigned L = pqs_keccak_lanes();
    if (L == 8)
        chains_shake(c, x, job, 8);
    else if (L == 4)
        chains_shake(c, x, job, 4);
    else if (L == 1)
        chains_shake(c, x, job, 1);
    else
        chains_shake(c, x, job, L);
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
    .seed = seed_shake, .prf = prf_shake, .f = f_shake, .h = h_shake, .t = t_shake,
    .f_many = f_many_shake, .h_many = h_many_shake, .prf_many = prf_many_shake,
    .t_many = t_many_shake, .wots_chains = wots_chains_shake,
    .prf_msg = prf_msg_shake, .h_msg = h_msg_shake,
};
