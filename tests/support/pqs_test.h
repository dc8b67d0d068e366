/* Test support: official vectors (gzip JSON via jansson), hex, checks, CT marking. */
#ifndef PQS_TEST_H
#define PQS_TEST_H

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "pqsafe/pqsafe.h"

extern int pqs_test_failures;
extern int pqs_test_checks;

/* Record a check; print a one-line failure with location. Returns cond. */
#define CHECK(cond, ...) pqs_test_check((cond) != 0, __FILE__, __LINE__, __VA_ARGS__)
int pqs_test_check(int ok, const char *file, int line, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* Print "<name>: N checks, M failed" and return the process exit code. */
int pqs_test_done(const char *name);

/* The vectors folder: $PQSAFE_VECTORS, else ../shared/vectors beside the source tree. */
const char *pqs_test_vectors_dir(void);
/* Load a JSON document (gzip or plain) at a path relative to the vectors folder.
 * Exits the test with a clear message when the file is missing or malformed. */
json_t *pqs_test_load_json(const char *relpath);
/* Read a whole file (gzip-transparent) relative to the vectors folder; caller frees. */
uint8_t *pqs_test_read_file(const char *relpath, size_t *len);

/* Decode hex (either case) into a fresh buffer; *len receives its length. Caller frees.
 * Exits on malformed hex. NULL or "" gives a 1-byte allocation and *len = 0. */
uint8_t *pqs_test_unhex(const char *hex, size_t *len);
/* Hex of a JSON string member, decoded; exits when absent. */
uint8_t *pqs_test_json_hex(json_t *obj, const char *key, size_t *len);
/* Compare bytes against hex; prints both on mismatch when label is non-NULL. */
int pqs_test_eq_hex(const uint8_t *buf, size_t len, const char *hex);
void pqs_test_print_hex(FILE *f, const uint8_t *buf, size_t len);

/* Deterministic pseudo-random bytes for tests (xorshift; not for keys). */
void pqs_test_rand(uint8_t *buf, size_t len);

#endif
