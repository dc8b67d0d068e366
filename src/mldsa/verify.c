/* ML-DSA.Verify_internal (FIPS 204 Algorithm 8) and its external-mu form. Verification
 * handles public data only, so it may branch freely. */
#include <string.h>

#include "hash/fips202.h"
#include "mldsa/mldsa.h"
#include "mldsa/ntt.h"
#include "mldsa/pack.h"
#include "mldsa/poly.h"
#include "mldsa/rounding.h"
#include "mldsa/sample.h"
#include "pqsafe/common.h"

#define K PQS_MLDSA_KMAX
#define L PQS_MLDSA_LMAX

typedef struct {
    uint8_t rho[PQS_MLDSA_SEED_BYTES];
    uint8_t ctilde[PQS_MLDSA_CTILDE_MAX], ctilde2[PQS_MLDSA_CTILDE_MAX];
    uint8_t w1buf[PQS_MLDSA_W1_POLY_MAX];
    pqs_mldsa_poly a[K][L];
    pqs_mldsa_poly z[L], h[K], t1[K], w[K];
    pqs_mldsa_poly c, w1;
} verify_state;

/* mu = H(tr || prefix || msg, 64) (Algorithm 8 step 7). */
static void hash_mu(uint8_t mu[PQS_MLDSA_MU_BYTES], const uint8_t tr[PQS_MLDSA_TR_BYTES],
                    const uint8_t *prefix, size_t prefix_len, const uint8_t *msg,
                    size_t msg_len)
{
    pqs_keccak_ctx h;
    pqs_shake256_init(&h);
    pqs_keccak_absorb(&h, tr, PQS_MLDSA_TR_BYTES);
    if (prefix_len > 0)
        pqs_keccak_absorb(&h, prefix, prefix_len);
    if (msg_len > 0)
        pqs_keccak_absorb(&h, msg, msg_len);
    pqs_keccak_squeeze(&h, mu, PQS_MLDSA_MU_BYTES);
}

void pqs_mldsa_compute_mu(const pqs_mldsa_params *p, uint8_t mu[PQS_MLDSA_MU_BYTES],
                          const uint8_t *pk, const uint8_t *prefix, size_t prefix_len,
                          const uint8_t *msg, size_t msg_len)
{
    uint8_t tr[PQS_MLDSA_TR_BYTES];
    pqs_shake256(tr, sizeof tr, pk, p->pk_bytes);   /* step 6 */
    hash_mu(mu, tr, prefix, prefix_len, msg, msg_len);
}

/* w'Approx = NTT^-1(A-hat o NTT(z) - NTT(c) o NTT(t1 * 2^d)) (step 9), in [0, q). */
static void approx_w(const pqs_mldsa_params *p, verify_state *s)
{
    pqs_mldsa_vec_ntt(s->z, p->l);
    pqs_mldsa_matrix_mul(s->w, s->a, s->z, p->k, p->l);
    pqs_mldsa_ntt(&s->c);
    for (unsigned i = 0; i < p->k; i++) {
        pqs_mldsa_poly *t1 = &s->t1[i];
        for (unsigned n = 0; n < PQS_MLDSA_N; n++)
            t1->c[n] *= 1 << PQS_MLDSA_D;       /* <= (2^10 - 1) 2^13 = q - 1 */
        pqs_mldsa_ntt(t1);
        pqs_mldsa_poly_pointwise(t1, &s->c, t1);
        pqs_mldsa_poly_sub(&s->w[i], &s->w[i], t1);
        pqs_mldsa_poly_reduce(&s->w[i]);
        pqs_mldsa_invntt_tomont(&s->w[i]);
        pqs_mldsa_poly_freeze(&s->w[i]);
    }
}

/* Steps 1-13 from mu. */
static int verify_core(const pqs_mldsa_params *p, const uint8_t *sig,
                       const uint8_t mu[PQS_MLDSA_MU_BYTES], const uint8_t *pk,
                       verify_state *s)
{
    pqs_keccak_ctx h;
    /* Steps 2-4: a non-canonical hint encoding is a forgery attempt, not a signature. */
    if (pqs_mldsa_sig_decode(p, s->ctilde, s->z, s->h, sig) != 0)
        return PQS_E_VERIFY;
    /* Step 13, first condition, checked early: ||z||inf < gamma1 - beta. */
    for (unsigned j = 0; j < p->l; j++) {
        if (pqs_mldsa_poly_exceeds(&s->z[j], p->gamma1 - (int32_t)p->beta) != 0)
            return PQS_E_VERIFY;
    }
    pqs_mldsa_pk_decode(p, s->rho, s->t1, pk);
    pqs_mldsa_expand_a(p, s->a, s->rho);
    pqs_mldsa_sample_in_ball(p, &s->c, s->ctilde);
    approx_w(p, s);

    /* Steps 10-12: w1' = UseHint(h, w'Approx); c~' = H(mu || w1Encode(w1'), lambda/4). */
    pqs_shake256_init(&h);
    pqs_keccak_absorb(&h, mu, PQS_MLDSA_MU_BYTES);
    for (unsigned i = 0; i < p->k; i++) {
        pqs_mldsa_use_hint(p, &s->w1, &s->h[i], &s->w[i]);
        pqs_mldsa_w1_encode(p, s->w1buf, &s->w1);
        pqs_keccak_absorb(&h, s->w1buf, 32 * p->w1_bits);
    }
    pqs_keccak_squeeze(&h, s->ctilde2, p->ctilde_bytes);
    return memcmp(s->ctilde, s->ctilde2, p->ctilde_bytes) == 0 ? 0 : PQS_E_VERIFY;
}

int pqs_mldsa_verify_mu(const pqs_mldsa_params *p, const uint8_t *sig,
                        const uint8_t mu[PQS_MLDSA_MU_BYTES], const uint8_t *pk)
{
    verify_state s;
    return verify_core(p, sig, mu, pk, &s);
}

int pqs_mldsa_verify_internal(const pqs_mldsa_params *p, const uint8_t *sig,
                              const uint8_t *prefix, size_t prefix_len,
                              const uint8_t *msg, size_t msg_len, const uint8_t *pk)
{
    uint8_t mu[PQS_MLDSA_MU_BYTES];
    pqs_mldsa_compute_mu(p, mu, pk, prefix, prefix_len, msg, msg_len);
    return pqs_mldsa_verify_mu(p, sig, mu, pk);
}
