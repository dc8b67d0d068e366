/* Model signing internals: the file list of a model directory, the manifest (resources
 * and serialization), the DSSE/Sigstore bundle, and the parallel hasher. */
#ifndef PQS_MODELSIGN_MS_INT_H
#define PQS_MODELSIGN_MS_INT_H

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

#include "pqsafe/modelsign.h"

#define MS_DIGEST_BYTES 32
#define MS_PAYLOAD_TYPE "application/vnd.in-toto+json"
#define MS_BUNDLE_MEDIA_TYPE "application/vnd.dev.sigstore.bundle.v0.3+json"
#define MS_STATEMENT_TYPE "https://in-toto.io/Statement/v1"
#define MS_PREDICATE_TYPE "https://model_signing/signature/v1.0"
#define MS_ED25519_NAME "Ed25519"
#define MS_ED25519_SIG_BYTES 64
#define MS_BUNDLE_MAX_BYTES (256u << 20)
#define MS_MAX_RESOURCES 1000000

enum { MS_METHOD_FILES = 0, MS_METHOD_SHARDS = 1 };

/* ---- paths.c: resource names and ignore lists ---- */

/* 0 when name is a safe relative POSIX path: non-empty, no leading '/', no empty, "." or
 * ".." component, no NUL or control character, valid UTF-8. Else PQS_E_DECODE + detail. */
int ms_path_check(const char *name, size_t len, const char *what);
/* Order of model_signing's manifest: path components compared as strings (Python
 * PurePosixPath ordering), i.e. '/' sorts before every other byte. */
int ms_path_cmp(const char *a, const char *b);
/* True when path equals one of the ignore entries or lies below one. */
int ms_path_ignored(const char *path, char *const *ignore, size_t n_ignore);
/* Re-raise the current detail under another code, after prefix (the detail buffer is
 * reused, so it is copied first). */
int ms_error_wrap(int err, const char *prefix);

typedef struct {
    char **v;
    size_t n, cap;
} ms_strlist;

int ms_strlist_add(ms_strlist *l, const char *s);
int ms_strlist_has(const ms_strlist *l, const char *s);
void ms_strlist_free(ms_strlist *l);

/* ---- walk.c: the regular files of a model directory ---- */

typedef struct {
    char *path;       /* relative POSIX path */
    uint64_t size;
} ms_file;

typedef struct {
    ms_file *v;
    size_t n, cap;
} ms_files;

/* All regular files below root (an open directory fd), sorted by ms_path_cmp, minus the
 * ignored ones. A symlink is refused (PQS_E_VERIFY) unless allow_symlinks, and then only
 * when it resolves to a regular file inside the model; other special files are refused. */
int ms_walk(int root_fd, const char *root_real, int allow_symlinks, char *const *ignore,
            size_t n_ignore, ms_files *out);
void ms_files_free(ms_files *f);

/* ---- hasher.c: SHA-256 of files and byte ranges on every core ---- */

typedef struct {
    const char *path;     /* relative to the model root */
    uint64_t start, end;  /* end UINT64_MAX: to end of file */
    uint64_t bytes;       /* expected size, to schedule the largest jobs first */
    uint8_t digest[MS_DIGEST_BYTES];
} ms_job;

/* Hash every job (each file opened relative to root_fd), in parallel with a fixed buffer
 * per thread, calling progress from this thread. */
int ms_hash_jobs(int root_fd, int allow_symlinks, ms_job *jobs, size_t n_jobs,
                 uint64_t total_bytes, const pqs_model_options *opts);

/* ---- manifest.c: resources, root digest, the in-toto statement ---- */

typedef struct {
    char *name;           /* "path" (files) or "path:start:end" (shards) */
    char *path;           /* the file part of the name */
    uint64_t start, end;  /* shards only */
    uint8_t digest[MS_DIGEST_BYTES];
} ms_item;

typedef struct {
    char *model_name;
    int method;
    uint64_t shard_size;
    int allow_symlinks;
    ms_strlist ignore;
    ms_item *items;
    size_t n_items;
    uint8_t root[MS_DIGEST_BYTES];
} ms_manifest;

/* Items for the files of a model (one per file, or one per shard), with the hashing jobs
 * that fill their digests; items come out in manifest order. */
int ms_manifest_plan(ms_manifest *m, const ms_files *files, ms_job **jobs, size_t *n_jobs);
/* Copy job digests into items and compute the root digest (in item order). */
void ms_manifest_finish(ms_manifest *m, const ms_job *jobs);
/* SHA-256 over the raw digests of the items in their order (the subject digest). */
void ms_manifest_root(const ms_manifest *m, uint8_t root[MS_DIGEST_BYTES]);
/* The statement as compact JSON (malloc'd, not NUL-terminated in length). */
int ms_statement_encode(const ms_manifest *m, char **out, size_t *out_len);
/* Parse and validate a statement (unsafe or duplicate names, wrong root digest, unknown
 * method or hash type are refused with PQS_E_DECODE / PQS_E_VERIFY and a detail). */
int ms_statement_parse(const uint8_t *buf, size_t len, ms_manifest *m);
void ms_manifest_free(ms_manifest *m);

/* ---- b64.c, dsse.c: encodings ---- */

char *ms_b64_encode(const uint8_t *in, size_t len);
/* Standard or URL-safe alphabet, padding optional; anything else is PQS_E_DECODE. */
int ms_b64_decode(const char *in, size_t len, uint8_t **out, size_t *out_len);
void ms_hex(const uint8_t *in, size_t len, char *out);
/* Exactly 2*len hex digits (either case) into out. */
int ms_unhex(const char *hex, uint8_t *out, size_t len);
/* DSSE v1 pre-authentication encoding of (MS_PAYLOAD_TYPE, payload). */
int ms_pae(const uint8_t *payload, size_t len, uint8_t **out, size_t *out_len);

/* ---- bundle.c: the Sigstore bundle ---- */

#define MS_MAX_SIGS 2

typedef struct {
    char *keyid;          /* the algorithm name; "" when absent */
    uint8_t *sig;
    size_t sig_len;
} ms_signature;

typedef struct {
    char *hint;           /* NULL when absent */
    uint8_t *payload;
    size_t payload_len;
    ms_signature sigs[MS_MAX_SIGS];
    size_t n_sigs;
} ms_bundle;

int ms_bundle_encode(const ms_bundle *b, char **out, size_t *out_len);
int ms_bundle_parse(const uint8_t *buf, size_t len, ms_bundle *b);
void ms_bundle_free(ms_bundle *b);

/* ---- hybrid.c: Ed25519 through OpenSSL ---- */

int ms_ed25519_sign(const uint8_t *pem, size_t pem_len, const uint8_t *msg, size_t len,
                    uint8_t sig[MS_ED25519_SIG_BYTES]);
/* 0 valid, PQS_E_VERIFY invalid, PQS_E_INVALID_KEY for a key that is not Ed25519. */
int ms_ed25519_verify(const uint8_t *pem, size_t pem_len, const uint8_t *msg, size_t len,
                      const uint8_t *sig, size_t sig_len);

/* ---- location.c: the model root and the signature file ---- */

typedef struct {
    int root_fd;
    char *root_real;      /* realpath of the model directory */
    char *name;           /* its last component (the subject name) */
    char *sig_path;       /* signature file path */
    char *sig_rel;        /* the signature's path relative to the model, or NULL */
} ms_location;

int ms_location_open(ms_location *loc, const char *model_dir, const char *sig_path);
void ms_location_close(ms_location *loc);
/* An ignore path as given (relative to the model, or absolute inside it), normalised. */
int ms_ignore_normalise(const ms_location *loc, const char *given, char **out);

/* ---- sign.c, verify.c, compare.c ---- */

/* model_signing's default ignore set (hashing.Config ignore_git_paths). */
#define MS_N_GIT_PATHS 4
extern const char *const ms_git_paths[MS_N_GIT_PATHS];

/* The key is usable: a pqsafe signature algorithm, pk, and sk when need_private. */
int ms_key_check(const pqs_model_key *key, int need_private);
/* Find what differs between the model on disk and the verified manifest m; findings go
 * into r. Returns PQS_OK (r may hold findings) or an error (I/O, a refused symlink). */
int ms_compare(const ms_location *loc, const ms_manifest *m, const ms_strlist *ignore,
               const pqs_model_options *opts, pqs_model_report *r);


#endif
