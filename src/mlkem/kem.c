/* ML-KEM.KeyGen_internal, Encaps_internal, Decaps_internal (FIPS 203 Alg. 16, 17, 18)
 * and the input checks of §7.2 and §7.3.
 * dk layout (Alg. 16 step 3): dk_PKE (384k) || ek (384k + 32) || H(ek) (32) || z (32). */
#include "mlkem.h"

#include <string.h>

#include "core/ct.h"
#include "hash/fips202.h"
#include "backend.h"
#include "kpke.h"
#include "hash/xof_lanes.h"
#include "poly.h"
#include "pqsafe/common.h"

#define SYM PQS_MLKEM_SYM_BYTES

/* Offsets into dk. */
static size_t dk_ek_offset(const pqs_mlkem_params *p)
{
    return PQS_MLKEM_POLY_BYTES * p->k;
}

static size_t dk_h_offset(const pqs_mlkem_params *p)
{
    return dk_ek_offset(p) + p->ek_bytes;
}

int pqs_mlkem_keypair_derand(const pqs_mlkem_params *p, uint8_t *ek, uint8_t *dk,
                             const uint8_t d[SYM], const uint8_t z[SYM])
{
    pqs_mlkem_kpke_keygen(p, ek, dk, d, dk + dk_h_offset(p));
    memcpy(dk + dk_ek_offset(p), ek, p->ek_bytes);
    memcpy(dk + dk_h_offset(p) + SYM, z, SYM);
    return PQS_OK;
}

int pqs_mlkem_check_ek(const pqs_mlkem_params *p, const uint8_t *ek)
{
    /* §7.2 step 2: ek[0 : 384k] must re-encode to itself (every value < q). The type
     * check (length) is the caller's: a pointer carries no length. */
    const pqs_mlkem_backend *be = pqs_mlkem_backend_get();
    int ok = 1;
    for (unsigned i = 0; i < p->k; i++)
        ok &= be->poly_bytes_canonical(ek + PQS_MLKEM_POLY_BYTES * i);
    return ok ? PQS_OK : PQS_E_INVALID_KEY;
}

/* §7.3 step 3: H(dk[384k : 768k + 32]) must equal dk[768k + 32 : 768k + 64]; h is the
 * hash computed. Whether the key is well-formed is public: callers learn it from the
 * return code. */
static int dk_hash_check(const pqs_mlkem_params *p, const uint8_t *dk, const uint8_t h[SYM])
{
    uint8_t bad = pqs_ct_memneq(h, dk + dk_h_offset(p), SYM);
    PQS_CT_DECLASSIFY(&bad, sizeof bad);
    return bad ? PQS_E_INVALID_KEY : PQS_OK;
}

int pqs_mlkem_check_dk(const pqs_mlkem_params *p, const uint8_t *dk)
{
    uint8_t h[SYM];
    pqs_sha3_256(h, dk + dk_ek_offset(p), p->ek_bytes);
    int rc = dk_hash_check(p, dk, h);
    pqs_wipe(h, sizeof h);
    return rc;
}

/* H (SHA3-256, FIPS 203 eq. 4.4) of ek as a job beside the matrix jobs. */
static pqs_xof_job hash_ek_job(const pqs_mlkem_params *p, const uint8_t *ek, pqs_xof_bytes *o,
                               uint8_t h[SYM])
{
    return pqs_xof_job_bytes(PQS_SHA3_256_RATE, 0x06, ek, p->ek_bytes, o, h, SYM);
}

int pqs_mlkem_encaps_derand(const pqs_mlkem_params *p, uint8_t *ct, uint8_t ss[SYM],
                            const uint8_t *ek, const uint8_t m[SYM])
{
    uint8_t h[SYM], kr[2 * SYM];
    pqs_mlkem_matrix at;
    pqs_mlkem_matrix_jobs aj;
    pqs_mlkem_noise nz;
    pqs_xof_job jobs[2 + (2 * PQS_MLKEM_K_MAX + 1) + PQS_MLKEM_K_MAX * PQS_MLKEM_K_MAX];
    pqs_xof_bytes hout, gout;

    if (pqs_mlkem_check_ek(p, ek) != PQS_OK) {
        memset(ct, 0, p->ct_bytes);
        memset(ss, 0, SYM);
        return PQS_E_INVALID_KEY;
    }
    /* One run: the chain H(ek), (K, r) = G(m || H(ek)) (step 1) and the noise of
     * K-PKE.Encrypt from r, beside A-hat^T (Encrypt steps 4-8), which needs ek alone. */
    jobs[0] = hash_ek_job(p, ek, &hout, h);
    jobs[1] = pqs_xof_job_bytes(PQS_SHA3_512_RATE, 0x06, m, SYM, &gout, kr, 2 * SYM);
    jobs[1].in[1] = h;
    jobs[1].inlen[1] = SYM;
    jobs[1].after = &jobs[0];
    size_t n = 2 + pqs_mlkem_noise_jobs_init(p, jobs + 2, &nz, kr + SYM);
    for (size_t i = 2; i < n; i++)
        jobs[i].after = &jobs[1];
    n += pqs_mlkem_matrix_jobs_init(p, jobs + n, &aj, &at, ek + PQS_MLKEM_POLY_BYTES * p->k, 1);
    pqs_xof_run(jobs, n);
    /* Step 2: c = K-PKE.Encrypt(ek, m, r). */
    pqs_mlkem_kpke_encrypt(p, ct, ek, m, &nz, &at);
    memcpy(ss, kr, SYM);

    pqs_wipe(kr, sizeof kr);
    return PQS_OK;
}

int pqs_mlkem_decaps(const pqs_mlkem_params *p, uint8_t ss[SYM], const uint8_t *ct,
                     const uint8_t *dk)
{
    uint8_t in[2 * SYM], kr[2 * SYM], kbar[SYM], h[SYM];
    uint8_t ct2[PQS_MLKEM_CT_MAX];
    pqs_mlkem_matrix at;
    pqs_mlkem_matrix_jobs aj;
    pqs_mlkem_noise nz;
    pqs_xof_job jobs[2 + PQS_MLKEM_K_MAX * PQS_MLKEM_K_MAX];
    pqs_xof_bytes hout, jout;
    const uint8_t *ek = dk + dk_ek_offset(p);
    const uint8_t *z = dk + dk_h_offset(p) + SYM;

    /* One run of everything that depends on dk and c alone: H(ek) for the §7.3 check,
     * K-bar = J(z || c) = SHAKE256(z || c, 32) (step 7) and A-hat^T for the
     * re-encryption; the two long hashes first. */
    jobs[0] = hash_ek_job(p, ek, &hout, h);
    jobs[1] = pqs_xof_job_bytes(PQS_SHAKE256_RATE, 0x1F, z, SYM, &jout, kbar, SYM);
    jobs[1].in[1] = ct;
    jobs[1].inlen[1] = p->ct_bytes;
    size_t n = 2 + pqs_mlkem_matrix_jobs_init(p, jobs + 2, &aj, &at,
                                              ek + PQS_MLKEM_POLY_BYTES * p->k, 1);
    pqs_xof_run(jobs, n);
    int rc = dk_hash_check(p, dk, h);
    if (rc != PQS_OK) {
        memset(ss, 0, SYM);
        goto out;
    }

    /* Steps 5-6: m' = K-PKE.Decrypt(dk_PKE, c); (K', r') = G(m' || h), and the noise
     * of the re-encryption from r' in the same run. */
    pqs_mlkem_kpke_decrypt(p, in, dk, ct);
    memcpy(in + SYM, dk + dk_h_offset(p), SYM);
    jobs[0] = pqs_xof_job_bytes(PQS_SHA3_512_RATE, 0x06, in, sizeof in, &hout, kr, sizeof kr);
    n = 1 + pqs_mlkem_noise_jobs_init(p, jobs + 1, &nz, kr + SYM);
    for (size_t i = 1; i < n; i++)
        jobs[i].after = &jobs[0];
    pqs_xof_run(jobs, n);
    /* Steps 8-11: c' = K-PKE.Encrypt(ek_PKE, m', r'); if c != c', K' = K-bar. The
     * comparison and the selection are masks: no branch reveals which key is returned. */
    pqs_mlkem_kpke_encrypt(p, ct2, ek, in, &nz, &at);
    uint8_t reject = pqs_ct_memneq(ct, ct2, p->ct_bytes);
    memcpy(ss, kr, SYM);
    pqs_ct_cmov(ss, kbar, SYM, reject);

out:
    pqs_wipe(in, sizeof in);
    pqs_wipe(kr, sizeof kr);
    pqs_wipe(kbar, sizeof kbar);
    pqs_wipe(h, sizeof h);
    pqs_wipe(ct2, sizeof ct2);
    return rc;
}
