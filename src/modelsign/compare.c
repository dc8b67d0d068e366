/* Comparing the model on disk with a verified manifest, file by file, so a verifier can
 * name every changed, missing and extra file (model_signing only says "mismatch").
 * Both sides are in manifest order (path components, then shard start), so one merge
 * pass pairs them; only files the manifest names are hashed. */
#include <stdlib.h>
#include <string.h>

#include "core/error.h"
#include "ms_int.h"

static int add_finding(pqs_model_report *r, int kind, const char *path)
{
    pqs_model_finding *v = realloc(r->findings, (r->n_findings + 1) * sizeof *v);
    if (v == NULL)
        return PQS_E_NOMEM;
    r->findings = v;
    v[r->n_findings].kind = kind;
    v[r->n_findings].path = strdup(path);
    if (v[r->n_findings].path == NULL)
        return PQS_E_NOMEM;
    r->n_findings++;
    return PQS_OK;
}

static int cmp_item(const void *a, const void *b)
{
    const ms_item *x = *(const ms_item *const *)a, *y = *(const ms_item *const *)b;
    int c = ms_path_cmp(x->path, y->path);
    if (c != 0)
        return c;
    return x->start < y->start ? -1 : x->start > y->start;
}

static int cmp_finding(const void *a, const void *b)
{
    return ms_path_cmp(((const pqs_model_finding *)a)->path,
                       ((const pqs_model_finding *)b)->path);
}

typedef struct {
    const ms_manifest *m;
    ms_item **exp;        /* expected items in manifest order */
    ms_job *jobs;
    const ms_item **job_item;
    size_t n_jobs;
    uint64_t total;
} plan;

/* The shards on disk must be exactly the signed ones: same count and the same ranges
 * model_signing would cut from a file of this size. */
static int shards_match(const plan *p, size_t first, size_t count, uint64_t size)
{
    uint64_t s = p->m->shard_size;
    if ((uint64_t)count != (size + s - 1) / s)
        return 0;
    for (size_t k = 0; k < count; k++) {
        const ms_item *it = p->exp[first + k];
        uint64_t start = (uint64_t)k * s;
        if (it->start != start || it->end != (size - start > s ? start + s : size))
            return 0;
    }
    return 1;
}

/* Queue the hashing of the file's signed resources, or report it changed at once. */
static int plan_file(plan *p, const ms_file *f, size_t first, size_t count, pqs_model_report *r)
{
    if (p->m->method == MS_METHOD_SHARDS && !shards_match(p, first, count, f->size))
        return add_finding(r, PQS_MODEL_CHANGED, f->path);
    for (size_t k = 0; k < count; k++) {
        const ms_item *it = p->exp[first + k];
        int files = p->m->method == MS_METHOD_FILES;
        ms_job *j = &p->jobs[p->n_jobs];
        j->path = f->path;
        j->start = files ? 0 : it->start;
        j->end = files ? UINT64_MAX : it->end;
        j->bytes = files ? f->size : it->end - it->start;
        p->total += j->bytes;
        p->job_item[p->n_jobs++] = it;
    }
    return PQS_OK;
}

static int merge(plan *p, const ms_files *files, const pqs_model_options *o, pqs_model_report *r)
{
    size_t i = 0, e = 0, n_exp = p->m->n_items;
    int rc = PQS_OK;
    while (rc == PQS_OK && (i < files->n || e < n_exp)) {
        size_t count = 0;
        while (e < n_exp && e + count < n_exp && strcmp(p->exp[e + count]->path, p->exp[e]->path) == 0)
            count++;
        int c = i >= files->n ? 1 : e >= n_exp ? -1 : ms_path_cmp(files->v[i].path, p->exp[e]->path);
        if (c < 0) {
            /* In shard mode an empty file has no resource, signed or not. */
            int invisible = p->m->method == MS_METHOD_SHARDS && files->v[i].size == 0;
            if (!invisible && !(o != NULL && o->ignore_unsigned_files))
                rc = add_finding(r, PQS_MODEL_EXTRA, files->v[i].path);
            i++;
        } else if (c > 0) {
            rc = add_finding(r, PQS_MODEL_MISSING, p->exp[e]->path);
            e += count;
        } else {
            rc = plan_file(p, &files->v[i], e, count, r);
            i++;
            e += count;
        }
    }
    return rc;
}

/* After hashing: a file is changed when any of its resources differs (reported once). */
static int collect(const plan *p, pqs_model_report *r)
{
    const char *last = NULL;
    for (size_t k = 0; k < p->n_jobs; k++) {
        if (memcmp(p->jobs[k].digest, p->job_item[k]->digest, MS_DIGEST_BYTES) == 0)
            continue;
        if (last != NULL && strcmp(last, p->jobs[k].path) == 0)
            continue;
        last = p->jobs[k].path;
        int rc = add_finding(r, PQS_MODEL_CHANGED, last);
        if (rc != PQS_OK)
            return rc;
    }
    return PQS_OK;
}

int ms_compare(const ms_location *loc, const ms_manifest *m, const ms_strlist *ignore,
               const pqs_model_options *opts, pqs_model_report *r)
{
    ms_files files;
    int rc = ms_walk(loc->root_fd, loc->root_real, m->allow_symlinks, ignore->v, ignore->n,
                     &files);
    if (rc != PQS_OK)
        return rc;
    plan p;
    memset(&p, 0, sizeof p);
    p.m = m;
    size_t n = m->n_items ? m->n_items : 1;
    p.exp = malloc(n * sizeof *p.exp);
    p.jobs = calloc(n, sizeof *p.jobs);
    p.job_item = malloc(n * sizeof *p.job_item);
    if (p.exp == NULL || p.jobs == NULL || p.job_item == NULL)
        rc = PQS_E_NOMEM;
    for (size_t k = 0; rc == PQS_OK && k < m->n_items; k++)
        p.exp[k] = &m->items[k];
    if (rc == PQS_OK && m->n_items > 1)
        qsort(p.exp, m->n_items, sizeof *p.exp, cmp_item);
    if (rc == PQS_OK)
        rc = merge(&p, &files, opts, r);
    if (rc == PQS_OK)
        rc = ms_hash_jobs(loc->root_fd, m->allow_symlinks, p.jobs, p.n_jobs, p.total, opts);
    if (rc == PQS_OK) {
        r->bytes_hashed = p.total;
        rc = collect(&p, r);
    }
    if (rc == PQS_OK && r->n_findings > 1)
        qsort(r->findings, r->n_findings, sizeof *r->findings, cmp_finding);
    free(p.exp);
    free(p.jobs);
    free(p.job_item);
    ms_files_free(&files);
    return rc;
}
