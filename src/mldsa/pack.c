/* Encodings of ML-DSA keys and signatures (FIPS 204 sections 7.1 and 7.2). The bit
 * packers walk a 64-bit accumulator whose only branches depend on the (public) field
 * width, so they are constant time on secret coefficients. */
#include "mldsa/pack.h"

#include <string.h>

#include "mldsa/backend.h"
#include "mldsa/poly.h"
#include "mldsa/rounding.h"
#include "pqsafe/common.h"

#define T1_BITS 10      /* bitlen(q - 1) - d */
#define T0_BITS 13      /* d */
#define T0_B (1 << (PQS_MLDSA_D - 1))

/* Packs add + mul * a_i (mul = +-1) in bits bits each, little-endian bit order
 * (Algorithms 16 and 17 followed by BitsToBytes). */
void pqs_mldsa_pack_bits(uint8_t *out, const pqs_mldsa_poly *a, unsigned bits, int32_t add,
                         int32_t mul)
{
    uint32_t mask = ((uint32_t)1 << bits) - 1;
    uint64_t acc = 0;
    unsigned n = 0;
    for (unsigned i = 0; i < PQS_MLDSA_N; i++) {
        uint32_t v = (uint32_t)(add + mul * a->c[i]) & mask;
        acc |= (uint64_t)v << n;
        n += bits;
        while (n >= 8) {
            *out++ = (uint8_t)acc;
            acc >>= 8;
            n -= 8;
        }
    }
}

/* The inverse: a_i = add + mul * field_i (Algorithms 18 and 19). */
void pqs_mldsa_unpack_bits(pqs_mldsa_poly *a, const uint8_t *in, unsigned bits, int32_t add,
                           int32_t mul)
{
    uint32_t mask = ((uint32_t)1 << bits) - 1;
    uint64_t acc = 0;
    unsigned n = 0;
    for (unsigned i = 0; i < PQS_MLDSA_N; i++) {
        while (n < bits) {
            acc |= (uint64_t)*in++ << n;
            n += 8;
        }
        a->c[i] = add + mul * (int32_t)((uint32_t)acc & mask);
        acc >>= bits;
        n -= bits;
    }
}

/* The four encodings through the backend (backend.h). */
void pqs_mldsa_simplebitpack(uint8_t *out, const pqs_mldsa_poly *a, unsigned bits)
{
    pqs_mldsa_backend_get()->pack_bits(out, a, bits, 0, 1);
}

void pqs_mldsa_bitpack(uint8_t *out, const pqs_mldsa_poly *a, unsigned bits, int32_t b)
{
    pqs_mldsa_backend_get()->pack_bits(out, a, bits, b, -1);
}

void pqs_mldsa_simplebitunpack(pqs_mldsa_poly *a, const uint8_t *in, unsigned bits)
{
    pqs_mldsa_backend_get()->unpack_bits(a, in, bits, 0, 1);
}

void pqs_mldsa_bitunpack(pqs_mldsa_poly *a, const uint8_t *in, unsigned bits, int32_t b)
{
    pqs_mldsa_backend_get()->unpack_bits(a, in, bits, b, -1);
}

void pqs_mldsa_pk_encode(const pqs_mldsa_params *p, uint8_t *pk,
                         const uint8_t rho[PQS_MLDSA_SEED_BYTES], const pqs_mldsa_poly *t1)
{
    memcpy(pk, rho, PQS_MLDSA_SEED_BYTES);
    pk += PQS_MLDSA_SEED_BYTES;
    for (unsigned i = 0; i < p->k; i++, pk += 32 * T1_BITS)
        pqs_mldsa_simplebitpack(pk, &t1[i], T1_BITS);
}

void pqs_mldsa_pk_decode(const pqs_mldsa_params *p, uint8_t rho[PQS_MLDSA_SEED_BYTES],
                         pqs_mldsa_poly *t1, const uint8_t *pk)
{
    memcpy(rho, pk, PQS_MLDSA_SEED_BYTES);
    pk += PQS_MLDSA_SEED_BYTES;
    for (unsigned i = 0; i < p->k; i++, pk += 32 * T1_BITS)
        pqs_mldsa_simplebitunpack(&t1[i], pk, T1_BITS);
}

void pqs_mldsa_sk_encode(const pqs_mldsa_params *p, uint8_t *sk,
                         const uint8_t rho[PQS_MLDSA_SEED_BYTES],
                         const uint8_t key[PQS_MLDSA_SEED_BYTES],
                         const uint8_t tr[PQS_MLDSA_TR_BYTES], const pqs_mldsa_poly *s1,
                         const pqs_mldsa_poly *s2, const pqs_mldsa_poly *t0)
{
    unsigned eb = p->eta_bits;
    memcpy(sk, rho, PQS_MLDSA_SEED_BYTES);
    memcpy(sk + PQS_MLDSA_SEED_BYTES, key, PQS_MLDSA_SEED_BYTES);
    memcpy(sk + 2 * PQS_MLDSA_SEED_BYTES, tr, PQS_MLDSA_TR_BYTES);
    sk += 2 * PQS_MLDSA_SEED_BYTES + PQS_MLDSA_TR_BYTES;
    for (unsigned i = 0; i < p->l; i++, sk += 32 * eb)
        pqs_mldsa_bitpack(sk, &s1[i], eb, (int32_t)p->eta);
    for (unsigned i = 0; i < p->k; i++, sk += 32 * eb)
        pqs_mldsa_bitpack(sk, &s2[i], eb, (int32_t)p->eta);
    for (unsigned i = 0; i < p->k; i++, sk += 32 * T0_BITS)
        pqs_mldsa_bitpack(sk, &t0[i], T0_BITS, T0_B);
}

/* 0xFFFFFFFF when some coefficient is below -eta (BitUnpack gives at most eta). */
static uint32_t below_minus_eta(const pqs_mldsa_poly *a, int32_t eta)
{
    uint32_t bad = 0;
    for (unsigned i = 0; i < PQS_MLDSA_N; i++)
        bad |= (uint32_t)(a->c[i] + eta) >> 31;
    return (uint32_t)0 - bad;
}

uint32_t pqs_mldsa_sk_decode(const pqs_mldsa_params *p, uint8_t rho[PQS_MLDSA_SEED_BYTES],
                             uint8_t key[PQS_MLDSA_SEED_BYTES], uint8_t tr[PQS_MLDSA_TR_BYTES],
                             pqs_mldsa_poly *s1, pqs_mldsa_poly *s2, pqs_mldsa_poly *t0,
                             const uint8_t *sk)
{
    unsigned eb = p->eta_bits;
    int32_t eta = (int32_t)p->eta;
    uint32_t bad = 0;
    memcpy(rho, sk, PQS_MLDSA_SEED_BYTES);
    memcpy(key, sk + PQS_MLDSA_SEED_BYTES, PQS_MLDSA_SEED_BYTES);
    memcpy(tr, sk + 2 * PQS_MLDSA_SEED_BYTES, PQS_MLDSA_TR_BYTES);
    sk += 2 * PQS_MLDSA_SEED_BYTES + PQS_MLDSA_TR_BYTES;
    for (unsigned i = 0; i < p->l; i++, sk += 32 * eb) {
        pqs_mldsa_bitunpack(&s1[i], sk, eb, eta);
        bad |= below_minus_eta(&s1[i], eta);
    }
    for (unsigned i = 0; i < p->k; i++, sk += 32 * eb) {
        pqs_mldsa_bitunpack(&s2[i], sk, eb, eta);
        bad |= below_minus_eta(&s2[i], eta);
    }
    for (unsigned i = 0; i < p->k; i++, sk += 32 * T0_BITS)
        pqs_mldsa_bitunpack(&t0[i], sk, T0_BITS, T0_B);
    return bad;
}

/* Algorithm 20 (HintBitPack): the positions of the ones, then the running counts. h is
 * public (the accepted signature) and has at most omega ones among k * 256: blocks of
 * 16 coefficients without one are skipped after a test the compiler vectorises. */
#define HINT_BLOCK 16

static void hint_pack(const pqs_mldsa_params *p, uint8_t *y, const pqs_mldsa_poly *h)
{
    unsigned index = 0;
    memset(y, 0, p->omega + p->k);
    for (unsigned i = 0; i < p->k; i++) {
        for (unsigned b = 0; b < PQS_MLDSA_N; b += HINT_BLOCK) {
            int32_t any = 0;
            for (unsigned j = b; j < b + HINT_BLOCK; j++)
                any |= h[i].c[j];
            if (any == 0)
                continue;
            for (unsigned j = b; j < b + HINT_BLOCK; j++) {
                if (h[i].c[j] != 0)
                    y[index++] = (uint8_t)j;
            }
        }
        y[p->omega + i] = (uint8_t)index;
    }
}

/* Algorithm 21 (HintBitUnpack), strict: the counts must be non-decreasing and at
 * most omega, the positions strictly increasing within each polynomial, and the
 * unused position bytes zero. Anything else has no canonical meaning: -1. */
static int hint_unpack(const pqs_mldsa_params *p, pqs_mldsa_poly *h, const uint8_t *y)
{
    unsigned index = 0;
    for (unsigned i = 0; i < p->k; i++) {
        unsigned end = y[p->omega + i];
        memset(&h[i], 0, sizeof h[i]);
        if (end < index || end > p->omega)
            return -1;
        for (unsigned first = index; index < end; index++) {
            if (index > first && y[index - 1] >= y[index])
                return -1;
            h[i].c[y[index]] = 1;
        }
    }
    for (; index < p->omega; index++) {
        if (y[index] != 0)
            return -1;
    }
    return 0;
}

void pqs_mldsa_sig_encode(const pqs_mldsa_params *p, uint8_t *sig, const uint8_t *ctilde,
                          const pqs_mldsa_poly *z, const pqs_mldsa_poly *h)
{
    memcpy(sig, ctilde, p->ctilde_bytes);
    sig += p->ctilde_bytes;
    for (unsigned i = 0; i < p->l; i++, sig += 32 * p->z_bits)
        pqs_mldsa_bitpack(sig, &z[i], p->z_bits, p->gamma1);
    hint_pack(p, sig, h);
}

int pqs_mldsa_sig_decode(const pqs_mldsa_params *p, uint8_t *ctilde, pqs_mldsa_poly *z,
                         pqs_mldsa_poly *h, const uint8_t *sig)
{
    memcpy(ctilde, sig, p->ctilde_bytes);
    sig += p->ctilde_bytes;
    for (unsigned i = 0; i < p->l; i++, sig += 32 * p->z_bits)
        pqs_mldsa_bitunpack(&z[i], sig, p->z_bits, p->gamma1);
    return hint_unpack(p, h, sig);
}

void pqs_mldsa_w1_encode(const pqs_mldsa_params *p, uint8_t *out, const pqs_mldsa_poly *w1)
{
    pqs_mldsa_simplebitpack(out, w1, p->w1_bits);
}

void pqs_mldsa_w1_pack(const pqs_mldsa_params *p, uint8_t *out, pqs_mldsa_poly *w)
{
    pqs_mldsa_poly w1;
    pqs_mldsa_poly_freeze(w);
    pqs_mldsa_highbits(p, &w1, w);
    pqs_mldsa_pack_bits(out, &w1, p->w1_bits, 0, 1);
    pqs_wipe(&w1, sizeof w1);
}
