/* ML-DSA.Verify_internal (FIPS 204 Algorithm 8) and its external-mu form. Verification
 * handles public data only, so it may branch freely. */
#include <string.h>

#include "hash/fips202.h"
#include "mldsa/backend.h"
#include "mldsa/mldsa.h"
#include "mldsa/pack.h"
#include "mldsa/poly.h"
#include "mldsa/rounding.h"
#include "mldsa/sample.h"
#include "pqsafe/common.h"

#define K PQS_MLDSA_KMAX
#define L PQS_MLDSA_LMAX

typedef struct {
    uint8_t rho[PQS_MLDSA_SEED_BYTES], tr[PQS_MLDSA_TR_BYTES], mu[PQS_MLDSA_MU_BYTES];
    uint8_t ctilde[PQS_MLDSA_CTILDE_MAX], ctilde2[PQS_MLDSA_CTILDE_MAX];
    uint8_t w1buf[K * PQS_MLDSA_W1_POLY_MAX];
    pqs_mldsa_poly a[K][L];
    pqs_mldsa_poly z[L], h[K], t1[K], w[K];
    pqs_mldsa_poly c, w1;
    pqs_mldsa_rej_job aj[K * L];
    pqs_mldsa_ball_job bj;
    pqs_xof_bytes out[2];
    pqs_xof_job jobs[3 + K * L];
} verify_state;

/* Jobs for tr = H(pk, 64) (step 6) and, after it, mu = H(tr || prefix || msg, 64)
 * (step 7); returns 2. */
static size_t mu_jobs(const pqs_mldsa_params *p, pqs_xof_job jobs[2], pqs_xof_bytes out[2],
                      uint8_t tr[PQS_MLDSA_TR_BYTES], uint8_t mu[PQS_MLDSA_MU_BYTES],
                      const uint8_t *pk, const uint8_t *prefix, size_t prefix_len,
                      const uint8_t *msg, size_t msg_len)
{
    jobs[0] = pqs_xof_job_bytes(PQS_SHAKE256_RATE, 0x1F, pk, p->pk_bytes, &out[0], tr,
                                PQS_MLDSA_TR_BYTES);
    jobs[1] = pqs_xof_job_bytes(PQS_SHAKE256_RATE, 0x1F, tr, PQS_MLDSA_TR_BYTES, &out[1], mu,
                                PQS_MLDSA_MU_BYTES);
    jobs[1].in[1] = prefix;
    jobs[1].inlen[1] = prefix_len;
    jobs[1].in[2] = msg;
    jobs[1].inlen[2] = msg_len;
    jobs[1].after = &jobs[0];
    return 2;
}

void pqs_mldsa_compute_mu(const pqs_mldsa_params *p, uint8_t mu[PQS_MLDSA_MU_BYTES],
                          const uint8_t *pk, const uint8_t *prefix, size_t prefix_len,
                          const uint8_t *msg, size_t msg_len)
{
    uint8_t tr[PQS_MLDSA_TR_BYTES];
    pqs_xof_bytes out[2];
    pqs_xof_job jobs[2];
    pqs_xof_run(jobs, mu_jobs(p, jobs, out, tr, mu, pk, prefix, prefix_len, msg, msg_len));
}

/* w'Approx = NTT^-1(A-hat o NTT(z) - NTT(c) o NTT(t1 * 2^d)) (step 9), in [0, q). */
static void approx_w(const pqs_mldsa_params *p, const pqs_mldsa_backend *be, verify_state *s)
{
    pqs_mldsa_vec_ntt(s->z, p->l);
    be->matrix_mul(s->w, s->a, s->z, p->k, p->l);
    be->ntt(&s->c);
    for (unsigned i = 0; i < p->k; i++) {
        pqs_mldsa_poly *t1 = &s->t1[i];
        for (unsigned n = 0; n < PQS_MLDSA_N; n++)
            t1->c[n] *= 1 << PQS_MLDSA_D;       /* <= (2^10 - 1) 2^13 = q - 1 */
        be->ntt(t1);
        be->poly_pointwise(t1, &s->c, t1);
        pqs_mldsa_poly_sub(&s->w[i], &s->w[i], t1);
        pqs_mldsa_poly_reduce(&s->w[i]);
        be->invntt_tomont(&s->w[i]);
        be->poly_freeze(&s->w[i]);
    }
}

/* Steps 1-13; mu given (external mu), or computed from pk, prefix and msg. */
static int verify_core(const pqs_mldsa_params *p, const uint8_t *sig, const uint8_t *mu,
                       const uint8_t *pk, const uint8_t *prefix, size_t prefix_len,
                       const uint8_t *msg, size_t msg_len, verify_state *s)
{
    const pqs_mldsa_backend *be = pqs_mldsa_backend_get();
    pqs_keccak_ctx h;
    /* Steps 2-4: a non-canonical hint encoding is a forgery attempt, not a signature. */
    if (pqs_mldsa_sig_decode(p, s->ctilde, s->z, s->h, sig) != 0)
        return PQS_E_VERIFY;
    /* Step 13, first condition, checked early: ||z||inf < gamma1 - beta. */
    for (unsigned j = 0; j < p->l; j++) {
        if (be->poly_exceeds(&s->z[j], p->gamma1 - (int32_t)p->beta) != 0)
            return PQS_E_VERIFY;
    }
    pqs_mldsa_pk_decode(p, s->rho, s->t1, pk);
    /* One batch: the chain tr, mu (steps 6-7), c = SampleInBall(c~) (step 5) and A-hat
     * (step 5), side by side. */
    size_t n = 0;
    if (mu != NULL)
        memcpy(s->mu, mu, PQS_MLDSA_MU_BYTES);
    else
        n = mu_jobs(p, s->jobs, s->out, s->tr, s->mu, pk, prefix, prefix_len, msg, msg_len);
    s->jobs[n++] = pqs_mldsa_sample_in_ball_job(p, &s->bj, &s->c, NULL, s->ctilde);
    n += pqs_mldsa_expand_a_jobs(p, s->jobs + n, s->aj, s->a, s->rho);
    pqs_xof_run(s->jobs, n);
    approx_w(p, be, s);

    /* Steps 10-12: w1' = UseHint(h, w'Approx); c~' = H(mu || w1Encode(w1'), lambda/4). */
    size_t w1len = 32 * (size_t)p->w1_bits;
    for (unsigned i = 0; i < p->k; i++) {
        be->use_hint(p, &s->w1, &s->h[i], &s->w[i]);
        pqs_mldsa_w1_encode(p, s->w1buf + w1len * i, &s->w1);
    }
    pqs_shake256_init(&h);
    pqs_keccak_absorb(&h, s->mu, PQS_MLDSA_MU_BYTES);
    pqs_keccak_absorb(&h, s->w1buf, w1len * p->k);
    pqs_keccak_squeeze(&h, s->ctilde2, p->ctilde_bytes);
    return memcmp(s->ctilde, s->ctilde2, p->ctilde_bytes) == 0 ? 0 : PQS_E_VERIFY;
}

int pqs_mldsa_verify_mu(const pqs_mldsa_params *p, const uint8_t *sig,
                        const uint8_t mu[PQS_MLDSA_MU_BYTES], const uint8_t *pk)
{
    verify_state s;
    return verify_core(p, sig, mu, pk, NULL, 0, NULL, 0, &s);
}

int pqs_mldsa_verify_internal(const pqs_mldsa_params *p, const uint8_t *sig,
                              const uint8_t *prefix, size_t prefix_len,
                              const uint8_t *msg, size_t msg_len, const uint8_t *pk)
{
    verify_state s;
    return verify_core(p, sig, NULL, pk, prefix, prefix_len, msg, msg_len, &s);
}
