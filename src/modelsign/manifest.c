/* The manifest of a model as model_signing v1.0 serializes it, and its in-toto
 * Statement v1 (https://github.com/in-toto/attestation/blob/main/spec/v1/statement.md)
 * with predicateType https://model_signing/signature/v1.0:
 *   "files":  one resource per regular file, named by its relative POSIX path, digest =
 *             SHA-256 of the whole file;
 *   "shards": one resource per shard [start, end) of every non-empty file, named
 *             "path:start:end", shards of shard_size bytes with a shorter last one
 *             (model_signing's _endpoints); empty files have no shard.
 * Resources are sorted by (path, start); the subject digest is SHA-256 over the
 * concatenated raw digests in that order. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/evp.h>

#include "core/error.h"
#include "ms_int.h"

static int plan_file(ms_manifest *m, size_t *n, const ms_file *f, ms_job *jobs)
{
    ms_item *it = &m->items[*n];
    it->path = strdup(f->path);
    it->name = strdup(f->path);
    if (it->path == NULL || it->name == NULL)
        return PQS_E_NOMEM;
    it->start = 0;
    it->end = f->size;
    jobs[*n] = (ms_job){.path = f->path, .start = 0, .end = UINT64_MAX, .bytes = f->size};
    (*n)++;
    return PQS_OK;
}

static int plan_shards(ms_manifest *m, size_t *n, const ms_file *f, ms_job *jobs)
{
    /* model_signing splits a shard name on ':' and wants exactly three parts. */
    if (strchr(f->path, ':') != NULL)
        return pqs_error_set(PQS_E_INVALID_ARG,
                             "cannot sign '%s' by shards: the name contains ':' (use the "
                             "files method)", f->path);
    for (uint64_t start = 0; start < f->size; start += m->shard_size) {
        uint64_t end = f->size - start > m->shard_size ? start + m->shard_size : f->size;
        ms_item *it = &m->items[*n];
        size_t len = strlen(f->path) + 44;
        it->path = strdup(f->path);
        it->name = malloc(len);
        if (it->path == NULL || it->name == NULL)
            return PQS_E_NOMEM;
        snprintf(it->name, len, "%s:%llu:%llu", f->path, (unsigned long long)start,
                 (unsigned long long)end);
        it->start = start;
        it->end = end;
        jobs[*n] = (ms_job){.path = f->path, .start = start, .end = end, .bytes = end - start};
        (*n)++;
    }
    return PQS_OK;
}

int ms_manifest_plan(ms_manifest *m, const ms_files *files, ms_job **jobs_out, size_t *n_jobs)
{
    size_t count = 0;
    for (size_t i = 0; i < files->n; i++) {
        if (m->method == MS_METHOD_FILES)
            count++;
        else
            count += (size_t)((files->v[i].size + m->shard_size - 1) / m->shard_size);
    }
    /* Each resource costs memory and manifest bytes: refuse absurd shard sizes early. */
    if (count > MS_MAX_RESOURCES)
        return pqs_error_set(PQS_E_INVALID_ARG, "the model would have %zu resources (at most %d); "
                             "use a larger shard size", count, MS_MAX_RESOURCES);
    m->items = calloc(count ? count : 1, sizeof *m->items);
    ms_job *jobs = calloc(count ? count : 1, sizeof *jobs);
    if (m->items == NULL || jobs == NULL) {
        free(jobs);
        return PQS_E_NOMEM;
    }
    size_t n = 0;
    int rc = PQS_OK;
    for (size_t i = 0; i < files->n && rc == PQS_OK; i++) {
        rc = m->method == MS_METHOD_FILES ? plan_file(m, &n, &files->v[i], jobs)
                                          : plan_shards(m, &n, &files->v[i], jobs);
    }
    /* Count every item that holds allocations, even the one that failed half-way. */
    m->n_items = n < count && rc != PQS_OK ? n + 1 : n;
    if (rc != PQS_OK) {
        free(jobs);
        return rc;
    }
    *jobs_out = jobs;
    *n_jobs = n;
    return PQS_OK;
}

void ms_manifest_root(const ms_manifest *m, uint8_t root[MS_DIGEST_BYTES])
{
    /* A failure leaves the root zero, which no manifest's subject matches. */
    memset(root, 0, MS_DIGEST_BYTES);
    EVP_MD_CTX *c = EVP_MD_CTX_new();
    int ok = c != NULL && EVP_DigestInit_ex(c, EVP_sha256(), NULL) == 1;
    for (size_t i = 0; ok && i < m->n_items; i++)
        ok = EVP_DigestUpdate(c, m->items[i].digest, MS_DIGEST_BYTES) == 1;
    if (ok)
        EVP_DigestFinal_ex(c, root, NULL);
    EVP_MD_CTX_free(c);
}

void ms_manifest_finish(ms_manifest *m, const ms_job *jobs)
{
    for (size_t i = 0; i < m->n_items; i++)
        memcpy(m->items[i].digest, jobs[i].digest, MS_DIGEST_BYTES);
    ms_manifest_root(m, m->root);
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static json_t *serialization_json(const ms_manifest *m)
{
    json_t *s = json_object(), *ign = json_array();
    if (s == NULL || ign == NULL) {
        json_decref(s);
        json_decref(ign);
        return NULL;
    }
    char **sorted = malloc((m->ignore.n ? m->ignore.n : 1) * sizeof *sorted);
    if (sorted != NULL && m->ignore.n > 0) {
        memcpy(sorted, m->ignore.v, m->ignore.n * sizeof *sorted);
        qsort(sorted, m->ignore.n, sizeof *sorted, cmp_str);
    }
    int bad = sorted == NULL;
    for (size_t i = 0; !bad && i < m->ignore.n; i++)
        bad |= json_array_append_new(ign, json_string(sorted[i]));
    free(sorted);
    bad |= json_object_set_new(s, "method", json_string(m->method == MS_METHOD_FILES ? "files"
                                                                                       : "shards"));
    bad |= json_object_set_new(s, "hash_type", json_string("sha256"));
    bad |= json_object_set_new(s, "allow_symlinks", json_boolean(m->allow_symlinks));
    if (m->method == MS_METHOD_SHARDS)
        bad |= json_object_set_new(s, "shard_size", json_integer((json_int_t)m->shard_size));
    bad |= json_object_set_new(s, "ignore_paths", ign);
    if (bad) {
        json_decref(s);
        return NULL;
    }
    return s;
}

static json_t *resources_json(const ms_manifest *m)
{
    json_t *arr = json_array();
    int bad = arr == NULL;
    char hex[2 * MS_DIGEST_BYTES + 1];
    for (size_t i = 0; !bad && i < m->n_items; i++) {
        ms_hex(m->items[i].digest, MS_DIGEST_BYTES, hex);
        json_t *r = json_pack("{s:s, s:s, s:s}", "name", m->items[i].name, "algorithm", "sha256",
                              "digest", hex);
        bad = r == NULL || json_array_append_new(arr, r) != 0;
    }
    if (bad) {
        json_decref(arr);
        return NULL;
    }
    return arr;
}

int ms_statement_encode(const ms_manifest *m, char **out, size_t *out_len)
{
    char root_hex[2 * MS_DIGEST_BYTES + 1];
    ms_hex(m->root, MS_DIGEST_BYTES, root_hex);
    json_t *ser = serialization_json(m), *res = resources_json(m);
    if (ser == NULL || res == NULL) {
        json_decref(ser);
        json_decref(res);
        return pqs_error_set(PQS_E_NOMEM, "cannot build the manifest");
    }
    /* Key order of model_signing's payload; "o" steals the references. */
    json_t *st = json_pack("{s:s, s:[{s:s, s:{s:s}}], s:s, s:{s:o, s:o}}",
                           "_type", MS_STATEMENT_TYPE,
                           "subject", "name", m->model_name, "digest", "sha256", root_hex,
                           "predicateType", MS_PREDICATE_TYPE,
                           "predicate", "serialization", ser, "resources", res);
    if (st == NULL)
        return pqs_error_set(PQS_E_INVALID_ARG, "the model name is not valid UTF-8");
    *out = json_dumps(st, JSON_COMPACT);
    json_decref(st);
    if (*out == NULL)
        return pqs_error_set(PQS_E_NOMEM, "cannot encode the manifest");
    *out_len = strlen(*out);
    return PQS_OK;
}

void ms_manifest_free(ms_manifest *m)
{
    for (size_t i = 0; i < m->n_items; i++) {
        free(m->items[i].name);
        free(m->items[i].path);
    }
    free(m->items);
    free(m->model_name);
    ms_strlist_free(&m->ignore);
    memset(m, 0, sizeof *m);
}
