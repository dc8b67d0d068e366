/* Pseudorandom sampling for ML-DSA (FIPS 204 section 7.3), as jobs of the lane
 * scheduler: each sink consumes one XOF block at a time. */
#include "mldsa/sample.h"

#include <string.h>

#include "core/ct.h"
#include "hash/fips202.h"
#include "mldsa/backend.h"
#include "mldsa/pack.h"
#include "pqsafe/common.h"

#define N PQS_MLDSA_N

/* ---- RejNTTPoly (Algorithm 30) with CoeffFromThreeBytes (Algorithm 14). */

unsigned pqs_mldsa_rej_uniform(int32_t *a, unsigned ctr, const uint8_t *buf, size_t len)
{
    for (size_t pos = 0; pos + 3 <= len && ctr < N; pos += 3) {
        uint32_t z = (uint32_t)buf[pos] | (uint32_t)buf[pos + 1] << 8 |
                     (uint32_t)(buf[pos + 2] & 0x7F) << 16;
        if (z < PQS_MLDSA_Q)
            a[ctr++] = (int32_t)z;
    }
    return ctr;
}

/* SHAKE128 blocks (168 bytes) are a multiple of 3: a candidate never straddles two. */
static int rej_sink(void *arg, const uint8_t *block, size_t len)
{
    pqs_mldsa_rej_job *st = arg;
    st->ctr = st->be->rej_uniform(st->a->c, st->ctr, block, len);
    return st->ctr >= N;
}

size_t pqs_mldsa_expand_a_jobs(const pqs_mldsa_params *p, pqs_xof_job *jobs,
                               pqs_mldsa_rej_job st[PQS_MLDSA_KMAX * PQS_MLDSA_LMAX],
                               pqs_mldsa_poly a[PQS_MLDSA_KMAX][PQS_MLDSA_LMAX],
                               const uint8_t rho[PQS_MLDSA_SEED_BYTES])
{
    const pqs_mldsa_backend *be = pqs_mldsa_backend_get();
    size_t n = 0;
    for (unsigned r = 0; r < p->k; r++) {
        for (unsigned s = 0; s < p->l; s++, n++) {
            /* Algorithm 32 step 3: rho || IntegerToBytes(s, 1) || IntegerToBytes(r, 1). */
            memcpy(st[n].seed, rho, PQS_MLDSA_SEED_BYTES);
            st[n].seed[PQS_MLDSA_SEED_BYTES] = (uint8_t)s;
            st[n].seed[PQS_MLDSA_SEED_BYTES + 1] = (uint8_t)r;
            st[n].a = &a[r][s];
            st[n].ctr = 0;
            st[n].be = be;
            jobs[n] = (pqs_xof_job){.rate = PQS_SHAKE128_RATE, .dsep = 0x1F,
                                    .in = {st[n].seed}, .inlen = {sizeof st[n].seed},
                                    .sink = rej_sink, .arg = &st[n]};
        }
    }
    return n;
}

void pqs_mldsa_expand_a(const pqs_mldsa_params *p,
                        pqs_mldsa_poly a[PQS_MLDSA_KMAX][PQS_MLDSA_LMAX],
                        const uint8_t rho[PQS_MLDSA_SEED_BYTES])
{
    pqs_mldsa_rej_job st[PQS_MLDSA_KMAX * PQS_MLDSA_LMAX];
    pqs_xof_job jobs[PQS_MLDSA_KMAX * PQS_MLDSA_LMAX];
    pqs_xof_run(jobs, pqs_mldsa_expand_a_jobs(p, jobs, st, a, rho));
}

/* ---- RejBoundedPoly (Algorithm 31) with CoeffFromHalfByte (Algorithm 15). */

/* Algorithm 15 for an accepted nibble b: eta = 2 gives 2 - (b mod 5), with
 * b mod 5 = b - 5 * floor(b * 205 / 1024) for b < 15 (no division); eta = 4 gives 4 - b. */
static int32_t coeff_from_half_byte(uint32_t b, unsigned eta)
{
    if (eta == 2)
        return 2 - (int32_t)(b - 5 * ((b * 205) >> 10));
    return 4 - (int32_t)b;
}

/* Low nibble first, then high nibble, of each byte. Whether a nibble is accepted is
 * public by design (FIPS 204 section 3.6.3: rejected nibbles are independent of the kept
 * ones), so the accept bits of a whole block are computed without branches and
 * declassified together; the values stay secret. */
unsigned pqs_mldsa_rej_eta(int32_t *a, unsigned ctr, const uint8_t *buf, size_t len,
                           unsigned eta)
{
    uint8_t ok[2 * PQS_SHAKE256_RATE];
    uint32_t bound = eta == 2 ? 15 : 9;
    for (size_t i = 0; i < 2 * len; i++) {
        uint32_t b = (uint32_t)(buf[i / 2] >> (4 * (i & 1))) & 0x0F;
        ok[i] = (uint8_t)((b - bound) >> 31);
    }
    PQS_CT_DECLASSIFY(ok, 2 * len);
    /* Branch-free compaction: every candidate is written at the next free slot, which
     * only advances past accepted ones (an unpredictable branch here would cost more
     * than the arithmetic). */
    for (size_t i = 0; i < 2 * len && ctr < N; i++) {
        uint32_t b = (uint32_t)(buf[i / 2] >> (4 * (i & 1))) & 0x0F;
        a[ctr] = coeff_from_half_byte(b, eta);
        ctr += ok[i];
    }
    return ctr;
}

static int eta_sink(void *arg, const uint8_t *block, size_t len)
{
    pqs_mldsa_eta_job *st = arg;
    st->ctr = st->be->rej_eta(st->a->c, st->ctr, block, len, st->eta);
    if (st->ctr < N)
        return 0;
    pqs_wipe(st->seed, sizeof st->seed);
    return 1;
}

size_t pqs_mldsa_expand_s_jobs(const pqs_mldsa_params *p, pqs_xof_job *jobs,
                               pqs_mldsa_eta_job st[PQS_MLDSA_KMAX + PQS_MLDSA_LMAX],
                               pqs_mldsa_poly s1[PQS_MLDSA_LMAX],
                               pqs_mldsa_poly s2[PQS_MLDSA_KMAX],
                               const uint8_t rhop[PQS_MLDSA_RHOPP_BYTES])
{
    const pqs_mldsa_backend *be = pqs_mldsa_backend_get();
    /* Algorithm 33: s1[r] from rho' || IntegerToBytes(r, 2), s2[r] from r + l. */
    for (unsigned r = 0; r < p->l + p->k; r++) {
        memcpy(st[r].seed, rhop, PQS_MLDSA_RHOPP_BYTES);
        st[r].seed[PQS_MLDSA_RHOPP_BYTES] = (uint8_t)r;
        st[r].seed[PQS_MLDSA_RHOPP_BYTES + 1] = 0;
        st[r].a = r < p->l ? &s1[r] : &s2[r - p->l];
        st[r].ctr = 0;
        st[r].eta = p->eta;
        st[r].be = be;
        jobs[r] = (pqs_xof_job){.rate = PQS_SHAKE256_RATE, .dsep = 0x1F, .in = {st[r].seed},
                                .inlen = {sizeof st[r].seed}, .sink = eta_sink, .arg = &st[r]};
    }
    return p->l + p->k;
}

void pqs_mldsa_expand_s(const pqs_mldsa_params *p, pqs_mldsa_poly s1[PQS_MLDSA_LMAX],
                        pqs_mldsa_poly s2[PQS_MLDSA_KMAX],
                        const uint8_t rhop[PQS_MLDSA_RHOPP_BYTES])
{
    pqs_mldsa_eta_job st[PQS_MLDSA_KMAX + PQS_MLDSA_LMAX];
    pqs_xof_job jobs[PQS_MLDSA_KMAX + PQS_MLDSA_LMAX];
    pqs_xof_run(jobs, pqs_mldsa_expand_s_jobs(p, jobs, st, s1, s2, rhop));
}

/* ---- ExpandMask (Algorithm 34): 32 z_bits bytes of SHAKE256 per polynomial. */

static int mask_sink(void *arg, const uint8_t *block, size_t len)
{
    pqs_mldsa_mask_job *st = arg;
    size_t want = 32 * (size_t)st->p->z_bits;
    size_t take = want - st->got < len ? want - st->got : len;
    memcpy(st->buf + st->got, block, take);
    st->got += take;
    if (st->got < want)
        return 0;
    /* Step 5: BitUnpack(v, gamma1 - 1, gamma1). */
    st->be->unpack_bits(st->y, st->buf, st->p->z_bits, st->p->gamma1, -1);
    pqs_wipe(st->buf, sizeof st->buf);
    return 1;
}

size_t pqs_mldsa_expand_mask_jobs(const pqs_mldsa_params *p, pqs_xof_job *jobs,
                                  pqs_mldsa_mask_job st[PQS_MLDSA_LMAX],
                                  pqs_mldsa_poly y[PQS_MLDSA_LMAX],
                                  const uint8_t rhopp[PQS_MLDSA_RHOPP_BYTES], uint16_t kappa)
{
    const pqs_mldsa_backend *be = pqs_mldsa_backend_get();
    /* (r < LMAX always holds; it tells the compiler the bound of st.) */
    for (unsigned r = 0; r < p->l && r < PQS_MLDSA_LMAX; r++) {
        /* Step 4: rho'' || IntegerToBytes(kappa + r, 2). */
        uint16_t n = (uint16_t)(kappa + r);
        st[r].nonce[0] = (uint8_t)n;
        st[r].nonce[1] = (uint8_t)(n >> 8);
        st[r].got = 0;
        st[r].p = p;
        st[r].y = &y[r];
        st[r].be = be;
        jobs[r] = (pqs_xof_job){.rate = PQS_SHAKE256_RATE, .dsep = 0x1F,
                                .in = {rhopp, st[r].nonce},
                                .inlen = {PQS_MLDSA_RHOPP_BYTES, sizeof st[r].nonce},
                                .sink = mask_sink, .arg = &st[r]};
    }
    return p->l;
}

void pqs_mldsa_expand_mask(const pqs_mldsa_params *p, pqs_mldsa_poly y[PQS_MLDSA_LMAX],
                           const uint8_t rhopp[PQS_MLDSA_RHOPP_BYTES], uint16_t kappa)
{
    pqs_mldsa_mask_job st[PQS_MLDSA_LMAX];
    pqs_xof_job jobs[PQS_MLDSA_LMAX];
    pqs_xof_run(jobs, pqs_mldsa_expand_mask_jobs(p, jobs, st, y, rhopp, kappa));
}

/* ---- SampleInBall (Algorithm 29). */

static int ball_sink(void *arg, const uint8_t *block, size_t len)
{
    pqs_mldsa_ball_job *st = arg;
    size_t pos = 0;
    if (!st->started) {
        /* Steps 3-4: the first 8 bytes give tau sign bits, least significant first. */
        st->signs = 0;
        for (unsigned i = 0; i < 8; i++)
            st->signs |= (uint64_t)block[i] << (8 * i);
        memset(st->c, 0, sizeof *st->c);
        st->i = PQS_MLDSA_N - st->p->tau;
        st->started = 1;
        pos = 8;
    }
    while (st->i < PQS_MLDSA_N && pos < len) {
        unsigned j = block[pos++];
        if (j > st->i)   /* steps 6-9: reject j > i */
            continue;
        int32_t moved = st->c->c[j], sign = 1 - 2 * (int32_t)(st->signs & 1);
        /* steps 10-11: c_i = c_j, c_j = (-1)^h[i + tau - 256] */
        st->c->c[st->i] = moved;
        st->c->c[j] = sign;
        st->signs >>= 1;
        if (st->list != NULL) {
            pqs_mldsa_challenge *l = st->list;
            if (moved != 0) {   /* the term at j moves to i */
                l->pos[st->slot[j]] = (uint8_t)st->i;
                st->slot[st->i] = st->slot[j];
            }
            st->slot[j] = (uint8_t)l->n;
            l->pos[l->n] = (uint8_t)j;
            l->neg[l->n] = sign < 0;
            l->n++;
        }
        st->i++;
    }
    return st->i == PQS_MLDSA_N;
}

pqs_xof_job pqs_mldsa_sample_in_ball_job(const pqs_mldsa_params *p, pqs_mldsa_ball_job *st,
                                         pqs_mldsa_poly *c, pqs_mldsa_challenge *list,
                                         const uint8_t *ctilde)
{
    st->p = p;
    st->c = c;
    st->list = list;
    if (list != NULL)
        list->n = 0;
    st->started = 0;
    return (pqs_xof_job){.rate = PQS_SHAKE256_RATE, .dsep = 0x1F, .in = {ctilde},
                         .inlen = {p->ctilde_bytes}, .sink = ball_sink, .arg = st};
}

void pqs_mldsa_sample_in_ball(const pqs_mldsa_params *p, pqs_mldsa_poly *c,
                              const uint8_t *ctilde)
{
    pqs_mldsa_ball_job st;
    pqs_xof_job job = pqs_mldsa_sample_in_ball_job(p, &st, c, NULL, ctilde);
    pqs_xof_run(&job, 1);
}
