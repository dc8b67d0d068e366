/* Buffered input for the header parser and the payload reader, over a raw reader (a file
 * descriptor, memory, or the armor decoder), and the output sinks. */
#define _GNU_SOURCE   /* sync_file_range */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/uio.h>
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
    /* Sealing from a pipe, the buffer held plaintext. */
    if (s->buf != NULL)
        pqs_wipe(s->buf, s->cap);
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

/* A line longer than the buffer (the spec sets no limit on header lines; age reads a
 * stanza argument of any length): the buffer doubles, up to limit bytes. The old block is
 * wiped before it is freed, as at the end. */
static int grow(age_src *s, size_t limit)
{
    if (s->cap >= limit)
        return PQS_E_DECODE;
    size_t cap = s->cap * 2 < limit ? s->cap * 2 : limit;
    uint8_t *p = malloc(cap);
    if (p == NULL)
        return PQS_E_NOMEM;
    memcpy(p, s->buf, s->len);
    pqs_wipe(s->buf, s->cap);
    free(s->buf);
    s->buf = p;
    s->cap = cap;
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
        int grown = s->len == s->cap ? grow(s, max + 1) : PQS_OK;
        if (grown == PQS_E_NOMEM)
            return PQS_E_NOMEM;
        if (grown != PQS_OK)
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

/* Regular files are written in whole 32 KiB pieces aligned to the file offset; what does
 * not complete a piece waits in f->tail for the next call (or the end). The kernel sizes
 * the page-cache folios of a write by its length and its alignment, and on this kind of
 * VM (Firecracker, virtio-balloon free page reporting) how the output is cut decides two
 * things, measured on 2 GiB (Zen 5 VM, medians of 7-9 runs):
 *   - writing: folios above order 3 come from the buddy allocator, often from blocks the
 *     host has taken back and must fault in again, as kernel time inside write(): 64 KiB
 *     aligned pieces took 0.5-3.8 s (2 MiB ones: 1.2-1.4 s for 512 MiB); order-3 folios
 *     (32 KiB) come from the per-CPU lists: 0.50-0.58 s, steadily;
 *   - reading it back (pqsafe open of a sealed file, a server loading a model): a piece
 *     cut short at each call, as a sealed file's groups fall 1643 + 64k bytes into the
 *     file, made the kernel fall back to 4 KiB folios, and reading the file from the page
 *     cache cost 114 ms of kernel time against 90 ms in 32 KiB folios (open: 278 ms
 *     against 266 ms).
 * Pipes and /dev/null get every call as one write. */
#define AGE_FILE_WRITE_PIECE ((size_t)32 << 10)

/* With write_back, the written pages go to the disk every AGE_WRITE_BACK_STEP bytes, not
 * all in the caller's final fsync: the kernel starts writing back on its own only beyond
 * dirty_background_ratio (10% of memory, over 2 GiB here), so a 2 GiB output was written
 * out only by the fsync. Measured on the benchmark VM (2 GiB in 32 KiB pieces, then
 * fsync): 1.4-3.2 s without, 0.74-0.77 s with a 16 MiB step (0.82-0.88 s with 64 MiB). */
#define AGE_WRITE_BACK_STEP ((uint64_t)16 << 20)

void age_fd_out_init(age_fd_out *f, int fd, int write_back)
{
    memset(f, 0, sizeof *f);
    f->fd = fd;
    struct stat st;
    off_t pos;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || (pos = lseek(fd, 0, SEEK_CUR)) < 0)
        return;
    f->write_back = write_back;
    f->written = f->handed = (uint64_t)pos;
    f->tail = malloc(AGE_FILE_WRITE_PIECE);   /* without it: one write per call */
    f->fill_to = AGE_FILE_WRITE_PIECE - (size_t)pos % AGE_FILE_WRITE_PIECE;
}

/* Start writing back what was written since the last step (asynchronously: the kernel
 * blocks only when the device's queue is full). */
static void write_back_step(age_fd_out *f, size_t just_written)
{
    f->written += just_written;
    if (!f->write_back || f->written - f->handed < AGE_WRITE_BACK_STEP)
        return;
    (void)sync_file_range(f->fd, (off_t)f->handed, (off_t)(f->written - f->handed),
                          SYNC_FILE_RANGE_WRITE);   /* a hint: the fsync still decides */
    f->handed = f->written;
}

int age_sink_fd(void *ctx, const uint8_t *p, size_t n)
{
    age_fd_out *f = ctx;
    if (f->tail == NULL)
        return pqs_write_all(f->fd, p, n);
    if (n < f->fill_to - f->tail_len) {
        memcpy(f->tail + f->tail_len, p, n);
        f->tail_len += n;
        return PQS_OK;
    }
    /* The held bytes and the start of p complete a piece; whole pieces follow, one write
     * each (a longer write would get larger folios, see above). */
    size_t head = f->fill_to - f->tail_len;
    struct iovec v[2] = {{f->tail, f->tail_len}, {(void *)(uintptr_t)p, head}};
    int rc = pqs_writev_all(f->fd, v, 2);
    p += head;
    n -= head;
    while (rc == PQS_OK && n >= AGE_FILE_WRITE_PIECE) {
        rc = pqs_write_all(f->fd, p, AGE_FILE_WRITE_PIECE);
        write_back_step(f, AGE_FILE_WRITE_PIECE);
        p += AGE_FILE_WRITE_PIECE;
        n -= AGE_FILE_WRITE_PIECE;
    }
    write_back_step(f, f->fill_to);   /* the piece completed first (its bytes all went out) */
    f->tail_len = 0;
    f->fill_to = AGE_FILE_WRITE_PIECE;
    if (rc != PQS_OK)
        return rc;   /* the output is lost; nothing more is held or written */
    memcpy(f->tail, p, n);
    f->tail_len = n;
    return PQS_OK;
}

int age_fd_out_finish(age_fd_out *f)
{
    int rc = PQS_OK;
    if (f->tail != NULL) {
        rc = pqs_write_all(f->fd, f->tail, f->tail_len);
        pqs_wipe(f->tail, AGE_FILE_WRITE_PIECE);   /* plaintext, when opening */
        free(f->tail);
    }
    memset(f, 0, sizeof *f);
    return rc;
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
