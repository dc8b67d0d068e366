/* Coefficient-wise arithmetic on R_q and ByteEncode_12 / ByteDecode_12 (FIPS 203 §4.2.1). */
#include "poly.h"

#include "encode.h"
#include "reduce.h"

void pqs_mlkem_poly_add(pqs_mlkem_poly *r, const pqs_mlkem_poly *a, const pqs_mlkem_poly *b)
{
    for (unsigned i = 0; i < PQS_MLKEM_N; i++)
        r->c[i] = (int16_t)(a->c[i] + b->c[i]);
}

void pqs_mlkem_poly_sub(pqs_mlkem_poly *r, const pqs_mlkem_poly *a, const pqs_mlkem_poly *b)
{
    for (unsigned i = 0; i < PQS_MLKEM_N; i++)
        r->c[i] = (int16_t)(a->c[i] - b->c[i]);
}

void pqs_mlkem_poly_reduce(pqs_mlkem_poly *r)
{
    for (unsigned i = 0; i < PQS_MLKEM_N; i++)
        r->c[i] = pqs_mlkem_barrett_reduce(r->c[i]);
}

void pqs_mlkem_poly_tomont(pqs_mlkem_poly *r)
{
    for (unsigned i = 0; i < PQS_MLKEM_N; i++)
        r->c[i] = pqs_mlkem_fqmul_tw(r->c[i], PQS_MLKEM_MONT_R2,
                                     PQS_MLKEM_TWIST(PQS_MLKEM_MONT_R2));
}

void pqs_mlkem_poly_tobytes(uint8_t r[PQS_MLKEM_POLY_BYTES], const pqs_mlkem_poly *a)
{
    for (unsigned i = 0; i < PQS_MLKEM_N / 8; i++) {
        uint16_t v[8];
        for (unsigned j = 0; j < 8; j++)
            v[j] = (uint16_t)pqs_mlkem_caddq(a->c[8 * i + j]);
        pqs_mlkem_pack8(r + 12 * i, v, 12);
    }
}

void pqs_mlkem_poly_frombytes(pqs_mlkem_poly *r, const uint8_t a[PQS_MLKEM_POLY_BYTES])
{
    for (unsigned i = 0; i < PQS_MLKEM_N / 8; i++) {
        uint16_t v[8];
        pqs_mlkem_unpack8(v, a + 12 * i, 12);
        /* Values are < 2^12 < 2q, so one conditional subtraction is the reduction mod q. */
        for (unsigned j = 0; j < 8; j++)
            r->c[8 * i + j] = pqs_mlkem_csubq((int16_t)v[j]);
    }
}

int pqs_mlkem_poly_bytes_canonical(const uint8_t a[PQS_MLKEM_POLY_BYTES])
{
    /* Equivalent to ByteEncode_12(ByteDecode_12(a)) == a: no 12-bit value reaches q.
     * Accumulate without early exit; the data is public, this just keeps it simple. */
    unsigned bad = 0;
    for (unsigned i = 0; i < PQS_MLKEM_N / 8; i++) {
        uint16_t v[8];
        pqs_mlkem_unpack8(v, a + 12 * i, 12);
        for (unsigned j = 0; j < 8; j++)
            bad |= (unsigned)(v[j] >= PQS_MLKEM_Q);
    }
    return bad == 0;
}
