/* The per-operation hash context shared by every SLH-DSA component (see hash.h). */
#include <string.h>

#include "hash.h"
#include "pqsafe/common.h"

void pqs_slhdsa_hctx_init(pqs_slhdsa_hctx *c, const pqs_slhdsa_params *p,
                          const uint8_t *pk_seed, const uint8_t *sk_seed)
{
    memset(c, 0, sizeof *c);
    c->p = p;
    c->n = p->n;
    memcpy(c->pk_seed, pk_seed, p->n);
    if (sk_seed != NULL)
        memcpy(c->sk_seed, sk_seed, p->n);
    p->hash->seed(c);
}

void pqs_slhdsa_hctx_wipe(pqs_slhdsa_hctx *c)
{
    pqs_wipe(c, sizeof *c);
}
