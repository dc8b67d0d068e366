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

/* A counting sort of the chains by start position (stable; identity without starts).
 * The positions are public (they encode the message the signature reveals). */
void pqs_slhdsa_chain_order(uint16_t *order, const pqs_slhdsa_wots_job *job, unsigned len)
{
    const unsigned total = job->keys * len;
    unsigned k = 0;
    if (job->start == NULL) {
        for (unsigned i = 0; i < total; i++)
            order[i] = (uint16_t)i;
        return;
    }
    for (uint32_t pos = 0; pos < PQS_SLHDSA_W; pos++)
        for (unsigned i = 0; i < total; i++)
            if (job->start[i % len] == pos)
                order[k++] = (uint16_t)i;
}

void pqs_slhdsa_msg_slice(uint8_t *dst, size_t off, size_t len, const uint8_t *const parts[3],
                          const size_t lens[3])
{
    size_t base = 0;
    memset(dst, 0, len);
    for (int i = 0; i < 3; i++) {
        /* The overlap of [base, base + lens[i]) with [off, off + len). */
        size_t lo = off > base ? off : base;
        size_t hi = off + len < base + lens[i] ? off + len : base + lens[i];
        if (lo < hi)
            memcpy(dst + (lo - off), parts[i] + (lo - base), hi - lo);
        base += lens[i];
    }
}
