/* The identities the age fuzz targets open with: the public test keys of the C2SP CCTV age
 * vectors (vectors/age/testdata), X25519 and ML-KEM-768 + X25519, and the passphrase
 * "password" with a low scrypt limit, which keeps each input fast (higher work factors
 * are header failures). */
#ifndef PQSAFE_FUZZ_AGE_FUZZ_IDENTITIES_H
#define PQSAFE_FUZZ_AGE_FUZZ_IDENTITIES_H

#include <stdlib.h>

#include "pqsafe/age.h"

enum { AGE_FUZZ_IDS = 3 };

/* Fills ids once (later calls leave it as it is); aborts if a key does not parse. */
static inline void age_fuzz_identities(pqs_age_identity *ids[AGE_FUZZ_IDS])
{
    static const char x25519[] =
        "AGE-SECRET-KEY-1EGTZVFFV20835NWYV6270LXYVK2VKNX2MMDKWYKLMGR48UAWX40Q2P2LM0";
    static const char pq[] =
        "AGE-SECRET-KEY-PQ-1HZLGZUPT4ETPKDEV8HSGFDCYZ4E522W0A7PU2LHT8EH9W6YLNC3SW78XKG";
    if (ids[0] != NULL)
        return;
    if (pqs_age_identity_parse(&ids[0], x25519, sizeof x25519 - 1) != 0 ||
        pqs_age_identity_parse(&ids[1], pq, sizeof pq - 1) != 0 ||
        pqs_age_identity_passphrase(&ids[2], "password", 8, 12) != 0)
        abort();
}

#endif
