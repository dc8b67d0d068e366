/* Name-based signature API over ML-DSA and SLH-DSA. Builds the message prefix of the
 * external interfaces: pure M' = 0x00 || len(ctx) || ctx || M (FIPS 204 Alg. 2,
 * FIPS 205 Alg. 22) and pre-hash M' = 0x01 || len(ctx) || ctx || OID || PH(M)
 * (FIPS 204 Alg. 4, FIPS 205 Alg. 23). */
#include <string.h>
#include <strings.h>

#include "core/ct.h"
#include "hash/prehash.h"
#include "sig_impl.h"

#define PREFIX_MAX (2 + PQS_SIG_MAX_CTX_BYTES + PQS_PREHASH_MAX_BYTES)
#define RAND_MAX_BYTES 64

static const pqs_sig *const g_families[] = {pqs_mldsa_algs, pqs_slhdsa_algs};

const pqs_sig *pqs_sig_at(size_t i)
{
    for (size_t f = 0; f < sizeof g_families / sizeof g_families[0]; f++) {
        for (const pqs_sig *a = g_families[f]; a->name != NULL; a++) {
            if (i-- == 0)
                return a;
        }
    }
    return NULL;
}

const pqs_sig *pqs_sig_find(const char *name)
{
    if (name == NULL)
        return NULL;
    const pqs_sig *a;
    for (size_t i = 0; (a = pqs_sig_at(i)) != NULL; i++) {
        if (strcasecmp(a->name, name) == 0)
            return a;
    }
    return NULL;
}

static const pqs_sig_impl *impl_of(const pqs_sig *alg)
{
    return (const pqs_sig_impl *)alg->impl_;
}

int pqs_sig_keypair(const pqs_sig *alg, uint8_t *pk, uint8_t *sk, const uint8_t *seed)
{
    uint8_t fresh[RAND_MAX_BYTES * 2];
    if (alg == NULL || pk == NULL || sk == NULL || alg->keygen_seed_bytes > sizeof fresh)
        return PQS_E_INVALID_ARG;
    if (seed == NULL) {
        if (pqs_randombytes(fresh, alg->keygen_seed_bytes) != 0)
            return PQS_E_RANDOM;
        seed = fresh;
    }
    int rc = impl_of(alg)->keypair(impl_of(alg)->params, pk, sk, seed);
    pqs_wipe(fresh, sizeof fresh);
    return rc;
}

/* prefix = domain || len(ctx) || ctx; returns its length, or a negative error. */
static int build_prefix(uint8_t prefix[PREFIX_MAX], uint8_t domain, const uint8_t *ctx,
                        size_t ctx_len)
{
    if (ctx_len > PQS_SIG_MAX_CTX_BYTES)
        return PQS_E_CONTEXT;
    if (ctx_len > 0 && ctx == NULL)
        return PQS_E_INVALID_ARG;
    prefix[0] = domain;
    prefix[1] = (uint8_t)ctx_len;
    if (ctx_len > 0)
        memcpy(prefix + 2, ctx, ctx_len);
    return (int)(2 + ctx_len);
}

static int sign_with_prefix(const pqs_sig *alg, uint8_t *sig, size_t *sig_len,
                            const uint8_t *prefix, size_t prefix_len,
                            const uint8_t *msg, size_t msg_len,
                            const uint8_t *sk, const uint8_t *rnd)
{
    uint8_t fresh[RAND_MAX_BYTES];
    if (rnd == NULL) {
        if (alg->sign_rand_bytes > sizeof fresh || pqs_randombytes(fresh, alg->sign_rand_bytes) != 0)
            return PQS_E_RANDOM;
        rnd = fresh;
    }
    int rc = impl_of(alg)->sign(impl_of(alg)->params, sig, prefix, prefix_len, msg, msg_len, sk, rnd);
    pqs_wipe(fresh, sizeof fresh);
    if (sig_len != NULL)
        *sig_len = rc == 0 ? alg->sig_bytes : 0;
    return rc;
}

static int check_common(const pqs_sig *alg, const void *out, const uint8_t *msg, size_t msg_len,
                        const void *key)
{
    if (alg == NULL || out == NULL || key == NULL || (msg == NULL && msg_len > 0))
        return PQS_E_INVALID_ARG;
    return 0;
}

int pqs_sig_sign(const pqs_sig *alg, uint8_t *sig, size_t *sig_len,
                 const uint8_t *msg, size_t msg_len, const uint8_t *ctx, size_t ctx_len,
                 const uint8_t *sk, const uint8_t *rnd)
{
    uint8_t prefix[PREFIX_MAX];
    int rc = check_common(alg, sig, msg, msg_len, sk);
    if (rc != 0)
        return rc;
    int plen = build_prefix(prefix, 0x00, ctx, ctx_len);
    if (plen < 0)
        return plen;
    return sign_with_prefix(alg, sig, sig_len, prefix, (size_t)plen, msg, msg_len, sk, rnd);
}

int pqs_sig_verify(const pqs_sig *alg, const uint8_t *sig, size_t sig_len,
                   const uint8_t *msg, size_t msg_len, const uint8_t *ctx, size_t ctx_len,
                   const uint8_t *pk)
{
    uint8_t prefix[PREFIX_MAX];
    int rc = check_common(alg, sig, msg, msg_len, pk);
    if (rc != 0)
        return rc;
    int plen = build_prefix(prefix, 0x00, ctx, ctx_len);
    if (plen < 0)
        return plen;
    if (sig_len != alg->sig_bytes)
        return PQS_E_VERIFY;
    return impl_of(alg)->verify(impl_of(alg)->params, sig, prefix, (size_t)plen, msg, msg_len, pk);
}

/* PH(msg) with the named hash (FIPS 204 Alg. 4 steps 10-22); its length, or an error. */
static int prehash(uint8_t digest[64], const char *hash, const uint8_t *msg, size_t msg_len)
{
    pqs_prehash_ctx h;
    uint8_t out[PQS_PREHASH_MAX_BYTES];
    if (hash == NULL || (msg == NULL && msg_len > 0))
        return PQS_E_INVALID_ARG;
    if (pqs_prehash_init(&h, hash) != 0)
        return PQS_E_UNSUPPORTED;
    pqs_prehash_update(&h, msg, msg_len);
    size_t n = pqs_prehash_final(&h, out) - PQS_PREHASH_OID_BYTES;
    memcpy(digest, out + PQS_PREHASH_OID_BYTES, n);
    return (int)n;
}

/* The pre-hash variants are the digest variants below on PH(msg). */
int pqs_sig_sign_prehash(const pqs_sig *alg, uint8_t *sig, size_t *sig_len, const char *hash,
                         const uint8_t *msg, size_t msg_len, const uint8_t *ctx, size_t ctx_len,
                         const uint8_t *sk, const uint8_t *rnd)
{
    uint8_t digest[64];
    int n = prehash(digest, hash, msg, msg_len);
    if (n < 0)
        return n;
    return pqs_sig_sign_digest(alg, sig, sig_len, hash, digest, (size_t)n, ctx, ctx_len, sk, rnd);
}

int pqs_sig_verify_prehash(const pqs_sig *alg, const uint8_t *sig, size_t sig_len,
                           const char *hash, const uint8_t *msg, size_t msg_len,
                           const uint8_t *ctx, size_t ctx_len, const uint8_t *pk)
{
    uint8_t digest[64];
    int n = prehash(digest, hash, msg, msg_len);
    if (n < 0)
        return n;
    return pqs_sig_verify_digest(alg, sig, sig_len, hash, digest, (size_t)n, ctx, ctx_len, pk);
}

/* prefix = 0x01 || len(ctx) || ctx || OID || digest, the digest computed by the caller. */
static int build_digest_prefix(uint8_t prefix[PREFIX_MAX], const char *hash,
                               const uint8_t *digest, size_t digest_len,
                               const uint8_t *ctx, size_t ctx_len)
{
    if (hash == NULL || digest == NULL)
        return PQS_E_INVALID_ARG;
    int plen = build_prefix(prefix, 0x01, ctx, ctx_len);
    if (plen < 0)
        return plen;
    size_t n = pqs_prehash_wrap(hash, digest, digest_len, prefix + plen);
    if (n == 0)
        return pqs_prehash_digest_bytes(hash) == 0 ? PQS_E_UNSUPPORTED : PQS_E_INVALID_ARG;
    return plen + (int)n;
}

int pqs_sig_sign_digest(const pqs_sig *alg, uint8_t *sig, size_t *sig_len, const char *hash,
                        const uint8_t *digest, size_t digest_len, const uint8_t *ctx,
                        size_t ctx_len, const uint8_t *sk, const uint8_t *rnd)
{
    uint8_t prefix[PREFIX_MAX];
    int rc = check_common(alg, sig, NULL, 0, sk);
    if (rc != 0)
        return rc;
    int plen = build_digest_prefix(prefix, hash, digest, digest_len, ctx, ctx_len);
    if (plen < 0)
        return plen;
    return sign_with_prefix(alg, sig, sig_len, prefix, (size_t)plen, NULL, 0, sk, rnd);
}

int pqs_sig_verify_digest(const pqs_sig *alg, const uint8_t *sig, size_t sig_len,
                          const char *hash, const uint8_t *digest, size_t digest_len,
                          const uint8_t *ctx, size_t ctx_len, const uint8_t *pk)
{
    uint8_t prefix[PREFIX_MAX];
    int rc = check_common(alg, sig, NULL, 0, pk);
    if (rc != 0)
        return rc;
    int plen = build_digest_prefix(prefix, hash, digest, digest_len, ctx, ctx_len);
    if (plen < 0)
        return plen;
    if (sig_len != alg->sig_bytes)
        return PQS_E_VERIFY;
    return impl_of(alg)->verify(impl_of(alg)->params, sig, prefix, (size_t)plen, NULL, 0, pk);
}
