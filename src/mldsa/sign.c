/* ML-DSA.Sign_internal (FIPS 204 Algorithm 7) and its external-mu form.
 *
 * Constant time: everything derived from sk, rnd and y stays secret except what
 * FIPS 204 makes public by design: rho (it is in pk), c~ (a random-oracle output
 * that reveals nothing about w1 or the key, also for rejected attempts; see the
 * Dilithium round-3 specification section 5.5), the outcome of each rejection
 * check, and the accepted (z, h). */
#include <string.h>

#include "core/ct.h"
#include "hash/fips202.h"
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
 * exact and cheaper than Algorithm 7's NTT products (steps 2-4 and 17-19, 25). */
typedef struct {
    uint8_t rho[PQS_MLDSA_SEED_BYTES], key[PQS_MLDSA_SEED_BYTES], tr[PQS_MLDSA_TR_BYTES];
    uint8_t mu[PQS_MLDSA_MU_BYTES], rhopp[PQS_MLDSA_RHOPP_BYTES];
    pqs_mldsa_poly a[K][L];
    pqs_mldsa_spoly s1[L], s2[K];
    pqs_mldsa_poly t0[K];
} sign_key;

/* The working set of one attempt (steps 10-30). */
typedef struct {
    uint8_t ctilde[PQS_MLDSA_CTILDE_MAX];
    uint8_t w1buf[PQS_MLDSA_W1_POLY_MAX];
    pqs_mldsa_poly y[L], z[L];
    pqs_mldsa_poly w[K], r[K], ct0[K], h[K];
    pqs_mldsa_poly c, w1;
    pqs_mldsa_challenge cs;
} attempt_state;

/* The public outcome of a rejection check (FIPS 204 section 3.6.3 allows it to leak). */
static int declassified_nonzero(uint32_t flag)
{
    PQS_CT_DECLASSIFY(&flag, sizeof flag);
    return flag != 0;
}

/* Steps 10-15: y, w = NTT^-1(A-hat o NTT(y)) in [0, q), and c~ = H(mu || w1Encode(w1)).
 * w1 is hashed one polynomial at a time, never branched on. */
static void commit(const pqs_mldsa_params *p, const sign_key *sk, uint16_t kappa,
                   attempt_state *s)
{
    pqs_keccak_ctx h;
    pqs_mldsa_expand_mask(p, s->y, sk->rhopp, kappa);
    memcpy(s->z, s->y, p->l * sizeof s->y[0]);
    pqs_mldsa_vec_ntt(s->z, p->l);
    pqs_mldsa_matrix_mul(s->w, sk->a, s->z, p->k, p->l);
    pqs_mldsa_vec_invntt(s->w, p->k);

    pqs_shake256_init(&h);
    pqs_keccak_absorb(&h, sk->mu, PQS_MLDSA_MU_BYTES);
    for (unsigned i = 0; i < p->k; i++) {
        pqs_mldsa_poly_freeze(&s->w[i]);
        pqs_mldsa_highbits(p, &s->w1, &s->w[i]);
        pqs_mldsa_w1_encode(p, s->w1buf, &s->w1);
        pqs_keccak_absorb(&h, s->w1buf, 32 * p->w1_bits);
    }
    pqs_keccak_squeeze(&h, s->ctilde, p->ctilde_bytes);
    pqs_keccak_wipe(&h);
    PQS_CT_DECLASSIFY(s->ctilde, p->ctilde_bytes);
}

/* Steps 18, 20, 23 (first half): z = y + c s1, exact; 0 when ||z||inf < gamma1 - beta. */
static uint32_t response(const pqs_mldsa_params *p, const sign_key *sk, attempt_state *s)
{
    uint32_t bad = 0;
    for (unsigned j = 0; j < p->l; j++) {
        pqs_mldsa_challenge_mul_small(&s->z[j], &s->cs, &sk->s1[j]);
        pqs_mldsa_poly_add(&s->z[j], &s->z[j], &s->y[j]);
        bad |= pqs_mldsa_poly_exceeds(&s->z[j], p->gamma1 - (int32_t)p->beta);
    }
    return bad;
}

/* Steps 19, 21, 23 (second half): r = w - c s2 in [0, q); 0 when
 * ||LowBits(r)||inf < gamma2 - beta. */
static uint32_t low_bits_check(const pqs_mldsa_params *p, const sign_key *sk, attempt_state *s)
{
    uint32_t bad = 0;
    for (unsigned i = 0; i < p->k; i++) {
        pqs_mldsa_challenge_mul_small(&s->r[i], &s->cs, &sk->s2[i]);
        pqs_mldsa_poly_sub(&s->r[i], &s->w[i], &s->r[i]);
        pqs_mldsa_poly_freeze(&s->r[i]);
        pqs_mldsa_lowbits(p, &s->w1, &s->r[i]);
        bad |= pqs_mldsa_poly_exceeds(&s->w1, p->gamma2 - (int32_t)p->beta);
    }
    return bad;
}

/* Steps 25-28: ct0 = c t0 (exact, |ct0| <= tau 2^12); h = MakeHint(-ct0, w - cs2 + ct0).
 * 0 when ||ct0||inf < gamma2 and h has at most omega ones. */
static uint32_t hint(const pqs_mldsa_params *p, const sign_key *sk, attempt_state *s)
{
    uint32_t bad = 0;
    unsigned ones = 0;
    for (unsigned i = 0; i < p->k; i++) {
        pqs_mldsa_poly *ct0 = &s->ct0[i];
        pqs_mldsa_challenge_mul(ct0, &s->cs, &sk->t0[i]);
        bad |= pqs_mldsa_poly_exceeds(ct0, p->gamma2);
        pqs_mldsa_poly_add(&s->w1, &s->r[i], ct0);
        pqs_mldsa_poly_freeze(&s->w1);      /* w - cs2 + ct0 */
        for (unsigned n = 0; n < PQS_MLDSA_N; n++)
            ct0->c[n] = -ct0->c[n];
        ones += pqs_mldsa_make_hint(p, &s->h[i], ct0, &s->w1);
    }
    bad |= (uint32_t)0 - (((uint32_t)p->omega - ones) >> 31);
    return bad;
}

/* One pass of the loop of Algorithm 7: 0 and sig written when accepted, else -1. */
static int attempt(const pqs_mldsa_params *p, uint8_t *sig, const sign_key *sk,
                   uint16_t kappa, attempt_state *s)
{
    commit(p, sk, kappa, s);
    pqs_mldsa_sample_in_ball(p, &s->c, s->ctilde);   /* step 16 */
    pqs_mldsa_challenge_from_poly(&s->cs, &s->c);
    if (declassified_nonzero(response(p, sk, s)))
        return -1;
    if (declassified_nonzero(low_bits_check(p, sk, s)))
        return -1;
    if (declassified_nonzero(hint(p, sk, s)))
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
    pqs_keccak_ctx h;
    /* s1 and s2 are decoded into scratch space of the attempt state, then narrowed. */
    uint32_t bad = pqs_mldsa_sk_decode(p, sk->rho, sk->key, sk->tr, s->y, s->w, sk->t0,
                                       sk_bytes);
    for (unsigned j = 0; j < p->l; j++)
        pqs_mldsa_spoly_from_poly(&sk->s1[j], &s->y[j]);
    for (unsigned i = 0; i < p->k; i++)
        pqs_mldsa_spoly_from_poly(&sk->s2[i], &s->w[i]);
    /* A malformed key (s1 or s2 outside [-eta, eta]) is refused: a property of the key,
     * not of its value. */
    if (declassified_nonzero(bad)) {
        memset(sig, 0, p->sig_bytes);
        return PQS_E_INVALID_KEY;
    }
    PQS_CT_DECLASSIFY(sk->rho, sizeof sk->rho);
    pqs_mldsa_expand_a(p, sk->a, sk->rho);

    if (mu != NULL) {
        memcpy(sk->mu, mu, PQS_MLDSA_MU_BYTES);
    } else {
        pqs_shake256_init(&h);
        pqs_keccak_absorb(&h, sk->tr, PQS_MLDSA_TR_BYTES);
        if (prefix_len > 0)
            pqs_keccak_absorb(&h, prefix, prefix_len);
        if (msg_len > 0)
            pqs_keccak_absorb(&h, msg, msg_len);
        pqs_keccak_squeeze(&h, sk->mu, PQS_MLDSA_MU_BYTES);
    }
    pqs_shake256_init(&h);
    pqs_keccak_absorb(&h, sk->key, PQS_MLDSA_SEED_BYTES);
    pqs_keccak_absorb(&h, rnd, PQS_MLDSA_RND_BYTES);
    pqs_keccak_absorb(&h, sk->mu, PQS_MLDSA_MU_BYTES);
    pqs_keccak_squeeze(&h, sk->rhopp, PQS_MLDSA_RHOPP_BYTES);
    pqs_keccak_wipe(&h);

    for (unsigned n = 0; n < MAX_ATTEMPTS; n++) {
        if (attempt(p, sig, sk, (uint16_t)(n * p->l), s) == 0)
            return 0;
    }
    memset(sig, 0, p->sig_bytes);
    return PQS_E_INTERNAL;
}

static int sign_wiped(const pqs_mldsa_params *p, uint8_t *sig, const uint8_t *prefix,
                      size_t prefix_len, const uint8_t *msg, size_t msg_len,
                      const uint8_t *mu, const uint8_t *sk_bytes,
                      const uint8_t rnd[PQS_MLDSA_RND_BYTES])
{
    sign_key sk;
    attempt_state s;
    int rc = sign_core(p, sig, prefix, prefix_len, msg, msg_len, mu, sk_bytes, rnd, &sk, &s);
    pqs_wipe(&sk, sizeof sk);
    pqs_wipe(&s, sizeof s);
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
