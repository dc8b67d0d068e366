/* ML-DSA.KeyGen_internal (FIPS 204 Algorithm 6), and the public key recomputed from
 * an expanded private key (for key files that carry only the expanded form). */
#include <stddef.h>
#include <string.h>

#include "core/ct.h"
#include "hash/fips202.h"
#include "mldsa/backend.h"
#include "mldsa/mldsa.h"
#include "mldsa/pack.h"
#include "mldsa/poly.h"
#include "mldsa/rounding.h"
#include "mldsa/sample.h"
#include "pqsafe/common.h"

/* The secrets first: the wipe stops at tr, where the public part begins (A-hat, the
 * largest, and what pk is made of). */
typedef struct {
    uint8_t seeds[2 * PQS_MLDSA_SEED_BYTES + PQS_MLDSA_RHOPP_BYTES];   /* rho, rho', K */
    pqs_mldsa_poly s1[PQS_MLDSA_LMAX], s1hat[PQS_MLDSA_LMAX], s2[PQS_MLDSA_KMAX];
    pqs_mldsa_poly t[PQS_MLDSA_KMAX], t0[PQS_MLDSA_KMAX];
    pqs_mldsa_poly t0_given[PQS_MLDSA_KMAX];
    pqs_mldsa_eta_job sj[PQS_MLDSA_KMAX + PQS_MLDSA_LMAX];
    /* public */
    uint8_t tr[PQS_MLDSA_TR_BYTES], tr2[PQS_MLDSA_TR_BYTES];
    pqs_mldsa_poly t1[PQS_MLDSA_KMAX];
    pqs_mldsa_poly a[PQS_MLDSA_KMAX][PQS_MLDSA_LMAX];
    pqs_mldsa_rej_job aj[PQS_MLDSA_KMAX * PQS_MLDSA_LMAX];
    pqs_xof_job jobs[PQS_MLDSA_KMAX * PQS_MLDSA_LMAX + PQS_MLDSA_KMAX + PQS_MLDSA_LMAX];
} keygen_state;

/* Steps 5-6 from A-hat, s1, s2: t = NTT^-1(A-hat o NTT(s1)) + s2 in [0, q), and
 * (t1, t0) = Power2Round(t). */
static void compute_t(const pqs_mldsa_params *p, keygen_state *st)
{
    const pqs_mldsa_backend *be = pqs_mldsa_backend_get();
    memcpy(st->s1hat, st->s1, p->l * sizeof st->s1[0]);
    pqs_mldsa_vec_ntt(st->s1hat, p->l);
    be->matrix_mul(st->t, st->a, st->s1hat, p->k, p->l);
    pqs_mldsa_vec_invntt(st->t, p->k);
    for (unsigned i = 0; i < p->k; i++) {
        pqs_mldsa_poly_add(&st->t[i], &st->t[i], &st->s2[i]);
        be->poly_freeze(&st->t[i]);
        be->power2round(&st->t1[i], &st->t0[i], &st->t[i]);
    }
}

int pqs_mldsa_keypair_internal(const pqs_mldsa_params *p, uint8_t *pk, uint8_t *sk,
                               const uint8_t xi[PQS_MLDSA_SEED_BYTES])
{
    keygen_state st;
    pqs_keccak_ctx h;
    const uint8_t kl[2] = {(uint8_t)p->k, (uint8_t)p->l};
    uint8_t *rho = st.seeds, *rhop = st.seeds + PQS_MLDSA_SEED_BYTES;
    uint8_t *key = rhop + PQS_MLDSA_RHOPP_BYTES;

    /* Step 1: (rho, rho', K) = H(xi || k || l, 128); rho is public (it is in pk). */
    pqs_shake256_init(&h);
    pqs_keccak_absorb(&h, xi, PQS_MLDSA_SEED_BYTES);
    pqs_keccak_absorb(&h, kl, sizeof kl);
    pqs_keccak_squeeze(&h, st.seeds, sizeof st.seeds);
    pqs_keccak_wipe(&h);
    PQS_CT_DECLASSIFY(rho, PQS_MLDSA_SEED_BYTES);

    /* Steps 3-4: A-hat and (s1, s2) in one batch, the longer A-hat jobs first. */
    size_t n = pqs_mldsa_expand_a_jobs(p, st.jobs, st.aj, st.a, rho);
    n += pqs_mldsa_expand_s_jobs(p, st.jobs + n, st.sj, st.s1, st.s2, rhop);
    pqs_xof_run(st.jobs, n);
    compute_t(p, &st);

    /* Steps 8-10: pk is public by definition; tr = H(pk, 64). */
    pqs_mldsa_pk_encode(p, pk, rho, st.t1);
    PQS_CT_DECLASSIFY(pk, p->pk_bytes);
    pqs_shake256(st.tr, sizeof st.tr, pk, p->pk_bytes);
    pqs_mldsa_sk_encode(p, sk, rho, key, st.tr, st.s1, st.s2, st.t0);

    pqs_wipe(&st, offsetof(keygen_state, tr));
    return 0;
}

/* 0xFFFFFFFF when the polynomials differ anywhere (constant time). */
static uint32_t polys_differ(const pqs_mldsa_poly *a, const pqs_mldsa_poly *b, unsigned n)
{
    uint32_t acc = 0;
    for (unsigned i = 0; i < n; i++) {
        for (unsigned j = 0; j < PQS_MLDSA_N; j++)
            acc |= (uint32_t)(a[i].c[j] ^ b[i].c[j]);
    }
    return pqs_ct_mask_nonzero_u32(acc);
}

/* The key is consistent when s1, s2 are in range, t0 is what KeyGen would derive
 * from rho, s1, s2, and tr = H(pk). Only that verdict is declassified. */
int pqs_mldsa_pk_from_sk(const pqs_mldsa_params *p, uint8_t *pk, const uint8_t *sk)
{
    keygen_state st;
    uint8_t *rho = st.seeds, *key = st.seeds + PQS_MLDSA_SEED_BYTES;
    uint32_t bad = pqs_mldsa_sk_decode(p, rho, key, st.tr, st.s1, st.s2, st.t0_given, sk);
    PQS_CT_DECLASSIFY(rho, PQS_MLDSA_SEED_BYTES);
    pqs_mldsa_expand_a(p, st.a, rho);
    compute_t(p, &st);
    bad |= polys_differ(st.t0, st.t0_given, p->k);
    pqs_mldsa_pk_encode(p, pk, rho, st.t1);
    pqs_shake256(st.tr2, sizeof st.tr2, pk, p->pk_bytes);
    bad |= pqs_ct_memneq(st.tr, st.tr2, sizeof st.tr);
    pqs_wipe(&st, offsetof(keygen_state, tr));
    PQS_CT_DECLASSIFY(&bad, sizeof bad);
    if (bad != 0) {
        memset(pk, 0, p->pk_bytes);
        return PQS_E_INVALID_KEY;
    }
    PQS_CT_DECLASSIFY(pk, p->pk_bytes);
    return 0;
}
