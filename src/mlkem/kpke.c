/* K-PKE.KeyGen, K-PKE.Encrypt and K-PKE.Decrypt (FIPS 203 Alg. 13, 14, 15).
 * Vectors in T_q are multiplied with one Montgomery reduction per coefficient over the
 * whole inner product (ntt.c); secrets are wiped before returning. All the sampling of
 * one step (matrix entries, noise polynomials) runs as one batch of XOF jobs
 * (xof_lanes.h), side by side in the lanes of the batched Keccak permutation. */
#include "kpke.h"

#include <string.h>

#include "backend.h"
#include "core/ct.h"
#include "hash/fips202.h"
#include "pqsafe/common.h"

#define K_MAX PQS_MLKEM_K_MAX

size_t pqs_mlkem_matrix_jobs_init(const pqs_mlkem_params *p, pqs_xof_job *jobs,
                                  pqs_mlkem_matrix_jobs *st, pqs_mlkem_matrix *a,
                                  const uint8_t rho[PQS_MLKEM_SYM_BYTES], int transposed)
{
    uint8_t seed[PQS_MLKEM_SYM_BYTES + 2];
    memcpy(seed, rho, PQS_MLKEM_SYM_BYTES);
    /* SampleNTT's rejection loop branches on rho's output. In Decaps rho is read from
     * dk, which the constant-time test marks secret: rho is public by design. */
    PQS_CT_DECLASSIFY(seed, PQS_MLKEM_SYM_BYTES);
    for (unsigned i = 0; i < p->k; i++) {
        for (unsigned j = 0; j < p->k; j++) {
            seed[PQS_MLKEM_SYM_BYTES] = (uint8_t)(transposed ? i : j);
            seed[PQS_MLKEM_SYM_BYTES + 1] = (uint8_t)(transposed ? j : i);
            jobs[i * p->k + j] =
                pqs_mlkem_sample_ntt_job(&st->e[i * p->k + j], &a->a[i * p->k + j], seed);
        }
    }
    return (size_t)p->k * p->k;
}

/* Jobs for v[i] = SamplePolyCBD_eta(PRF_eta(seed, nonce + i)), i < n (Alg. 13 steps 8-15,
 * Alg. 14 steps 9-17). */
static size_t cbd_jobs(pqs_xof_job *jobs, pqs_mlkem_cbd_job *st, pqs_mlkem_poly *v, unsigned n,
                       const uint8_t seed[PQS_MLKEM_SYM_BYTES], unsigned nonce, unsigned eta)
{
    for (unsigned i = 0; i < n; i++)
        jobs[i] = pqs_mlkem_sample_cbd_job(&st[i], &v[i], seed, (uint8_t)(nonce + i), eta);
    return n;
}

/* Everything KeyGen samples (A-hat, s, e) and works on, and the hash of ek. */
typedef struct {
    const pqs_mlkem_params *p;
    const pqs_mlkem_backend *be;
    uint8_t *ek, *dk;
    pqs_mlkem_matrix a;
    pqs_mlkem_matrix_jobs aj;
    pqs_mlkem_cbd_job nj[2 * K_MAX];
    pqs_xof_job jobs[K_MAX * K_MAX + 2 * K_MAX + 1];
    pqs_xof_bytes hout;
    size_t a0, s0, e0;           /* job indices: A-hat row 0, s, e */
    size_t ek_ready;             /* bytes of ek written so far */
    unsigned rows;               /* rows of t-hat done */
    unsigned e_ntt;              /* bit i: e-hat[i] = NTT(e[i]) done */
    int s_done, early;
    pqs_mlkem_poly s[K_MAX], e[K_MAX], t[K_MAX];
    pqs_mlkem_mulcache sx[K_MAX];
    uint8_t in[PQS_MLKEM_SYM_BYTES + 1], rho_sigma[2 * PQS_MLKEM_SYM_BYTES];
} keygen_state;

static int job_done(const keygen_state *st, size_t i)
{
    return st->jobs[i].state_ == 2;
}

/* Job index of A-hat[i][0]: row 0 comes first in the job list, the other rows after s
 * and e. */
static size_t row_job(const keygen_state *st, unsigned i)
{
    return i == 0 ? st->a0 : st->e0 + st->p->k + (size_t)(i - 1) * st->p->k;
}

/* Steps 18-19 for row i: t-hat[i] = A-hat[i] o s-hat + e-hat[i], encoded into ek.
 * tomont cancels the product's 2^-16. */
static void t_row(keygen_state *st, unsigned i)
{
    const pqs_mlkem_params *p = st->p;
    const pqs_mlkem_backend *be = st->be;
    if (!((st->e_ntt >> i) & 1u)) {
        be->ntt(&st->e[i]);
        st->e_ntt |= 1u << i;
    }
    be->basemul_acc(&st->t[i], &st->a.a[i * p->k], st->s, st->sx, p->k);
    be->poly_tomont(&st->t[i]);
    pqs_mlkem_poly_add(&st->t[i], &st->t[i], &st->e[i]);
    be->poly_reduce(&st->t[i]);
    be->poly_tobytes(st->ek + PQS_MLKEM_POLY_BYTES * i, &st->t[i]);
}

/* Fewest coefficients sampled so far in row 0 of A-hat (a public count). */
static unsigned row0_sampled(const keygen_state *st)
{
    unsigned m = PQS_MLKEM_N;
    for (unsigned j = 0; j < st->p->k; j++)
        m = st->aj.e[j].ctr < m ? st->aj.e[j].ctr : m;
    return m;
}

/* Between sampling rounds: as soon as s and row i of A-hat and e[i] are sampled,
 * t-hat[i] is computed and encoded into ek (step 19), so that H(ek) can absorb it while
 * the rest is still being sampled. H is the longest chain (1184 bytes: 9 permutations
 * for ML-KEM-768), so it starts one round earlier still: once row 0 of A-hat has enough
 * coefficients for the first block of ek (two of its three SHAKE128 blocks), t-hat[0]
 * is computed once early. The coefficient pairs of the NTT domain are independent
 * (Alg. 11), so t-hat[0][0 .. c) is final when A-hat[0][j][0 .. c) is; the rest of that
 * early t-hat[0] (from entries not sampled yet: zeros, or candidates below 2^12 that the
 * samplers store and later overwrite) is not exposed: ek_ready covers only the final
 * bytes, and the row is computed again once complete. Returns whether ek grew. */
static int keygen_progress(void *arg)
{
    keygen_state *st = arg;
    const pqs_mlkem_params *p = st->p;
    const pqs_mlkem_backend *be = st->be;
    size_t ready = st->ek_ready;
    if (!st->s_done) {
        for (unsigned j = 0; j < p->k; j++) {
            if (!job_done(st, st->s0 + j))
                return 0;
        }
        for (unsigned j = 0; j < p->k; j++) {
            be->ntt(&st->s[j]);
            be->mulcache_compute(&st->sx[j], &st->s[j]);
            /* Step 20: dk = ByteEncode_12(s-hat). */
            be->poly_tobytes(st->dk + PQS_MLKEM_POLY_BYTES * j, &st->s[j]);
        }
        st->s_done = 1;
    }
    while (st->rows < p->k) {
        unsigned i = st->rows;
        int done = job_done(st, st->e0 + i);
        for (unsigned j = 0; j < p->k; j++)
            done &= job_done(st, row_job(st, i) + j);
        if (!done) {
            /* ByteEncode_12 packs a pair of coefficients into 3 bytes. */
            unsigned c = i == 0 && !st->early && job_done(st, st->e0) ? row0_sampled(st) : 0;
            if (3 * (c / 2) >= PQS_SHA3_256_RATE) {
                t_row(st, 0);
                st->early = 1;
                st->ek_ready = 3 * (c / 2);
            }
            break;
        }
        t_row(st, i);
        st->rows++;
        /* ek = ByteEncode_12(t-hat) || rho, rho written at the start */
        st->ek_ready = PQS_MLKEM_POLY_BYTES * st->rows +
                       (st->rows == p->k ? PQS_MLKEM_SYM_BYTES : 0);
    }
    return st->ek_ready != ready;
}

void pqs_mlkem_kpke_keygen(const pqs_mlkem_params *p, uint8_t *ek, uint8_t *dk,
                           const uint8_t d[PQS_MLKEM_SYM_BYTES], uint8_t hek[PQS_MLKEM_SYM_BYTES])
{
    keygen_state st;
    const uint8_t *rho = st.rho_sigma, *sigma = st.rho_sigma + PQS_MLKEM_SYM_BYTES;
    st.p = p;
    st.be = pqs_mlkem_backend_get();
    st.ek = ek;
    st.dk = dk;

    /* Step 1: (rho, sigma) = G(d || k); the byte k separates the parameter sets. */
    memcpy(st.in, d, PQS_MLKEM_SYM_BYTES);
    st.in[PQS_MLKEM_SYM_BYTES] = (uint8_t)p->k;
    pqs_sha3_512(st.rho_sigma, st.in, sizeof st.in);
    memcpy(ek + PQS_MLKEM_POLY_BYTES * p->k, rho, PQS_MLKEM_SYM_BYTES);

    /* Steps 3-15 and H(ek) in one run. H(ek) comes first in the list, so that it takes
     * the first lane that frees up once its first block exists (keygen_progress); then
     * row 0 of A-hat, s (nonces 0 .. k-1) and e (k .. 2k-1), which t-hat[0] needs, then
     * the other rows. */
    pqs_xof_job aj[K_MAX * K_MAX];
    pqs_mlkem_matrix_jobs_init(p, aj, &st.aj, &st.a, rho, 0);
    /* the early t-hat[0] reads row 0 beyond what is sampled: zeros there, so that the
     * products stay in range (int32 sums of small values) */
    memset(st.a.a, 0, sizeof st.a.a[0] * p->k);
    size_t n = 0;
    st.ek_ready = 0;
    st.rows = 0;
    st.e_ntt = 0;
    st.s_done = 0;
    st.early = 0;
    st.jobs[n] = pqs_xof_job_bytes(PQS_SHA3_256_RATE, 0x06, ek, p->ek_bytes, &st.hout, hek,
                                   PQS_MLKEM_SYM_BYTES);
    st.jobs[n++].ready = &st.ek_ready;
    st.a0 = n;
    for (unsigned j = 0; j < p->k; j++)
        st.jobs[n++] = aj[j];
    st.s0 = n;
    n += cbd_jobs(st.jobs + n, st.nj, st.s, p->k, sigma, 0, p->eta1);
    st.e0 = n;
    n += cbd_jobs(st.jobs + n, st.nj + p->k, st.e, p->k, sigma, p->k, p->eta1);
    for (unsigned j = p->k; j < p->k * p->k; j++)
        st.jobs[n++] = aj[j];
    pqs_xof_run_hook(st.jobs, n, keygen_progress, &st);

    /* The matrix and ek are public; everything else here is secret. */
    pqs_wipe(st.in, sizeof st.in);
    pqs_wipe(st.rho_sigma, sizeof st.rho_sigma);
    pqs_wipe(st.nj, sizeof st.nj);
    pqs_wipe(st.s, sizeof st.s);
    pqs_wipe(st.e, sizeof st.e);
    pqs_wipe(st.sx, sizeof st.sx);
}

size_t pqs_mlkem_noise_jobs_init(const pqs_mlkem_params *p, pqs_xof_job *jobs,
                                 pqs_mlkem_noise *nz, const uint8_t r[PQS_MLKEM_SYM_BYTES])
{
    /* Steps 9-17: y (eta1), e1 (eta2), e2 (eta2) with nonces 0 .. 2k. */
    size_t n = cbd_jobs(jobs, nz->st, nz->y, p->k, r, 0, p->eta1);
    n += cbd_jobs(jobs + n, nz->st + n, nz->e1, p->k, r, p->k, p->eta2);
    n += cbd_jobs(jobs + n, nz->st + n, &nz->e2, 1, r, 2 * p->k, p->eta2);
    return n;
}

void pqs_mlkem_kpke_encrypt(const pqs_mlkem_params *p, uint8_t *c, const uint8_t *ek,
                            const uint8_t m[PQS_MLKEM_SYM_BYTES], pqs_mlkem_noise *nz,
                            const pqs_mlkem_matrix *at)
{
    const pqs_mlkem_backend *be = pqs_mlkem_backend_get();
    pqs_mlkem_poly t[K_MAX], u[K_MAX], v, mu;
    pqs_mlkem_poly *y = nz->y;
    pqs_mlkem_mulcache yx[K_MAX];

    /* Steps 2-3: t-hat = ByteDecode_12(ek[0 : 384k]); rho (the tail of ek) gave at. */
    for (unsigned i = 0; i < p->k; i++)
        be->poly_frombytes(&t[i], ek + PQS_MLKEM_POLY_BYTES * i);
    /* Step 18: y-hat = NTT(y). */
    for (unsigned i = 0; i < p->k; i++) {
        be->ntt(&y[i]);
        be->mulcache_compute(&yx[i], &y[i]);
    }

    /* Steps 19, 22: u = NTT^-1(A-hat^T o y-hat) + e1, c1 = ByteEncode_du(Compress_du(u)). */
    for (unsigned i = 0; i < p->k; i++) {
        be->basemul_acc(&u[i], &at->a[i * p->k], y, yx, p->k);
        be->invntt_frommont(&u[i]);
        pqs_mlkem_poly_add(&u[i], &u[i], &nz->e1[i]);
        be->poly_reduce(&u[i]);
        be->poly_compress(c + 32 * p->du * i, &u[i], p->du);
    }

    /* Steps 20-21, 23: v = NTT^-1(t-hat^T o y-hat) + e2 + Decompress_1(ByteDecode_1(m)). */
    be->basemul_acc(&v, t, y, yx, p->k);
    be->invntt_frommont(&v);
    be->poly_frommsg(&mu, m);
    pqs_mlkem_poly_add(&v, &v, &nz->e2);
    pqs_mlkem_poly_add(&v, &v, &mu);
    be->poly_reduce(&v);
    be->poly_compress(c + 32 * p->du * p->k, &v, p->dv);

    pqs_wipe(nz, sizeof *nz);
    pqs_wipe(yx, sizeof yx);
    pqs_wipe(u, sizeof u);
    pqs_wipe(&v, sizeof v);
    pqs_wipe(&mu, sizeof mu);
}

void pqs_mlkem_kpke_decrypt(const pqs_mlkem_params *p, uint8_t m[PQS_MLKEM_SYM_BYTES],
                            const uint8_t *dk, const uint8_t *c)
{
    const pqs_mlkem_backend *be = pqs_mlkem_backend_get();
    pqs_mlkem_poly u[K_MAX], s[K_MAX], v, w;
    pqs_mlkem_mulcache ux[K_MAX];

    /* Steps 1-5: u' = Decompress_du(c1), v' = Decompress_dv(c2), s-hat = ByteDecode_12(dk). */
    for (unsigned i = 0; i < p->k; i++) {
        be->poly_decompress(&u[i], c + 32 * p->du * i, p->du);
        be->ntt(&u[i]);
        be->mulcache_compute(&ux[i], &u[i]);
        be->poly_frombytes(&s[i], dk + PQS_MLKEM_POLY_BYTES * i);
    }
    be->poly_decompress(&v, c + 32 * p->du * p->k, p->dv);

    /* Steps 6-7: w = v' - NTT^-1(s-hat^T o NTT(u')), m = ByteEncode_1(Compress_1(w)). */
    be->basemul_acc(&w, s, u, ux, p->k);
    be->invntt_frommont(&w);
    pqs_mlkem_poly_sub(&w, &v, &w);
    be->poly_reduce(&w);
    be->poly_tomsg(m, &w);

    pqs_wipe(s, sizeof s);
    pqs_wipe(&w, sizeof w);
}
