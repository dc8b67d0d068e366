/* A directory sealed or opened into a mirror tree (pqsafe seal/open DIR -o OUT).
 *
 * A dataset is often many small files: one at a time, each waits for its own fsync()s
 * and uses one core. So the directories are mirrored first (the walk), then the files
 * up to AGE_CLI_PROGRESS_MIN go through a pool of workers, one thread each, as many as
 * -j or the cores; the larger ones (model shards) follow one after another, each with
 * every thread and its progress bar. Every output is still written atomically; at the
 * first failure no new file is started, its exit status is returned, and a line says how
 * many files made it. */
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "age_cli.h"
#include "cli.h"

typedef struct {
    char *in, *out;
    int large;
} tree_file;

typedef struct {
    const age_cli_tree *t;
    tree_file *files;
    size_t n, cap, next;
    size_t done;              /* files written */
    int rc;                   /* the first failure's exit status */
    pthread_mutex_t mu;
} tree_run;

static int add_file(tree_run *r, const char *in, const char *out, int large)
{
    if (r->n == r->cap) {
        size_t cap = r->cap ? r->cap * 2 : 64;
        tree_file *f = realloc(r->files, cap * sizeof *f);
        if (f == NULL)
            return -1;
        r->files = f;
        r->cap = cap;
    }
    tree_file *f = &r->files[r->n];
    f->in = strdup(in);
    f->out = strdup(out);
    f->large = large;
    if (f->in == NULL || f->out == NULL) {
        free(f->in);
        free(f->out);
        return -1;
    }
    r->n++;
    return 0;
}

/* The output path of the file at rel: 0, 1 to leave it out, or an exit status. */
static int out_name(const age_cli_tree *t, const char *path, const char *rel, char *out,
                    size_t cap)
{
    size_t n = strlen(rel);
    int k;
    if (t->naming == AGE_CLI_ADD_AGE) {
        k = snprintf(out, cap, "%s/%s.age", t->out_dir, rel);
    } else if (n <= 4 || strcmp(rel + n - 4, ".age") != 0) {
        if (t->naming == AGE_CLI_STRIP_AGE_STRICT) {
            pqs_cli_error("%s: %s is not a sealed file (no .age suffix)", t->cmd, path);
            return PQS_EXIT_USAGE;
        }
        fprintf(stderr, "pqsafe: warning: skipping %s (no .age suffix)\n", path);
        return 1;
    } else {
        k = snprintf(out, cap, "%s/%.*s", t->out_dir, (int)(n - 4), rel);
    }
    if (k < 0 || (size_t)k >= cap) {
        pqs_cli_error("%s: output path too long for %s", t->cmd, rel);
        return PQS_EXIT_USAGE;
    }
    return 0;
}

/* The walk: directories are mirrored at once (parents before their contents), files are
 * listed with their output names. */
static int visit(void *ctx, const char *path, const char *rel, int is_dir)
{
    tree_run *r = ctx;
    const age_cli_tree *t = r->t;
    if (t->skip != NULL && t->skip(rel))
        return 0;
    if (is_dir)
        return age_cli_mirror_dir(t->out_dir, rel, t->dir_mode);
    char out[PATH_MAX];
    int rc = out_name(t, path, rel, out, sizeof out);
    if (rc != 0)
        return rc == 1 ? 0 : rc;
    struct stat st;
    int large = stat(path, &st) == 0 && (uint64_t)st.st_size > AGE_CLI_PROGRESS_MIN;
    if (add_file(r, path, out, large) != 0) {
        pqs_cli_error("%s: out of memory listing %s", t->cmd, path);
        return PQS_EXIT_USAGE;
    }
    return 0;
}

static int run_one(tree_run *r, const tree_file *f, pqs_age_options *o)
{
    const age_cli_tree *t = r->t;
    return age_cli_run_file(t->cmd, f->in, f->out, t->flags, t->file_mode, t->op, t->ctx, o,
                            t->verb);
}

/* A worker of the pool: claims the next small file until none is left or one failed. */
static void *small_files(void *arg)
{
    tree_run *r = arg;
    pqs_age_options o = *r->t->o;
    o.threads = 1;
    for (;;) {
        pthread_mutex_lock(&r->mu);
        while (r->rc == 0 && r->next < r->n && r->files[r->next].large)
            r->next++;
        const tree_file *f = r->rc == 0 && r->next < r->n ? &r->files[r->next++] : NULL;
        pthread_mutex_unlock(&r->mu);
        if (f == NULL)
            return NULL;
        int rc = run_one(r, f, &o);
        pthread_mutex_lock(&r->mu);
        if (rc == 0)
            r->done++;
        else if (r->rc == 0)
            r->rc = rc;
        pthread_mutex_unlock(&r->mu);
    }
}

static unsigned pool_size(const tree_run *r)
{
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    size_t want = r->t->o->threads ? r->t->o->threads : cores < 1 ? 1 : (size_t)cores;
    size_t small = 0;
    for (size_t i = 0; i < r->n; i++)
        small += !r->files[i].large;
    if (want > small)
        want = small;
    if (want > 64)
        want = 64;
    return want < 1 ? 1 : (unsigned)want;
}

static void process(tree_run *r)
{
    unsigned workers = pool_size(r);
    pthread_t th[64];
    unsigned started = 0;
    for (; started + 1 < workers; started++) {
        if (pthread_create(&th[started], NULL, small_files, r) != 0)
            break;
    }
    small_files(r);   /* the caller is a worker too */
    for (unsigned i = 0; i < started; i++)
        pthread_join(th[i], NULL);
    for (size_t i = 0; r->rc == 0 && i < r->n; i++) {
        if (!r->files[i].large)
            continue;
        pqs_age_options o = *r->t->o;
        r->rc = run_one(r, &r->files[i], &o);
        r->done += r->rc == 0;
    }
}

int age_cli_tree_run(const age_cli_tree *t, const char *dir)
{
    tree_run r;
    memset(&r, 0, sizeof r);
    r.t = t;
    pthread_mutex_init(&r.mu, NULL);
    r.rc = age_cli_walk(dir, visit, &r);
    if (r.rc == 0)
        process(&r);
    /* The tree stops at the first failure: say how much of it is there. */
    if (r.rc != 0 && r.n > 0 && !(t->flags & AGE_CLI_STAGED))   /* staged: all goes */
        pqs_cli_error("%s: stopped at the first failure: %zu of the tree's %zu files were "
                      "written to %s, the others were not", t->cmd, r.done, r.n, t->out_dir);
    for (size_t i = 0; i < r.n; i++) {
        free(r.files[i].in);
        free(r.files[i].out);
    }
    free(r.files);
    pthread_mutex_destroy(&r.mu);
    return r.rc;
}
