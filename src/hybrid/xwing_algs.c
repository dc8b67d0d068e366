/* The X-Wing entry of the name-based KEM API (pqs_kem_find("X-Wing")). */
#include "api/kem_impl.h"
#include "mlkem/mlkem.h"
#include "pqsafe/common.h"
#include "xwing.h"

static int keypair(const void *params, uint8_t *ek, uint8_t *dk, const uint8_t *seed)
{
    (void)params;
    return pqs_xwing_keypair_derand(ek, dk, seed);
}

static int encaps(const void *params, uint8_t *ct, uint8_t *ss, const uint8_t *ek,
                  const uint8_t *seed)
{
    (void)params;
    return pqs_xwing_encaps_derand(ct, ss, ek, seed);
}

static int decaps(const void *params, uint8_t *ss, const uint8_t *ct, const uint8_t *dk)
{
    (void)params;
    return pqs_xwing_decaps(ss, ct, dk);
}

/* The public key's ML-KEM half must pass FIPS 203 §7.2; any 32 bytes are an X25519 key. */
static int check_ek(const void *params, const uint8_t *ek)
{
    (void)params;
    return pqs_mlkem_check_ek(&pqs_mlkem768, ek);
}

/* The private key is a 32-byte seed: every value is valid. */
static int check_dk(const void *params, const uint8_t *dk)
{
    (void)params, (void)dk;
    return PQS_OK;
}

static const pqs_kem_impl g_impl = {keypair, encaps, decaps, check_ek, check_dk, NULL};

const pqs_kem pqs_xwing_algs[] = {
    {"X-Wing", PQS_XWING_PK_BYTES, PQS_XWING_SK_BYTES, PQS_XWING_CT_BYTES, PQS_XWING_SS_BYTES,
     32, PQS_XWING_ESEED_BYTES, 3, &g_impl},
    {0},
};
