/* Where things are: the model directory (held open, so every file is opened relative
 * to the directory that was checked), its name, and the signature file, which is left
 * out of the manifest when it lies inside the model. */
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/error.h"
#include "ms_int.h"

static char *join(const char *a, const char *b)
{
    size_t n = strlen(a) + strlen(b) + 2;
    char *s = malloc(n);
    if (s != NULL)
        snprintf(s, n, "%s%s%s", a, a[0] && a[strlen(a) - 1] == '/' ? "" : "/", b);
    return s;
}

/* The part of path below root ("" when equal), or NULL when it is not below root. */
static const char *below(const char *path, const char *root)
{
    size_t n = strlen(root);
    if (n == 1 && root[0] == '/')
        return path[0] == '/' ? path + 1 : NULL;
    if (strncmp(path, root, n) != 0)
        return NULL;
    if (path[n] == '\0')
        return path + n;
    return path[n] == '/' ? path + n + 1 : NULL;
}

/* The signature's path relative to the model root, when it lies inside the model. */
static int signature_rel(ms_location *loc)
{
    char *d = strdup(loc->sig_path), *b = strdup(loc->sig_path);
    int rc = d && b ? PQS_OK : PQS_E_NOMEM;
    char *dir_real = rc == PQS_OK ? realpath(dirname(d), NULL) : NULL;
    if (dir_real != NULL) {
        char *full = join(dir_real, basename(b));
        const char *rel = full ? below(full, loc->root_real) : NULL;
        if (full == NULL)
            rc = PQS_E_NOMEM;
        else if (rel != NULL && rel[0] != '\0' && (loc->sig_rel = strdup(rel)) == NULL)
            rc = PQS_E_NOMEM;
        free(full);
    }
    free(dir_real);
    free(d);
    free(b);
    return rc;
}

int ms_location_open(ms_location *loc, const char *model_dir, const char *sig_path)
{
    memset(loc, 0, sizeof *loc);
    loc->root_fd = -1;
    if (model_dir == NULL || model_dir[0] == '\0')
        return pqs_error_set(PQS_E_INVALID_ARG, "no model directory given");
    loc->root_fd = open(model_dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (loc->root_fd < 0)
        return pqs_error_set(PQS_E_IO, "cannot open the model directory %s: %s", model_dir,
                             strerror(errno));
    loc->root_real = realpath(model_dir, NULL);
    if (loc->root_real == NULL) {
        int e = errno;
        ms_location_close(loc);
        return pqs_error_set(PQS_E_IO, "cannot resolve %s: %s", model_dir, strerror(e));
    }
    const char *slash = strrchr(loc->root_real, '/');
    loc->name = strdup(slash != NULL && slash[1] != '\0' ? slash + 1 : loc->root_real);
    loc->sig_path = sig_path ? strdup(sig_path) : join(model_dir, PQS_MODEL_SIGNATURE_FILE);
    int rc = loc->name && loc->sig_path ? signature_rel(loc) : PQS_E_NOMEM;
    if (rc != PQS_OK)
        ms_location_close(loc);
    return rc;
}

void ms_location_close(ms_location *loc)
{
    if (loc->root_fd >= 0)
        close(loc->root_fd);
    free(loc->root_real);
    free(loc->name);
    free(loc->sig_path);
    free(loc->sig_rel);
    memset(loc, 0, sizeof *loc);
    loc->root_fd = -1;
}

int ms_ignore_normalise(const ms_location *loc, const char *given, char **out)
{
    const char *rel = given;
    char *resolved = NULL;
    if (given[0] == '/') {
        resolved = realpath(given, NULL);
        rel = below(resolved ? resolved : given, loc->root_real);
        if (rel == NULL || rel[0] == '\0') {
            free(resolved);
            return pqs_error_set(PQS_E_INVALID_ARG, "ignore path %s is not inside the model "
                                 "directory", given);
        }
    }
    while (rel[0] == '.' && rel[1] == '/')
        rel += 2;
    char *s = strdup(rel);
    free(resolved);
    if (s == NULL)
        return PQS_E_NOMEM;
    size_t n = strlen(s);
    while (n > 1 && s[n - 1] == '/')
        s[--n] = '\0';
    int rc = ms_path_check(s, n, "ignore path");
    if (rc != PQS_OK) {
        free(s);
        return ms_error_wrap(PQS_E_INVALID_ARG, NULL);
    }
    *out = s;
    return PQS_OK;
}
