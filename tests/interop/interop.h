/* Interop tests against OpenSSL 3.5 (in Node 24): a child process running interop_peer.js
 * answers one request line at a time (see the protocol at the top of that script). */
#ifndef PQS_INTEROP_H
#define PQS_INTEROP_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/types.h>

#define INTEROP_MAX_WORDS 8

typedef struct interop_peer {
    pid_t pid;
    FILE *to;                          /* the peer's stdin */
    FILE *from;                        /* the peer's stdout */
    char *line;                        /* the last answer, split in place into words */
    size_t cap;
    char *word[INTEROP_MAX_WORDS];     /* word[0] = "ok"; answers follow */
    int nwords;
} interop_peer;

/* Start `node script`; 0 on success. */
int interop_peer_start(interop_peer *p, const char *node, const char *script);
/* Close the pipes and reap the child. */
void interop_peer_stop(interop_peer *p);

/* Build a request word by word: command and algorithm name, then byte strings. */
void interop_req_begin(interop_peer *p, const char *cmd, const char *alg);
void interop_req_hex(interop_peer *p, const uint8_t *buf, size_t len);
/* Send it and read the answer. Returns the number of answer words after "ok", or -1 when
 * the peer answered "err ..." or died (recorded as a failed check with the message). */
int interop_req_end(interop_peer *p);
/* Answer word i (1-based, after "ok"), as text or decoded from hex (caller frees). */
const char *interop_ans_word(const interop_peer *p, int i);
uint8_t *interop_ans_hex(const interop_peer *p, int i, size_t *len);

/* The families; each returns after recording its checks. */
void interop_kem(interop_peer *p);
void interop_sig(interop_peer *p, const char *family);

#endif
