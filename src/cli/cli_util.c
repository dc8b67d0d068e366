#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "cli_util.h"
#include "core/file.h"

const char *pqs_cli_value(int argc, char **argv, int *i)
{
    if (*i + 1 >= argc) {
        pqs_cli_error("option %s needs a value", argv[*i]);
        return NULL;
    }
    return argv[++*i];
}

pqs_key *pqs_cli_load_key(const char *path)
{
    pqs_key *key = NULL;
    int rc = pqs_key_load(&key, path);
    if (rc != PQS_OK) {
        const char *d = pqs_error_detail();
        pqs_cli_error("cannot read key %s: %s", path, d[0] ? d : pqs_strerror(rc));
        return NULL;
    }
    return key;
}

int pqs_cli_write_output(const char *path, const uint8_t *buf, size_t len, unsigned mode, int force)
{
    if (path == NULL || strcmp(path, "-") == 0) {
        if (pqs_write_all(STDOUT_FILENO, buf, len) != PQS_OK) {
            pqs_cli_error("cannot write to standard output");
            return PQS_EXIT_USAGE;
        }
        return PQS_EXIT_OK;
    }
    int rc = pqs_write_file_atomic(path, buf, len, (mode_t)mode, force);
    if (rc != PQS_OK) {
        const char *why = pqs_error_detail()[0] ? pqs_error_detail() : pqs_strerror(rc);
        if (strstr(why, path) != NULL)   /* the detail names the file already */
            pqs_cli_error("%s", why);
        else
            pqs_cli_error("cannot write %s: %s", path, why);
        return PQS_EXIT_USAGE;
    }
    return PQS_EXIT_OK;
}
