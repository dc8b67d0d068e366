/* The pre-hash functions of HashML-DSA (FIPS 204 §5.4) and HashSLH-DSA (FIPS 205 §10.2):
 * a hash chosen by name, incremental, whose output is OID || PH(M) — the tail of
 * M' = 0x01 || len(ctx) || ctx || OID || PH(M). */
#ifndef PQS_HASH_PREHASH_H
#define PQS_HASH_PREHASH_H

#include <stddef.h>
#include <stdint.h>

#include "fips202.h"
#include "sha2.h"

#define PQS_PREHASH_OID_BYTES 11
#define PQS_PREHASH_MAX_BYTES (PQS_PREHASH_OID_BYTES + 64)

typedef struct {
    int kind;              /* index into the table of hashes */
    union {
        pqs_sha256_ctx s256;
        pqs_sha512_ctx s512;
        pqs_keccak_ctx k;
    } u;
} pqs_prehash_ctx;

/* 0, or PQS_E_UNSUPPORTED for an unknown name ("SHA2-256", "SHAKE-128", ...). */
int pqs_prehash_init(pqs_prehash_ctx *c, const char *name);
void pqs_prehash_update(pqs_prehash_ctx *c, const uint8_t *in, size_t len);
/* Writes OID || PH(M) and returns its length (11 + digest bytes). */
size_t pqs_prehash_final(pqs_prehash_ctx *c, uint8_t out[PQS_PREHASH_MAX_BYTES]);
/* OID || digest for a digest computed elsewhere with the named hash. Returns the
 * length written, or 0 when the name is unknown or digest_len is not its length. */
size_t pqs_prehash_wrap(const char *name, const uint8_t *digest, size_t digest_len,
                        uint8_t out[PQS_PREHASH_MAX_BYTES]);
/* Digest length of the named hash, 0 when unknown. */
size_t pqs_prehash_digest_bytes(const char *name);
/* The canonical names, NULL past the end: for listing. */
const char *pqs_prehash_name_at(size_t i);

#endif
