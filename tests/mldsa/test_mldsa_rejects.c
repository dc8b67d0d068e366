/* ML-DSA behaviour beyond the vectors, for each parameter set: round trips with and
 * without context and pre-hash, deterministic and hedged signing, and one CHECK per
 * rejection rule of Verify (FIPS 204 Algorithm 8 and HintBitUnpack, Algorithm 21). */
#include <stdlib.h>
#include <string.h>

#include "mldsa/pack.h"
#include "mldsa/poly.h"
#include "mldsa_test_util.h"

typedef struct {
    const pqs_mldsa_params *p;
    const pqs_sig *alg;
    uint8_t pk[PQS_MLDSA87_PK_BYTES], sk[PQS_MLDSA87_SK_BYTES];
    uint8_t sig[PQS_MLDSA87_SIG_BYTES], bad[PQS_MLDSA87_SIG_BYTES + 1];
    uint8_t msg[64];
} fixture;

static const uint8_t zero_rnd[PQS_MLDSA_RND_BYTES];

static int verify(const fixture *f, const uint8_t *sig, size_t len)
{
    return pqs_sig_verify(f->alg, sig, len, f->msg, sizeof f->msg, NULL, 0, f->pk);
}

/* Pure ML-DSA.Sign of f->msg without context; the length must come back right. */
static int sign(const fixture *f, uint8_t *sig, const uint8_t *rnd)
{
    size_t len = 0;
    int rc = pqs_sig_sign(f->alg, sig, &len, f->msg, sizeof f->msg, NULL, 0, f->sk, rnd);
    return rc == 0 && len != f->p->sig_bytes ? -100 : rc;
}

static size_t hint_offset(const pqs_mldsa_params *p)
{
    return p->ctilde_bytes + p->l * 32 * p->z_bits;
}

static void test_table(fixture *f)
{
    const pqs_sig *a = f->alg;
    CHECK(strcmp(a->name, f->p->name) == 0, "%s: name", f->p->name);
    CHECK(a->pk_bytes == f->p->pk_bytes && a->sk_bytes == f->p->sk_bytes &&
              a->sig_bytes == f->p->sig_bytes, "%s: sizes agree with the parameters", a->name);
    CHECK(a->keygen_seed_bytes == 32 && a->sign_rand_bytes == 32, "%s: seed sizes", a->name);
    CHECK(a->security_category == (f->p->k == 4 ? 2 : f->p->k == 6 ? 3 : 5), "%s: category",
          a->name);
}

static void test_round_trips(fixture *f)
{
    uint8_t ctx[PQS_SIG_MAX_CTX_BYTES + 1];
    size_t len = 0;
    const char *n = f->p->name;
    pqs_test_rand(ctx, sizeof ctx);
    CHECK(pqs_sig_keypair(f->alg, f->pk, f->sk, NULL) == 0, "%s: fresh keypair", n);
    CHECK(pqs_sig_sign(f->alg, f->sig, &len, f->msg, sizeof f->msg, NULL, 0, f->sk, NULL) == 0 &&
              len == f->p->sig_bytes, "%s: sign without context", n);
    CHECK(verify(f, f->sig, len) == 0, "%s: round trip without context", n);
    CHECK(pqs_sig_verify(f->alg, f->sig, len, f->msg, sizeof f->msg, ctx, 1, f->pk) ==
              PQS_E_VERIFY, "%s: verifying with a context the signer did not use", n);

    CHECK(pqs_sig_sign(f->alg, f->sig, &len, f->msg, sizeof f->msg, ctx, 255, f->sk, NULL) == 0,
          "%s: sign with a 255-byte context", n);
    CHECK(pqs_sig_verify(f->alg, f->sig, len, f->msg, sizeof f->msg, ctx, 255, f->pk) == 0,
          "%s: round trip with context", n);
    CHECK(verify(f, f->sig, len) == PQS_E_VERIFY, "%s: context dropped must fail", n);

    CHECK(pqs_sig_sign(f->alg, f->sig, &len, f->msg, sizeof f->msg, ctx, 256, f->sk, NULL) ==
              PQS_E_CONTEXT, "%s: sign with a 256-byte context", n);
    CHECK(pqs_sig_verify(f->alg, f->sig, f->p->sig_bytes, f->msg, sizeof f->msg, ctx, 256,
                         f->pk) == PQS_E_CONTEXT, "%s: verify with a 256-byte context", n);

    CHECK(pqs_sig_sign_prehash(f->alg, f->sig, &len, "SHA2-512", f->msg, sizeof f->msg, ctx, 7,
                               f->sk, NULL) == 0, "%s: HashML-DSA sign", n);
    CHECK(pqs_sig_verify_prehash(f->alg, f->sig, len, "SHA2-512", f->msg, sizeof f->msg, ctx, 7,
                                 f->pk) == 0, "%s: HashML-DSA round trip", n);
    CHECK(pqs_sig_verify_prehash(f->alg, f->sig, len, "SHA3-512", f->msg, sizeof f->msg, ctx, 7,
                                 f->pk) == PQS_E_VERIFY, "%s: HashML-DSA, other hash", n);
    CHECK(pqs_sig_verify(f->alg, f->sig, len, f->msg, sizeof f->msg, ctx, 7, f->pk) ==
              PQS_E_VERIFY, "%s: pre-hash signature is not a pure one", n);
}

static void test_determinism(fixture *f)
{
    uint8_t again[PQS_MLDSA87_SIG_BYTES], internal[PQS_MLDSA87_SIG_BYTES];
    const uint8_t prefix[2] = {0, 0};
    const char *n = f->p->name;
    size_t len = f->p->sig_bytes;
    CHECK(sign(f, f->sig, zero_rnd) == 0 && sign(f, again, zero_rnd) == 0,
          "%s: deterministic signing", n);
    CHECK(memcmp(f->sig, again, f->p->sig_bytes) == 0, "%s: deterministic is reproducible", n);
    CHECK(pqs_mldsa_sign_internal(f->p, internal, prefix, 2, f->msg, sizeof f->msg, f->sk,
                                  zero_rnd) == 0 &&
              memcmp(internal, f->sig, f->p->sig_bytes) == 0,
          "%s: API equals Sign_internal on 0x00 || 0x00 || M", n);

    CHECK(sign(f, again, NULL) == 0 && sign(f, internal, NULL) == 0, "%s: hedged signing", n);
    CHECK(memcmp(again, internal, f->p->sig_bytes) != 0 &&
              memcmp(again, f->sig, f->p->sig_bytes) != 0, "%s: hedged signatures differ", n);
    CHECK(verify(f, again, len) == 0 && verify(f, internal, len) == 0,
          "%s: hedged signatures verify", n);
}

/* A deterministic signature whose hint has a polynomial with two or more ones and
 * fewer than omega ones in total, so every malformation below is expressible. */
static void sign_with_rich_hint(fixture *f, unsigned *poly)
{
    const pqs_mldsa_params *p = f->p;
    for (unsigned tries = 0; tries < 1000; tries++) {
        f->msg[0] = (uint8_t)tries, f->msg[1] = (uint8_t)(tries >> 8);
        if (sign(f, f->sig, zero_rnd) != 0)
            break;
        const uint8_t *y = f->sig + hint_offset(p);
        unsigned prev = 0;
        for (unsigned i = 0; i < p->k; i++) {
            if (y[p->omega + i] >= prev + 2 && y[p->omega + p->k - 1] < p->omega) {
                *poly = i;
                return;
            }
            prev = y[p->omega + i];
        }
    }
    CHECK(0, "%s: no signature with a rich hint found", p->name);
    *poly = 0;
}

static int verify_modified(fixture *f, size_t pos, uint8_t value)
{
    memcpy(f->bad, f->sig, f->p->sig_bytes);
    f->bad[pos] = value;
    return verify(f, f->bad, f->p->sig_bytes);
}

/* sigDecode of f->bad: -1 when HintBitUnpack refuses it (Algorithm 21). */
static int decode_bad(fixture *f, pqs_mldsa_poly z[PQS_MLDSA_LMAX])
{
    static pqs_mldsa_poly h[PQS_MLDSA_KMAX];
    uint8_t ctilde[PQS_MLDSA_CTILDE_MAX];
    return pqs_mldsa_sig_decode(f->p, ctilde, z, h, f->bad);
}

static int hint_refused(fixture *f)
{
    static pqs_mldsa_poly z[PQS_MLDSA_LMAX];
    return decode_bad(f, z) == -1 && verify(f, f->bad, f->p->sig_bytes) == PQS_E_VERIFY;
}

/* Counts made non-monotonic: after the first polynomial with a hint, the next count
 * drops by one; or, when only the last polynomial has hints, the first count rises. */
static void make_counts_decrease(fixture *f, size_t h)
{
    const pqs_mldsa_params *p = f->p;
    uint8_t *y = f->bad + h;
    unsigned j = 0;
    while (y[p->omega + j] == 0)
        j++;
    if (j + 1 < p->k)
        y[p->omega + j + 1] = (uint8_t)(y[p->omega + j] - 1);
    else
        y[p->omega] = 1;
}

static void test_rejections(fixture *f)
{
    const pqs_mldsa_params *p = f->p;
    const char *n = p->name;
    unsigned i;
    sign_with_rich_hint(f, &i);
    size_t h = hint_offset(p);
    const uint8_t *y = f->sig + h;
    unsigned start = i == 0 ? 0 : y[p->omega + i - 1], total = y[p->omega + p->k - 1];

    CHECK(verify(f, f->sig, p->sig_bytes) == 0, "%s: the base signature verifies", n);
    memcpy(f->bad, f->sig, p->sig_bytes);
    CHECK(verify(f, f->bad, p->sig_bytes - 1) == PQS_E_VERIFY, "%s: signature 1 byte short", n);
    f->bad[p->sig_bytes] = 0;
    CHECK(verify(f, f->bad, p->sig_bytes + 1) == PQS_E_VERIFY, "%s: signature 1 byte long", n);
    CHECK(verify_modified(f, 0, f->sig[0] ^ 1) == PQS_E_VERIFY, "%s: wrong c~", n);
    f->msg[sizeof f->msg - 1] ^= 1;
    CHECK(verify(f, f->sig, p->sig_bytes) == PQS_E_VERIFY, "%s: modified message", n);
    f->msg[sizeof f->msg - 1] ^= 1;

    /* Hints (Algorithm 21): each malformation must be refused by the decoder itself. */
    memcpy(f->bad, f->sig, p->sig_bytes);
    CHECK(!hint_refused(f), "%s: the unmodified hint decodes", n);
    f->bad[h + start] = y[start + 1];
    CHECK(hint_refused(f), "%s: hint indices not strictly increasing (repeated)", n);
    memcpy(f->bad, f->sig, p->sig_bytes);
    f->bad[h + start] = y[start + 1], f->bad[h + start + 1] = y[start];
    CHECK(hint_refused(f), "%s: hint indices not strictly increasing (swapped)", n);
    memcpy(f->bad, f->sig, p->sig_bytes);
    f->bad[h + p->omega + p->k - 1] = (uint8_t)(p->omega + 1);
    CHECK(hint_refused(f), "%s: hint count above omega", n);
    memcpy(f->bad, f->sig, p->sig_bytes);
    make_counts_decrease(f, h);
    CHECK(hint_refused(f), "%s: hint counts decreasing", n);
    memcpy(f->bad, f->sig, p->sig_bytes);
    f->bad[h + total] = 1;
    CHECK(hint_refused(f), "%s: nonzero hint padding", n);

    /* z (Algorithm 8 step 13): BitPack stores gamma1 - z in z_bits bits, so field beta
     * is z = gamma1 - beta, the first value out of range, and field 2 gamma1 - beta is
     * z = -(gamma1 - beta). */
    size_t z0 = p->ctilde_bytes;
    uint32_t fields[2] = {p->beta, (uint32_t)(2 * p->gamma1) - p->beta};
    for (unsigned k = 0; k < 2; k++) {
        memcpy(f->bad, f->sig, p->sig_bytes);
        uint32_t v = fields[k];
        f->bad[z0] = (uint8_t)v, f->bad[z0 + 1] = (uint8_t)(v >> 8);
        f->bad[z0 + 2] = (uint8_t)((f->bad[z0 + 2] & ~((1u << (p->z_bits - 16)) - 1)) |
                                   (v >> 16));
        pqs_mldsa_poly z[PQS_MLDSA_LMAX];
        CHECK(decode_bad(f, z) == 0 && z[0].c[0] == (k ? -1 : 1) * (p->gamma1 - (int32_t)p->beta) &&
                  pqs_mldsa_poly_exceeds(&z[0], p->gamma1 - (int32_t)p->beta) != 0 &&
                  verify(f, f->bad, p->sig_bytes) == PQS_E_VERIFY,
              "%s: z = %s(gamma1 - beta)", n, k ? "-" : "");
    }

    /* Another key's public key. */
    uint8_t pk2[PQS_MLDSA87_PK_BYTES], sk2[PQS_MLDSA87_SK_BYTES];
    CHECK(pqs_sig_keypair(f->alg, pk2, sk2, NULL) == 0 &&
              pqs_sig_verify(f->alg, f->sig, p->sig_bytes, f->msg, sizeof f->msg, NULL, 0, pk2) ==
                  PQS_E_VERIFY, "%s: wrong public key", n);
}

/* pk_from_sk on f->sk with byte pos xor-ed with x: 0 only if pk comes out right. */
static int pk_from_modified_sk(const fixture *f, size_t pos, uint8_t x)
{
    uint8_t sk[PQS_MLDSA87_SK_BYTES], pk[PQS_MLDSA87_PK_BYTES];
    memcpy(sk, f->sk, f->p->sk_bytes);
    sk[pos] ^= x;
    int rc = pqs_mldsa_pk_from_sk(f->p, pk, sk);
    return rc == 0 && memcmp(pk, f->pk, f->p->pk_bytes) != 0 ? -100 : rc;
}

/* A private key whose first s1 coefficient is outside [-eta, eta] must be refused;
 * an inconsistent expanded key gives no public key. */
static void test_bad_private_key(fixture *f)
{
    const pqs_mldsa_params *p = f->p;
    const char *n = p->name;
    uint8_t sk[PQS_MLDSA87_SK_BYTES];
    size_t t0_at = p->sk_bytes - 416 * p->k, tr_at = 64;
    CHECK(pk_from_modified_sk(f, 0, 0) == 0, "%s: pk from sk", n);
    CHECK(pk_from_modified_sk(f, t0_at + 5, 0x10) == PQS_E_INVALID_KEY, "%s: t0 modified", n);
    CHECK(pk_from_modified_sk(f, tr_at + 3, 0x01) == PQS_E_INVALID_KEY, "%s: tr modified", n);
    CHECK(pk_from_modified_sk(f, 128, 0x07) == PQS_E_INVALID_KEY, "%s: s1 modified", n);
    memcpy(sk, f->sk, p->sk_bytes);
    sk[128] |= (uint8_t)((1u << p->eta_bits) - 1);   /* field 2^bits - 1 > 2 eta */
    memset(f->bad, 0xAA, p->sig_bytes);
    CHECK(pqs_sig_sign(f->alg, f->bad, NULL, f->msg, sizeof f->msg, NULL, 0, sk, NULL) ==
              PQS_E_INVALID_KEY, "%s: s1 out of range refused", n);
    uint8_t zero[PQS_MLDSA87_SIG_BYTES] = {0};
    CHECK(memcmp(f->bad, zero, p->sig_bytes) == 0, "%s: refused signature is zeroed", n);
}

int main(void)
{
    static const pqs_mldsa_params *const sets[] = {&pqs_mldsa44, &pqs_mldsa65, &pqs_mldsa87};
    static fixture f;
    for (size_t s = 0; s < 3; s++) {
        f.p = sets[s];
        f.alg = mldsa_sig_by_params(f.p);
        pqs_test_rand(f.msg, sizeof f.msg);
        test_table(&f);
        test_round_trips(&f);
        test_determinism(&f);
        test_rejections(&f);
        test_bad_private_key(&f);
    }
    CHECK(pqs_sig_find("ml-dsa-65") == mldsa_sig_by_params(&pqs_mldsa65), "case-insensitive find");
    return pqs_test_done("test_mldsa_rejects");
}
