/* Buffered input for the header parser and the payload reader, over a raw reader (a file
 * descriptor, memory, or the armor decoder), and the output sinks. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "age_impl.h"
#include "core/error.h"
#include "core/file.h"

int age_src_init(age_src *s, age_raw_fn raw, void *ctx, size_t cap)
{
    memset(s, 0, sizeof *s);
    s->raw = raw;
    s->ctx = ctx;
    s->cap = cap;
    s->buf = malloc(cap);
    return s->buf ? PQS_OK : PQS_E_NOMEM;
}

void age_src_free(age_src *s)
{
    free(s->buf);
    s->buf = NULL;
}

/* One raw read into the free space at the end of the buffer. */
static int fill_once(age_src *s)
{
    if (s->pos > 0 && s->pos == s->len) {
        s->pos = s->len = 0;
    } else if (s->pos > 0 && s->len == s->cap) {
        memmove(s->buf, s->buf + s->pos, s->len - s->pos);
        s->len -= s->pos;
        s->pos = 0;
    }
    size_t got = 0;
    int fail = PQS_AGE_FAIL_IO;
    int rc = s->raw(s->ctx, s->buf + s->len, s->cap - s->len, &got, &fail);
    if (rc != PQS_OK) {
        s->fail = fail;
        return rc;
    }
    if (got == 0)
        s->eof = 1;
    s->len += got;
    return PQS_OK;
}

int age_src_peek(age_src *s, size_t want, const uint8_t **p, size_t *avail)
{
    if (want > s->cap)
        want = s->cap;
    if (s->len - s->pos < want && s->pos > 0 && s->cap - s->pos < want) {
        memmove(s->buf, s->buf + s->pos, s->len - s->pos);
        s->len -= s->pos;
        s->pos = 0;
    }
    while (s->len - s->pos < want && !s->eof) {
        int rc = fill_once(s);
        if (rc != PQS_OK)
            return rc;
    }
    *p = s->buf + s->pos;
    *avail = s->len - s->pos;
    return PQS_OK;
}

int age_src_read(age_src *s, uint8_t *out, size_t n, size_t *got)
{
    size_t done = 0;
    while (done < n) {
        if (s->pos < s->len) {
            size_t k = s->len - s->pos;
            if (k > n - done)
                k = n - done;
            memcpy(out + done, s->buf + s->pos, k);
            s->pos += k;
            done += k;
            continue;
        }
        if (s->eof)
            break;
        if (n - done >= s->cap) {
            /* Large reads bypass the buffer. */
            size_t g = 0;
            int fail = PQS_AGE_FAIL_IO;
            int rc = s->raw(s->ctx, out + done, n - done, &g, &fail);
            if (rc != PQS_OK) {
                s->fail = fail;
                s->consumed += done;
                return rc;
            }
            if (g == 0)
                s->eof = 1;
            done += g;
            continue;
        }
        int rc = fill_once(s);
        if (rc != PQS_OK) {
            s->consumed += done;
            return rc;
        }
    }
    s->consumed += done;
    *got = done;
    return PQS_OK;
}

/* The probe for end of input after a batch: one page, not a whole buffer. Filling the
 * buffer (128 KiB) here made every payload batch copy that much twice (kernel to buffer,
 * buffer to batch) and left the file offset of the next large read off page alignment;
 * a page keeps the extra copy at 0.2% of a batch and a file read from offset 0 aligned. */
#define AGE_SRC_PROBE ((size_t)4096)

int age_src_at_eof(age_src *s, int *eof)
{
    if (s->pos == s->len && !s->eof) {
        size_t got = 0;
        int fail = PQS_AGE_FAIL_IO;
        s->pos = s->len = 0;
        int rc = s->raw(s->ctx, s->buf, s->cap < AGE_SRC_PROBE ? s->cap : AGE_SRC_PROBE, &got,
                        &fail);
        if (rc != PQS_OK) {
            s->fail = fail;
            *eof = 0;
            return rc;
        }
        if (got == 0)
            s->eof = 1;
        s->len = got;
    }
    *eof = s->pos == s->len;
    return PQS_OK;
}

int age_src_line(age_src *s, const uint8_t **line, size_t *len, int *nl, size_t max)
{
    size_t scanned = 0;
    for (;;) {
        size_t have = s->len - s->pos;
        const uint8_t *start = s->buf + s->pos;
        const uint8_t *lf = have > scanned ? memchr(start + scanned, '\n', have - scanned) : NULL;
        if (lf != NULL) {
            size_t n = (size_t)(lf - start);
            if (n > max)
                break;
            *line = start;
            *len = n;
            *nl = 1;
            s->pos += n + 1;
            s->consumed += n + 1;
            return PQS_OK;
        }
        scanned = have;
        if (have > max)
            break;
        if (s->eof) {
            *line = start;
            *len = have;
            *nl = 0;
            s->pos += have;
            s->consumed += have;
            return PQS_OK;
        }
        if (s->pos > 0) {
            memmove(s->buf, start, have);
            s->len = have;
            s->pos = 0;
        }
        if (s->len == s->cap)
            break;
        int rc = fill_once(s);
        if (rc != PQS_OK)
            return rc;
    }
    s->fail = PQS_AGE_FAIL_HEADER;
    return pqs_error_set(PQS_E_DECODE, "line longer than %zu bytes", max);
}

int age_raw_fd(void *ctx, uint8_t *buf, size_t cap, size_t *got, int *failure)
{
    int fd = *(const int *)ctx;
    for (;;) {
        ssize_t r = read(fd, buf, cap);
        if (r >= 0) {
            *got = (size_t)r;
            return PQS_OK;
        }
        if (errno != EINTR) {
            *failure = PQS_AGE_FAIL_IO;
            return pqs_error_set(PQS_E_IO, "read failed: %s", strerror(errno));
        }
    }
}

int age_raw_mem(void *ctx, uint8_t *buf, size_t cap, size_t *got, int *failure)
{
    (void)failure;
    age_mem_in *m = ctx;
    size_t k = m->len - m->pos;
    if (k > cap)
        k = cap;
    if (k > 0)
        memcpy(buf, m->p + m->pos, k);
    m->pos += k;
    *got = k;
    return PQS_OK;
}

/* Regular files are written 64 KiB at a time (aligned to the file offset), as cp does
 * (copy_file_range splices through a 64 KiB pipe). A write() of megabytes lets the kernel
 * put it in large page-cache folios (up to 2 MiB), and on a VM with free page reporting
 * (virtio-balloon, reporting order 9) those mostly come from blocks the host has taken
 * back and must fault in again, as kernel time inside write(): on the benchmark VM a
 * 512 MiB output usually took 1.2-1.4 s in 2 MiB writes against 0.15-0.3 s in 64 KiB ones
 * (plain dd shows the same). The data and its order are the same either way; other
 * outputs (pipes, /dev/null) get one write per batch. */
#define AGE_FILE_WRITE_PIECE ((size_t)64 << 10)

int age_sink_fd(void *ctx, const uint8_t *p, size_t n)
{
    int fd = *(const int *)ctx;
    struct stat st;
    size_t piece = n, first = n;
    if (n > AGE_FILE_WRITE_PIECE && fstat(fd, &st) == 0 && S_ISREG(st.st_mode)) {
        /* Pieces aligned to the file offset (a hint only: 0 if it cannot be read). */
        off_t pos = lseek(fd, 0, SEEK_CUR);
        piece = AGE_FILE_WRITE_PIECE;
        first = piece - (pos > 0 ? (size_t)pos % piece : 0);
    }
    while (n > 0) {
        size_t k = n < first ? n : first;
        first = piece;
        int rc = pqs_write_all(fd, p, k);
        if (rc != PQS_OK)
            return rc;
        p += k;
        n -= k;
    }
    return PQS_OK;
}

int age_sink_mem(void *ctx, const uint8_t *p, size_t n)
{
    age_mem_out *m = ctx;
    if (n > m->cap - m->len) {
        size_t cap = m->cap ? m->cap : 4096;
        while (cap - m->len < n) {
            if (cap > SIZE_MAX / 2)
                return PQS_E_NOMEM;
            cap *= 2;
        }
        /* Grow by copying so that no plaintext is left behind in freed memory. */
        uint8_t *q = malloc(cap);
        if (q == NULL)
            return PQS_E_NOMEM;
        if (m->len > 0)
            memcpy(q, m->p, m->len);
        if (m->p != NULL) {
            pqs_wipe(m->p, m->cap);
            free(m->p);
        }
        m->p = q;
        m->cap = cap;
    }
    if (n > 0)
        memcpy(m->p + m->len, p, n);
    m->len += n;
    return PQS_OK;
}

void age_mem_out_free(age_mem_out *m)
{
    if (m->p != NULL) {
        pqs_wipe(m->p, m->cap);
        free(m->p);
    }
    m->p = NULL;
    m->cap = m->len = 0;
}
