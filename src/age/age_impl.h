/* age v1 (c2sp.org/age) inside pqsafe: the pieces the files of src/age share.
 * Layout: crypto.c (OpenSSL primitives: HKDF/HMAC-SHA-256, ChaCha20-Poly1305, X25519,
 * scrypt), base64.c, bech32.c, keys.c (identities and recipients), header.c (parse,
 * serialise, MAC), recip_*.c (one file per recipient type), source.c (buffered input),
 * armor.c, stream.c (STREAM chunks), payload_in.c (payload input), pool.c (threads),
 * encrypt.c, decrypt.c, reader.c (random access). */
#ifndef PQS_AGE_IMPL_H
#define PQS_AGE_IMPL_H

#include <stddef.h>
#include <stdint.h>
#include <sys/stat.h>

#include <openssl/evp.h>

#include "pqsafe/age.h"

#define AGE_FILE_KEY_BYTES 16
#define AGE_NONCE_BYTES 16            /* the payload nonce after the header */
#define AGE_CHUNK_BYTES 65536         /* "Payload": 64 KiB chunks */
#define AGE_TAG_BYTES 16
#define AGE_CT_CHUNK_BYTES (AGE_CHUNK_BYTES + AGE_TAG_BYTES)
#define AGE_MAC_BYTES 32
#define AGE_MAX_HEADER_BYTES (16u << 20)   /* a header larger than this is refused */
/* A header line may be as long as the header (the spec sets no other limit; age, the Go
 * implementation, reads a stanza argument of any length). */
#define AGE_MAX_LINE_BYTES AGE_MAX_HEADER_BYTES
/* Stanzas in one header: more than a 16 MiB header of X25519 stanzas (98 bytes each) can
 * hold, and few enough that a hostile header of tiny stanzas stays within tens of MiB. */
#define AGE_MAX_STANZAS (1u << 18)
/* Stanza arguments in one header: 4 per stanza at the stanza limit (age's own stanzas
 * have 2 or 3). */
#define AGE_MAX_STANZA_ARGS (1u << 20)
#define AGE_XWING_PK_BYTES 1216
#define AGE_XWING_CT_BYTES 1120
#define AGE_SCRYPT_DEFAULT_LOG2N 18        /* age's default work factor */
#define AGE_SCRYPT_MAX_LOG2N 22            /* age's default limit when opening */

#define AGE_VERSION_LINE "age-encryption.org/v1"
#define AGE_ARMOR_BEGIN "-----BEGIN AGE ENCRYPTED FILE-----"
#define AGE_ARMOR_END "-----END AGE ENCRYPTED FILE-----"

/* An unwrap function's "not addressed to this identity" answer (a positive value, so
 * negative PQS_E_ codes stay errors). */
#define AGE_NOT_MINE 1

struct pqs_age_identity {
    int type;
    uint8_t key[32];          /* X25519 scalar, or the X-Wing seed */
    uint8_t x25519_sk[32];    /* mlkem768x25519: the X25519 part expanded from the seed */
    uint8_t x25519_pk[32];    /* public key of the X25519 scalar (key, or x25519_sk) */
    char *pass;               /* scrypt passphrase, or NULL when asked through cb */
    size_t pass_len;
    pqs_age_passphrase_cb cb;
    void *cb_ctx;
    unsigned max_log2_n;
};

struct pqs_age_recipient {
    int type;
    uint8_t pk[AGE_XWING_PK_BYTES];   /* 32 bytes used for X25519 */
    size_t pk_len;
    char *pass;
    size_t pass_len;
    unsigned log2_n;
};

/* ---- crypto.c ---- */
int age_hmac_sha256(uint8_t out[32], const uint8_t *key, size_t key_len,
                    const uint8_t *msg, size_t msg_len);
/* HKDF-SHA-256 (RFC 5869) with a 32-byte (or shorter) output. */
int age_hkdf_extract(uint8_t prk[32], const uint8_t *salt, size_t salt_len,
                     const uint8_t *ikm, size_t ikm_len);
int age_hkdf_expand(uint8_t *out, size_t out_len, const uint8_t prk[32],
                    const uint8_t *info, size_t info_len);
int age_hkdf(uint8_t out[32], const uint8_t *ikm, size_t ikm_len, const uint8_t *salt,
             size_t salt_len, const char *info);
/* One-shot ChaCha20-Poly1305 (RFC 7539) with a 12-byte nonce and empty AAD.
 * seal: out = ct || tag (len + 16). open: PQS_E_VERIFY when the tag is wrong. */
int age_aead_seal(uint8_t *out, const uint8_t key[32], const uint8_t nonce[12],
                  const uint8_t *pt, size_t len);
int age_aead_open(uint8_t *out, const uint8_t key[32], const uint8_t nonce[12],
                  const uint8_t *ct, size_t ct_len);
/* The ChaCha20-Poly1305 cipher, fetched once (thread-safe). */
const EVP_CIPHER *age_chacha_cipher(void);
/* X25519 (RFC 7748, src/hybrid): public key of a scalar, and the shared secret; pub is
 * sk's public key when the caller has it (one scalar multiplication less), else NULL.
 * x25519_dh returns PQS_E_DECODE for an all-zero result (a low-order share; c2sp.org/age
 * requires abort). */
int age_x25519_base(uint8_t pub[32], const uint8_t sk[32]);
int age_x25519_dh(uint8_t out[32], const uint8_t sk[32], const uint8_t pub[32],
                  const uint8_t peer[32]);
/* scrypt (RFC 7914) with r = 8, p = 1 and a 32-byte output. */
int age_scrypt(uint8_t out[32], const char *pass, size_t pass_len, const uint8_t *salt,
               size_t salt_len, unsigned log2_n);

/* ---- base64.c (RFC 4648 §4) ---- */
size_t age_b64_encoded_len(size_t len, int pad);
/* Writes the encoding and a NUL; returns its length. */
size_t age_b64_encode(char *out, const uint8_t *in, size_t len, int pad);
/* Strict, canonical decode (RFC 4648 §3.5). pad = 0: unpadded (the header); pad = 1:
 * '=' padding required (the armor). out needs 3*len/4 bytes. PQS_E_DECODE otherwise. */
int age_b64_decode(uint8_t *out, size_t *out_len, const char *in, size_t len, int pad);

/* ---- bech32.c (BIP 173, no length limit) ---- */
/* Encode data with hrp (lower case given); upper selects an all-uppercase string.
 * *out is malloc'd and NUL-terminated. */
int age_bech32_encode(char **out, const char *hrp, const uint8_t *data, size_t len, int upper);
/* Decode; *hrp (lowercased) and *data are malloc'd. Mixed case is refused. */
int age_bech32_decode(char **hrp, uint8_t **data, size_t *len, const char *s, size_t slen);

/* ---- header.c ---- */
typedef struct {
    char **args;          /* args[0] is the type; each NUL-terminated, all in one block
                           * that args[0] points to */
    size_t nargs;
    uint8_t *body;
    size_t body_len;
} age_stanza;

typedef struct {
    age_stanza *st;
    size_t n;
    uint8_t mac[AGE_MAC_BYTES];
    uint8_t *raw;         /* the header up to and including "---", which the MAC covers */
    size_t raw_len;
} age_header;

struct age_src;
/* Parse a header from src. PQS_E_DECODE with *failure = HEADER (or ARMOR, when the
 * armor below failed) on malformed input. */
int age_header_parse(age_header *h, struct age_src *src, int *failure);
/* Serialise the stanzas and compute the MAC with the file key: *out is malloc'd. */
int age_header_write(uint8_t **out, size_t *out_len, const age_stanza *st, size_t n,
                     const uint8_t fk[AGE_FILE_KEY_BYTES]);
/* The header MAC key and MAC (c2sp.org/age, "Header MAC"). */
int age_header_mac(uint8_t mac[32], const uint8_t fk[AGE_FILE_KEY_BYTES], const uint8_t *raw,
                   size_t raw_len);
void age_header_free(age_header *h);
void age_stanza_free(age_stanza *s);
/* A stanza from args (copied) and body (copied). */
int age_stanza_make(age_stanza *s, const char *const *args, size_t nargs, const uint8_t *body,
                    size_t body_len);
/* Decode a canonical unpadded base64 argument of exactly `want` bytes. */
int age_arg_b64(uint8_t *out, size_t want, const char *arg, const char *what);

/* ---- recip_x25519.c, recip_scrypt.c, recip_mlkem.c ----
 * wrap: one stanza for the file key. unwrap: PQS_OK with fk, AGE_NOT_MINE, or
 * PQS_E_DECODE for a malformed stanza of this type (a header failure). */
int age_x25519_wrap(age_stanza *st, const pqs_age_recipient *r, const uint8_t fk[16]);
int age_x25519_unwrap(uint8_t fk[16], const age_stanza *st, const pqs_age_identity *id);
int age_scrypt_wrap(age_stanza *st, const pqs_age_recipient *r, const uint8_t fk[16]);
int age_scrypt_unwrap(uint8_t fk[16], const age_stanza *st, const pqs_age_identity *id);
int age_mlkem_wrap(age_stanza *st, const pqs_age_recipient *r, const uint8_t fk[16]);
int age_mlkem_unwrap(uint8_t fk[16], const age_stanza *st, const pqs_age_identity *id);
/* mlkem768x25519 keys: the recipient (X-Wing public key) and the X25519 part of a seed. */
int age_mlkem_public(uint8_t pk[AGE_XWING_PK_BYTES], const uint8_t seed[32]);
int age_mlkem_x25519_part(uint8_t sk[32], const uint8_t seed[32]);

/* ---- keys.c ---- */
/* The file key from the first stanza an identity unwraps (identities outer, stanzas inner,
 * as the reference implementation does). Also enforces "scrypt stanzas must be alone". */
int age_unwrap_file_key(uint8_t fk[16], const age_header *h, const pqs_age_identity *const *ids,
                        size_t n, int *failure);

/* ---- source.c: buffered input over a raw reader ---- */
typedef int (*age_raw_fn)(void *ctx, uint8_t *buf, size_t cap, size_t *got, int *failure);

typedef struct age_src {
    age_raw_fn raw;
    void *ctx;
    uint8_t *buf;
    size_t cap, pos, len;
    int eof;
    int fail;             /* failure kind of the last raw error */
    uint64_t consumed;    /* bytes handed to the caller so far */
} age_src;

int age_src_init(age_src *s, age_raw_fn raw, void *ctx, size_t cap);
void age_src_free(age_src *s);
/* Buffer at least want bytes (want <= cap) unless the input ends first; *avail gets what
 * is buffered. */
int age_src_peek(age_src *s, size_t want, const uint8_t **p, size_t *avail);
/* Read n bytes; *got < n only at the end of the input. */
int age_src_read(age_src *s, uint8_t *out, size_t n, size_t *got);
/* 1 in *eof when no byte remains. */
int age_src_at_eof(age_src *s, int *eof);
/* The next line without its LF (valid until the next call). *nl = 0 when the input ended
 * without a LF (then *len may be 0 at EOF). PQS_E_DECODE when longer than max. */
int age_src_line(age_src *s, const uint8_t **line, size_t *len, int *nl, size_t max);
int age_raw_fd(void *ctx, uint8_t *buf, size_t cap, size_t *got, int *failure);
typedef struct {
    const uint8_t *p;
    size_t len, pos;
} age_mem_in;
int age_raw_mem(void *ctx, uint8_t *buf, size_t cap, size_t *got, int *failure);
/* pread(2) of exactly len bytes at off (EINTR retried); PQS_E_IO with a message when
 * the file ends first (it shrank while being read) or on a read error. */
int age_pread_all(int fd, uint8_t *buf, size_t len, uint64_t off);

/* ---- sinks ---- */
typedef struct {
    int (*write)(void *ctx, const uint8_t *p, size_t n);
    void *ctx;
} age_sink;
/* A file descriptor as a sink: a regular file gets whole 32 KiB pieces aligned to its
 * offset (source.c says why), the bytes short of one held back until finish. */
typedef struct {
    int fd;
    uint8_t *tail;            /* NULL: every call is one write */
    size_t tail_len, fill_to; /* fill_to: bytes the held piece needs to be whole */
    int write_back;           /* pqs_age_options.write_back */
    uint64_t written, handed; /* file offsets: the next byte, and where writing back
                               * has reached */
} age_fd_out;
void age_fd_out_init(age_fd_out *f, int fd, int write_back);
int age_sink_fd(void *ctx, const uint8_t *p, size_t n);          /* ctx: age_fd_out * */
/* Write what is held back, wipe and free it; after a failure too (whatever reached the
 * sink was released in order, as it would have been unbuffered). */
int age_fd_out_finish(age_fd_out *f);
typedef struct {
    uint8_t *p;
    size_t len, cap;
} age_mem_out;
int age_sink_mem(void *ctx, const uint8_t *p, size_t n);         /* ctx: age_mem_out * */
void age_mem_out_free(age_mem_out *m);

/* ---- armor.c (c2sp.org/age "ASCII armor", RFC 7468 strict) ---- */
typedef struct {
    age_src *under;
    int state;            /* 0 before BEGIN, 1 in the body, 2 after END */
    uint8_t line[48];
    size_t line_len, line_pos;
} age_armor_in;
int age_raw_armor(void *ctx, uint8_t *buf, size_t cap, size_t *got, int *failure);
/* *armor: the input starts, after optional whitespace, with "-----" (decrypt.c). */
int age_sniff_armor(age_src *in, int *armor);
typedef struct {
    age_sink *under;
    uint8_t part[48];
    size_t part_len;
    char *obuf;
    size_t olen;
} age_armor_out;
int age_armor_out_init(age_armor_out *a, age_sink *under);
int age_sink_armor(void *ctx, const uint8_t *p, size_t n);       /* ctx: age_armor_out * */
int age_armor_out_finish(age_armor_out *a);
void age_armor_out_free(age_armor_out *a);

/* ---- stream.c: STREAM chunks (c2sp.org/age "Payload") ---- */
int age_payload_key(uint8_t key[32], const uint8_t fk[16], const uint8_t nonce[16]);
/* A cipher context keyed for the payload (enc 1 seal, 0 open); free with
 * EVP_CIPHER_CTX_free. */
EVP_CIPHER_CTX *age_chunk_ctx(const uint8_t key[32], int enc);
int age_chunk_seal(EVP_CIPHER_CTX *c, uint8_t *out, const uint8_t *pt, size_t len,
                   uint64_t index, int final);
/* PQS_E_VERIFY when the chunk does not authenticate; ct_len >= 16. */
int age_chunk_open(EVP_CIPHER_CTX *c, uint8_t *out, const uint8_t *ct, size_t ct_len,
                   uint64_t index, int final);

/* ---- payload_in.c: the payload's input, a group of chunks at a time ---- */
#define AGE_GROUP_CHUNKS 4   /* chunks a thread reads and processes at once (256 KiB) */

/* Structural faults found while reading, reported in order like a failed tag; and the
 * outcomes of a whole chunk that authenticated with the other final flag than its
 * position says (released, as the reference implementation does, then refused). */
enum {
    AGE_PRE_SHORT = 1, AGE_PRE_EMPTY_FINAL = 2, AGE_PRE_NO_CHUNKS = 3, AGE_LATE_FINAL = 4,
    AGE_NO_FINAL = 5
};

typedef struct {
    uint64_t first;                        /* index of the group's first chunk */
    size_t count;                          /* chunks in the group */
    size_t len[AGE_GROUP_CHUNKS];          /* input bytes of each chunk */
    unsigned char final[AGE_GROUP_CHUNKS];
    int status[AGE_GROUP_CHUNKS];          /* PQS_OK, an AGE_PRE_ fault, or an error */
    int fail;                              /* failure kind of a read error */
    char detail[160];                      /* its detail (error details are per thread) */
} age_group;

typedef struct {
    age_src *src;
    int enc;
    int random;            /* 1: read at offsets (regular file or memory), any thread */
    int fd;                /* random access: the regular file, or -1 for memory */
    const uint8_t *mem;
    uint64_t pos, end;     /* random access: the payload is [pos, end) of the input */
    uint64_t nchunks;      /* random access: chunks in the payload */
    struct stat st;        /* the file when the payload started (change detection) */
} age_payload_in;

/* Random access over src when it reads a regular file or memory, else in order. */
int age_payload_in_open(age_payload_in *p, age_src *src, int enc);
/* 1 when group (random access) holds the final chunk. */
int age_payload_in_last(const age_payload_in *p, uint64_t group);
/* Read group number `group` into buf (AGE_GROUP_CHUNKS * AGE_CT_CHUNK_BYTES) and describe
 * it in g; a read error becomes g's first status. *last = 1 when no group follows.
 * Random access: thread-safe. In order: one caller at a time, groups in order. */
void age_payload_in_group(age_payload_in *p, age_group *g, uint64_t group, uint8_t *buf,
                          int *last);
/* PQS_E_IO when the input file changed since age_payload_in_open. */
int age_payload_in_unchanged(const age_payload_in *p);
/* After success: the source (and a file's offset) stand at the end of the payload. */
void age_payload_in_finish(age_payload_in *p);

/* ---- pool.c: the payload through threads with bounded memory ---- */
int age_stream_encrypt(age_sink *out, age_src *in, const uint8_t key[32],
                       const pqs_age_options *o);
int age_stream_decrypt(age_sink *out, age_src *in, const uint8_t key[32],
                       const pqs_age_options *o, int *failure);
/* Threads sealing or opening chunks, the calling one included: one per online core. */
unsigned age_default_threads(void);

/* ---- encrypt.c / decrypt.c ---- */
int age_encrypt(age_sink *out, age_src *in, const pqs_age_recipient *const *rs, size_t n,
                const pqs_age_options *o);
int age_decrypt(age_sink *out, age_src *in, const pqs_age_identity *const *ids, size_t n,
                const pqs_age_options *o, int *failure);
/* Header, file key and nonce of a binary file: the first stage of decryption. */
int age_open_header(uint8_t key[32], age_src *in, const pqs_age_identity *const *ids, size_t n,
                    int *failure);

#endif
