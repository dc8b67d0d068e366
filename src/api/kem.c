/* Name-based KEM API over each KEM family's table. The API layer validates arguments
 * and draws fresh randomness; a family implements only derandomised functions
 * (src/api/kem_impl.h). On error every output is zeroed. */
#include <string.h>
#include <strings.h>

#include "kem_impl.h"

#define SEED_MAX_BYTES 128

/* The registered families, in listing order. A new family (e.g. the X-Wing hybrid)
 * declares its table in kem_impl.h and is appended here. */
static const pqs_kem *const g_families[] = {pqs_mlkem_algs, pqs_xwing_algs};

const pqs_kem *pqs_kem_at(size_t i)
{
    for (size_t f = 0; f < sizeof g_families / sizeof g_families[0]; f++) {
        for (const pqs_kem *a = g_families[f]; a->name != NULL; a++) {
            if (i-- == 0)
                return a;
        }
    }
    return NULL;
}

const pqs_kem *pqs_kem_find(const char *name)
{
    if (name == NULL)
        return NULL;
    const pqs_kem *a;
    for (size_t i = 0; (a = pqs_kem_at(i)) != NULL; i++) {
        if (strcasecmp(a->name, name) == 0)
            return a;
    }
    return NULL;
}

static const pqs_kem_impl *impl_of(const pqs_kem *kem)
{
    return (const pqs_kem_impl *)kem->impl_;
}

/* Use the caller's seed, or fill fresh with len random bytes. NULL when the random
 * source fails. */
static const uint8_t *seed_or_fresh(const uint8_t *seed, uint8_t fresh[SEED_MAX_BYTES],
                                    size_t len)
{
    if (seed != NULL)
        return seed;
    if (len > SEED_MAX_BYTES || pqs_randombytes(fresh, len) != PQS_OK)
        return NULL;
    return fresh;
}

/* Zero an output buffer that exists: on error no output keeps stale or partial data. */
static void zero_out(uint8_t *out, size_t len)
{
    if (out != NULL)
        pqs_wipe(out, len);
}

int pqs_kem_keypair(const pqs_kem *kem, uint8_t *ek, uint8_t *dk, const uint8_t *seed)
{
    uint8_t fresh[SEED_MAX_BYTES];
    if (kem == NULL)
        return PQS_E_INVALID_ARG;
    int rc = PQS_E_INVALID_ARG;
    if (ek != NULL && dk != NULL) {
        const uint8_t *s = seed_or_fresh(seed, fresh, kem->keygen_seed_bytes);
        rc = s == NULL ? PQS_E_RANDOM : impl_of(kem)->keypair(impl_of(kem)->params, ek, dk, s);
        pqs_wipe(fresh, sizeof fresh);
    }
    if (rc != PQS_OK) {
        zero_out(ek, kem->ek_bytes);
        zero_out(dk, kem->dk_bytes);
    }
    return rc;
}

int pqs_kem_encaps(const pqs_kem *kem, uint8_t *ct, uint8_t *ss, const uint8_t *ek,
                   const uint8_t *seed)
{
    uint8_t fresh[SEED_MAX_BYTES];
    if (kem == NULL)
        return PQS_E_INVALID_ARG;
    int rc = PQS_E_INVALID_ARG;
    if (ct != NULL && ss != NULL && ek != NULL) {
        const uint8_t *s = seed_or_fresh(seed, fresh, kem->encaps_seed_bytes);
        rc = s == NULL ? PQS_E_RANDOM : impl_of(kem)->encaps(impl_of(kem)->params, ct, ss, ek, s);
        pqs_wipe(fresh, sizeof fresh);
    }
    if (rc != PQS_OK) {
        zero_out(ct, kem->ct_bytes);
        zero_out(ss, kem->ss_bytes);
    }
    return rc;
}

int pqs_kem_decaps(const pqs_kem *kem, uint8_t *ss, const uint8_t *ct, const uint8_t *dk)
{
    if (kem == NULL)
        return PQS_E_INVALID_ARG;
    int rc = PQS_E_INVALID_ARG;
    if (ss != NULL && ct != NULL && dk != NULL)
        rc = impl_of(kem)->decaps(impl_of(kem)->params, ss, ct, dk);
    if (rc != PQS_OK)
        zero_out(ss, kem->ss_bytes);
    return rc;
}

int pqs_kem_check_ek(const pqs_kem *kem, const uint8_t *ek)
{
    if (kem == NULL || ek == NULL)
        return PQS_E_INVALID_ARG;
    return impl_of(kem)->check_ek(impl_of(kem)->params, ek);
}

int pqs_kem_check_dk(const pqs_kem *kem, const uint8_t *dk)
{
    if (kem == NULL || dk == NULL)
        return PQS_E_INVALID_ARG;
    return impl_of(kem)->check_dk(impl_of(kem)->params, dk);
}
