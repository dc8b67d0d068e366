/* pqsafe — post-quantum model signing: a model directory signed with ML-DSA or SLH-DSA
 * (optionally hybrid with Ed25519) into a Sigstore bundle that the model_signing v1.x
 * tools of sigstore/model-transparency read.
 *
 * Format (one JSON file, default "model.sig" in the model directory):
 *   Sigstore bundle v0.3 {mediaType, verificationMaterial{publicKey{hint}, tlogEntries[]},
 *   dsseEnvelope} whose DSSE envelope (payloadType application/vnd.in-toto+json) carries an
 *   in-toto Statement v1 with predicateType https://model_signing/signature/v1.0:
 *   subject[0] = {name: model directory name, digest.sha256: SHA-256 over the raw
 *   resource digests in manifest order}, predicate.serialization = {method "files" or
 *   "shards", hash_type "sha256", allow_symlinks, [shard_size], ignore_paths} and
 *   predicate.resources = [{name, algorithm "sha256", digest hex}] sorted by path (shards
 *   named "path:start:end"). Each DSSE signature is over PAE(payloadType, payload),
 *   DSSE v1.0: "DSSEv1" SP len(type) SP type SP len(body) SP body.
 *
 * Algorithm binding: verificationMaterial.publicKey.hint is the lowercase hex SHA-256 of
 * the signer's PEM SubjectPublicKeyInfo (as model_signing's key signer writes it), and
 * each DSSE signature's "keyid" names its algorithm ("ML-DSA-65", "SLH-DSA-SHA2-128s",
 * "Ed25519"). DSSE defines keyid as an optional hint and model_signing ignores it, so the
 * bundle stays readable by model_signing; pqsafe refuses a bundle whose keyid does not
 * name the algorithm of the key the verifier was given. Hybrid bundles carry two
 * signatures over the same PAE: the post-quantum one first (model_signing verifies
 * signatures[0]), Ed25519 second; both must hold.
 *
 * Signatures are pure ML-DSA / SLH-DSA with an empty context string (FIPS 204 Algorithm 2,
 * FIPS 205 Algorithm 22), as model_signing's own ML-DSA signer (dilithium-py) makes them;
 * its verifier, given the raw public key, reads signatures[0] only. (Checked against the
 * model_signing sources, not run: tests/modelsign checks the format with Node instead.)
 *
 * Verification always uses the key the caller gives, never one in the bundle. */
#ifndef PQSAFE_MODELSIGN_H
#define PQSAFE_MODELSIGN_H

#include "common.h"
#include "sig.h"

#ifdef __cplusplus
extern "C" {
#endif

#define PQS_MODEL_SIGNATURE_FILE "model.sig"
/* Bytes hashed per shard when the "shards" method is asked for without a size (as
 * model_signing's default). */
#define PQS_MODEL_DEFAULT_SHARD_SIZE 1000000000ull

/* The signer or verifier key: raw FIPS encodings (pqs_key_public_bytes / _private_bytes). */
typedef struct pqs_model_key {
    const pqs_sig *alg;             /* ML-DSA-44/65/87 or any SLH-DSA parameter set */
    const uint8_t *pk;              /* alg->pk_bytes; always required */
    const uint8_t *sk;              /* alg->sk_bytes; signing only (NULL to verify) */
    /* Hybrid: an Ed25519 key as PEM (PKCS#8 private to sign; SPKI or PKCS#8 to
     * verify). NULL: post-quantum only. */
    const uint8_t *ed25519_pem;
    size_t ed25519_pem_len;
} pqs_model_key;

/* Called from the calling thread about ten times a second while files are hashed. */
typedef void (*pqs_model_progress_fn)(void *ctx, uint64_t bytes_done, uint64_t bytes_total);

/* Options; a zeroed struct (or NULL) gives the defaults. */
typedef struct pqs_model_options {
    const char *signature_path;     /* NULL: <model>/model.sig */
    uint64_t shard_size;            /* sign: 0 = "files" method, else "shards" of this size */
    int allow_symlinks;             /* sign: hash symlinks' targets (inside the model only) */
    const char *const *ignore_paths; /* sign: more paths to leave out, relative to the model */
    size_t n_ignore_paths;
    int ignore_unsigned_files;      /* verify: files the manifest does not name are no error */
    unsigned threads;               /* hashing threads; 0 = one per online CPU */
    int no_overwrite;               /* sign: fail instead of replacing an existing signature */
    pqs_model_progress_fn progress;
    void *progress_ctx;
} pqs_model_options;

/* What verification found, one entry per file. */
enum { PQS_MODEL_CHANGED = 1, PQS_MODEL_MISSING = 2, PQS_MODEL_EXTRA = 3 };

typedef struct pqs_model_finding {
    int kind;                       /* PQS_MODEL_CHANGED / _MISSING / _EXTRA */
    char *path;                     /* relative to the model directory */
} pqs_model_finding;

typedef struct pqs_model_report {
    char algorithm[64];             /* "ML-DSA-65" or "ML-DSA-65+Ed25519"; "" before known */
    char method[8];                 /* "files" or "shards" */
    char root_digest[65];           /* subject digest (hex) once the signature verified */
    char *model_name;               /* subject name; NULL before known */
    size_t n_resources;             /* resources in the signed manifest */
    uint64_t bytes_hashed;
    pqs_model_finding *findings;    /* changed, missing and extra files, sorted by path */
    size_t n_findings;
} pqs_model_report;

/* Hash the model directory and write its signature bundle atomically (never a partial
 * file). Errors: PQS_E_INVALID_ARG (a symlink without allow_symlinks, an empty model, a
 * name the format cannot carry), PQS_E_IO, PQS_E_INVALID_KEY; pqs_error_detail() says
 * which, in one line. */
PQS_EXPORT PQS_MUST_CHECK int pqs_model_sign(const char *model_dir, const pqs_model_key *key,
                                             const pqs_model_options *opts);

/* Verify the model directory against its signature bundle: signature(s) with the given
 * key, then every file. Returns 0 only when everything matches; PQS_E_VERIFY when the
 * signature does not hold, the bundle names another key or algorithm, or a file was
 * changed, removed or added (findings in *report); PQS_E_DECODE for a malformed bundle or
 * manifest (unsafe resource names, duplicates); PQS_E_IO. Intended for inference servers:
 * call it and refuse the model unless it returns 0, before reading any tensor.
 * report may be NULL; otherwise *report is set (free with pqs_model_report_free) even on
 * failure, when the failure was found after the bundle was read.
 *
 *   pqs_key *k;                                  // keys.h: the signer's public key file
 *   if (pqs_key_load(&k, "signer.pub.pem") != 0) refuse(pqs_error_detail());
 *   pqs_model_key mk = {pqs_key_sig(k), pqs_key_public_bytes(k, NULL), NULL, NULL, 0};
 *   if (pqs_model_verify("/models/llama", &mk, NULL, NULL) != 0) refuse(pqs_error_detail());
 *   // only now open and read the tensors */
PQS_EXPORT PQS_MUST_CHECK int pqs_model_verify(const char *model_dir, const pqs_model_key *key,
                                               const pqs_model_options *opts,
                                               pqs_model_report **report);

PQS_EXPORT void pqs_model_report_free(pqs_model_report *report);

/* The publicKey.hint of a key: lowercase hex SHA-256 of its PEM SubjectPublicKeyInfo. */
PQS_EXPORT PQS_MUST_CHECK int pqs_model_key_hint(const pqs_sig *alg, const uint8_t *pk,
                                                 char hint[65]);

#ifdef __cplusplus
}
#endif
#endif
