/* Atomic file output (file.h): the output is written to a file in the destination's
 * directory and given its name only once complete (fsync, link or rename, fsync of the
 * directory). That file is unnamed where the filesystem allows it (O_TMPFILE, Linux 3.11):
 * if the process is killed or the machine stops, nothing is left, not even a partial
 * file of plaintext; elsewhere it is a named "PATH.tmp-XXXXXXXX", which a signal's
 * cleanup (cleanup.h) and every error path remove. */
#define _GNU_SOURCE   /* O_TMPFILE, AT_EMPTY_PATH */
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
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

/* An unnamed file in path's directory (O_TMPFILE) with exactly `mode`; 0 where the
 * filesystem or kernel has none (the caller then names a temporary file). */
static int open_unnamed(pqs_atomic_file *f, mode_t mode)
{
    char *copy = strdup(f->path);
    if (copy == NULL)
        return 0;
    f->fd = open(dirname(copy), O_TMPFILE | O_WRONLY | O_CLOEXEC, mode);   /* & ~umask */
    free(copy);
    /* Naming it at commit goes through /proc/self/fd (AT_EMPTY_PATH needs a capability
     * before Linux 6.10): without /proc (a chroot, a sandbox) a named temporary file is
     * used instead, rather than failing at the end. */
    char proc[64];
    snprintf(proc, sizeof proc, "/proc/self/fd/%d", f->fd);
    if (f->fd >= 0 && access(proc, F_OK) != 0) {
        close(f->fd);
        f->fd = -1;
    }
    f->unnamed = f->fd >= 0;
    return f->unnamed;
}

/* Give the unnamed file behind fd the name path (fails with EEXIST if it is taken):
 * through AT_EMPTY_PATH where allowed (it needs CAP_DAC_READ_SEARCH), else through
 * /proc/self/fd. */
static int link_unnamed(int fd, const char *path)
{
    if (linkat(fd, "", AT_FDCWD, path, AT_EMPTY_PATH) == 0)
        return 0;
    if (errno == EEXIST)
        return -1;
    char proc[64];
    snprintf(proc, sizeof proc, "/proc/self/fd/%d", fd);
    return linkat(AT_FDCWD, proc, AT_FDCWD, path, AT_SYMLINK_FOLLOW);
}

/* "/dev/stdout", "/dev/stderr", "/dev/fd/N", "/proc/self/fd/N": a descriptor this process
 * already holds (a redirection, perhaps appending to a log; a socket). It is written
 * through a duplicate, never reopened (which would write from offset 0, or fail for a
 * socket) nor replaced. -1 for any other path. */
static int inherited_fd(const char *path)
{
    if (strcmp(path, "/dev/stdout") == 0)
        return STDOUT_FILENO;
    if (strcmp(path, "/dev/stderr") == 0)
        return STDERR_FILENO;
    const char *num = strncmp(path, "/dev/fd/", 8) == 0          ? path + 8
                      : strncmp(path, "/proc/self/fd/", 14) == 0 ? path + 14
                                                                 : NULL;
    if (num == NULL || *num < '0' || *num > '9')
        return -1;
    char *end = NULL;
    long v = strtol(num, &end, 10);
    return *end == '\0' && v <= 1 << 20 ? (int)v : -1;
}

static int open_inherited(pqs_atomic_file *f, int fd)
{
    f->fd = fcntl(fd, F_DUPFD_CLOEXEC, 3);
    if (f->fd < 0)
        return pqs_error_set(PQS_E_IO, "cannot write %s: %s", f->path, strerror(errno));
    f->direct = 1;
    return PQS_OK;
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
    f->path = NULL;
    f->overwrite = overwrite;
    f->staged = 0;
    f->direct = 0;
    f->unnamed = 0;
    f->tmp_path = NULL;
    struct stat st, lst;
    int exists = stat(path, &st) == 0, fd = inherited_fd(path);
    /* A link to a regular file: replace the file it names, not the link; but only a link
     * of our own (as the kernel's protected_symlinks): another user's link in a shared
     * directory would otherwise make us replace any file we can write. */
    int link = exists && S_ISREG(st.st_mode) && lstat(path, &lst) == 0 && S_ISLNK(lst.st_mode);
    if (link && lst.st_uid != geteuid())
        return pqs_error_set(PQS_E_IO, "%s is a symbolic link owned by another user: not "
                                       "followed (name its target, or remove it)", path);
    f->path = link ? realpath(path, NULL) : strdup(path);
    if (f->path == NULL) {
        release(f);
        return PQS_E_NOMEM;
    }
    if (fd >= 0) {
        int rc = open_inherited(f, fd);
        if (rc != PQS_OK)
            release(f);
        return rc;
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
    if (open_unnamed(f, mode))
        return PQS_OK;
    int e = EIO;   /* if the random source fails before any attempt */
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
    /* The mode is the one asked for less the umask, as for any program's output: a secret
     * asked as 0600 is never more open, and a user's umask 077 keeps sealed files private. */
    return PQS_OK;
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

/* The unnamed file gets its name: linked straight to path when nothing may be replaced
 * (the link fails if the name exists), else linked to a fresh temporary name and renamed
 * over path. */
static int place_unnamed(pqs_atomic_file *f)
{
    if (!f->overwrite) {
        if (link_unnamed(f->fd, f->path) == 0)
            return PQS_OK;
        return pqs_error_set(PQS_E_IO, errno == EEXIST ? "%s already exists (use --force to "
                                                         "replace it)"
                                                       : "cannot create %s: %s",
                             f->path, strerror(errno));
    }
    size_t n = strlen(f->path) + 32;
    for (int attempt = 0; attempt < 100; attempt++) {
        uint32_t r = 0;
        if (pqs_randombytes((uint8_t *)&r, sizeof r) != 0)
            break;
        snprintf(f->tmp_path, n, "%s.tmp-%08x", f->path, r);
        if (link_unnamed(f->fd, f->tmp_path) == 0) {
            if (rename(f->tmp_path, f->path) == 0)
                return PQS_OK;
            int e = errno;
            unlink(f->tmp_path);
            return pqs_error_set(PQS_E_IO, "cannot rename into %s: %s", f->path, strerror(e));
        }
        if (errno != EEXIST)
            break;
    }
    return pqs_error_set(PQS_E_IO, "cannot create %s: %s", f->path, strerror(errno));
}

/* The named temporary file gets its name (link, or rename when replacing). */
static int place_named(pqs_atomic_file *f)
{
    int rc = PQS_OK;
    if (!f->overwrite) {
        /* link() fails if the name appeared meanwhile: never replace what we were told not to. */
        if (link(f->tmp_path, f->path) != 0)
            rc = pqs_error_set(PQS_E_IO, errno == EEXIST ? "%s already exists (use --force to "
                                                           "replace it)"
                                                         : "cannot create %s: %s",
                               f->path, strerror(errno));
        unlink(f->tmp_path);
    } else if (rename(f->tmp_path, f->path) != 0) {
        rc = pqs_error_set(PQS_E_IO, "cannot rename into %s: %s", f->path, strerror(errno));
    }
    return rc;
}

int pqs_atomic_commit(pqs_atomic_file *f)
{
    if (f->direct)
        return commit_direct(f);
    int rc = PQS_OK;
    if (!f->staged && fsync(f->fd) != 0)
        rc = pqs_error_set(PQS_E_IO, "cannot sync %s: %s", f->path, strerror(errno));
    /* A named file is closed before it takes the final name: a write error reported only
     * at close (NFS) then replaces nothing. An unnamed one is named through its
     * descriptor, after the fsync above has flushed it (NFS has no O_TMPFILE). */
    if (!f->unnamed && close(f->fd) != 0 && rc == PQS_OK)
        rc = pqs_error_set(PQS_E_IO, "cannot close %s: %s", f->path, strerror(errno));
    /* Under the cleanup lock: a signal's cleanup of a staging tree must not miss a name
     * that appears in it while it is being removed. */
    pqs_cleanup_begin();
    if (rc == PQS_OK)
        rc = f->unnamed ? place_unnamed(f) : place_named(f);
    pqs_cleanup_end(NULL, 0);
    if (f->unnamed && close(f->fd) != 0 && rc == PQS_OK)
        rc = pqs_error_set(PQS_E_IO, "cannot close %s: %s", f->path, strerror(errno));
    f->fd = -1;
    if (rc != PQS_OK && !f->unnamed)
        unlink(f->tmp_path);
    else if (rc == PQS_OK && !f->staged)
        fsync_dir(f->path);
    if (!f->unnamed)
        pqs_cleanup_forget(f->tmp_path);
    release(f);
    return rc;
}

void pqs_atomic_abort(pqs_atomic_file *f)
{
    if (f->fd >= 0)
        close(f->fd);   /* an unnamed file is gone with its descriptor */
    if (f->tmp_path != NULL && !f->unnamed) {
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
