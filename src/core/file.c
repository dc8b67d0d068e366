/* Whole writes, and whole reads of small files (keys) that leave no copy in freed memory.
 * The atomic outputs are in atomic.c. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <unistd.h>

#include "error.h"
#include "file.h"
#include "pqsafe/common.h"

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
