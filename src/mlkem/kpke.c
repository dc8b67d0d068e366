/* K-PKE.KeyGen, K-PKE.Encrypt and K-PKE.Decrypt (FIPS 203 Alg. 13, 14, 15).
 * Vectors in T_q are multiplied with one Montgomery reduction per coefficient over the
 * whole inner product (ntt.c); secrets are wiped before returning. */
#include "kpke.h"

#include <string.h>

#include "compress.h"
#include "core/ct.h"
#include "hash/fips202.h"
#include "ntt.h"
#include "pqsafe/common.h"
#include "sampling.h"

/* out[i] = 2^-16 * sum_j M[i][j] o v[j] in T_q, with M = A-hat (transposed = 0, as in
 * Alg. 13 step 18) or its transpose (transposed = 1, Alg. 14 step 19). The matrix is
 * sampled one row at a time: A-hat[i][j] = SampleNTT(rho || j || i) (Alg. 13 steps 3-7,
 * Alg. 14 steps 4-8). */
static void matvec(const pqs_mlkem_params *p, pqs_mlkem_poly *out,
                   const uint8_t rho[PQS_MLKEM_SYM_BYTES], int transposed,
                   const pqs_mlkem_poly *v, const pqs_mlkem_mulcache *vx)
{
    uint8_t seed[PQS_MLKEM_SYM_BYTES + 2];
    pqs_mlkem_poly row[PQS_MLKEM_K_MAX];

    memcpy(seed, rho, PQS_MLKEM_SYM_BYTES);
    /* rho is public by design (the tail of ek); SampleNTT's rejection loop may branch on
     * it. In Decaps it is read from dk, which the constant-time test marks secret. */
    PQS_CT_DECLASSIFY(seed, PQS_MLKEM_SYM_BYTES);
    for (unsigned i = 0; i < p->k; i++) {
        for (unsigned j = 0; j < p->k; j++) {
            seed[PQS_MLKEM_SYM_BYTES] = (uint8_t)(transposed ? i : j);
            seed[PQS_MLKEM_SYM_BYTES + 1] = (uint8_t)(transposed ? j : i);
            pqs_mlkem_sample_ntt(&row[j], seed);
        }
        pqs_mlkem_basemul_acc(&out[i], row, v, vx, p->k);
    }
}

/* Sample k polynomials with consecutive PRF nonces starting at *nonce (Alg. 13 steps
 * 8-15, Alg. 14 steps 9-16). */
static void sample_vec(const pqs_mlkem_params *p, pqs_mlkem_poly *v,
                       const uint8_t seed[PQS_MLKEM_SYM_BYTES], uint8_t *nonce, unsigned eta)
{
    for (unsigned i = 0; i < p->k; i++)
        pqs_mlkem_sample_cbd(&v[i], seed, (*nonce)++, eta);
}

void pqs_mlkem_kpke_keygen(const pqs_mlkem_params *p, uint8_t *ek, uint8_t *dk,
                           const uint8_t d[PQS_MLKEM_SYM_BYTES])
{
    uint8_t in[PQS_MLKEM_SYM_BYTES + 1], rho_sigma[2 * PQS_MLKEM_SYM_BYTES];
    pqs_mlkem_poly s[PQS_MLKEM_K_MAX], e[PQS_MLKEM_K_MAX], t[PQS_MLKEM_K_MAX];
    pqs_mlkem_mulcache sx[PQS_MLKEM_K_MAX];
    const uint8_t *rho = rho_sigma, *sigma = rho_sigma + PQS_MLKEM_SYM_BYTES;
    uint8_t nonce = 0;

    /* Step 1: (rho, sigma) = G(d || k); the byte k separates the parameter sets. */
    memcpy(in, d, PQS_MLKEM_SYM_BYTES);
    in[PQS_MLKEM_SYM_BYTES] = (uint8_t)p->k;
    pqs_sha3_512(rho_sigma, in, sizeof in);

    sample_vec(p, s, sigma, &nonce, p->eta1);
    sample_vec(p, e, sigma, &nonce, p->eta1);
    for (unsigned i = 0; i < p->k; i++) {
        pqs_mlkem_ntt(&s[i]);
        pqs_mlkem_ntt(&e[i]);
        pqs_mlkem_mulcache_compute(&sx[i], &s[i]);
    }
    /* Step 18: t-hat = A-hat o s-hat + e-hat; tomont cancels the product's 2^-16. */
    matvec(p, t, rho, 0, s, sx);
    for (unsigned i = 0; i < p->k; i++) {
        pqs_mlkem_poly_tomont(&t[i]);
        pqs_mlkem_poly_add(&t[i], &t[i], &e[i]);
        pqs_mlkem_poly_reduce(&t[i]);
        /* Steps 19-20: ek = ByteEncode_12(t-hat) || rho, dk = ByteEncode_12(s-hat). */
        pqs_mlkem_poly_tobytes(ek + PQS_MLKEM_POLY_BYTES * i, &t[i]);
        pqs_mlkem_poly_tobytes(dk + PQS_MLKEM_POLY_BYTES * i, &s[i]);
    }
    memcpy(ek + PQS_MLKEM_POLY_BYTES * p->k, rho, PQS_MLKEM_SYM_BYTES);

    pqs_wipe(in, sizeof in);
    pqs_wipe(rho_sigma, sizeof rho_sigma);
    pqs_wipe(s, sizeof s);
    pqs_wipe(e, sizeof e);
    pqs_wipe(sx, sizeof sx);
}

void pqs_mlkem_kpke_encrypt(const pqs_mlkem_params *p, uint8_t *c, const uint8_t *ek,
                            const uint8_t m[PQS_MLKEM_SYM_BYTES],
                            const uint8_t r[PQS_MLKEM_SYM_BYTES])
{
    pqs_mlkem_poly t[PQS_MLKEM_K_MAX], y[PQS_MLKEM_K_MAX], e1[PQS_MLKEM_K_MAX];
    pqs_mlkem_poly u[PQS_MLKEM_K_MAX], e2, v, mu;
    pqs_mlkem_mulcache yx[PQS_MLKEM_K_MAX];
    uint8_t nonce = 0;

    /* Steps 2-3: t-hat = ByteDecode_12(ek[0 : 384k]), rho = ek[384k :]. */
    for (unsigned i = 0; i < p->k; i++)
        pqs_mlkem_poly_frombytes(&t[i], ek + PQS_MLKEM_POLY_BYTES * i);

    /* Steps 9-17: y (eta1), e1 (eta2), e2 (eta2) with nonces 0 .. 2k. */
    sample_vec(p, y, r, &nonce, p->eta1);
    sample_vec(p, e1, r, &nonce, p->eta2);
    pqs_mlkem_sample_cbd(&e2, r, nonce, p->eta2);
    for (unsigned i = 0; i < p->k; i++) {
        pqs_mlkem_ntt(&y[i]);
        pqs_mlkem_mulcache_compute(&yx[i], &y[i]);
    }

    /* Steps 19, 22: u = NTT^-1(A-hat^T o y-hat) + e1, c1 = ByteEncode_du(Compress_du(u)). */
    matvec(p, u, ek + PQS_MLKEM_POLY_BYTES * p->k, 1, y, yx);
    for (unsigned i = 0; i < p->k; i++) {
        pqs_mlkem_invntt_frommont(&u[i]);
        pqs_mlkem_poly_add(&u[i], &u[i], &e1[i]);
        pqs_mlkem_poly_reduce(&u[i]);
        pqs_mlkem_poly_compress(c + 32 * p->du * i, &u[i], p->du);
    }

    /* Steps 20-21, 23: v = NTT^-1(t-hat^T o y-hat) + e2 + Decompress_1(ByteDecode_1(m)). */
    pqs_mlkem_basemul_acc(&v, t, y, yx, p->k);
    pqs_mlkem_invntt_frommont(&v);
    pqs_mlkem_poly_frommsg(&mu, m);
    pqs_mlkem_poly_add(&v, &v, &e2);
    pqs_mlkem_poly_add(&v, &v, &mu);
    pqs_mlkem_poly_reduce(&v);
    pqs_mlkem_poly_compress(c + 32 * p->du * p->k, &v, p->dv);

    pqs_wipe(y, sizeof y);
    pqs_wipe(yx, sizeof yx);
    pqs_wipe(e1, sizeof e1);
    pqs_wipe(&e2, sizeof e2);
    pqs_wipe(u, sizeof u);
    pqs_wipe(&v, sizeof v);
    pqs_wipe(&mu, sizeof mu);
}

void pqs_mlkem_kpke_decrypt(const pqs_mlkem_params *p, uint8_t m[PQS_MLKEM_SYM_BYTES],
                            const uint8_t *dk, const uint8_t *c)
{
    pqs_mlkem_poly u[PQS_MLKEM_K_MAX], s[PQS_MLKEM_K_MAX], v, w;
    pqs_mlkem_mulcache ux[PQS_MLKEM_K_MAX];

    /* Steps 1-5: u' = Decompress_du(c1), v' = Decompress_dv(c2), s-hat = ByteDecode_12(dk). */
    for (unsigned i = 0; i < p->k; i++) {
        pqs_mlkem_poly_decompress(&u[i], c + 32 * p->du * i, p->du);
        pqs_mlkem_ntt(&u[i]);
        pqs_mlkem_mulcache_compute(&ux[i], &u[i]);
        pqs_mlkem_poly_frombytes(&s[i], dk + PQS_MLKEM_POLY_BYTES * i);
    }
    pqs_mlkem_poly_decompress(&v, c + 32 * p->du * p->k, p->dv);

    /* Steps 6-7: w = v' - NTT^-1(s-hat^T o NTT(u')), m = ByteEncode_1(Compress_1(w)). */
    pqs_mlkem_basemul_acc(&w, s, u, ux, p->k);
    pqs_mlkem_invntt_frommont(&w);
    pqs_mlkem_poly_sub(&w, &v, &w);
    pqs_mlkem_poly_reduce(&w);
    pqs_mlkem_poly_tomsg(m, &w);

    pqs_wipe(s, sizeof s);
    pqs_wipe(&w, sizeof w);
}
