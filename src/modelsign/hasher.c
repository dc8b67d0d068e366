/* SHA-256 of many files and byte ranges on every core with bounded memory: a pool of
 * threads takes jobs (largest first) from a shared counter; each thread streams with
 * pread(2) through one fixed buffer, so memory does not grow with the model (no mmap:
 * mapped pages would count in the process's resident set). OpenSSL's SHA-256 uses the
 * SHA extensions where the CPU has them. */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <openssl/evp.h>

#include "core/error.h"
#include "ms_int.h"

#define BUF_BYTES (256u << 10)
#define MAX_THREADS 32
#define PROGRESS_NS 100000000L

typedef struct {
    int root_fd, allow_symlinks;
    ms_job *jobs;
    size_t *order;
    size_t n_jobs;
    atomic_size_t next;
    atomic_uint_least64_t done_bytes;
    atomic_int stop;
    pthread_mutex_t mu;
    pthread_cond_t cv;
    unsigned running;
    int rc;
    char detail[256];
} pool;

/* Keep the first error and its detail: the detail is per thread, the caller's differs. */
static void pool_fail(pool *p, int rc)
{
    pthread_mutex_lock(&p->mu);
    if (p->rc == PQS_OK) {
        p->rc = rc;
        snprintf(p->detail, sizeof p->detail, "%s", pqs_error_detail());
    }
    pthread_mutex_unlock(&p->mu);
    atomic_store(&p->stop, 1);
}

static int read_range(pool *p, int fd, ms_job *j, EVP_MD_CTX *md, uint8_t *buf)
{
    uint64_t off = j->start;
    for (;;) {
        size_t want = BUF_BYTES;
        if (j->end != UINT64_MAX) {
            if (off >= j->end)
                return PQS_OK;
            if (j->end - off < want)
                want = (size_t)(j->end - off);
        }
        ssize_t r = pread(fd, buf, want, (off_t)off);
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0)
            return pqs_error_set(PQS_E_IO, "cannot read '%s': %s", j->path, strerror(errno));
        if (r == 0) {
            if (j->end == UINT64_MAX)
                return PQS_OK;
            return pqs_error_set(PQS_E_IO, "'%s' became shorter while it was hashed", j->path);
        }
        if (EVP_DigestUpdate(md, buf, (size_t)r) != 1)
            return pqs_error_set(PQS_E_INTERNAL, "SHA-256 failed");
        off += (uint64_t)r;
        atomic_fetch_add(&p->done_bytes, (uint64_t)r);
        if (atomic_load(&p->stop))
            return PQS_E_IO;
    }
}

static int hash_job(pool *p, ms_job *j, EVP_MD_CTX *md, uint8_t *buf)
{
    int flags = O_RDONLY | O_CLOEXEC | (p->allow_symlinks ? 0 : O_NOFOLLOW);
    int fd = openat(p->root_fd, j->path, flags);
    if (fd < 0)
        return pqs_error_set(PQS_E_IO, "cannot open '%s': %s", j->path, strerror(errno));
    struct stat st;
    int rc = PQS_OK;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode))
        rc = pqs_error_set(PQS_E_IO, "'%s' is no longer a regular file", j->path);
    if (rc == PQS_OK) {
        (void)posix_fadvise(fd, (off_t)j->start, 0, POSIX_FADV_SEQUENTIAL);
        if (EVP_DigestInit_ex(md, EVP_sha256(), NULL) != 1)
            rc = pqs_error_set(PQS_E_INTERNAL, "SHA-256 is not available");
    }
    if (rc == PQS_OK)
        rc = read_range(p, fd, j, md, buf);
    if (rc == PQS_OK && EVP_DigestFinal_ex(md, j->digest, NULL) != 1)
        rc = pqs_error_set(PQS_E_INTERNAL, "SHA-256 failed");
    close(fd);
    return rc;
}

static void *worker(void *arg)
{
    pool *p = arg;
    uint8_t *buf = malloc(BUF_BYTES);
    EVP_MD_CTX *md = EVP_MD_CTX_new();
    if (buf == NULL || md == NULL)
        pool_fail(p, PQS_E_NOMEM);
    while (buf != NULL && md != NULL && !atomic_load(&p->stop)) {
        size_t i = atomic_fetch_add(&p->next, 1);
        if (i >= p->n_jobs)
            break;
        int rc = hash_job(p, &p->jobs[p->order[i]], md, buf);
        if (rc != PQS_OK && !atomic_load(&p->stop))
            pool_fail(p, rc);
    }
    EVP_MD_CTX_free(md);
    free(buf);
    pthread_mutex_lock(&p->mu);
    p->running--;
    pthread_cond_signal(&p->cv);
    pthread_mutex_unlock(&p->mu);
    return NULL;
}

/* Largest jobs first, so a big file is not left for last on one core (LPT scheduling). */
typedef struct {
    uint64_t bytes;
    size_t index;
} by_size;

static int larger_first(const void *a, const void *b)
{
    uint64_t x = ((const by_size *)a)->bytes, y = ((const by_size *)b)->bytes;
    return x > y ? -1 : x < y ? 1 : 0;
}

/* Job indices in scheduling order; NULL when out of memory. */
static size_t *schedule(const ms_job *jobs, size_t n)
{
    by_size *v = malloc(n * sizeof *v);
    size_t *order = malloc(n * sizeof *order);
    if (v != NULL && order != NULL) {
        for (size_t i = 0; i < n; i++)
            v[i] = (by_size){jobs[i].bytes, i};
        qsort(v, n, sizeof *v, larger_first);
        for (size_t i = 0; i < n; i++)
            order[i] = v[i].index;
    } else {
        free(order);
        order = NULL;
    }
    free(v);
    return order;
}

static unsigned thread_count(const pqs_model_options *opts, size_t n_jobs)
{
    long n = opts != NULL && opts->threads > 0 ? (long)opts->threads : sysconf(_SC_NPROCESSORS_ONLN);
    if (n < 1)
        n = 1;
    if (n > MAX_THREADS)
        n = MAX_THREADS;
    if ((size_t)n > n_jobs)
        n = (long)n_jobs;
    return (unsigned)n;
}

/* Wait for the workers, reporting progress from this (the caller's) thread. */
static void wait_workers(pool *p, uint64_t total, const pqs_model_options *opts)
{
    pthread_mutex_lock(&p->mu);
    while (p->running > 0) {
        struct timespec t;
        clock_gettime(CLOCK_REALTIME, &t);
        t.tv_nsec += PROGRESS_NS;
        if (t.tv_nsec >= 1000000000L) {
            t.tv_sec++;
            t.tv_nsec -= 1000000000L;
        }
        pthread_cond_timedwait(&p->cv, &p->mu, &t);
        if (opts != NULL && opts->progress != NULL) {
            pthread_mutex_unlock(&p->mu);
            opts->progress(opts->progress_ctx, atomic_load(&p->done_bytes), total);
            pthread_mutex_lock(&p->mu);
        }
    }
    pthread_mutex_unlock(&p->mu);
}

int ms_hash_jobs(int root_fd, int allow_symlinks, ms_job *jobs, size_t n_jobs,
                 uint64_t total_bytes, const pqs_model_options *opts)
{
    if (n_jobs == 0)
        return PQS_OK;
    pool p;
    memset(&p, 0, sizeof p);
    p.root_fd = root_fd;
    p.allow_symlinks = allow_symlinks;
    p.jobs = jobs;
    p.n_jobs = n_jobs;
    atomic_init(&p.next, 0);
    atomic_init(&p.done_bytes, 0);
    atomic_init(&p.stop, 0);
    p.order = schedule(jobs, n_jobs);
    if (p.order == NULL)
        return PQS_E_NOMEM;
    pthread_mutex_init(&p.mu, NULL);
    pthread_cond_init(&p.cv, NULL);

    unsigned want = thread_count(opts, n_jobs);
    pthread_t tids[MAX_THREADS];
    unsigned started = 0;
    for (unsigned i = 0; i < want; i++) {
        pthread_mutex_lock(&p.mu);
        p.running++;
        pthread_mutex_unlock(&p.mu);
        if (pthread_create(&tids[started], NULL, worker, &p) != 0) {
            pthread_mutex_lock(&p.mu);
            p.running--;
            pthread_mutex_unlock(&p.mu);
            break;
        }
        started++;
    }
    if (started == 0)
        pool_fail(&p, pqs_error_set(PQS_E_NOMEM, "cannot start a hashing thread"));
    wait_workers(&p, total_bytes, opts);
    for (unsigned i = 0; i < started; i++)
        pthread_join(tids[i], NULL);
    pthread_cond_destroy(&p.cv);
    pthread_mutex_destroy(&p.mu);
    free(p.order);
    if (p.rc != PQS_OK)
        return pqs_error_set(p.rc, "%s", p.detail);
    if (opts != NULL && opts->progress != NULL)
        opts->progress(opts->progress_ctx, total_bytes, total_bytes);
    return PQS_OK;
}
