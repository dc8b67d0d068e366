/* Pre-hash functions by name for HashML-DSA (FIPS 204 §5.4) and HashSLH-DSA (FIPS 205
 * §10.2). The OIDs are 2.16.840.1.101.3.4.2.x in DER: 06 09 60 86 48 01 65 03 04 02 x.
 * SHAKE-128 and SHAKE-256 produce 256 and 512 bits (FIPS 204 Alg. 4, step 22/24). */
#include <string.h>
#include <strings.h>

#include "pqsafe/common.h"
#include "prehash.h"

enum { K_SHA256, K_SHA512, K_KECCAK };

typedef struct {
    const char *name;
    uint8_t oid_last;
    uint8_t digest_bytes;
    uint8_t kind;
    union {
        void (*s256)(pqs_sha256_ctx *);
        void (*s512)(pqs_sha512_ctx *);
        void (*k)(pqs_keccak_ctx *);
    } init;
} prehash_alg;

static const prehash_alg g_algs[] = {
    {"SHA2-224", 0x04, 28, K_SHA256, {.s256 = pqs_sha224_init}},
    {"SHA2-256", 0x01, 32, K_SHA256, {.s256 = pqs_sha256_init}},
    {"SHA2-384", 0x02, 48, K_SHA512, {.s512 = pqs_sha384_init}},
    {"SHA2-512", 0x03, 64, K_SHA512, {.s512 = pqs_sha512_init}},
    {"SHA2-512/224", 0x05, 28, K_SHA512, {.s512 = pqs_sha512_224_init}},
    {"SHA2-512/256", 0x06, 32, K_SHA512, {.s512 = pqs_sha512_256_init}},
    {"SHA3-224", 0x07, 28, K_KECCAK, {.k = pqs_sha3_224_init}},
    {"SHA3-256", 0x08, 32, K_KECCAK, {.k = pqs_sha3_256_init}},
    {"SHA3-384", 0x09, 48, K_KECCAK, {.k = pqs_sha3_384_init}},
    {"SHA3-512", 0x0A, 64, K_KECCAK, {.k = pqs_sha3_512_init}},
    {"SHAKE-128", 0x0B, 32, K_KECCAK, {.k = pqs_shake128_init}},
    {"SHAKE-256", 0x0C, 64, K_KECCAK, {.k = pqs_shake256_init}},
};
#define N_ALGS (sizeof g_algs / sizeof g_algs[0])

const char *pqs_prehash_name_at(size_t i)
{
    return i < N_ALGS ? g_algs[i].name : NULL;
}

static const prehash_alg *find(const char *name, size_t *index)
{
    for (size_t i = 0; name != NULL && i < N_ALGS; i++) {
        if (strcasecmp(g_algs[i].name, name) == 0) {
            if (index)
                *index = i;
            return &g_algs[i];
        }
    }
    return NULL;
}

static const uint8_t g_oid_prefix[10] = {0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02};

size_t pqs_prehash_digest_bytes(const char *name)
{
    const prehash_alg *a = find(name, NULL);
    return a ? a->digest_bytes : 0;
}

size_t pqs_prehash_wrap(const char *name, const uint8_t *digest, size_t digest_len,
                        uint8_t out[PQS_PREHASH_MAX_BYTES])
{
    const prehash_alg *a = find(name, NULL);
    if (a == NULL || digest_len != a->digest_bytes)
        return 0;
    memcpy(out, g_oid_prefix, sizeof g_oid_prefix);
    out[10] = a->oid_last;
    memcpy(out + 11, digest, digest_len);
    return PQS_PREHASH_OID_BYTES + digest_len;
}

int pqs_prehash_init(pqs_prehash_ctx *c, const char *name)
{
    size_t i;
    const prehash_alg *a = find(name, &i);
    if (a != NULL) {
        c->kind = (int)i;
        if (a->kind == K_SHA256)
            a->init.s256(&c->u.s256);
        else if (a->kind == K_SHA512)
            a->init.s512(&c->u.s512);
        else
            a->init.k(&c->u.k);
        return PQS_OK;
    }
    return PQS_E_UNSUPPORTED;
}

void pqs_prehash_update(pqs_prehash_ctx *c, const uint8_t *in, size_t len)
{
    switch (g_algs[c->kind].kind) {
    case K_SHA256: pqs_sha256_update(&c->u.s256, in, len); break;
    case K_SHA512: pqs_sha512_update(&c->u.s512, in, len); break;
    default: pqs_keccak_absorb(&c->u.k, in, len); break;
    }
}

size_t pqs_prehash_final(pqs_prehash_ctx *c, uint8_t out[PQS_PREHASH_MAX_BYTES])
{
    const prehash_alg *a = &g_algs[c->kind];
    memcpy(out, g_oid_prefix, sizeof g_oid_prefix);
    out[10] = a->oid_last;
    switch (a->kind) {
    case K_SHA256: pqs_sha256_final(&c->u.s256, out + 11); break;
    case K_SHA512: pqs_sha512_final(&c->u.s512, out + 11); break;
    default:
        pqs_keccak_squeeze(&c->u.k, out + 11, a->digest_bytes);
        pqs_keccak_wipe(&c->u.k);
        break;
    }
    return PQS_PREHASH_OID_BYTES + a->digest_bytes;
}
