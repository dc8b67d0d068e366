/* Small helpers the age tests share: fresh identities and recipients, sealing to memory. */
#ifndef PQS_TEST_AGE_UTIL_H
#define PQS_TEST_AGE_UTIL_H

#include <stdlib.h>
#include <string.h>

#include "pqs_test.h"
#include "pqsafe/age.h"

typedef struct {
    pqs_age_identity *id;
    pqs_age_recipient *r;
} age_pair;

static inline age_pair age_test_pair(int type)
{
    age_pair p = {NULL, NULL};
    if (type == PQS_AGE_SCRYPT) {
        CHECK(pqs_age_identity_passphrase(&p.id, "correct horse", 13, 0) == 0, "scrypt id");
        CHECK(pqs_age_recipient_passphrase(&p.r, "correct horse", 13, 10) == 0, "scrypt r");
        return p;
    }
    CHECK(pqs_age_identity_generate(&p.id, type) == 0, "generate type %d", type);
    CHECK(pqs_age_identity_to_recipient(&p.r, p.id) == 0, "recipient of type %d", type);
    return p;
}

static inline void age_test_pair_free(age_pair *p)
{
    pqs_age_identity_free(p->id);
    pqs_age_recipient_free(p->r);
}

/* Seal in memory to one recipient; exits the test on failure. */
static inline uint8_t *age_test_seal(const uint8_t *pt, size_t len, const pqs_age_recipient *r,
                                     int armor, size_t *ct_len)
{
    pqs_age_options o = {armor ? PQS_AGE_ARMOR_YES : PQS_AGE_ARMOR_NO, 2, NULL, NULL, 0};
    uint8_t *ct = NULL;
    const pqs_age_recipient *rs[1] = {r};
    if (pqs_age_encrypt_mem(&ct, ct_len, pt, len, rs, 1, &o) != 0) {
        fprintf(stderr, "seal failed: %s\n", pqs_error_detail());
        exit(1);
    }
    return ct;
}

static inline uint8_t *age_test_random(size_t len)
{
    uint8_t *p = malloc(len ? len : 1);
    pqs_test_rand(p, len);
    return p;
}

#endif
