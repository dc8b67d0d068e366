/* Helpers shared by the ML-DSA tests: parameter sets by name, hex fields. */
#ifndef PQS_MLDSA_TEST_UTIL_H
#define PQS_MLDSA_TEST_UTIL_H

#include <stddef.h>
#include <stdint.h>

#include "mldsa/mldsa.h"
#include "pqs_test.h"

/* "ML-DSA-65" -> &pqs_mldsa65; exits on an unknown name. */
const pqs_mldsa_params *mldsa_params_by_name(const char *name);
/* The pqs_sig entry of the same set (through the public lookup). */
const pqs_sig *mldsa_sig_by_params(const pqs_mldsa_params *p);
/* A JSON string member as bytes; NULL (and *len = 0) when absent or JSON null. */
uint8_t *mldsa_opt_hex(json_t *obj, const char *key, size_t *len);
/* A JSON string member, or "" when absent. */
const char *mldsa_str(json_t *obj, const char *key);

#endif
