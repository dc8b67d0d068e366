/* ML-DSA.Sign_internal (FIPS 204 Algorithm 7) and its external-mu form.
 *
 * Constant time: everything derived from sk, rnd and y stays secret except what
 * FIPS 204 makes public by design: rho (it is in pk), c~ (a random-oracle output
 * that reveals nothing about w1 or the key, also for rejected attempts; see the
 * Dilithium round-3 specification section 5.5), the outcome of each rejection
 * check, and the accepted (z, h). */
#include <stddef.h>
#include <string.h>

#include "core/ct.h"
#include "hash/fips202.h"
#include "mldsa/backend.h"
#include "mldsa/challenge.h"
#include "mldsa/mldsa.h"
#include "mldsa/pack.h"
#include "mldsa/poly.h"
#include "mldsa/rounding.h"
#include "mldsa/sample.h"
#include "pqsafe/common.h"

/* FIPS 204 Appendix C: a bounded loop must allow at least 814 iterations; reaching
 * the bound has probability far below 2^-128. */
#define MAX_ATTEMPTS 814

#define K PQS_MLDSA_KMAX
#define L PQS_MLDSA_LMAX

/* The expanded private key (steps 1-5). s1, s2 and t0 stay in the normal domain:
 * they are only ever multiplied by the sparse challenge c (challenge.h), which is
 * exact and cheaper than Algorithm 7's NTT products (steps 2-4 and 17-19, 25).
 * A-hat, public and the largest part, comes last so the wipe can stop before it. */
typedef struct {
    uint8_t rho[PQS_MLDSA_SEED_BYTES], key[PQS_MLDSA_SEED_BYTES], tr[PQS_MLDSA_TR_BYTES];
    uint8_t mu[PQS_MLDSA_MU_BYTES], rhopp[PQS_MLDSA_RHOPP_BYTES];
    pqs_mldsa_spoly s1[L], s2[K];
    pqs_mldsa_poly t0[K];
    pqs_mldsa_poly a[K][L];
} sign_key;

/* The working set of the attempts (steps 10-30). The mask y of the next attempt is
 * sampled while this one hashes its commitment (y[cur ^ 1], from kappa + l): the two
 * are independent, and side by side in the Keccak lanes they cost one batch. */
typedef struct {
    uint8_t ctilde[PQS_MLDSA_CTILDE_MAX];
    uint8_t w1buf[K * PQS_MLDSA_W1_POLY_MAX];
    pqs_mldsa_poly y[2][L], z[L];
    pqs_mldsa_poly w[K], r[K], ct0[K], h[K];
    pqs_mldsa_poly c, w1;
    pqs_mldsa_challenge cs;
    pqs_mldsa_rej_job aj[K * L];
    pqs_mldsa_mask_job mj[L];
    pqs_mldsa_ball_job bj;
    pqs_xof_bytes out[2];
    pqs_xof_job jobs[3 + L + K * L];
} attempt_state;

/* The public outcome of a rejection check (FIPS 204 section 3.6.3 allows it to leak). */
static int declassified_nonzero(uint32_t flag)
{
    PQS_CT_DECLASSIFY(&flag, sizeof flag);
    return flag != 0;
}

/* c~ is public by design (see the top of this file): declassified as soon as it is
 * squeezed, before SampleInBall branches on it. */
static int ctilde_sink(void *arg, const uint8_t *block, size_t len)
{
    pqs_xof_bytes *o = arg;
    int done = pqs_xof_sink_bytes(o, block, len);
    PQS_CT_DECLASSIFY(o->out, o->len);
    return done;
}

/* Steps 11-16 on y = s->y[cur]: w = NTT^-1(A-hat o NTT(y)) in [0, q),
 * c~ = H(mu || w1Encode(w1)) and c = SampleInBall(c~); beside them, the next attempt's
 * mask (step 11 for kappa + l). w1 is only hashed, never branched on. */
static void commit(const pqs_mldsa_params *p, const pqs_mldsa_backend *be, const sign_key *sk,
                   uint16_t kappa, attempt_state *s, unsigned cur)
{
    size_t w1len = 32 * (size_t)p->w1_bits;
    memcpy(s->z, s->y[cur], p->l * sizeof s->z[0]);
    pqs_mldsa_vec_ntt(s->z, p->l);
    be->matrix_mul(s->w, sk->a, s->z, p->k, p->l);
    pqs_mldsa_vec_invntt(s->w, p->k);
    for (unsigned i = 0; i < p->k; i++)
        be->w1_pack(p, s->w1buf + w1len * i, &s->w[i]);   /* w frozen to [0, q) */
    s->jobs[0] = pqs_xof_job_bytes(PQS_SHAKE256_RATE, 0x1F, sk->mu, PQS_MLDSA_MU_BYTES,
                                   &s->out[0], s->ctilde, p->ctilde_bytes);
    s->jobs[0].in[1] = s->w1buf;
    s->jobs[0].inlen[1] = w1len * p->k;
    s->jobs[0].sink = ctilde_sink;
    s->jobs[1] = pqs_mldsa_sample_in_ball_job(p, &s->bj, &s->c, &s->cs, s->ctilde);
    s->jobs[1].after = &s->jobs[0];
    size_t n = 2 + pqs_mldsa_expand_mask_jobs(p, s->jobs + 2, s->mj, s->y[cur ^ 1], sk->rhopp,
                                              (uint16_t)(kappa + p->l));
    pqs_xof_run(s->jobs, n);
}

/* Steps 18, 20, 23 (first half): z = y + c s1, exact; 0 when ||z||inf < gamma1 - beta. */
static uint32_t response(const pqs_mldsa_params *p, const pqs_mldsa_backend *be,
                         const sign_key *sk, attempt_state *s, unsigned cur)
{
    uint32_t bad = 0;
    for (unsigned j = 0; j < p->l; j++)
        bad |= be->response(&s->z[j], &s->cs, &sk->s1[j], &s->y[cur][j],
                            p->gamma1 - (int32_t)p->beta);
    return bad;
}

/* Steps 19, 21, 23 (second half): r = w - c s2 in [0, q); 0 when
 * ||LowBits(r)||inf < gamma2 - beta. */
static uint32_t low_bits_check(const pqs_mldsa_params *p, const pqs_mldsa_backend *be,
                               const sign_key *sk, attempt_state *s)
{
    uint32_t bad = 0;
    for (unsigned i = 0; i < p->k; i++)
        bad |= be->low_check(p, &s->r[i], &s->cs, &sk->s2[i], &s->w[i],
                             p->gamma2 - (int32_t)p->beta);
    return bad;
}

/* Steps 25-28: ct0 = c t0 (exact, |ct0| <= tau 2^12); h = MakeHint(-ct0, w - cs2 + ct0).
 * 0 when ||ct0||inf < gamma2 and h has at most omega ones. */
static uint32_t hint(const pqs_mldsa_params *p, const pqs_mldsa_backend *be, const sign_key *sk,
                     attempt_state *s)
{
    uint32_t bad = 0;
    unsigned ones = 0;
    for (unsigned i = 0; i < p->k; i++) {
        pqs_mldsa_poly *ct0 = &s->ct0[i];
        be->challenge_mul(ct0, &s->cs, &sk->t0[i]);
        bad |= be->poly_exceeds(ct0, p->gamma2);
        pqs_mldsa_poly_add(&s->w1, &s->r[i], ct0);
        be->poly_freeze(&s->w1);      /* w - cs2 + ct0 */
        for (unsigned n = 0; n < PQS_MLDSA_N; n++)
            ct0->c[n] = -ct0->c[n];
        ones += be->make_hint(p, &s->h[i], ct0, &s->w1);
    }
    bad |= (uint32_t)0 - (((uint32_t)p->omega - ones) >> 31);
    return bad;
}

/* One pass of the loop of Algorithm 7: 0 and sig written when accepted, else -1. */
static int attempt(const pqs_mldsa_params *p, const pqs_mldsa_backend *be, uint8_t *sig,
                   const sign_key *sk, uint16_t kappa, attempt_state *s, unsigned cur)
{
    commit(p, be, sk, kappa, s, cur);   /* steps 10-16, with the terms of c in s->cs */
    if (declassified_nonzero(response(p, be, sk, s, cur)))
        return -1;
    if (declassified_nonzero(low_bits_check(p, be, sk, s)))
        return -1;
    if (declassified_nonzero(hint(p, be, sk, s)))
        return -1;
    /* Accepted: (c~, z, h) is the signature, public from here on (step 33). */
    PQS_CT_DECLASSIFY(s->z, p->l * sizeof s->z[0]);
    PQS_CT_DECLASSIFY(s->h, p->k * sizeof s->h[0]);
    pqs_mldsa_sig_encode(p, sig, s->ctilde, s->z, s->h);
    return 0;
}

/* Steps 1 and 5 (decode, A-hat), then mu (given, or step 6), rho'' (step 7) and the
 * loop (steps 8-32). */
static int sign_core(const pqs_mldsa_params *p, uint8_t *sig, const uint8_t *prefix,
                     size_t prefix_len, const uint8_t *msg, size_t msg_len,
                     const uint8_t *mu, const uint8_t *sk_bytes,
                     const uint8_t rnd[PQS_MLDSA_RND_BYTES], sign_key *sk, attempt_state *s)
{
    const pqs_mldsa_backend *be = pqs_mldsa_backend_get();
    /* s1 and s2 are decoded into scratch space of the attempt state, then narrowed. */
    uint32_t bad = pqs_mldsa_sk_decode(p, sk->rho, sk->key, sk->tr, s->z, s->w, sk->t0,
                                       sk_bytes);
    for (unsigned j = 0; j < p->l; j++)
        pqs_mldsa_spoly_from_poly(&sk->s1[j], &s->z[j]);
    for (unsigned i = 0; i < p->k; i++)
        pqs_mldsa_spoly_from_poly(&sk->s2[i], &s->w[i]);
    /* A malformed key (s1 or s2 outside [-eta, eta]) is refused: a property of the key,
     * not of its value. */
    if (declassified_nonzero(bad)) {
        memset(sig, 0, p->sig_bytes);
        return PQS_E_INVALID_KEY;
    }
    PQS_CT_DECLASSIFY(sk->rho, sizeof sk->rho);

    /* One batch: the chain mu = H(tr || M') (step 6, unless given), rho'' =
     * H(K || rnd || mu) (step 7) and the first mask y (step 11), beside A-hat (step 5). */
    size_t n = 0;
    pqs_xof_job *mu_job = NULL;
    if (mu != NULL) {
        memcpy(sk->mu, mu, PQS_MLDSA_MU_BYTES);
    } else {
        mu_job = &s->jobs[n++];
        *mu_job = pqs_xof_job_bytes(PQS_SHAKE256_RATE, 0x1F, sk->tr, PQS_MLDSA_TR_BYTES,
                                    &s->out[0], sk->mu, PQS_MLDSA_MU_BYTES);
        mu_job->in[1] = prefix;
        mu_job->inlen[1] = prefix_len;
        mu_job->in[2] = msg;
        mu_job->inlen[2] = msg_len;
    }
    pqs_xof_job *rhopp_job = &s->jobs[n++];
    *rhopp_job = pqs_xof_job_bytes(PQS_SHAKE256_RATE, 0x1F, sk->key, PQS_MLDSA_SEED_BYTES,
                                   &s->out[1], sk->rhopp, PQS_MLDSA_RHOPP_BYTES);
    rhopp_job->in[1] = rnd;
    rhopp_job->inlen[1] = PQS_MLDSA_RND_BYTES;
    rhopp_job->in[2] = sk->mu;
    rhopp_job->inlen[2] = PQS_MLDSA_MU_BYTES;
    rhopp_job->after = mu_job;
    size_t m = pqs_mldsa_expand_mask_jobs(p, s->jobs + n, s->mj, s->y[0], sk->rhopp, 0);
    for (size_t i = 0; i < m; i++)
        s->jobs[n + i].after = rhopp_job;
    n += m;
    n += pqs_mldsa_expand_a_jobs(p, s->jobs + n, s->aj, sk->a, sk->rho);
    pqs_xof_run(s->jobs, n);

    for (unsigned i = 0; i < MAX_ATTEMPTS; i++) {
        if (attempt(p, be, sig, sk, (uint16_t)(i * p->l), s, i & 1) == 0)
            return 0;
    }
    memset(sig, 0, p->sig_bytes);
    return PQS_E_INTERNAL;
}

/* Wipes what may hold secrets: the key but A-hat, and the working set but the (public)
 * A-hat jobs; of the vectors only the k or l polynomials this parameter set uses (the
 * rest is never written), not the whole of both structures. */
static void wipe_secrets(const pqs_mldsa_params *p, sign_key *sk, attempt_state *s)
{
    size_t kp = p->k * sizeof(pqs_mldsa_poly), lp = p->l * sizeof(pqs_mldsa_poly);
    pqs_wipe(sk, offsetof(sign_key, s1));
    pqs_wipe(sk->s1, p->l * sizeof sk->s1[0]);
    pqs_wipe(sk->s2, p->k * sizeof sk->s2[0]);
    pqs_wipe(sk->t0, kp);
    pqs_wipe(s->ctilde, sizeof s->ctilde);
    pqs_wipe(s->w1buf, sizeof s->w1buf);
    pqs_wipe(s->y[0], lp);
    pqs_wipe(s->y[1], lp);
    pqs_wipe(s->z, lp);
    pqs_wipe(s->w, kp);
    pqs_wipe(s->r, kp);
    pqs_wipe(s->ct0, kp);
    pqs_wipe(s->h, kp);
    pqs_wipe(&s->c, offsetof(attempt_state, aj) - offsetof(attempt_state, c));
    pqs_wipe(s->mj, sizeof s->mj);
}

static int sign_wiped(const pqs_mldsa_params *p, uint8_t *sig, const uint8_t *prefix,
                      size_t prefix_len, const uint8_t *msg, size_t msg_len,
                      const uint8_t *mu, const uint8_t *sk_bytes,
                      const uint8_t rnd[PQS_MLDSA_RND_BYTES])
{
    sign_key sk;
    attempt_state s;
    int rc = sign_core(p, sig, prefix, prefix_len, msg, msg_len, mu, sk_bytes, rnd, &sk, &s);
    wipe_secrets(p, &sk, &s);
    return rc;
}

int pqs_mldsa_sign_internal(const pqs_mldsa_params *p, uint8_t *sig,
                            const uint8_t *prefix, size_t prefix_len,
                            const uint8_t *msg, size_t msg_len, const uint8_t *sk,
                            const uint8_t rnd[PQS_MLDSA_RND_BYTES])
{
    return sign_wiped(p, sig, prefix, prefix_len, msg, msg_len, NULL, sk, rnd);
}

int pqs_mldsa_sign_mu(const pqs_mldsa_params *p, uint8_t *sig,
                      const uint8_t mu[PQS_MLDSA_MU_BYTES], const uint8_t *sk,
                      const uint8_t rnd[PQS_MLDSA_RND_BYTES])
{
    return sign_wiped(p, sig, NULL, 0, NULL, 0, mu, sk, rnd);
}
