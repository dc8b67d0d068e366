/* ML-DSA: the public key (rho, t1) of an expanded private key read without its seed,
 * recomputed from s1 and s2 (FIPS 204 Alg. 6 steps 5-8); pqs_mldsa_pk_from_sk also
 * checks tr = H(pk) so an inconsistent key is refused. */
#include <string.h>

#include "core/error.h"
#include "key.h"
#include "mldsa/mldsa.h"

static const pqs_mldsa_params *params_of(const char *name)
{
    if (strcmp(name, "ML-DSA-44") == 0)
        return &pqs_mldsa44;
    if (strcmp(name, "ML-DSA-65") == 0)
        return &pqs_mldsa65;
    if (strcmp(name, "ML-DSA-87") == 0)
        return &pqs_mldsa87;
    return NULL;
}

int pqs_mldsa_public_from_private(pqs_key *k)
{
    const pqs_mldsa_params *p = params_of(k->alg->name);
    if (p == NULL)
        return pqs_error_set(PQS_E_UNSUPPORTED, "%s keys cannot be read here", k->alg->name);
    if (pqs_mldsa_pk_from_sk(p, k->pub, k->priv) != 0)
        return pqs_error_set(PQS_E_INVALID_KEY, "%s private key is inconsistent (tr does not match)",
                             k->alg->name);
    return PQS_OK;
}
