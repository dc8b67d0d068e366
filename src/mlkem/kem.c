/* ML-KEM.KeyGen_internal, Encaps_internal, Decaps_internal (FIPS 203 Alg. 16, 17, 18)
 * and the input checks of §7.2 and §7.3.
 * dk layout (Alg. 16 step 3): dk_PKE (384k) || ek (384k + 32) || H(ek) (32) || z (32). */
#include "mlkem.h"

#include <string.h>

#include "core/ct.h"
#include "hash/fips202.h"
#include "kpke.h"
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
    pqs_mlkem_kpke_keygen(p, ek, dk, d);
    memcpy(dk + dk_ek_offset(p), ek, p->ek_bytes);
    pqs_sha3_256(dk + dk_h_offset(p), ek, p->ek_bytes);
    memcpy(dk + dk_h_offset(p) + SYM, z, SYM);
    return PQS_OK;
}

int pqs_mlkem_check_ek(const pqs_mlkem_params *p, const uint8_t *ek)
{
    /* §7.2 step 2: ek[0 : 384k] must re-encode to itself (every value < q). The type
     * check (length) is the caller's: a pointer carries no length. */
    int ok = 1;
    for (unsigned i = 0; i < p->k; i++)
        ok &= pqs_mlkem_poly_bytes_canonical(ek + PQS_MLKEM_POLY_BYTES * i);
    return ok ? PQS_OK : PQS_E_INVALID_KEY;
}

int pqs_mlkem_check_dk(const pqs_mlkem_params *p, const uint8_t *dk)
{
    uint8_t h[SYM];
    /* §7.3 step 3: H(dk[384k : 768k + 32]) must equal dk[768k + 32 : 768k + 64]. */
    pqs_sha3_256(h, dk + dk_ek_offset(p), p->ek_bytes);
    uint8_t bad = pqs_ct_memneq(h, dk + dk_h_offset(p), SYM);
    /* Whether the key is well-formed is public: callers learn it from the return code. */
    PQS_CT_DECLASSIFY(&bad, sizeof bad);
    pqs_wipe(h, sizeof h);
    return bad ? PQS_E_INVALID_KEY : PQS_OK;
}

int pqs_mlkem_encaps_derand(const pqs_mlkem_params *p, uint8_t *ct, uint8_t ss[SYM],
                            const uint8_t *ek, const uint8_t m[SYM])
{
    uint8_t in[2 * SYM], kr[2 * SYM];

    if (pqs_mlkem_check_ek(p, ek) != PQS_OK) {
        memset(ct, 0, p->ct_bytes);
        memset(ss, 0, SYM);
        return PQS_E_INVALID_KEY;
    }
    /* Step 1: (K, r) = G(m || H(ek)). */
    memcpy(in, m, SYM);
    pqs_sha3_256(in + SYM, ek, p->ek_bytes);
    pqs_sha3_512(kr, in, sizeof in);
    /* Step 2: c = K-PKE.Encrypt(ek, m, r). */
    pqs_mlkem_kpke_encrypt(p, ct, ek, m, kr + SYM);
    memcpy(ss, kr, SYM);

    pqs_wipe(in, sizeof in);
    pqs_wipe(kr, sizeof kr);
    return PQS_OK;
}

int pqs_mlkem_decaps(const pqs_mlkem_params *p, uint8_t ss[SYM], const uint8_t *ct,
                     const uint8_t *dk)
{
    uint8_t in[2 * SYM], kr[2 * SYM], kbar[SYM];
    uint8_t ct2[PQS_MLKEM_CT_MAX];
    pqs_keccak_ctx j;

    if (pqs_mlkem_check_dk(p, dk) != PQS_OK) {
        memset(ss, 0, SYM);
        return PQS_E_INVALID_KEY;
    }
    const uint8_t *ek = dk + dk_ek_offset(p);
    const uint8_t *h = dk + dk_h_offset(p);
    const uint8_t *z = h + SYM;

    /* Steps 5-6: m' = K-PKE.Decrypt(dk_PKE, c); (K', r') = G(m' || h). */
    pqs_mlkem_kpke_decrypt(p, in, dk, ct);
    memcpy(in + SYM, h, SYM);
    pqs_sha3_512(kr, in, sizeof in);
    /* Step 7: K-bar = J(z || c) = SHAKE256(z || c, 32). */
    pqs_shake256_init(&j);
    pqs_keccak_absorb(&j, z, SYM);
    pqs_keccak_absorb(&j, ct, p->ct_bytes);
    pqs_keccak_squeeze(&j, kbar, SYM);
    /* Steps 8-11: c' = K-PKE.Encrypt(ek_PKE, m', r'); if c != c', K' = K-bar. The
     * comparison and the selection are masks: no branch reveals which key is returned. */
    pqs_mlkem_kpke_encrypt(p, ct2, ek, in, kr + SYM);
    uint8_t reject = pqs_ct_memneq(ct, ct2, p->ct_bytes);
    memcpy(ss, kr, SYM);
    pqs_ct_cmov(ss, kbar, SYM, reject);

    pqs_wipe(in, sizeof in);
    pqs_wipe(kr, sizeof kr);
    pqs_wipe(kbar, sizeof kbar);
    pqs_wipe(ct2, sizeof ct2);
    pqs_keccak_wipe(&j);
    return PQS_OK;
}
