/* The ML-KEM entries of the name-based KEM API: the three parameter sets of FIPS 203,
 * each bound to the derandomised functions of mlkem.h through the vtable of kem_impl.h. */
#include "api/kem_impl.h"
#include "mlkem.h"

static int keypair(const void *params, uint8_t *ek, uint8_t *dk, const uint8_t *seed)
{
    /* seed = d || z (Alg. 19 draws them; the API layer supplies them). */
    return pqs_mlkem_keypair_derand(params, ek, dk, seed, seed + PQS_MLKEM_SYM_BYTES);
}

static int encaps(const void *params, uint8_t *ct, uint8_t *ss, const uint8_t *ek,
                  const uint8_t *seed)
{
    return pqs_mlkem_encaps_derand(params, ct, ss, ek, seed);
}

static int decaps(const void *params, uint8_t *ss, const uint8_t *ct, const uint8_t *dk)
{
    return pqs_mlkem_decaps(params, ss, ct, dk);
}

static int check_ek(const void *params, const uint8_t *ek)
{
    return pqs_mlkem_check_ek(params, ek);
}

static int check_dk(const void *params, const uint8_t *dk)
{
    return pqs_mlkem_check_dk(params, dk);
}

#define IMPL(set) {keypair, encaps, decaps, check_ek, check_dk, &(set)}

static const pqs_kem_impl g_impl512 = IMPL(pqs_mlkem512);
static const pqs_kem_impl g_impl768 = IMPL(pqs_mlkem768);
static const pqs_kem_impl g_impl1024 = IMPL(pqs_mlkem1024);

#define ENTRY(name, set, cat, impl)                                                     \
    {name, PQS_##set##_EK_BYTES, PQS_##set##_DK_BYTES, PQS_##set##_CT_BYTES,            \
     PQS_KEM_SS_BYTES, 2 * PQS_MLKEM_SYM_BYTES, PQS_MLKEM_SYM_BYTES, cat, &(impl)}

const pqs_kem pqs_mlkem_algs[] = {
    ENTRY("ML-KEM-512", MLKEM512, 1, g_impl512),
    ENTRY("ML-KEM-768", MLKEM768, 3, g_impl768),
    ENTRY("ML-KEM-1024", MLKEM1024, 5, g_impl1024),
    {0},
};
