/* Pseudorandom sampling for ML-DSA (FIPS 204 section 7.3). */
#include "mldsa/sample.h"

#include <string.h>

#include "core/ct.h"
#include "hash/fips202.h"
#include "mldsa/pack.h"
#include "pqsafe/common.h"

/* 5 SHAKE128 blocks hold 280 candidates; 256 accepted ones need about 257. */
#define REJ_NTT_BLOCKS 5
/* ExpandMask needs 32 * 20 = 640 bytes at most: 5 SHAKE256 blocks. */
#define MASK_BLOCKS 5

/* Algorithm 30 (RejNTTPoly) with Algorithm 14 (CoeffFromThreeBytes). The block sizes
 * are multiples of 3, so a candidate never straddles two squeezes. Public data. */
static void rej_ntt_poly(pqs_mldsa_poly *a, const uint8_t seed[PQS_MLDSA_SEED_BYTES + 2])
{
    uint8_t buf[REJ_NTT_BLOCKS * PQS_SHAKE128_RATE];
    pqs_keccak_ctx ctx;
    unsigned ctr = 0, pos = 0, len = sizeof buf;

    pqs_shake128_init(&ctx);
    pqs_keccak_absorb(&ctx, seed, PQS_MLDSA_SEED_BYTES + 2);
    pqs_keccak_squeezeblocks(&ctx, buf, REJ_NTT_BLOCKS);
    while (ctr < PQS_MLDSA_N) {
        if (pos == len) {
            pqs_keccak_squeezeblocks(&ctx, buf, 1);
            pos = 0;
            len = PQS_SHAKE128_RATE;
        }
        uint32_t z = (uint32_t)buf[pos] | (uint32_t)buf[pos + 1] << 8 |
                     (uint32_t)(buf[pos + 2] & 0x7F) << 16;
        pos += 3;
        if (z < PQS_MLDSA_Q)
            a->c[ctr++] = (int32_t)z;
    }
}

void pqs_mldsa_expand_a(const pqs_mldsa_params *p,
                        pqs_mldsa_poly a[PQS_MLDSA_KMAX][PQS_MLDSA_LMAX],
                        const uint8_t rho[PQS_MLDSA_SEED_BYTES])
{
    uint8_t seed[PQS_MLDSA_SEED_BYTES + 2];
    memcpy(seed, rho, PQS_MLDSA_SEED_BYTES);
    for (unsigned r = 0; r < p->k; r++) {
        for (unsigned s = 0; s < p->l; s++) {
            /* Algorithm 32 step 3: rho || IntegerToBytes(s, 1) || IntegerToBytes(r, 1). */
            seed[PQS_MLDSA_SEED_BYTES] = (uint8_t)s;
            seed[PQS_MLDSA_SEED_BYTES + 1] = (uint8_t)r;
            rej_ntt_poly(&a[r][s], seed);
        }
    }
}

/* Algorithm 15 (CoeffFromHalfByte) for an accepted nibble b: eta = 2 gives
 * 2 - (b mod 5), with b mod 5 = b - 5 * floor(b * 205 / 1024) for b < 15 (no division);
 * eta = 4 gives 4 - b. */
static int32_t coeff_from_half_byte(uint32_t b, unsigned eta)
{
    if (eta == 2)
        return 2 - (int32_t)(b - 5 * ((b * 205) >> 10));
    return 4 - (int32_t)b;
}

/* Algorithm 31 (RejBoundedPoly): low nibble first, then high nibble, of each byte.
 * Whether a nibble is accepted is public by design (FIPS 204 section 3.6.3: rejected
 * nibbles are independent of the kept ones), so the accept bits of a whole block are
 * computed without branches and declassified together; the values stay secret. */
static void rej_bounded_poly(pqs_mldsa_poly *a, const uint8_t seed[PQS_MLDSA_RHOPP_BYTES + 2],
                             unsigned eta)
{
    uint8_t buf[PQS_SHAKE256_RATE];
    uint8_t ok[2 * PQS_SHAKE256_RATE];
    uint32_t bound = eta == 2 ? 15 : 9;
    pqs_keccak_ctx ctx;
    unsigned ctr = 0;

    pqs_shake256_init(&ctx);
    pqs_keccak_absorb(&ctx, seed, PQS_MLDSA_RHOPP_BYTES + 2);
    while (ctr < PQS_MLDSA_N) {
        pqs_keccak_squeezeblocks(&ctx, buf, 1);
        for (unsigned i = 0; i < sizeof ok; i++) {
            uint32_t b = (uint32_t)(buf[i / 2] >> (4 * (i & 1))) & 0x0F;
            ok[i] = (uint8_t)((b - bound) >> 31);
        }
        PQS_CT_DECLASSIFY(ok, sizeof ok);
        /* Branch-free compaction: every candidate is written at the next free slot,
         * which only advances past accepted ones (an unpredictable branch here would
         * cost more than the arithmetic). */
        for (unsigned i = 0; i < sizeof ok && ctr < PQS_MLDSA_N; i++) {
            uint32_t b = (uint32_t)(buf[i / 2] >> (4 * (i & 1))) & 0x0F;
            a->c[ctr] = coeff_from_half_byte(b, eta);
            ctr += ok[i];
        }
    }
    pqs_wipe(buf, sizeof buf);
    pqs_keccak_wipe(&ctx);
}

void pqs_mldsa_expand_s(const pqs_mldsa_params *p, pqs_mldsa_poly s1[PQS_MLDSA_LMAX],
                        pqs_mldsa_poly s2[PQS_MLDSA_KMAX],
                        const uint8_t rhop[PQS_MLDSA_RHOPP_BYTES])
{
    uint8_t seed[PQS_MLDSA_RHOPP_BYTES + 2];
    memcpy(seed, rhop, PQS_MLDSA_RHOPP_BYTES);
    /* Algorithm 33: s1[r] from rho' || IntegerToBytes(r, 2), s2[r] from r + l. */
    for (unsigned r = 0; r < p->l + p->k; r++) {
        seed[PQS_MLDSA_RHOPP_BYTES] = (uint8_t)r;
        seed[PQS_MLDSA_RHOPP_BYTES + 1] = 0;
        rej_bounded_poly(r < p->l ? &s1[r] : &s2[r - p->l], seed, p->eta);
    }
    pqs_wipe(seed, sizeof seed);
}

void pqs_mldsa_expand_mask(const pqs_mldsa_params *p, pqs_mldsa_poly y[PQS_MLDSA_LMAX],
                           const uint8_t rhopp[PQS_MLDSA_RHOPP_BYTES], uint16_t kappa)
{
    uint8_t seed[PQS_MLDSA_RHOPP_BYTES + 2];
    uint8_t buf[MASK_BLOCKS * PQS_SHAKE256_RATE];
    pqs_keccak_ctx ctx;

    memcpy(seed, rhopp, PQS_MLDSA_RHOPP_BYTES);
    for (unsigned r = 0; r < p->l; r++) {
        /* Algorithm 34 step 4: rho'' || IntegerToBytes(kappa + r, 2). */
        uint16_t n = (uint16_t)(kappa + r);
        seed[PQS_MLDSA_RHOPP_BYTES] = (uint8_t)n;
        seed[PQS_MLDSA_RHOPP_BYTES + 1] = (uint8_t)(n >> 8);
        pqs_shake256_init(&ctx);
        pqs_keccak_absorb(&ctx, seed, sizeof seed);
        pqs_keccak_squeezeblocks(&ctx, buf, MASK_BLOCKS);
        /* Step 5: BitUnpack(v, gamma1 - 1, gamma1). */
        pqs_mldsa_bitunpack(&y[r], buf, p->z_bits, p->gamma1);
    }
    pqs_wipe(seed, sizeof seed);
    pqs_wipe(buf, sizeof buf);
    pqs_keccak_wipe(&ctx);
}

void pqs_mldsa_sample_in_ball(const pqs_mldsa_params *p, pqs_mldsa_poly *c,
                              const uint8_t *ctilde)
{
    uint8_t buf[PQS_SHAKE256_RATE];
    pqs_keccak_ctx ctx;
    uint64_t signs = 0;
    unsigned pos = 8;

    pqs_shake256_init(&ctx);
    pqs_keccak_absorb(&ctx, ctilde, p->ctilde_bytes);
    pqs_keccak_squeezeblocks(&ctx, buf, 1);
    /* Steps 3-4: the first 8 bytes give tau sign bits, least significant first. */
    for (unsigned i = 0; i < 8; i++)
        signs |= (uint64_t)buf[i] << (8 * i);
    memset(c, 0, sizeof *c);
    for (unsigned i = PQS_MLDSA_N - p->tau; i < PQS_MLDSA_N; i++) {
        unsigned j;
        do {    /* steps 6-9: reject j > i */
            if (pos == sizeof buf) {
                pqs_keccak_squeezeblocks(&ctx, buf, 1);
                pos = 0;
            }
            j = buf[pos++];
        } while (j > i);
        c->c[i] = c->c[j];
        c->c[j] = 1 - 2 * (int32_t)(signs & 1);
        signs >>= 1;
    }
}
