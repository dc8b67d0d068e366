/* What the age fuzz targets share: the identities they open with (the public test keys of
 * the C2SP CCTV age vectors, vectors/age/testdata: X25519 and ML-KEM-768 + X25519, and the
 * passphrase "password" with a low scrypt limit, which keeps each input fast; higher work
 * factors are header failures), and the input as a file. memfd_create needs _GNU_SOURCE,
 * which each target defines before its first include. */
#ifndef PQSAFE_FUZZ_AGE_FUZZ_H
#define PQSAFE_FUZZ_AGE_FUZZ_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

#include "pqsafe/age.h"

enum { AGE_FUZZ_IDS = 3 };

/* Fills ids once (later calls leave it as it is); aborts if a key does not parse. */
static inline void age_fuzz_identities(pqs_age_identity *ids[AGE_FUZZ_IDS])
{
    static const char x25519[] =
        "AGE-SECRET-KEY-1EGTZVFFV20835NWYV6270LXYVK2VKNX2MMDKWYKLMGR48UAWX40Q2P2LM0";
    static const char pq[] =
        "AGE-SECRET-KEY-PQ-1HZLGZUPT4ETPKDEV8HSGFDCYZ4E522W0A7PU2LHT8EH9W6YLNC3SW78XKG";
    if (ids[0] != NULL)
        return;
    if (pqs_age_identity_parse(&ids[0], x25519, sizeof x25519 - 1) != 0 ||
        pqs_age_identity_parse(&ids[1], pq, sizeof pq - 1) != 0 ||
        pqs_age_identity_passphrase(&ids[2], "password", 8, 12) != 0)
        abort();
}

/* The input as a file the path-taking APIs can open: a memfd, named through /proc/self/fd
 * (path gets that name). The caller closes the returned descriptor. */
static inline int age_fuzz_file(const uint8_t *data, size_t size, char *path, size_t cap)
{
    int fd = memfd_create("age_fuzz", MFD_CLOEXEC);
    if (fd < 0)
        abort();
    for (size_t done = 0; done < size;) {
        ssize_t w = write(fd, data + done, size - done);
        if (w <= 0)
            abort();
        done += (size_t)w;
    }
    snprintf(path, cap, "/proc/self/fd/%d", fd);
    return fd;
}

#endif
