/* The files of a model directory: every regular file below the root, as model_signing
 * serializes them (empty directories contribute nothing), with symlinks refused unless
 * allowed and then only when they stay inside the model. Walked with openat(2) relative
 * to the root so that a path is never re-resolved through a swapped symlink. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/error.h"
#include "ms_int.h"

#define MAX_DEPTH 256

typedef struct {
    const char *root_real;
    int allow_symlinks;
    char *const *ignore;
    size_t n_ignore;
    ms_files *out;
} walk_ctx;

static int add_file(ms_files *f, const char *path, uint64_t size)
{
    if (f->n == f->cap) {
        size_t cap = f->cap ? 2 * f->cap : 64;
        ms_file *v = realloc(f->v, cap * sizeof *v);
        if (v == NULL)
            return PQS_E_NOMEM;
        f->v = v;
        f->cap = cap;
    }
    f->v[f->n].path = strdup(path);
    if (f->v[f->n].path == NULL)
        return PQS_E_NOMEM;
    f->v[f->n].size = size;
    f->n++;
    return PQS_OK;
}

/* A symlink is acceptable only when allowed and its target, fully resolved, is a regular
 * file inside the model directory. */
static int check_symlink(const walk_ctx *c, int dir_fd, const char *name, const char *rel,
                         struct stat *st)
{
    if (!c->allow_symlinks)
        return pqs_error_set(PQS_E_VERIFY, "'%s' is a symbolic link (symlinks are not allowed)",
                             rel);
    char *full = malloc(strlen(c->root_real) + strlen(rel) + 2);
    if (full == NULL)
        return PQS_E_NOMEM;
    sprintf(full, "%s/%s", c->root_real, rel);
    char *target = realpath(full, NULL);
    free(full);
    size_t n = strlen(c->root_real);
    int inside = target != NULL && strncmp(target, c->root_real, n) == 0 &&
                 (target[n] == '/' || (n == 1 && c->root_real[0] == '/'));
    free(target);
    if (!inside)
        return pqs_error_set(PQS_E_VERIFY, "symbolic link '%s' points outside the model directory",
                             rel);
    if (fstatat(dir_fd, name, st, 0) != 0)
        return pqs_error_set(PQS_E_IO, "cannot stat '%s': %s", rel, strerror(errno));
    if (!S_ISREG(st->st_mode))
        return pqs_error_set(PQS_E_VERIFY, "symbolic link '%s' does not point to a regular file",
                             rel);
    return PQS_OK;
}

static int walk_dir(const walk_ctx *c, int dir_fd, const char *prefix, int depth);

static int walk_entry(const walk_ctx *c, int dir_fd, const char *name, const char *rel,
                      int depth)
{
    if (ms_path_ignored(rel, c->ignore, c->n_ignore))
        return PQS_OK;
    struct stat st;
    if (fstatat(dir_fd, name, &st, AT_SYMLINK_NOFOLLOW) != 0)
        return pqs_error_set(PQS_E_IO, "cannot stat '%s': %s", rel, strerror(errno));
    if (S_ISLNK(st.st_mode)) {
        int rc = check_symlink(c, dir_fd, name, rel, &st);
        if (rc != PQS_OK)
            return rc;
    }
    if (S_ISDIR(st.st_mode)) {
        int fd = openat(dir_fd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
        if (fd < 0)
            return pqs_error_set(PQS_E_IO, "cannot open directory '%s': %s", rel, strerror(errno));
        return walk_dir(c, fd, rel, depth + 1);
    }
    if (!S_ISREG(st.st_mode))
        return pqs_error_set(PQS_E_VERIFY, "'%s' is not a regular file or directory", rel);
    int rc = ms_path_check(rel, strlen(rel), "file");
    if (rc != PQS_OK)
        return ms_error_wrap(PQS_E_INVALID_ARG, "cannot sign this model: ");
    return add_file(c->out, rel, (uint64_t)st.st_size);
}

/* Takes ownership of dir_fd. */
static int walk_dir(const walk_ctx *c, int dir_fd, const char *prefix, int depth)
{
    if (depth > MAX_DEPTH) {
        close(dir_fd);
        return pqs_error_set(PQS_E_INVALID_ARG, "directories nested deeper than %d levels at '%s'",
                             MAX_DEPTH, prefix);
    }
    DIR *d = fdopendir(dir_fd);
    if (d == NULL) {
        close(dir_fd);
        return pqs_error_set(PQS_E_IO, "cannot read directory '%s': %s",
                             prefix[0] ? prefix : ".", strerror(errno));
    }
    rewinddir(d);
    int rc = PQS_OK;
    struct dirent *e;
    while (rc == PQS_OK && (errno = 0, e = readdir(d)) != NULL) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        size_t n = strlen(prefix) + strlen(e->d_name) + 2;
        char *rel = malloc(n);
        if (rel == NULL) {
            rc = PQS_E_NOMEM;
            break;
        }
        snprintf(rel, n, "%s%s%s", prefix, prefix[0] ? "/" : "", e->d_name);
        rc = walk_entry(c, dirfd(d), e->d_name, rel, depth);
        free(rel);
    }
    if (rc == PQS_OK && errno != 0)
        rc = pqs_error_set(PQS_E_IO, "cannot read directory '%s': %s", prefix, strerror(errno));
    closedir(d);
    return rc;
}

static int file_cmp(const void *a, const void *b)
{
    return ms_path_cmp(((const ms_file *)a)->path, ((const ms_file *)b)->path);
}

int ms_walk(int root_fd, const char *root_real, int allow_symlinks, char *const *ignore,
            size_t n_ignore, ms_files *out)
{
    walk_ctx c = {root_real, allow_symlinks, ignore, n_ignore, out};
    memset(out, 0, sizeof *out);
    int fd = dup(root_fd);
    if (fd < 0)
        return pqs_error_set(PQS_E_IO, "cannot read the model directory: %s", strerror(errno));
    int rc = walk_dir(&c, fd, "", 0);
    if (rc != PQS_OK) {
        ms_files_free(out);
        return rc;
    }
    if (out->n > 0)
        qsort(out->v, out->n, sizeof *out->v, file_cmp);
    return PQS_OK;
}

void ms_files_free(ms_files *f)
{
    for (size_t i = 0; i < f->n; i++)
        free(f->v[i].path);
    free(f->v);
    memset(f, 0, sizeof *f);
}
