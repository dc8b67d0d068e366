/* The payload's input, one group of chunks at a time, for the threads of pool.c.
 *
 * A regular file or a memory buffer is read at random offsets: the chunk layout follows
 * from the payload's size (c2sp.org/age "Payload": every chunk is full but the last), so
 * each thread pread()s (or copies) its own group into its own cache-warm buffer, in
 * parallel with the others, and no thread reads for another. Pipes, terminals and the
 * armor decoder are read in order instead, one group at a time under the engine's lock.
 *
 * Why pread and not mmap, measured on the benchmark VM (Zen 5, 2 cores, 2 GiB, 2 threads):
 * OpenSSL's ChaCha20-Poly1305 reading memory that is not in cache (a mapping of the file,
 * or a large buffer) ran at two thirds of its speed on a cache-warm buffer (0.32-0.34 s
 * against 0.22 s: it leaves DRAM latency exposed), and mapping the file then copying each
 * group into a warm buffer cost more in page faults and unmapping than the kernel's copy
 * in pread (0.29-0.39 s against 0.27-0.29 s), whether the page cache held the file in
 * 4 KiB pages or in large folios. Measured again later (2 GiB in large folios, which
 * fault in cheaply: 0.038 s to touch every page): encrypting straight from the mapping with
 * a software prefetch two pages ahead took 0.233 + 0.007 s (unmap) against pread's
 * 0.245 s in one machine state, and 0.29 s against 0.27 s in another; neither passes
 * 0.85x of the crypto limit even with no engine around it. A file that changes while it is
 * read is refused (see age_payload_in_unchanged), where a mapping would have raised SIGBUS. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "age_impl.h"
#include "core/error.h"

static size_t in_stride(int enc)
{
    return enc ? AGE_CHUNK_BYTES : AGE_CT_CHUNK_BYTES;
}

int age_payload_in_open(age_payload_in *p, age_src *src, int enc)
{
    memset(p, 0, sizeof *p);
    p->src = src;
    p->fd = -1;
    p->enc = enc;
    uint64_t buffered = src->len - src->pos;
    if (src->raw == age_raw_mem) {
        const age_mem_in *m = src->ctx;
        p->mem = m->p;
        p->pos = m->pos - buffered;
        p->end = m->len;
    } else if (src->raw == age_raw_fd) {
        /* Files of procfs and sysfs claim a size of 0 or a page whatever they hold, and
         * take no blocks: those are read in order, as is a file of holes only. */
        int fd = *(const int *)src->ctx;
        off_t off = fstat(fd, &p->st) == 0 && S_ISREG(p->st.st_mode) && p->st.st_size > 0 &&
                            p->st.st_blocks > 0
                        ? lseek(fd, 0, SEEK_CUR)
                        : -1;
        if (off < 0 || (uint64_t)off < buffered || (uint64_t)p->st.st_size < (uint64_t)off)
            return PQS_OK;   /* sequential */
        p->fd = fd;
        p->pos = (uint64_t)off - buffered;
        p->end = (uint64_t)p->st.st_size;
    } else {
        return PQS_OK;       /* sequential: the armor decoder */
    }
    p->random = 1;
    uint64_t len = p->end - p->pos, stride = in_stride(enc);
    /* An empty payload is one empty chunk: valid when sealing, "no chunks" when opening. */
    p->nchunks = len == 0 ? 1 : (len + stride - 1) / stride;
    return PQS_OK;
}

int age_payload_in_last(const age_payload_in *p, uint64_t group)
{
    return (group + 1) * AGE_GROUP_CHUNKS >= p->nchunks;
}

/* Chunk lengths, final flags and the structural faults of a group of got input bytes,
 * eof when the input ends right after them. */
static void classify(age_group *g, uint64_t first, size_t got, int eof, int enc)
{
    size_t want = in_stride(enc);
    g->first = first;
    g->count = got == 0 ? 1 : (got + want - 1) / want;
    g->fail = PQS_AGE_OK;
    for (size_t i = 0; i < g->count; i++) {
        size_t len = got - i * want < want ? got - i * want : want;
        g->len[i] = len;
        g->final[i] = (unsigned char)(eof && i == g->count - 1);
        g->status[i] = PQS_OK;
        if (!enc && len == 0)
            g->status[i] = AGE_PRE_NO_CHUNKS;
        else if (!enc && len < AGE_TAG_BYTES)
            g->status[i] = AGE_PRE_SHORT;
        else if (!enc && len == AGE_TAG_BYTES && first + i > 0)   /* "MUST NOT be empty */
            g->status[i] = AGE_PRE_EMPTY_FINAL;   /* unless the whole payload is" */
    }
}

static void read_failed(age_group *g, uint64_t first, int rc, int fail)
{
    g->first = first;
    g->count = 1;
    g->len[0] = 0;
    g->final[0] = 0;
    g->status[0] = rc;
    g->fail = fail;
    snprintf(g->detail, sizeof g->detail, "%s", pqs_error_detail());
}

int age_pread_all(int fd, uint8_t *buf, size_t len, uint64_t off)
{
    while (len > 0) {
        ssize_t r = pread(fd, buf, len, (off_t)off);
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0)
            return pqs_error_set(PQS_E_IO, "read failed: %s", strerror(errno));
        if (r == 0)
            return pqs_error_set(PQS_E_IO, "the input shrank while it was being read");
        buf += r;
        len -= (size_t)r;
        off += (uint64_t)r;
    }
    return PQS_OK;
}

static void group_random(const age_payload_in *p, age_group *g, uint64_t group, uint8_t *buf)
{
    uint64_t stride = in_stride(p->enc), first = group * AGE_GROUP_CHUNKS;
    uint64_t off = p->pos + first * stride, left = p->end - off;
    size_t want = AGE_GROUP_CHUNKS * (size_t)stride;
    size_t got = left < want ? (size_t)left : want;
    int rc = PQS_OK;
    if (p->mem != NULL && got > 0)
        memcpy(buf, p->mem + off, got);
    else if (got > 0)
        rc = age_pread_all(p->fd, buf, got, off);
    if (rc != PQS_OK)
        read_failed(g, first, rc, PQS_AGE_FAIL_IO);
    else
        classify(g, first, got, age_payload_in_last(p, group), p->enc);
}

/* In order: one read of a whole group (large reads bypass the source's buffer), then a
 * probe for the end of the input when the group is full. */
static void group_sequential(age_payload_in *p, age_group *g, uint64_t group, uint8_t *buf,
                             int *last)
{
    age_src *in = p->src;
    size_t want = AGE_GROUP_CHUNKS * in_stride(p->enc), got = 0;
    int eof = 0;
    uint64_t first = group * AGE_GROUP_CHUNKS;
    int rc = age_src_read(in, buf, want, &got);
    eof = got < want;
    if (rc == PQS_OK && !eof)
        rc = age_src_at_eof(in, &eof);
    if (rc != PQS_OK) {
        read_failed(g, first, rc, in->fail ? in->fail : PQS_AGE_FAIL_IO);
        *last = 1;
        return;
    }
    classify(g, first, got, eof, p->enc);
    *last = eof;
}

void age_payload_in_group(age_payload_in *p, age_group *g, uint64_t group, uint8_t *buf,
                          int *last)
{
    if (p->random) {
        group_random(p, g, group, buf);
        *last = age_payload_in_last(p, group);
    } else {
        group_sequential(p, g, group, buf, last);
    }
}

/* A file must not change while it is sealed or opened: a truncation or an append seen
 * halfway would seal a mix of two versions, or a prefix passed off as the whole. Checked
 * before the final chunk is released, so a file that changed never yields a complete
 * output (on standard output, a stream without its final chunk, which no reader
 * accepts). */
int age_payload_in_unchanged(const age_payload_in *p)
{
    if (p->fd < 0)
        return PQS_OK;
    struct stat now;
    if (fstat(p->fd, &now) != 0)
        return pqs_error_set(PQS_E_IO, "cannot stat the input: %s", strerror(errno));
    if (now.st_size != p->st.st_size || now.st_mtim.tv_sec != p->st.st_mtim.tv_sec ||
        now.st_mtim.tv_nsec != p->st.st_mtim.tv_nsec)
        return pqs_error_set(PQS_E_IO, "the input changed while it was being read");
    return PQS_OK;
}

void age_payload_in_finish(age_payload_in *p)
{
    if (!p->random)
        return;
    age_src *in = p->src;
    in->consumed += p->end - p->pos;
    in->pos = in->len;
    in->eof = 1;
    if (p->mem != NULL)
        ((age_mem_in *)in->ctx)->pos = (size_t)p->end;
    else
        (void)lseek(p->fd, (off_t)p->end, SEEK_SET);   /* the caller's fd is at the end */
}
