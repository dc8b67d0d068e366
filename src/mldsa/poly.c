/* Polynomial and vector arithmetic mod q for ML-DSA. */
#include "mldsa/poly.h"

#include "core/ct.h"
#include "mldsa/backend.h"
#include "pqsafe/common.h"
#include "mldsa/ntt.h"
#include "mldsa/reduce.h"

void pqs_mldsa_poly_add(pqs_mldsa_poly *r, const pqs_mldsa_poly *a, const pqs_mldsa_poly *b)
{
    for (unsigned i = 0; i < PQS_MLDSA_N; i++)
        r->c[i] = a->c[i] + b->c[i];
}

void pqs_mldsa_poly_sub(pqs_mldsa_poly *r, const pqs_mldsa_poly *a, const pqs_mldsa_poly *b)
{
    for (unsigned i = 0; i < PQS_MLDSA_N; i++)
        r->c[i] = a->c[i] - b->c[i];
}

void pqs_mldsa_poly_reduce(pqs_mldsa_poly *a)
{
    for (unsigned i = 0; i < PQS_MLDSA_N; i++)
        a->c[i] = pqs_mldsa_reduce32(a->c[i]);
}

void pqs_mldsa_poly_freeze(pqs_mldsa_poly *a)
{
    for (unsigned i = 0; i < PQS_MLDSA_N; i++)
        a->c[i] = pqs_mldsa_freeze(a->c[i]);
}

void pqs_mldsa_poly_pointwise(pqs_mldsa_poly *r, const pqs_mldsa_poly *a,
                              const pqs_mldsa_poly *b)
{
    for (unsigned i = 0; i < PQS_MLDSA_N; i++)
        r->c[i] = pqs_mldsa_montgomery_reduce((int64_t)a->c[i] * b->c[i]);
}

/* The infinity-norm test of FIPS 204 Algorithm 7 step 23 and Algorithm 8 step 13,
 * without branches: |x| via the sign mask, then the sign of (bound - 1 - |x|). */
uint32_t pqs_mldsa_poly_exceeds(const pqs_mldsa_poly *a, int32_t bound)
{
    uint32_t bad = 0;
    for (unsigned i = 0; i < PQS_MLDSA_N; i++) {
        int32_t x = a->c[i];
        int32_t s = x >> 31;
        int32_t abs = (x ^ s) - s;
        bad |= (uint32_t)((bound - 1) - abs) >> 31;
    }
    return (uint32_t)0 - pqs_ct_barrier_u32(bad);
}

void pqs_mldsa_vec_ntt(pqs_mldsa_poly *v, unsigned n)
{
    const pqs_mldsa_backend *be = pqs_mldsa_backend_get();
    for (unsigned i = 0; i < n; i++)
        be->ntt(&v[i]);
}

void pqs_mldsa_vec_invntt(pqs_mldsa_poly *v, unsigned n)
{
    const pqs_mldsa_backend *be = pqs_mldsa_backend_get();
    for (unsigned i = 0; i < n; i++)
        be->invntt_tomont(&v[i]);
}

/* Lazy reduction: l <= 7 products of a value in [0, q) by one below 9q stay under
 * 63 q^2 < q * 2^31, the input range of one Montgomery reduction. */
void pqs_mldsa_matrix_mul(pqs_mldsa_poly w[PQS_MLDSA_KMAX],
                          const pqs_mldsa_poly a[PQS_MLDSA_KMAX][PQS_MLDSA_LMAX],
                          const pqs_mldsa_poly v[PQS_MLDSA_LMAX], unsigned k, unsigned l)
{
    int64_t acc[PQS_MLDSA_N];
    for (unsigned i = 0; i < k; i++) {
        for (unsigned n = 0; n < PQS_MLDSA_N; n++)
            acc[n] = 0;
        for (unsigned j = 0; j < l; j++) {
            for (unsigned n = 0; n < PQS_MLDSA_N; n++)
                acc[n] += (int64_t)a[i][j].c[n] * v[j].c[n];
        }
        for (unsigned n = 0; n < PQS_MLDSA_N; n++)
            w[i].c[n] = pqs_mldsa_montgomery_reduce(acc[n]);
    }
    pqs_wipe(acc, sizeof acc);   /* A*s1 (KeyGen) and A*y (Sign) are secret */
}
