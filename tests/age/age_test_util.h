/* Small helpers the age tests share: fresh identities and recipients, sealing to memory. */
#ifndef PQS_TEST_AGE_UTIL_H
#define PQS_TEST_AGE_UTIL_H

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "pqs_test.h"
#include "pqsafe/age.h"

typedef struct {
    pqs_age_identity *id;
    pqs_age_recipient *r;
} age_pair;

static inline age_pair age_test_pair(int type)
{
    age_pair p = {NULL, NULL};
    if (type == PQS_AGE_SCRYPT) {
        CHECK(pqs_age_identity_passphrase(&p.id, "correct horse", 13, 0) == 0, "scrypt id");
        CHECK(pqs_age_recipient_passphrase(&p.r, "correct horse", 13, 10) == 0, "scrypt r");
        return p;
    }
    CHECK(pqs_age_identity_generate(&p.id, type) == 0, "generate type %d", type);
    CHECK(pqs_age_identity_to_recipient(&p.r, p.id) == 0, "recipient of type %d", type);
    return p;
}

static inline void age_test_pair_free(age_pair *p)
{
    pqs_age_identity_free(p->id);
    pqs_age_recipient_free(p->r);
}

/* Seal in memory to one recipient; exits the test on failure. */
static inline uint8_t *age_test_seal(const uint8_t *pt, size_t len, const pqs_age_recipient *r,
                                     int armor, size_t *ct_len)
{
    pqs_age_options o = {.armor = armor ? PQS_AGE_ARMOR_YES : PQS_AGE_ARMOR_NO, .threads = 2};
    uint8_t *ct = NULL;
    const pqs_age_recipient *rs[1] = {r};
    if (pqs_age_encrypt_mem(&ct, ct_len, pt, len, rs, 1, &o) != 0) {
        fprintf(stderr, "seal failed: %s\n", pqs_error_detail());
        exit(1);
    }
    return ct;
}

static inline uint8_t *age_test_random(size_t len)
{
    uint8_t *p = malloc(len ? len : 1);
    pqs_test_rand(p, len);
    return p;
}

/* The engine reads a regular file at offsets (pread, in parallel) and a pipe in order:
 * these give a descriptor of either kind holding data, and read a whole output back. */

/* An unlinked temporary file holding skip bytes of filler then data, its offset at data. */
static inline int age_test_file_fd(const uint8_t *data, size_t len, size_t skip)
{
    char path[] = "/tmp/pqs-age-test-XXXXXX";
    int fd = mkstemp(path);
    if (fd < 0) {
        perror("mkstemp");
        exit(2);
    }
    unlink(path);
    uint8_t *fill = calloc(1, skip + 1);
    int ok = write(fd, fill, skip) == (ssize_t)skip;
    for (size_t off = 0; ok && off < len;) {
        ssize_t w = write(fd, data + off, len - off);
        ok = w > 0;
        off += ok ? (size_t)w : 0;
    }
    free(fill);
    if (!ok || lseek(fd, (off_t)skip, SEEK_SET) != (off_t)skip) {
        perror("temporary file");
        exit(2);
    }
    return fd;
}

/* The read end of a pipe that a child process fills with data, then closes. */
static inline int age_test_pipe_fd(const uint8_t *data, size_t len, pid_t *child)
{
    int p[2];
    if (pipe(p) != 0 || (*child = fork()) < 0) {
        perror("pipe/fork");
        exit(2);
    }
    if (*child == 0) {
        close(p[0]);
        for (size_t off = 0; off < len;) {
            ssize_t w = write(p[1], data + off, len - off);
            if (w <= 0)
                _exit(w < 0 && errno == EPIPE ? 0 : 1);
            off += (size_t)w;
        }
        _exit(0);
    }
    close(p[1]);
    return p[0];
}

static inline void age_test_pipe_done(int fd, pid_t child)
{
    close(fd);
    waitpid(child, NULL, 0);
}

/* An empty unlinked temporary file for an output. */
static inline int age_test_out_fd(void)
{
    return age_test_file_fd(NULL, 0, 0);
}

/* The whole content of fd (from offset 0); *len gets its size. */
static inline uint8_t *age_test_slurp(int fd, size_t *len)
{
    off_t end = lseek(fd, 0, SEEK_END);
    uint8_t *p = malloc(end > 0 ? (size_t)end : 1);
    *len = end > 0 ? (size_t)end : 0;
    if (end < 0 || pread(fd, p, *len, 0) != (ssize_t)*len) {
        perror("read back");
        exit(2);
    }
    return p;
}

/* Offset of the first payload chunk in a binary age file: after the MAC line and the
 * 16-byte nonce; 0 when there is no header end. */
static inline size_t age_test_payload_offset(const uint8_t *ct, size_t len)
{
    for (size_t i = 0; i + 5 < len; i++) {
        if (memcmp(ct + i, "\n--- ", 5) == 0) {
            size_t j = i + 5;
            while (j < len && ct[j] != '\n')
                j++;
            return j + 1 + 16;
        }
    }
    return 0;
}

#endif
