/* The contract between the name-based KEM API (src/api/kem.c) and each KEM family
 * (src/mlkem, later src/hybrid). The API layer validates arguments and draws fresh
 * randomness; a family only implements the derandomised functions of its standard. */
#ifndef PQS_API_KEM_IMPL_H
#define PQS_API_KEM_IMPL_H

#include <stddef.h>
#include <stdint.h>

#include "pqsafe/kem.h"

typedef struct pqs_kem_impl {
    /* KeyGen from keygen_seed_bytes of seed (ML-KEM: d || z, FIPS 203 Alg. 16). */
    int (*keypair)(const void *params, uint8_t *ek, uint8_t *dk, const uint8_t *seed);
    /* Encaps from encaps_seed_bytes of seed (ML-KEM: m, Alg. 17); checks ek first. */
    int (*encaps)(const void *params, uint8_t *ct, uint8_t *ss, const uint8_t *ek,
                  const uint8_t *seed);
    /* Decaps (Alg. 18) with implicit rejection; checks dk first. */
    int (*decaps)(const void *params, uint8_t *ss, const uint8_t *ct, const uint8_t *dk);
    /* Input checks (FIPS 203 §7.2, §7.3): 0 or PQS_E_INVALID_KEY. */
    int (*check_ek)(const void *params, const uint8_t *ek);
    int (*check_dk)(const void *params, const uint8_t *dk);
    const void *params;
} pqs_kem_impl;

/* Each family's table of algorithms, terminated by an entry with name NULL. */
extern const pqs_kem pqs_mlkem_algs[];
extern const pqs_kem pqs_xwing_algs[];

#endif
