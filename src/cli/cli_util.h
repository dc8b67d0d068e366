/* Small helpers shared by the subcommands: option values, key loading, output files. */
#ifndef PQS_CLI_UTIL_H
#define PQS_CLI_UTIL_H

#include <stddef.h>
#include <stdint.h>

#include "pqsafe/keys.h"

/* For "--opt VALUE": returns VALUE and advances *i, or reports a usage error and
 * returns NULL when the value is missing. */
const char *pqs_cli_value(int argc, char **argv, int *i);
/* Load a key file; on failure print one line naming the file and the reason. */
pqs_key *pqs_cli_load_key(const char *path);
/* Write buf to path atomically (mode, no overwrite unless force), or to stdout for NULL/"-".
 * Prints one line on failure. Returns 0 or an exit code. */
int pqs_cli_write_output(const char *path, const uint8_t *buf, size_t len, unsigned mode, int force);

#endif
