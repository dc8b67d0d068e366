/* pqsafe — key-encapsulation mechanisms by name: ML-KEM-512/768/1024 (FIPS 203). */
#ifndef PQSAFE_KEM_H
#define PQSAFE_KEM_H

#include "common.h"

#ifdef __cplusplus
extern "C" {
#endif

#define PQS_MLKEM512_EK_BYTES 800
#define PQS_MLKEM512_DK_BYTES 1632
#define PQS_MLKEM512_CT_BYTES 768
#define PQS_MLKEM768_EK_BYTES 1184
#define PQS_MLKEM768_DK_BYTES 2400
#define PQS_MLKEM768_CT_BYTES 1088
#define PQS_MLKEM1024_EK_BYTES 1568
#define PQS_MLKEM1024_DK_BYTES 3168
#define PQS_MLKEM1024_CT_BYTES 1568
#define PQS_KEM_SS_BYTES 32

typedef struct pqs_kem {
    const char *name;                 /* "ML-KEM-768" */
    size_t ek_bytes, dk_bytes, ct_bytes, ss_bytes;
    size_t keygen_seed_bytes;         /* ML-KEM: 64 = d || z */
    size_t encaps_seed_bytes;         /* ML-KEM: 32 = m      */
    int security_category;            /* NIST category 1, 3 or 5 */
    /* private members follow */
    const void *impl_;
} pqs_kem;

/* Look an algorithm up by name ("ML-KEM-768"); NULL when unknown. Case-insensitive. */
PQS_EXPORT const pqs_kem *pqs_kem_find(const char *name);
/* The i-th registered algorithm, NULL past the end: for listing. */
PQS_EXPORT const pqs_kem *pqs_kem_at(size_t i);

/* seed NULL: fresh randomness; otherwise keygen_seed_bytes (ML-KEM: d || z). */
PQS_EXPORT PQS_MUST_CHECK int pqs_kem_keypair(const pqs_kem *kem, uint8_t *ek, uint8_t *dk,
                                              const uint8_t *seed);
/* seed NULL: fresh randomness; otherwise encaps_seed_bytes (ML-KEM: m).
 * Returns PQS_E_INVALID_KEY when ek fails the FIPS 203 section 7.2 check. */
PQS_EXPORT PQS_MUST_CHECK int pqs_kem_encaps(const pqs_kem *kem, uint8_t *ct, uint8_t *ss,
                                             const uint8_t *ek, const uint8_t *seed);
/* Implicit rejection: an invalid ciphertext yields a pseudo-random ss and returns 0.
 * Returns PQS_E_INVALID_KEY when dk fails the FIPS 203 section 7.3 check. */
PQS_EXPORT PQS_MUST_CHECK int pqs_kem_decaps(const pqs_kem *kem, uint8_t *ss, const uint8_t *ct,
                                             const uint8_t *dk);
/* The input checks alone: 0 when the key passes, PQS_E_INVALID_KEY otherwise. */
PQS_EXPORT PQS_MUST_CHECK int pqs_kem_check_ek(const pqs_kem *kem, const uint8_t *ek);
PQS_EXPORT PQS_MUST_CHECK int pqs_kem_check_dk(const pqs_kem *kem, const uint8_t *dk);

#ifdef __cplusplus
}
#endif
#endif
