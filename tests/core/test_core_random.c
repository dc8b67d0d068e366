/* pqs_randombytes: outputs of all sizes, no two draws alike, and the fork safety of
 * the per-thread pool (src/core/core.c): a child process must never hand out the bytes
 * its parent hands out (the pool page is MADV_WIPEONFORK), nor two threads alike. */
#include <pthread.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "pqsafe/common.h"
#include "pqs_test.h"

#define DRAW 32

/* Draws of every size up to past the pool's direct limit, each different from the last
 * and never all zero. */
static void test_sizes(void)
{
    static uint8_t a[5000], b[5000];
    int bad = 0;
    for (size_t len = 1; len <= sizeof a; len += len < 300 ? 1 : 97) {
        bad += pqs_randombytes(a, len) != PQS_OK || pqs_randombytes(b, len) != PQS_OK;
        /* two draws of 16 bytes or more never coincide (2^-128) */
        if (len >= 16)
            bad += memcmp(a, b, len) == 0;
    }
    CHECK(bad == 0, "draws of all sizes: %d bad", bad);
    /* many small draws through several pool refills: all distinct from the first */
    uint8_t first[DRAW], x[DRAW];
    CHECK(pqs_randombytes(first, DRAW) == PQS_OK, "draw");
    bad = 0;
    for (int i = 0; i < 2000; i++) {
        bad += pqs_randombytes(x, DRAW) != PQS_OK;
        bad += memcmp(x, first, DRAW) == 0;
    }
    CHECK(bad == 0, "repeated small draws: %d bad", bad);
    /* a zero-length draw is a no-op */
    CHECK(pqs_randombytes(x, 0) == PQS_OK, "empty draw");
}

/* After a fork, parent and child draw next; repeated at several pool positions (right
 * after a refill, in the middle, near the end). */
static void test_fork(void)
{
    int bad = 0;
    for (int round = 0; round < 40; round++) {
        uint8_t mine[DRAW], theirs[DRAW], skip[97];
        for (int i = 0; i < round; i++)
            bad += pqs_randombytes(skip, sizeof skip) != PQS_OK;
        int fd[2];
        if (pipe(fd) != 0) {
            CHECK(0, "pipe");
            return;
        }
        pid_t pid = fork();
        if (pid == 0) {
            uint8_t c[DRAW];
            int ok = pqs_randombytes(c, DRAW) == PQS_OK && write(fd[1], c, DRAW) == DRAW;
            _exit(ok ? 0 : 1);
        }
        close(fd[1]);
        bad += pqs_randombytes(mine, DRAW) != PQS_OK;
        int status = 0;
        bad += read(fd[0], theirs, DRAW) != DRAW;
        close(fd[0]);
        bad += pid < 0 || waitpid(pid, &status, 0) != pid || !WIFEXITED(status) ||
               WEXITSTATUS(status) != 0;
        bad += memcmp(mine, theirs, DRAW) == 0;
    }
    CHECK(bad == 0, "fork: %d draws shared between parent and child (or failed)", bad);
}

static void *thread_draw(void *arg)
{
    uint8_t *out = arg;
    return pqs_randombytes(out, DRAW) == PQS_OK ? out : NULL;
}

/* Threads have pools of their own: their draws differ; their exits free the pools
 * (run under ASan/valgrind, a leak or double unmap would show). */
static void test_threads(void)
{
    uint8_t out[8][DRAW];
    pthread_t t[8];
    int bad = 0;
    for (int i = 0; i < 8; i++)
        bad += pthread_create(&t[i], NULL, thread_draw, out[i]) != 0;
    for (int i = 0; i < 8; i++) {
        void *r = NULL;
        bad += pthread_join(t[i], &r) != 0 || r == NULL;
    }
    for (int i = 0; i < 8; i++)
        for (int j = 0; j < i; j++)
            bad += memcmp(out[i], out[j], DRAW) == 0;
    CHECK(bad == 0, "threads: %d bad", bad);
}

int main(void)
{
    test_sizes();
    test_fork();
    test_threads();
    return pqs_test_done("test_core_random");
}
