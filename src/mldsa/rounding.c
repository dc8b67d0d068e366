/* Rounding and hints (FIPS 204 section 7.4). Everything here may see secret data, so
 * it is written with masks and multiplications only: no branch, no division. */
#include "mldsa/rounding.h"

#include "core/ct.h"
#include "mldsa/reduce.h"

#define HALF_D (1 << (PQS_MLDSA_D - 1))

/* Algorithm 35: r0 = r mod+- 2^d, r1 = (r - r0) / 2^d; adding 2^(d-1) - 1 before the
 * shift rounds ties (r0 = 2^(d-1)) down, as mod+- requires. */
void pqs_mldsa_power2round(pqs_mldsa_poly *t1, pqs_mldsa_poly *t0, const pqs_mldsa_poly *t)
{
    for (unsigned i = 0; i < PQS_MLDSA_N; i++) {
        int32_t r = t->c[i];
        int32_t hi = (r + HALF_D - 1) >> PQS_MLDSA_D;
        t1->c[i] = hi;
        t0->c[i] = r - (hi << PQS_MLDSA_D);
    }
}

/* Algorithm 36. r0 = r mod+- 2 gamma2 means r1 = floor((r + gamma2 - 1) / (2 gamma2)).
 * That division is done as a multiply-shift: with M = ceil(2^48 / d) and excess
 * e = M d - 2^48 < d, floor(x M / 2^48) = floor(x / d) whenever x e < 2^48, which
 * holds for x < 2^24 and d < 2^20. The special case r - r0 = q - 1 (step 4) is
 * r1 = (q-1)/(2 gamma2): it becomes r1 = 0, r0 = r0 - 1, selected by mask. */
int32_t pqs_mldsa_decompose(const pqs_mldsa_params *p, int32_t *r0, int32_t r)
{
    uint64_t x = (uint64_t)(uint32_t)(r + p->gamma2 - 1);
    int32_t r1 = (int32_t)((x * p->decompose_mul) >> 48);
    int32_t lo = r - r1 * 2 * p->gamma2;
    uint32_t wrap = ~pqs_ct_mask_nonzero_u32((uint32_t)(r1 ^ p->w1_max));
    r1 &= (int32_t)~wrap;
    lo -= (int32_t)(wrap & 1);
    *r0 = lo;
    return r1;
}

void pqs_mldsa_highbits(const pqs_mldsa_params *p, pqs_mldsa_poly *r1, const pqs_mldsa_poly *r)
{
    int32_t lo;
    for (unsigned i = 0; i < PQS_MLDSA_N; i++)
        r1->c[i] = pqs_mldsa_decompose(p, &lo, r->c[i]);
}

void pqs_mldsa_lowbits(const pqs_mldsa_params *p, pqs_mldsa_poly *r0, const pqs_mldsa_poly *r)
{
    for (unsigned i = 0; i < PQS_MLDSA_N; i++)
        (void)pqs_mldsa_decompose(p, &r0->c[i], r->c[i]);
}

unsigned pqs_mldsa_make_hint(const pqs_mldsa_params *p, pqs_mldsa_poly *h,
                             const pqs_mldsa_poly *z, const pqs_mldsa_poly *r)
{
    unsigned count = 0;
    int32_t lo;
    for (unsigned i = 0; i < PQS_MLDSA_N; i++) {
        int32_t r1 = pqs_mldsa_decompose(p, &lo, r->c[i]);
        int32_t v1 = pqs_mldsa_decompose(p, &lo, pqs_mldsa_freeze(r->c[i] + z->c[i]));
        uint32_t bit = pqs_ct_mask_nonzero_u32((uint32_t)(r1 ^ v1)) & 1;
        h->c[i] = (int32_t)bit;
        count += bit;
    }
    return count;
}

/* Algorithm 40: move r1 one step towards r0's side, modulo m = (q-1)/(2 gamma2). */
void pqs_mldsa_use_hint(const pqs_mldsa_params *p, pqs_mldsa_poly *r1,
                        const pqs_mldsa_poly *h, const pqs_mldsa_poly *r)
{
    for (unsigned i = 0; i < PQS_MLDSA_N; i++) {
        int32_t lo;
        int32_t hi = pqs_mldsa_decompose(p, &lo, r->c[i]);
        if (h->c[i] != 0) {
            if (lo > 0)
                hi = (hi == p->w1_max - 1) ? 0 : hi + 1;
            else
                hi = (hi == 0) ? p->w1_max - 1 : hi - 1;
        }
        r1->c[i] = hi;
    }
}
