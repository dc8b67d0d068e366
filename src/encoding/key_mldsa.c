/* ML-DSA: the public key (rho, t1) of an expanded private key read without its seed. */
#include "core/error.h"
#include "key.h"


int pqs_mldsa_public_from_private(pqs_key *k)
{
    return pqs_error_set(PQS_E_UNSUPPORTED, "%s: expanded-only private keys are not readable yet",
                         k->alg->name);
}
