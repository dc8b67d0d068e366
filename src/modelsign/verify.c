/* pqs_model_verify: read the bundle, bind its algorithm and key hint to the key the
 * caller gave, verify the DSSE signature(s) over the PAE of the exact payload bytes, and
 * only then parse the (now authenticated) statement and compare it with the disk. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/evp.h>

#include "core/error.h"
#include "core/file.h"
#include "ms_int.h"

/* The signatures of a bundle sorted out by algorithm. */
typedef struct {
    const ms_signature *pq, *ed;
    const pqs_sig *alg;
} sig_set;

/* model_signing's own ML-DSA signer leaves keyid empty and writes the hint as
 * "ML_DSA_65:<sha256 of the raw key>"; read its algorithm from there. */
static const pqs_sig *alg_from_legacy_hint(const char *hint)
{
    static const char *const names[][2] = {
        {"ML_DSA_44:", "ML-DSA-44"}, {"ML_DSA_65:", "ML-DSA-65"}, {"ML_DSA_87:", "ML-DSA-87"}};
    for (size_t i = 0; hint != NULL && i < sizeof names / sizeof names[0]; i++) {
        if (strncmp(hint, names[i][0], strlen(names[i][0])) == 0)
            return pqs_sig_find(names[i][1]);
    }
    return NULL;
}

static int classify(const ms_bundle *b, sig_set *s)
{
    memset(s, 0, sizeof *s);
    for (size_t i = 0; i < b->n_sigs; i++) {
        const ms_signature *g = &b->sigs[i];
        const pqs_sig *alg = g->keyid[0] ? pqs_sig_find(g->keyid) : alg_from_legacy_hint(b->hint);
        if (strcmp(g->keyid, MS_ED25519_NAME) == 0) {
            if (s->ed != NULL)
                return pqs_error_set(PQS_E_DECODE, "the bundle has two Ed25519 signatures");
            s->ed = g;
            continue;
        }
        if (alg == NULL && g->keyid[0] == '\0')
            return pqs_error_set(PQS_E_DECODE, "the bundle does not name its signature "
                                 "algorithm (empty DSSE keyid)");
        if (alg == NULL)
            return pqs_error_set(PQS_E_DECODE, "unknown signature algorithm '%s'", g->keyid);
        if (s->pq != NULL)
            return pqs_error_set(PQS_E_DECODE, "the bundle has two post-quantum signatures");
        s->pq = g;
        s->alg = alg;
    }
    if (s->pq == NULL)
        return pqs_error_set(PQS_E_DECODE, "the bundle has no post-quantum signature");
    return PQS_OK;
}

/* The key hint, when present, must be the given key's; a legacy hint covers the raw key. */
static int check_hint(const ms_bundle *b, const pqs_model_key *key)
{
    if (b->hint == NULL || b->hint[0] == '\0')
        return PQS_OK;
    char ours[65];
    const char *theirs = b->hint;
    int rc;
    if (alg_from_legacy_hint(b->hint) != NULL) {
        uint8_t d[MS_DIGEST_BYTES];
        theirs = strchr(b->hint, ':') + 1;
        rc = EVP_Digest(key->pk, key->alg->pk_bytes, d, NULL, EVP_sha256(), NULL) == 1
                 ? PQS_OK : PQS_E_INTERNAL;
        ms_hex(d, MS_DIGEST_BYTES, ours);
    } else {
        rc = pqs_model_key_hint(key->alg, key->pk, ours);
    }
    if (rc != PQS_OK)
        return rc;
    if (strcmp(ours, theirs) != 0)
        return pqs_error_set(PQS_E_VERIFY, "the bundle was signed by another key (its public "
                             "key hint does not match the given %s key)", key->alg->name);
    return PQS_OK;
}

static int check_signatures(const ms_bundle *b, const pqs_model_key *key, pqs_model_report *r)
{
    sig_set s;
    int rc = classify(b, &s);
    if (rc != PQS_OK)
        return rc;
    snprintf(r->algorithm, sizeof r->algorithm, "%s%s", s.alg->name, s.ed ? "+Ed25519" : "");
    if (s.alg != key->alg)
        return pqs_error_set(PQS_E_VERIFY, "the bundle was signed with %s but the key is %s",
                             s.alg->name, key->alg->name);
    if (s.ed != NULL && key->ed25519_pem == NULL)
        return pqs_error_set(PQS_E_VERIFY, "the bundle is hybrid (%s+Ed25519): the Ed25519 key "
                             "is needed too", s.alg->name);
    if (s.ed == NULL && key->ed25519_pem != NULL)
        return pqs_error_set(PQS_E_VERIFY, "an Ed25519 key was given but the bundle has no "
                             "Ed25519 signature");
    rc = check_hint(b, key);
    uint8_t *pae = NULL;
    size_t pae_len = 0;
    if (rc == PQS_OK)
        rc = ms_pae(b->payload, b->payload_len, &pae, &pae_len);
    if (rc == PQS_OK && pqs_sig_verify(key->alg, s.pq->sig, s.pq->sig_len, pae, pae_len, NULL, 0,
                                       key->pk) != PQS_OK)
        rc = pqs_error_set(PQS_E_VERIFY, "the %s signature does not verify with the given key",
                           key->alg->name);
    if (rc == PQS_OK && s.ed != NULL) {
        rc = ms_ed25519_verify(key->ed25519_pem, key->ed25519_pem_len, pae, pae_len, s.ed->sig,
                               s.ed->sig_len);
        if (rc == PQS_E_VERIFY)
            rc = pqs_error_set(PQS_E_VERIFY, "the Ed25519 signature does not verify with the "
                               "given key");
    }
    free(pae);
    return rc;
}

/* Leave out what the signer left out, and the signature file; git paths too unless the
 * manifest signed something there (a model_signing run without ignore_git_paths). */
static int verify_ignore_set(const ms_location *loc, const ms_manifest *m, ms_strlist *out)
{
    int rc = PQS_OK;
    for (size_t i = 0; rc == PQS_OK && i < m->ignore.n; i++)
        rc = ms_strlist_add(out, m->ignore.v[i]);
    if (rc == PQS_OK && loc->sig_rel != NULL)
        rc = ms_strlist_add(out, loc->sig_rel);
    for (size_t g = 0; rc == PQS_OK && g < MS_N_GIT_PATHS; g++) {
        char *one[1] = {(char *)ms_git_paths[g]};
        int used = 0;
        for (size_t i = 0; !used && i < m->n_items; i++)
            used = ms_path_ignored(m->items[i].path, one, 1);
        if (!used)
            rc = ms_strlist_add(out, ms_git_paths[g]);
    }
    return rc;
}

static void summarise(const pqs_model_report *r)
{
    size_t n[4] = {0};
    for (size_t i = 0; i < r->n_findings; i++)
        n[r->findings[i].kind]++;
    static const char *const word[] = {"", "changed", "missing", "extra"};
    pqs_error_set(PQS_E_VERIFY, "the model does not match its signature: %zu changed, %zu "
                  "missing, %zu extra (first: %s '%s')", n[PQS_MODEL_CHANGED],
                  n[PQS_MODEL_MISSING], n[PQS_MODEL_EXTRA], word[r->findings[0].kind],
                  r->findings[0].path);
}

static int verify_manifest(const ms_location *loc, const ms_bundle *b,
                           const pqs_model_options *opts, pqs_model_report *r)
{
    ms_manifest m;
    ms_strlist ignore = {0};
    int rc = ms_statement_parse(b->payload, b->payload_len, &m);
    if (rc != PQS_OK)
        return rc;
    snprintf(r->method, sizeof r->method, "%s", m.method == MS_METHOD_FILES ? "files" : "shards");
    ms_hex(m.root, MS_DIGEST_BYTES, r->root_digest);
    r->n_resources = m.n_items;
    r->model_name = strdup(m.model_name);
    rc = r->model_name ? verify_ignore_set(loc, &m, &ignore) : PQS_E_NOMEM;
    if (rc == PQS_OK)
        rc = ms_compare(loc, &m, &ignore, opts, r);
    if (rc == PQS_OK && r->n_findings > 0) {
        summarise(r);
        rc = PQS_E_VERIFY;
    }
    ms_strlist_free(&ignore);
    ms_manifest_free(&m);
    return rc;
}

int pqs_model_verify(const char *model_dir, const pqs_model_key *key,
                     const pqs_model_options *opts, pqs_model_report **report)
{
    pqs_error_clear();
    if (report != NULL)
        *report = NULL;
    int rc = ms_key_check(key, 0);
    if (rc != PQS_OK)
        return rc;
    ms_location loc;
    rc = ms_location_open(&loc, model_dir, opts ? opts->signature_path : NULL);
    if (rc != PQS_OK)
        return rc;
    uint8_t *buf = NULL;
    size_t len = 0;
    ms_bundle b;
    memset(&b, 0, sizeof b);
    pqs_model_report *r = calloc(1, sizeof *r);
    rc = r ? pqs_read_file(loc.sig_path, MS_BUNDLE_MAX_BYTES, &buf, &len) : PQS_E_NOMEM;
    if (rc == PQS_OK)
        rc = ms_bundle_parse(buf, len, &b);
    if (rc == PQS_OK)
        rc = check_signatures(&b, key, r);
    if (rc == PQS_OK)
        rc = verify_manifest(&loc, &b, opts, r);
    ms_bundle_free(&b);
    free(buf);
    ms_location_close(&loc);
    if (report != NULL && r != NULL && r->algorithm[0] != '\0')
        *report = r;
    else
        pqs_model_report_free(r);
    return rc;
}

void pqs_model_report_free(pqs_model_report *r)
{
    if (r == NULL)
        return;
    for (size_t i = 0; i < r->n_findings; i++)
        free(r->findings[i].path);
    free(r->findings);
    free(r->model_name);
    free(r);
}
