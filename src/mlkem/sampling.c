/* SampleNTT and SamplePolyCBD (FIPS 203 Alg. 7 and 8). */
#include "sampling.h"

#include <string.h>

#include "backend.h"
#include "hash/fips202.h"
#include "pqsafe/common.h"

/* Alg. 7 steps 4-14 over buf: 12-bit candidates d1, d2 from each 3 bytes, kept when
 * < q. Appends to a[ctr ..] until 256 values are held. The data is public; the main
 * loop still avoids a branch per candidate (acceptance is a coin toss the branch
 * predictor loses): it stores every candidate and advances the count by the
 * comparison, 6 bytes (4 candidates) at a time while 4 free slots remain. */
unsigned pqs_mlkem_rej_uniform(int16_t *a, unsigned ctr, const uint8_t *buf, size_t len)
{
    unsigned n = ctr;
    size_t pos = 0;
    for (; pos + 6 <= len && n + 4 <= PQS_MLKEM_N; pos += 6) {
        const uint64_t w = (uint64_t)buf[pos] | (uint64_t)buf[pos + 1] << 8 |
                           (uint64_t)buf[pos + 2] << 16 | (uint64_t)buf[pos + 3] << 24 |
                           (uint64_t)buf[pos + 4] << 32 | (uint64_t)buf[pos + 5] << 40;
        for (unsigned j = 0; j < 4; j++) {
            const uint16_t d = (uint16_t)((w >> (12 * j)) & 0xFFF);
            a[n] = (int16_t)d;
            n += d < PQS_MLKEM_Q;
        }
    }
    for (; pos + 3 <= len && n < PQS_MLKEM_N; pos += 3) {
        const uint16_t d1 = (uint16_t)(buf[pos] | ((buf[pos + 1] & 0x0F) << 8));
        const uint16_t d2 = (uint16_t)((buf[pos + 1] >> 4) | (buf[pos + 2] << 4));
        if (d1 < PQS_MLKEM_Q)
            a[n++] = (int16_t)d1;
        if (d2 < PQS_MLKEM_Q && n < PQS_MLKEM_N)
            a[n++] = (int16_t)d2;
    }
    return n;
}

/* Alg. 7, one SHAKE128 block at a time: 168 is a multiple of 3, so the 3-byte groups
 * never straddle two blocks. */
static int rej_sink(void *arg, const uint8_t *block, size_t len)
{
    pqs_mlkem_rej_job *st = arg;
    st->ctr = st->be->rej_uniform(st->a->c, st->ctr, block, len);
    return st->ctr >= PQS_MLKEM_N;
}

pqs_xof_job pqs_mlkem_sample_ntt_job(pqs_mlkem_rej_job *st, pqs_mlkem_poly *a,
                                     const uint8_t seed[PQS_MLKEM_SYM_BYTES + 2])
{
    memcpy(st->seed, seed, sizeof st->seed);
    st->a = a;
    st->ctr = 0;
    st->be = pqs_mlkem_backend_get();
    return (pqs_xof_job){.rate = PQS_SHAKE128_RATE, .dsep = 0x1F, .in = {st->seed, NULL, NULL},
                         .inlen = {sizeof st->seed, 0, 0}, .sink = rej_sink, .arg = st};
}

void pqs_mlkem_sample_ntt(pqs_mlkem_poly *a, const uint8_t seed[PQS_MLKEM_SYM_BYTES + 2])
{
    pqs_mlkem_rej_job st;
    pqs_xof_job job = pqs_mlkem_sample_ntt_job(&st, a, seed);
    pqs_xof_run(&job, 1);
}

static uint32_t load32_le(const uint8_t *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static uint32_t load24_le(const uint8_t *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16;
}

/* Alg. 8 for eta = 2, bit-sliced: each 2-bit field of d holds b[2m] + b[2m+1], so a
 * coefficient (4 bits of input) is field 0 minus field 1 of its nibble. */
static void cbd2(pqs_mlkem_poly *r, const uint8_t buf[128])
{
    for (unsigned i = 0; i < PQS_MLKEM_N / 8; i++) {
        const uint32_t t = load32_le(buf + 4 * i);
        const uint32_t d = (t & 0x55555555u) + ((t >> 1) & 0x55555555u);
        for (unsigned j = 0; j < 8; j++) {
            const int16_t x = (int16_t)((d >> (4 * j)) & 3);
            const int16_t y = (int16_t)((d >> (4 * j + 2)) & 3);
            r->c[8 * i + j] = (int16_t)(x - y);
        }
    }
}

/* Alg. 8 for eta = 3: 3-bit fields of d hold sums of 3 input bits; 6 bits per coefficient. */
static void cbd3(pqs_mlkem_poly *r, const uint8_t buf[192])
{
    for (unsigned i = 0; i < PQS_MLKEM_N / 4; i++) {
        const uint32_t t = load24_le(buf + 3 * i);
        const uint32_t d = (t & 0x249249u) + ((t >> 1) & 0x249249u) + ((t >> 2) & 0x249249u);
        for (unsigned j = 0; j < 4; j++) {
            const int16_t x = (int16_t)((d >> (6 * j)) & 7);
            const int16_t y = (int16_t)((d >> (6 * j + 3)) & 7);
            r->c[4 * i + j] = (int16_t)(x - y);
        }
    }
}

void pqs_mlkem_cbd(pqs_mlkem_poly *r, const uint8_t *buf, unsigned eta)
{
    if (eta == 2)
        cbd2(r, buf);
    else
        cbd3(r, buf);
}

/* PRF_eta(sigma, N) = SHAKE256(sigma || N, 64 eta) (FIPS 203 eq. 4.3): 64 eta bytes
 * gathered over one or two blocks, then Alg. 8. The count of bytes is public. */
static int cbd_sink(void *arg, const uint8_t *block, size_t len)
{
    pqs_mlkem_cbd_job *st = arg;
    size_t want = 64 * (size_t)st->eta;
    size_t take = want - st->got < len ? want - st->got : len;
    memcpy(st->buf + st->got, block, take);
    st->got += take;
    if (st->got < want)
        return 0;
    st->be->cbd(st->r, st->buf, st->eta);
    pqs_wipe(st->buf, sizeof st->buf);
    return 1;
}

pqs_xof_job pqs_mlkem_sample_cbd_job(pqs_mlkem_cbd_job *st, pqs_mlkem_poly *r,
                                     const uint8_t sigma[PQS_MLKEM_SYM_BYTES], uint8_t nonce,
                                     unsigned eta)
{
    st->nonce[0] = nonce;
    st->r = r;
    st->eta = eta;
    st->got = 0;
    st->be = pqs_mlkem_backend_get();
    return (pqs_xof_job){.rate = PQS_SHAKE256_RATE, .dsep = 0x1F, .in = {sigma, st->nonce},
                         .inlen = {PQS_MLKEM_SYM_BYTES, 1}, .sink = cbd_sink, .arg = st};
}

void pqs_mlkem_sample_cbd(pqs_mlkem_poly *r, const uint8_t sigma[PQS_MLKEM_SYM_BYTES],
                          uint8_t nonce, unsigned eta)
{
    pqs_mlkem_cbd_job st;
    pqs_xof_job job = pqs_mlkem_sample_cbd_job(&st, r, sigma, nonce, eta);
    pqs_xof_run(&job, 1);
}
