/* SHA-NI backend of the SHA-256 compression function (dispatch in src/hash/sha256.c). */
#ifndef PQS_HASH_SHA256_SHANI_H
#define PQS_HASH_SHA256_SHANI_H

#include <stddef.h>
#include <stdint.h>

/* 1 when the backend was compiled in (x86-64 with GCC/Clang); the CPU check is separate. */
int pqs_sha256_shani_available(void);
void pqs_sha256_compress_shani(uint32_t h[8], const uint8_t *blocks, size_t nblocks,
                               const uint32_t k[64]);

#endif
