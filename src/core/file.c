/* Atomic file output: temp file in the same directory, fsync, rename, fsync directory. */
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <unistd.h>

#include "cleanup.h"
#include "error.h"
#include "file.h"
#include "pqsafe/common.h"

static void release(pqs_atomic_file *f)
{
    free(f->path);
    free(f->tmp_path);
    f->path = f->tmp_path = NULL;
    f->fd = -1;
}

/* An existing device, FIFO or socket at path: opened for writing in place. */
static int open_direct(pqs_atomic_file *f, const struct stat *st, int overwrite)
{
    if (S_ISBLK(st->st_mode) && !overwrite)
        return pqs_error_set(PQS_E_IO, "%s is a block device: writing it destroys what it holds "
                                       "(use --force to write it)", f->path);
    f->fd = open(f->path, O_WRONLY | O_CLOEXEC);
    if (f->fd < 0)
        return pqs_error_set(PQS_E_IO, "cannot open %s: %s", f->path, strerror(errno));
    f->direct = 1;
    return PQS_OK;
}

int pqs_atomic_open(pqs_atomic_file *f, const char *path, mode_t mode, int overwrite)
{
    f->fd = -1;
    f->overwrite = overwrite;
    f->staged = 0;
    f->direct = 0;
    f->tmp_path = NULL;
    struct stat st, lst;
    int exists = stat(path, &st) == 0;
    /* A link to a regular file: replace the file it names, not the link. */
    if (exists && S_ISREG(st.st_mode) && lstat(path, &lst) == 0 && S_ISLNK(lst.st_mode))
        f->path = realpath(path, NULL);
    else
        f->path = strdup(path);
    if (f->path == NULL) {
        release(f);
        return PQS_E_NOMEM;
    }
    if (!exists && lstat(path, &lst) == 0 && S_ISLNK(lst.st_mode)) {
        release(f);
        return pqs_error_set(PQS_E_IO, "%s is a symbolic link to nothing", path);
    }
    if (exists && S_ISDIR(st.st_mode)) {
        release(f);
        return pqs_error_set(PQS_E_IO, "%s is a directory, not a file name", path);
    }
    if (exists && !S_ISREG(st.st_mode)) {
        int rc = open_direct(f, &st, overwrite);
        if (rc != PQS_OK)
            release(f);
        return rc;
    }
    if (!overwrite && exists) {
        release(f);
        return pqs_error_set(PQS_E_IO, "%s already exists (use --force to replace it)", path);
    }
    size_t n = strlen(f->path) + 32;
    f->tmp_path = malloc(n);
    if (f->tmp_path == NULL) {
        release(f);
        return PQS_E_NOMEM;
    }
    path = f->path;
    int e = 0;
    pqs_cleanup_begin();   /* created and tracked at once: removed if a signal stops us */
    for (int attempt = 0; attempt < 100 && f->fd < 0; attempt++) {
        uint32_t r = 0;
        if (pqs_randombytes((uint8_t *)&r, sizeof r) != 0)
            break;
        snprintf(f->tmp_path, n, "%s.tmp-%08x", path, r);
        f->fd = open(f->tmp_path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode);
        e = errno;
        if (f->fd < 0 && errno != EEXIST)
            break;
    }
    pqs_cleanup_end(f->fd >= 0 ? f->tmp_path : NULL, 0);
    if (f->fd < 0) {
        char *p = f->path;
        f->path = NULL;
        release(f);
        int rc = pqs_error_set(PQS_E_IO, "cannot create a file beside %s: %s", p, strerror(e));
        free(p);
        return rc;
    }
    /* O_CREAT honours the umask; set the exact mode asked for. */
    if (fchmod(f->fd, mode) != 0) {
        int rc = pqs_error_set(PQS_E_IO, "cannot set the mode of %s", path);
        pqs_atomic_abort(f);
        return rc;
    }
    return PQS_OK;
}

int pqs_writev_all(int fd, struct iovec *v, int n)
{
    while (n > 0 && v[0].iov_len == 0) {
        v++;
        n--;
    }
    while (n > 0) {
        ssize_t w = writev(fd, v, n);
        if (w < 0) {
            if (errno == EINTR)
                continue;
            return pqs_error_set(PQS_E_IO, "write failed: %s", strerror(errno));
        }
        for (size_t left = (size_t)w; n > 0 && (left > 0 || v[0].iov_len == 0);) {
            size_t k = left < v[0].iov_len ? left : v[0].iov_len;
            v[0].iov_base = (uint8_t *)v[0].iov_base + k;
            v[0].iov_len -= k;
            left -= k;
            if (v[0].iov_len == 0) {
                v++;
                n--;
            }
        }
    }
    return PQS_OK;
}

int pqs_write_all(int fd, const uint8_t *buf, size_t len)
{
    struct iovec v = {(void *)(uintptr_t)buf, len};
    return pqs_writev_all(fd, &v, 1);
}

static void fsync_dir(const char *path)
{
    char *copy = strdup(path);
    if (copy == NULL)
        return;
    int dfd = open(dirname(copy), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dfd >= 0) {
        (void)fsync(dfd);
        close(dfd);
    }
    free(copy);
}

/* Written in place: only the close can still fail (fsync means nothing to a pipe). */
static int commit_direct(pqs_atomic_file *f)
{
    int rc = close(f->fd) == 0 ? PQS_OK
                               : pqs_error_set(PQS_E_IO, "cannot close %s: %s", f->path,
                                               strerror(errno));
    f->fd = -1;
    release(f);
    return rc;
}

int pqs_atomic_commit(pqs_atomic_file *f)
{
    if (f->direct)
        return commit_direct(f);
    int rc = PQS_OK;
    if (!f->staged && fsync(f->fd) != 0)
        rc = pqs_error_set(PQS_E_IO, "cannot sync %s: %s", f->path, strerror(errno));
    if (close(f->fd) != 0 && rc == PQS_OK)
        rc = pqs_error_set(PQS_E_IO, "cannot close %s: %s", f->path, strerror(errno));
    f->fd = -1;
    /* Under the cleanup lock: a signal's cleanup of a staging tree must not miss a name
     * that appears in it while it is being removed. */
    pqs_cleanup_begin();
    if (rc == PQS_OK && !f->overwrite) {
        /* link() fails if the name appeared meanwhile: never replace what we were told not to. */
        if (link(f->tmp_path, f->path) != 0)
            rc = pqs_error_set(PQS_E_IO, errno == EEXIST ? "%s already exists (use --force to replace it)"
                                                         : "cannot create %s", f->path);
        unlink(f->tmp_path);
    } else if (rc == PQS_OK && rename(f->tmp_path, f->path) != 0) {
        rc = pqs_error_set(PQS_E_IO, "cannot rename into %s: %s", f->path, strerror(errno));
    }
    pqs_cleanup_end(NULL, 0);
    if (rc != PQS_OK)
        unlink(f->tmp_path);
    else if (!f->staged)
        fsync_dir(f->path);
    pqs_cleanup_forget(f->tmp_path);
    release(f);
    return rc;
}

void pqs_atomic_abort(pqs_atomic_file *f)
{
    if (f->fd >= 0)
        close(f->fd);
    if (f->tmp_path != NULL) {
        unlink(f->tmp_path);
        pqs_cleanup_forget(f->tmp_path);
    }
    release(f);
}

int pqs_write_file_atomic(const char *path, const uint8_t *buf, size_t len, mode_t mode,
                          int overwrite)
{
    pqs_atomic_file f;
    int rc = pqs_atomic_open(&f, path, mode, overwrite);
    if (rc != PQS_OK)
        return rc;
    rc = pqs_write_all(f.fd, buf, len);
    if (rc != PQS_OK) {
        pqs_atomic_abort(&f);
        return rc;
    }
    return pqs_atomic_commit(&f);
}

/* realloc, but the old block is wiped before it is freed: what is read may be a key. */
static uint8_t *grow_wiped(uint8_t *buf, size_t used, size_t cap, size_t grown)
{
    uint8_t *nb = malloc(grown);
    if (nb == NULL)
        return NULL;
    memcpy(nb, buf, used);
    pqs_wipe(buf, cap);
    free(buf);
    return nb;
}

int pqs_read_file(const char *path, size_t max, uint8_t **out, size_t *out_len)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return pqs_error_set(PQS_E_IO, "cannot open %s: %s", path, strerror(errno));
    size_t cap = max < 4096 ? max + 1 : 4096, n = 0;
    uint8_t *buf = malloc(cap);
    int rc = buf ? PQS_OK : PQS_E_NOMEM;
    /* Read until EOF with room for one byte more than max, so a file of exactly max
     * bytes is accepted and max + 1 is detected. */
    while (rc == PQS_OK) {
        if (n == cap) {
            size_t grown = cap > (max + 1) / 2 ? max + 1 : cap * 2;
            uint8_t *nb = grown > cap ? grow_wiped(buf, n, cap, grown) : NULL;
            if (nb == NULL) {
                rc = grown > cap ? PQS_E_NOMEM
                                 : pqs_error_set(PQS_E_IO, "%s is larger than %zu bytes", path, max);
                break;
            }
            buf = nb;
            cap = grown;
        }
        ssize_t r = read(fd, buf + n, cap - n);
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0)
            rc = pqs_error_set(PQS_E_IO, "cannot read %s: %s", path, strerror(errno));
        else if (r == 0)
            break;
        else
            n += (size_t)r;
    }
    if (rc == PQS_OK && n > max)
        rc = pqs_error_set(PQS_E_IO, "%s is larger than %zu bytes", path, max);
    close(fd);
    if (rc != PQS_OK) {
        if (buf)
            pqs_wipe(buf, cap);
        free(buf);
        return rc;
    }
    *out = buf;
    *out_len = n;
    return PQS_OK;
}
