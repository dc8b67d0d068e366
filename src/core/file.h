/* Writing files so a crash or an error never leaves a partial or corrupted output:
 * write to a temporary file in the destination's directory (unnamed where the filesystem
 * allows), fsync, then give it the destination's name (atomic.c). */
#ifndef PQS_CORE_FILE_H
#define PQS_CORE_FILE_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

typedef struct {
    int fd;               /* write here */
    char *path;           /* final path */
    char *tmp_path;       /* temporary path in the same directory */
    int overwrite;
    int staged;           /* set after open: no fsyncs, the caller syncs a whole staging
                           * tree before it renames that into place */
    int direct;           /* a device, FIFO, socket or inherited descriptor: in place */
    int unnamed;          /* fd is an O_TMPFILE file, named only at commit */
} pqs_atomic_file;

/* Create a temporary file beside path with the given mode (0600 for secrets), less the
 * umask.
 * overwrite 0: fails with PQS_E_IO (detail "exists") if path exists, now or at commit.
 * A symbolic link to a file is followed when it is the caller's own (the file it names is
 * the one replaced), refused when another user's. An existing device, FIFO or socket
 * (/dev/null, a named pipe) is written in place, as a shell redirection would, never
 * replaced; a block device only with overwrite, since writing it destroys what it holds.
 * /dev/stdout, /dev/stderr, /dev/fd/N and /proc/self/fd/N write through that descriptor. */
int pqs_atomic_open(pqs_atomic_file *f, const char *path, mode_t mode, int overwrite);
/* Write all of buf to fd (retries short writes). */
int pqs_write_all(int fd, const uint8_t *buf, size_t len);
/* Write all of the n (at most IOV_MAX) buffers of v to fd, in order, in as few calls as
 * the kernel allows (v is advanced past what was written). */
struct iovec;
int pqs_writev_all(int fd, struct iovec *v, int n);
/* fsync, rename into place, fsync the directory (no fsyncs when staged). Frees f. */
int pqs_atomic_commit(pqs_atomic_file *f);
/* Remove the temporary file. Frees f. Safe to call after a failed commit. */
void pqs_atomic_abort(pqs_atomic_file *f);
/* One-shot: the whole buffer to path atomically. */
int pqs_write_file_atomic(const char *path, const uint8_t *buf, size_t len, mode_t mode,
                          int overwrite);
/* Read a whole file (at most max bytes) into a fresh buffer. */
int pqs_read_file(const char *path, size_t max, uint8_t **out, size_t *out_len);

#endif
