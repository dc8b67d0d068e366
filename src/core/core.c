/* Error strings, version, secure wipe and the system random source. */
#define _GNU_SOURCE
#include <errno.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/random.h>

#include "pqsafe/common.h"

const char *pqs_strerror(int err)
{
    switch (err) {
    case PQS_OK: return "success";
    case PQS_E_INVALID_ARG: return "invalid argument (missing input, wrong length or unknown name)";
    case PQS_E_INVALID_KEY: return "invalid key (fails the standard's input check)";
    case PQS_E_DECODE: return "malformed encoding";
    case PQS_E_VERIFY: return "verification failed";
    case PQS_E_CONTEXT: return "context string longer than 255 bytes";
    case PQS_E_UNSUPPORTED: return "unsupported algorithm or option";
    case PQS_E_IO: return "input/output error";
    case PQS_E_RANDOM: return "the system random source failed";
    case PQS_E_NOMEM: return "out of memory";
    case PQS_E_INTERNAL: return "internal error";
    default: return "unknown error";
    }
}

const char *pqs_version(void)
{
    return PQS_VERSION_STRING;
}

void pqs_wipe(void *p, size_t len)
{
    if (p != NULL && len > 0)
        explicit_bzero(p, len);
}

/* getrandom(2) until len bytes are read. */
static int os_random(uint8_t *buf, size_t len)
{
    while (len > 0) {
        ssize_t n = getrandom(buf, len, 0);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return PQS_E_RANDOM;
        }
        buf += n;
        len -= (size_t)n;
    }
    return PQS_OK;
}

#if defined(__linux__) && defined(MADV_WIPEONFORK)
/* A per-thread pool of getrandom(2) output for small requests. One system call takes
 * ~0.35 us, close to a tenth of an ML-KEM-768 operation, which draws only 32-64 bytes;
 * the pool reads a page's worth at once. It is the kernel's output, served once, in
 * order:
 * - fork safety: the pool is a page of its own marked MADV_WIPEONFORK, and its count
 *   lives inside that page, so a child process starts with an empty pool (count 0) and
 *   reads fresh bytes from the kernel: parent and child never share an output;
 * - bytes handed out are zeroed in the pool at once, so a later disclosure of the
 *   process memory shows only bytes not yet used;
 * - a thread's pool is wiped and unmapped when the thread exits;
 * - without the page (mmap or madvise failed: kernels before 4.14), every request goes
 *   to getrandom(2) as before.
 * Requests above POOL_DIRECT bytes always go to getrandom(2). See docs/THREAT_MODEL.md. */
#include <pthread.h>
#include <stdatomic.h>
#include <sys/mman.h>

#define POOL_PAGE 4096
#define POOL_DIRECT 256

typedef struct {
    uint32_t left;                     /* unread bytes: the last `left` of buf */
    uint8_t buf[POOL_PAGE - 64];
} rng_pool;

static __thread rng_pool *tl_pool;
static __thread int tl_no_pool;
static pthread_key_t g_pool_key;
static pthread_once_t g_pool_once = PTHREAD_ONCE_INIT;
static _Atomic int g_pool_key_ok;   /* cleared when the library is unloaded */

static void pool_free(void *p)
{
    explicit_bzero(p, sizeof(rng_pool));
    munmap(p, POOL_PAGE);
}

static void pool_key_init(void)
{
    g_pool_key_ok = pthread_key_create(&g_pool_key, pool_free) == 0;
}

/* When the library is unloaded (the OpenSSL provider is a module): no thread-exit
 * callback may point into it any more; this thread's pool is wiped and unmapped (those
 * of other live threads are left mapped). */
__attribute__((destructor)) static void pool_unload(void)
{
    if (!g_pool_key_ok)
        return;
    pthread_key_delete(g_pool_key);
    g_pool_key_ok = 0;
    if (tl_pool != NULL) {
        pool_free(tl_pool);
        tl_pool = NULL;
    }
    tl_no_pool = 1;
}

/* This thread's pool, mapped on first use; NULL when there is none. */
static rng_pool *pool_get(void)
{
    if (tl_pool != NULL || tl_no_pool)
        return tl_pool;
    tl_no_pool = 1;
    if (pthread_once(&g_pool_once, pool_key_init) != 0 || !g_pool_key_ok)
        return NULL;
    void *p = mmap(NULL, POOL_PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED)
        return NULL;
    if (madvise(p, POOL_PAGE, MADV_WIPEONFORK) != 0 || pthread_setspecific(g_pool_key, p) != 0) {
        munmap(p, POOL_PAGE);
        return NULL;
    }
    (void)madvise(p, POOL_PAGE, MADV_DONTDUMP);   /* best effort: keep it out of core dumps */
    tl_pool = p;   /* fresh anonymous memory: left = 0 */
    tl_no_pool = 0;
    return tl_pool;
}

int pqs_randombytes(uint8_t *buf, size_t len)
{
    rng_pool *pool = len <= POOL_DIRECT ? pool_get() : NULL;
    if (pool == NULL)
        return os_random(buf, len);
    while (len > 0) {
        if (pool->left == 0) {
            if (os_random(pool->buf, sizeof pool->buf) != PQS_OK)
                return PQS_E_RANDOM;
            pool->left = sizeof pool->buf;
        }
        size_t take = len < pool->left ? len : pool->left;
        uint8_t *src = pool->buf + sizeof pool->buf - pool->left;
        memcpy(buf, src, take);
        explicit_bzero(src, take);
        pool->left -= (uint32_t)take;
        buf += take;
        len -= take;
    }
    return PQS_OK;
}
#else
int pqs_randombytes(uint8_t *buf, size_t len)
{
    return os_random(buf, len);
}
#endif
