/* pqsafe — model weights and datasets sealed at rest in the age v1 format
 * (age-encryption.org/v1, c2sp.org/age), readable by every current age implementation.
 *
 * Recipient types: the post-quantum hybrid mlkem768x25519 (X-Wing through HPKE, RFC 9180),
 * X25519, and scrypt passphrases. The payload is STREAM-encrypted in 64 KiB
 * ChaCha20-Poly1305 chunks, sealed and opened by a pool of threads with bounded memory,
 * and a sealed file can be read at random offsets without decrypting the rest. */
#ifndef PQSAFE_AGE_H
#define PQSAFE_AGE_H

#include "common.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct pqs_age_identity pqs_age_identity;     /* opaque; secrets wiped on free */
typedef struct pqs_age_recipient pqs_age_recipient;   /* opaque */
typedef struct pqs_age_reader pqs_age_reader;         /* opaque random-access reader */

enum {
    PQS_AGE_MLKEM768X25519 = 1,   /* AGE-SECRET-KEY-PQ-1... / age1pq1... */
    PQS_AGE_X25519 = 2,           /* AGE-SECRET-KEY-1... / age1... */
    PQS_AGE_SCRYPT = 3            /* a passphrase */
};

/* Why a decryption failed, in the terms of the C2SP CCTV age test vectors. Functions
 * return PQS_E_DECODE for ARMOR and HEADER, PQS_E_VERIFY for NO_MATCH, HMAC and PAYLOAD,
 * PQS_E_IO for IO; pqs_error_detail() gives the one-line reason. */
enum {
    PQS_AGE_OK = 0,
    PQS_AGE_FAIL_ARMOR = 1,      /* the ASCII armor is malformed */
    PQS_AGE_FAIL_HEADER = 2,     /* the header (or a stanza addressed to us) is malformed */
    PQS_AGE_FAIL_NO_MATCH = 3,   /* no identity unwraps any stanza */
    PQS_AGE_FAIL_HMAC = 4,       /* the header MAC does not verify: the header was altered */
    PQS_AGE_FAIL_PAYLOAD = 5,    /* a chunk is altered, truncated, reordered or trailed */
    PQS_AGE_FAIL_IO = 6,         /* reading or writing failed */
    PQS_AGE_FAIL_OTHER = 7       /* out of memory, no randomness, bad argument */
};

/* "armor failure", "header failure", "no match", "HMAC failure", "payload failure", ... */
PQS_EXPORT const char *pqs_age_failure_name(int failure);

/* ---- Identities (secret) and recipients (public) ---- */

/* A fresh identity of type PQS_AGE_MLKEM768X25519 or PQS_AGE_X25519. */
PQS_EXPORT PQS_MUST_CHECK int pqs_age_identity_generate(pqs_age_identity **id, int type);
/* Parse one "AGE-SECRET-KEY-PQ-1..." or "AGE-SECRET-KEY-1..." string (Bech32, BIP 173,
 * uppercase as age writes it; no length limit). */
PQS_EXPORT PQS_MUST_CHECK int pqs_age_identity_parse(pqs_age_identity **id, const char *s,
                                                     size_t len);
/* An scrypt identity. Work factors above 2^max_log2_n are refused as a header failure
 * (0 selects the default, 22, as age does). The passphrase is copied. */
PQS_EXPORT PQS_MUST_CHECK int pqs_age_identity_passphrase(pqs_age_identity **id,
                                                          const char *pass, size_t len,
                                                          unsigned max_log2_n);
/* An scrypt identity whose passphrase is asked for only when a file holds an scrypt
 * stanza: cb writes at most cap bytes into buf and sets *len; returns 0 or an error. */
typedef int (*pqs_age_passphrase_cb)(void *ctx, char *buf, size_t cap, size_t *len);
PQS_EXPORT PQS_MUST_CHECK int pqs_age_identity_passphrase_cb(pqs_age_identity **id,
                                                             pqs_age_passphrase_cb cb,
                                                             void *ctx, unsigned max_log2_n);
/* Read an identity file: one identity per line, '#' comments and blank lines ignored
 * (the format age-keygen writes). *ids is a fresh array of *n identities. */
PQS_EXPORT PQS_MUST_CHECK int pqs_age_identity_load(pqs_age_identity ***ids, size_t *n,
                                                    const char *path);
/* The same for the text of an identity file already in memory (for instance decrypted
 * from a passphrase-protected identity file); name (may be NULL) is used in messages. */
PQS_EXPORT PQS_MUST_CHECK int pqs_age_identity_load_text(pqs_age_identity ***ids, size_t *n,
                                                         const char *text, size_t len,
                                                         const char *name);
/* The Bech32 encoding (NUL-terminated, malloc'd; free with pqs_age_string_free). */
PQS_EXPORT PQS_MUST_CHECK int pqs_age_identity_encode(const pqs_age_identity *id, char **out);
/* The recipient of an X25519 or mlkem768x25519 identity. */
PQS_EXPORT PQS_MUST_CHECK int pqs_age_identity_to_recipient(pqs_age_recipient **r,
                                                            const pqs_age_identity *id);
PQS_EXPORT int pqs_age_identity_type(const pqs_age_identity *id);
PQS_EXPORT void pqs_age_identity_free(pqs_age_identity *id);
/* Frees each identity and the array pqs_age_identity_load returned. */
PQS_EXPORT void pqs_age_identities_free(pqs_age_identity **ids, size_t n);

/* Parse "age1pq1..." or "age1..." (lowercase Bech32). */
PQS_EXPORT PQS_MUST_CHECK int pqs_age_recipient_parse(pqs_age_recipient **r, const char *s,
                                                      size_t len);
/* An scrypt recipient with work factor 2^log2_n (0 selects age's default, 18). Note that
 * scrypt itself needs 128 * 8 * 2^log2_n bytes (256 MiB at 18) while it runs. */
PQS_EXPORT PQS_MUST_CHECK int pqs_age_recipient_passphrase(pqs_age_recipient **r,
                                                           const char *pass, size_t len,
                                                           unsigned log2_n);
/* Read a recipients file: one recipient per line, '#' comments and blank lines ignored. */
PQS_EXPORT PQS_MUST_CHECK int pqs_age_recipient_load(pqs_age_recipient ***rs, size_t *n,
                                                     const char *path);
PQS_EXPORT PQS_MUST_CHECK int pqs_age_recipient_encode(const pqs_age_recipient *r, char **out);
PQS_EXPORT int pqs_age_recipient_type(const pqs_age_recipient *r);
PQS_EXPORT void pqs_age_recipient_free(pqs_age_recipient *r);
PQS_EXPORT void pqs_age_recipients_free(pqs_age_recipient **rs, size_t n);

/* Wipes and frees a string from the encoders. */
PQS_EXPORT void pqs_age_string_free(char *s);

/* ---- Sealing and opening streams ---- */

enum { PQS_AGE_ARMOR_AUTO = 0, PQS_AGE_ARMOR_YES = 1, PQS_AGE_ARMOR_NO = 2 };

typedef struct {
    int armor;          /* seal: YES writes ASCII armor. open: AUTO detects it, YES/NO force */
    unsigned threads;   /* threads sealing or opening chunks, the caller's included;
                           0 = one per online core */
    /* Called after each batch of chunks with the plaintext bytes done so far and
     * `total` below (0 when unknown). May be NULL. */
    void (*progress)(void *ctx, uint64_t done, uint64_t total);
    void *progress_ctx;
    uint64_t total;
    /* 1 when out_fd is a file the caller will fsync: its pages are handed to the disk
     * while it is produced (Linux sync_file_range, every 16 MiB), so the fsync has little
     * left to wait for. A hint; other outputs ignore it. */
    int write_back;
} pqs_age_options;

/* Seal everything read from in_fd to out_fd for n recipients (an scrypt recipient must be
 * alone, as the format requires). opts may be NULL. */
PQS_EXPORT PQS_MUST_CHECK int pqs_age_encrypt_fd(int out_fd, int in_fd,
                                                 const pqs_age_recipient *const *rs, size_t n,
                                                 const pqs_age_options *opts);
/* Open an age file from in_fd into out_fd. Only authenticated plaintext is written, in
 * order; on a payload failure the authenticated prefix has been written, so callers
 * writing a file must discard it (the pqsafe command writes to a temporary file).
 * *failure (may be NULL) receives a PQS_AGE_FAIL_* kind. */
PQS_EXPORT PQS_MUST_CHECK int pqs_age_decrypt_fd(int out_fd, int in_fd,
                                                 const pqs_age_identity *const *ids, size_t n,
                                                 const pqs_age_options *opts, int *failure);
/* In-memory forms. *out is malloc'd (free with pqs_age_buffer_free). On a payload failure
 * of decryption, *out holds the authenticated prefix (the CCTV vectors check it). */
PQS_EXPORT PQS_MUST_CHECK int pqs_age_encrypt_mem(uint8_t **out, size_t *out_len,
                                                  const uint8_t *in, size_t len,
                                                  const pqs_age_recipient *const *rs, size_t n,
                                                  const pqs_age_options *opts);
PQS_EXPORT PQS_MUST_CHECK int pqs_age_decrypt_mem(uint8_t **out, size_t *out_len,
                                                  const uint8_t *in, size_t len,
                                                  const pqs_age_identity *const *ids, size_t n,
                                                  const pqs_age_options *opts, int *failure);
PQS_EXPORT void pqs_age_buffer_free(uint8_t *buf, size_t len);

/* ---- Random access ---- */

/* Open a binary (not armored) age file for random access: parse the header, unwrap the
 * file key, and authenticate the final chunk, which fixes the plaintext size (c2sp.org/age,
 * "Payload": seeking relative to the end must first verify the final chunk). */
PQS_EXPORT PQS_MUST_CHECK int pqs_age_reader_open(pqs_age_reader **r, const char *path,
                                                  const pqs_age_identity *const *ids, size_t n,
                                                  int *failure);
/* The plaintext size in bytes. */
PQS_EXPORT uint64_t pqs_age_reader_size(const pqs_age_reader *r);
/* Read up to len plaintext bytes at offset, decrypting only the chunks that hold them;
 * *got receives the count (short only at the end of the plaintext). Thread-safe. A read
 * covering 16 or more whole chunks (1 MiB) opens them straight into buf over one thread
 * per core. PQS_E_VERIFY when a chunk does not authenticate, PQS_E_IO when the file cannot
 * be read (it shrank): then *got is 0 and nothing of the plaintext is left in buf. */
PQS_EXPORT PQS_MUST_CHECK int pqs_age_reader_pread(pqs_age_reader *r, uint8_t *buf, size_t len,
                                                   uint64_t offset, size_t *got);
PQS_EXPORT void pqs_age_reader_close(pqs_age_reader *r);

#ifdef __cplusplus
}
#endif
#endif
