/* The algorithms a key file can name: their OIDs and private-key forms. */
#ifndef PQS_ENCODING_KEY_ALGS_H
#define PQS_ENCODING_KEY_ALGS_H

#include <stddef.h>
#include <stdint.h>

#include "pqsafe/kem.h"
#include "pqsafe/sig.h"

enum { PQS_KEYFORM_CHOICE, PQS_KEYFORM_RAW };

typedef struct {
    const char *name;          /* as pqs_kem_find / pqs_sig_find know it */
    uint8_t oid[11];           /* DER content of the OBJECT IDENTIFIER */
    uint8_t oid_len;
    uint8_t private_form;      /* CHOICE {seed [0], expandedKey, both} or RAW octets */
    uint8_t seed_bytes;        /* length of the seed in the CHOICE forms */
    uint8_t is_kem;
} pqs_keyfile_alg;

const pqs_keyfile_alg *pqs_key_alg_by_name(const char *name);
const pqs_keyfile_alg *pqs_key_alg_by_oid(const uint8_t *oid, size_t len);
/* Dotted text of an OID, for error messages. */
void pqs_oid_to_text(char *out, size_t cap, const uint8_t *oid, size_t len);

#endif
