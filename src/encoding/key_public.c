/* Recovering (and checking) the public key of a private key read without its seed. */
#include <stdlib.h>
#include <string.h>

#include "core/error.h"
#include "key.h"

/* ML-KEM: dk = dk_PKE || ek || H(ek) || z (FIPS 203 Alg. 16, step 3); the §7.3 hash
 * check proves ek and H(ek) belong together. */
static int mlkem_public(pqs_key *k)
{
    size_t off = k->priv_len - k->pub_len - 64;
    if (pqs_kem_check_dk(k->kem, k->priv) != PQS_OK)
        return pqs_error_set(PQS_E_INVALID_KEY, "%s private key fails the FIPS 203 hash check",
                             k->alg->name);
    memcpy(k->pub, k->priv + off, k->pub_len);
    return PQS_OK;
}

/* SLH-DSA: sk = SK.seed || SK.prf || PK.seed || PK.root (FIPS 205 §9.1). Recompute the
 * root from the seeds so a corrupted key is refused rather than signing garbage. */
static int slhdsa_public(pqs_key *k)
{
    size_t n = k->priv_len / 4;
    uint8_t *pk = malloc(k->pub_len), *sk = malloc(k->priv_len);
    int rc = pk && sk ? pqs_sig_keypair(k->sig, pk, sk, k->priv) : PQS_E_NOMEM;
    if (rc == PQS_OK && memcmp(pk + n, k->priv + 3 * n, n) != 0)
        rc = pqs_error_set(PQS_E_INVALID_KEY, "%s private key: PK.root does not match the seeds",
                           k->alg->name);
    if (rc == PQS_OK) {
        memcpy(k->pub, k->priv + 2 * n, 2 * n);
        memcpy(k->seed, k->priv, 3 * n);
        k->seed_len = 3 * n;
    }
    if (sk)
        pqs_wipe(sk, k->priv_len);
    free(sk);
    free(pk);
    return rc;
}

/* Raw seed forms (X-Wing): the private key is the seed itself. */
static int seed_public(pqs_key *k)
{
    uint8_t seed[PQS_KEY_MAX_SEED];
    memcpy(seed, k->priv, k->priv_len);
    int rc = pqs_key_expand_seed(k, seed, k->priv_len);
    pqs_wipe(seed, sizeof seed);
    return rc;
}

int pqs_key_public_from_private(pqs_key *k)
{
    if (strncmp(k->alg->name, "ML-KEM-", 7) == 0)
        return mlkem_public(k);
    if (strncmp(k->alg->name, "SLH-DSA-", 8) == 0)
        return slhdsa_public(k);
    if (strcmp(k->alg->name, "X-Wing") == 0)
        return seed_public(k);
    return pqs_mldsa_public_from_private(k);
}
