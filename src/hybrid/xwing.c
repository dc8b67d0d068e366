/* X-Wing (draft-connolly-cfrg-xwing-kem): ML-KEM-768 and X25519 combined with
 * ss = SHA3-256(ss_M || ss_X || ct_X || pk_X || XWingLabel). The combiner binds the
 * X25519 transcript; ML-KEM's ciphertext needs no binding (it is C2PRI-secure), which
 * is what makes X-Wing cheaper than a generic combiner. */
#include <string.h>

#include "hash/fips202.h"
#include "mlkem/mlkem.h"
#include "pqsafe/kem.h"
#include "x25519.h"
#include "xwing.h"

#define MLKEM_EK PQS_MLKEM768_EK_BYTES
#define MLKEM_DK PQS_MLKEM768_DK_BYTES
#define MLKEM_CT PQS_MLKEM768_CT_BYTES

/* XWingLabel = "\.//^\" (draft §5.3). */
static const uint8_t g_label[6] = {0x5c, 0x2e, 0x2f, 0x2f, 0x5e, 0x5c};

typedef struct {
    uint8_t sk_m[MLKEM_DK];
    uint8_t pk_m[MLKEM_EK];
    uint8_t sk_x[32];
    uint8_t pk_x[32];
} expanded_key;

/* expandDecapsulationKey (draft §5.2): SHAKE256(sk, 96) = d || z || sk_X; pk_X is
 * X25519(sk_X, 9) unless the caller already has it. */
static int expand(expanded_key *e, const uint8_t sk[PQS_XWING_SK_BYTES], const uint8_t *pk_x)
{
    uint8_t seed[96];
    pqs_shake256(seed, sizeof seed, sk, PQS_XWING_SK_BYTES);
    int rc = pqs_mlkem_keypair_derand(&pqs_mlkem768, e->pk_m, e->sk_m, seed, seed + 32);
    memcpy(e->sk_x, seed + 64, 32);
    if (rc == PQS_OK && pk_x != NULL)
        memcpy(e->pk_x, pk_x, 32);
    else if (rc == PQS_OK)
        rc = pqs_x25519_public(e->pk_x, e->sk_x);
    pqs_wipe(seed, sizeof seed);
    return rc;
}

static void combine(uint8_t ss[PQS_XWING_SS_BYTES], const uint8_t ss_m[32], const uint8_t ss_x[32],
                    const uint8_t ct_x[32], const uint8_t pk_x[32])
{
    pqs_keccak_ctx h;
    pqs_sha3_256_init(&h);
    pqs_keccak_absorb(&h, ss_m, 32);
    pqs_keccak_absorb(&h, ss_x, 32);
    pqs_keccak_absorb(&h, ct_x, 32);
    pqs_keccak_absorb(&h, pk_x, 32);
    pqs_keccak_absorb(&h, g_label, sizeof g_label);
    pqs_keccak_squeeze(&h, ss, PQS_XWING_SS_BYTES);
    pqs_keccak_wipe(&h);
}

int pqs_xwing_keypair_derand(uint8_t pk[PQS_XWING_PK_BYTES], uint8_t sk[PQS_XWING_SK_BYTES],
                             const uint8_t seed[32])
{
    expanded_key e;
    int rc = expand(&e, seed, NULL);
    if (rc == PQS_OK) {
        memcpy(pk, e.pk_m, MLKEM_EK);
        memcpy(pk + MLKEM_EK, e.pk_x, 32);
        memmove(sk, seed, PQS_XWING_SK_BYTES);
    }
    pqs_wipe(&e, sizeof e);
    return rc;
}

int pqs_xwing_encaps_derand(uint8_t ct[PQS_XWING_CT_BYTES], uint8_t ss[PQS_XWING_SS_BYTES],
                            const uint8_t pk[PQS_XWING_PK_BYTES],
                            const uint8_t eseed[PQS_XWING_ESEED_BYTES])
{
    uint8_t ss_m[32], ss_x[32], ct_x[32];
    const uint8_t *pk_x = pk + MLKEM_EK, *ek_x = eseed + 32;
    int rc = pqs_x25519_public(ct_x, ek_x);
    if (rc == PQS_OK)
        rc = pqs_x25519(ss_x, ek_x, ct_x, pk_x);   /* ct_X is ek_X's public key */
    if (rc == PQS_OK)
        rc = pqs_mlkem_encaps_derand(&pqs_mlkem768, ct, ss_m, pk, eseed);
    if (rc == PQS_OK) {
        memcpy(ct + MLKEM_CT, ct_x, 32);
        combine(ss, ss_m, ss_x, ct_x, pk_x);
    } else {
        memset(ct, 0, PQS_XWING_CT_BYTES);
        memset(ss, 0, PQS_XWING_SS_BYTES);
    }
    pqs_wipe(ss_m, sizeof ss_m);
    pqs_wipe(ss_x, sizeof ss_x);
    return rc;
}

/* 1 when the 32 bytes are all zero, without a branch or early exit on them. */
static int all_zero(const uint8_t x[32])
{
    uint8_t acc = 0;
    for (size_t i = 0; i < 32; i++)
        acc |= x[i];
    return (int)(((unsigned)acc - 1u) >> 8 & 1u);
}

int pqs_xwing_decaps_ex(uint8_t ss[PQS_XWING_SS_BYTES], const uint8_t ct[PQS_XWING_CT_BYTES],
                        const uint8_t sk[PQS_XWING_SK_BYTES], const uint8_t pk_x[32],
                        int *x_zero)
{
    expanded_key e;
    uint8_t ss_m[32], ss_x[32];
    const uint8_t *ct_x = ct + MLKEM_CT;
    int rc = expand(&e, sk, pk_x);
    if (rc == PQS_OK)
        rc = pqs_mlkem_decaps(&pqs_mlkem768, ss_m, ct, e.sk_m);
    if (rc == PQS_OK)
        rc = pqs_x25519(ss_x, e.sk_x, e.pk_x, ct_x);
    if (x_zero != NULL)
        *x_zero = rc == PQS_OK && all_zero(ss_x);
    if (rc == PQS_OK)
        combine(ss, ss_m, ss_x, ct_x, e.pk_x);
    else
        memset(ss, 0, PQS_XWING_SS_BYTES);
    pqs_wipe(&e, sizeof e);
    pqs_wipe(ss_m, sizeof ss_m);
    pqs_wipe(ss_x, sizeof ss_x);
    return rc;
}

int pqs_xwing_decaps(uint8_t ss[PQS_XWING_SS_BYTES], const uint8_t ct[PQS_XWING_CT_BYTES],
                     const uint8_t sk[PQS_XWING_SK_BYTES])
{
    return pqs_xwing_decaps_ex(ss, ct, sk, NULL, NULL);
}
