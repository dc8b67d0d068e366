/* pqs_model_sign: walk and hash the model, build the model_signing v1.0 statement, sign
 * its DSSE PAE with the post-quantum key (and Ed25519 in hybrid mode), and write the
 * Sigstore bundle atomically. */
#include <stdlib.h>
#include <string.h>

#include <openssl/evp.h>

#include "core/error.h"
#include "core/file.h"
#include "ms_int.h"
#include "pqsafe/keys.h"

const char *const ms_git_paths[MS_N_GIT_PATHS] = {".git", ".gitattributes", ".github", ".gitignore"};

int pqs_model_key_hint(const pqs_sig *alg, const uint8_t *pk, char hint[65])
{
    if (alg == NULL || pk == NULL || hint == NULL)
        return PQS_E_INVALID_ARG;
    pqs_key *k = NULL;
    uint8_t *pem = NULL, digest[MS_DIGEST_BYTES];
    size_t pem_len = 0;
    int rc = pqs_key_from_raw(&k, alg->name, pk, alg->pk_bytes, NULL, 0);
    if (rc == PQS_OK)
        rc = pqs_key_encode_public(k, PQS_KEY_PEM, &pem, &pem_len);
    if (rc == PQS_OK && EVP_Digest(pem, pem_len, digest, NULL, EVP_sha256(), NULL) != 1)
        rc = PQS_E_INTERNAL;
    if (rc == PQS_OK)
        ms_hex(digest, MS_DIGEST_BYTES, hint);
    pqs_key_buffer_free(pem, pem_len);
    pqs_key_free(k);
    return rc;
}

int ms_key_check(const pqs_model_key *key, int need_private)
{
    if (key == NULL || key->alg == NULL || key->pk == NULL)
        return pqs_error_set(PQS_E_INVALID_ARG, "no key given");
    if (pqs_sig_find(key->alg->name) != key->alg)
        return pqs_error_set(PQS_E_INVALID_ARG, "the key is not a pqsafe signature algorithm");
    if (need_private && key->sk == NULL)
        return pqs_error_set(PQS_E_INVALID_KEY, "signing needs a private key; %s key has none",
                             key->alg->name);
    if (key->ed25519_pem != NULL && key->ed25519_pem_len == 0)
        return pqs_error_set(PQS_E_INVALID_ARG, "the Ed25519 key is empty");
    return PQS_OK;
}

/* The recorded ignore set: git paths, the signature file, and the caller's paths. */
static int ignore_set(const ms_location *loc, const pqs_model_options *o, ms_strlist *out)
{
    int rc = PQS_OK;
    for (size_t i = 0; rc == PQS_OK && i < MS_N_GIT_PATHS; i++)
        rc = ms_strlist_add(out, ms_git_paths[i]);
    if (rc == PQS_OK && loc->sig_rel != NULL && !ms_strlist_has(out, loc->sig_rel))
        rc = ms_strlist_add(out, loc->sig_rel);
    for (size_t i = 0; rc == PQS_OK && o != NULL && i < o->n_ignore_paths; i++) {
        char *p = NULL;
        rc = ms_ignore_normalise(loc, o->ignore_paths[i], &p);
        if (rc == PQS_OK && !ms_strlist_has(out, p))
            rc = ms_strlist_add(out, p);
        free(p);
    }
    return rc;
}

static int hash_model(const ms_location *loc, const pqs_model_options *o, ms_manifest *m)
{
    ms_files files;
    int rc = ms_walk(loc->root_fd, loc->root_real, m->allow_symlinks, m->ignore.v, m->ignore.n,
                     &files);
    /* A symlink or special file is bad input when signing, not a failed verification. */
    if (rc == PQS_E_VERIFY)
        return ms_error_wrap(PQS_E_INVALID_ARG, NULL);
    if (rc != PQS_OK)
        return rc;
    if (files.n == 0) {
        ms_files_free(&files);
        return pqs_error_set(PQS_E_INVALID_ARG, "the model directory has no files to sign");
    }
    ms_job *jobs = NULL;
    size_t n_jobs = 0;
    uint64_t total = 0;
    rc = ms_manifest_plan(m, &files, &jobs, &n_jobs);
    for (size_t i = 0; rc == PQS_OK && i < n_jobs; i++)
        total += jobs[i].bytes;
    if (rc == PQS_OK)
        rc = ms_hash_jobs(loc->root_fd, m->allow_symlinks, jobs, n_jobs, total, o);
    if (rc == PQS_OK)
        ms_manifest_finish(m, jobs);
    free(jobs);
    ms_files_free(&files);
    return rc;
}

static int sign_payload(const pqs_model_key *key, const char *payload, size_t len, ms_bundle *b)
{
    uint8_t *pae = NULL;
    size_t pae_len = 0;
    int rc = ms_pae((const uint8_t *)payload, len, &pae, &pae_len);
    if (rc != PQS_OK)
        return rc;
    ms_signature *s = &b->sigs[b->n_sigs++];
    s->keyid = strdup(key->alg->name);
    s->sig = malloc(key->alg->sig_bytes);
    if (s->keyid == NULL || s->sig == NULL)
        rc = PQS_E_NOMEM;
    if (rc == PQS_OK)
        rc = pqs_sig_sign(key->alg, s->sig, &s->sig_len, pae, pae_len, NULL, 0, key->sk, NULL);
    if (rc == PQS_OK && key->ed25519_pem != NULL) {
        s = &b->sigs[b->n_sigs++];
        s->keyid = strdup(MS_ED25519_NAME);
        s->sig = malloc(MS_ED25519_SIG_BYTES);
        s->sig_len = MS_ED25519_SIG_BYTES;
        rc = s->keyid && s->sig ? ms_ed25519_sign(key->ed25519_pem, key->ed25519_pem_len, pae,
                                                  pae_len, s->sig)
                                : PQS_E_NOMEM;
    }
    free(pae);
    return rc;
}

static int write_bundle(const ms_location *loc, const pqs_model_key *key, const ms_manifest *m,
                        const pqs_model_options *o)
{
    ms_bundle b;
    memset(&b, 0, sizeof b);
    char *payload = NULL, *json = NULL, hint[65];
    size_t payload_len = 0, json_len = 0;
    int rc = pqs_model_key_hint(key->alg, key->pk, hint);
    if (rc == PQS_OK)
        rc = ms_statement_encode(m, &payload, &payload_len);
    if (rc == PQS_OK)
        rc = sign_payload(key, payload, payload_len, &b);
    if (rc == PQS_OK) {
        b.hint = hint;
        b.payload = (uint8_t *)payload;
        b.payload_len = payload_len;
        rc = ms_bundle_encode(&b, &json, &json_len);
        b.hint = NULL;
        b.payload = NULL;
    }
    if (rc == PQS_OK)
        rc = pqs_write_file_atomic(loc->sig_path, (const uint8_t *)json, json_len, 0644,
                                   o == NULL || !o->no_overwrite);
    ms_bundle_free(&b);
    free(payload);
    free(json);
    return rc;
}

int pqs_model_sign(const char *model_dir, const pqs_model_key *key, const pqs_model_options *opts)
{
    pqs_error_clear();
    int rc = ms_key_check(key, 1);
    if (rc != PQS_OK)
        return rc;
    ms_location loc;
    rc = ms_location_open(&loc, model_dir, opts ? opts->signature_path : NULL);
    if (rc != PQS_OK)
        return rc;
    ms_manifest m;
    memset(&m, 0, sizeof m);
    m.method = opts != NULL && opts->shard_size > 0 ? MS_METHOD_SHARDS : MS_METHOD_FILES;
    m.shard_size = opts != NULL ? opts->shard_size : 0;
    m.allow_symlinks = opts != NULL && opts->allow_symlinks;
    m.model_name = strdup(loc.name);
    rc = m.model_name ? ignore_set(&loc, opts, &m.ignore) : PQS_E_NOMEM;
    if (rc == PQS_OK)
        rc = hash_model(&loc, opts, &m);
    if (rc == PQS_OK)
        rc = write_bundle(&loc, key, &m, opts);
    ms_manifest_free(&m);
    ms_location_close(&loc);
    return rc;
}
