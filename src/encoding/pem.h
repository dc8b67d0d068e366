/* PEM armour (RFC 7468, strict form); the base64 is that of base64.h (constant time). */
#ifndef PQS_ENCODING_PEM_H
#define PQS_ENCODING_PEM_H

#include <stddef.h>
#include <stdint.h>

#define PQS_PEM_MAX_LABEL 48

/* der -> "-----BEGIN label-----\n" base64 in 64-column lines "-----END label-----\n".
 * *out is malloc'd (NUL-terminated; *out_len excludes the NUL). */
int pqs_pem_encode(const char *label, const uint8_t *der, size_t der_len,
                   uint8_t **out, size_t *out_len);
/* Strict RFC 7468 parsing: one block, only whitespace around it, matching BEGIN/END
 * labels, base64 lines with canonical padding. label receives the block's label;
 * *der is malloc'd. PQS_E_DECODE with a detail otherwise. */
int pqs_pem_decode(const uint8_t *in, size_t len, char label[PQS_PEM_MAX_LABEL],
                   uint8_t **der, size_t *der_len);

#endif
