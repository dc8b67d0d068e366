/* The small subset of DER (ITU-T X.690) that key files need: definite lengths in their
 * minimal form, primitive and constructed TLVs read strictly, and a forward writer. */
#ifndef PQS_ENCODING_DER_H
#define PQS_ENCODING_DER_H

#include <stddef.h>
#include <stdint.h>

#define PQS_DER_INTEGER 0x02
#define PQS_DER_BIT_STRING 0x03
#define PQS_DER_OCTET_STRING 0x04
#define PQS_DER_OID 0x06
#define PQS_DER_SEQUENCE 0x30
#define PQS_DER_CONTEXT0 0x80   /* [0] IMPLICIT, primitive */

typedef struct {
    const uint8_t *p;
    size_t len;
} pqs_der_span;

/* Read one TLV whose tag must be `tag` from the front of *in, advancing *in past it.
 * PQS_E_DECODE (with a detail naming `what`) on a wrong tag, an indefinite or
 * non-minimal length, or a length that runs past the input. */
int pqs_der_read(pqs_der_span *in, uint8_t tag, pqs_der_span *content, const char *what);
/* The tag of the next TLV, or -1 when *in is empty. */
int pqs_der_peek(const pqs_der_span *in);

/* Bytes of a header (tag + length) for a content of len bytes. */
size_t pqs_der_header_len(size_t len);
/* Write tag and length at out; returns the bytes written. */
size_t pqs_der_put_header(uint8_t *out, uint8_t tag, size_t len);

#endif
