/* The floor under any age engine, for bench/age_bench.sh: read a file with pread and seal
 * it with OpenSSL's ChaCha20-Poly1305 in 64 KiB chunks (one EVP init, update, final and
 * tag per chunk, as STREAM needs), 256 KiB per read, one thread per core, output
 * discarded; no header, no ordering, no output. What it reaches is what the cipher plus
 * reading the input once allow on this machine; an engine can only add to its time.
 *
 *   aead_floor FILE [THREADS]     (default: one thread per core)
 *
 * The benchmark times the whole process, as it times pqsafe: start-up and OpenSSL's
 * initialisation count for both. */
#include <fcntl.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <openssl/evp.h>

#define CHUNK 65536
#define GROUP (4 * CHUNK)

static int g_fd;
static off_t g_size;
static long g_next;   /* next group to claim */
static int g_failed;

static int seal_chunk(EVP_CIPHER_CTX *c, uint8_t *out, const uint8_t *in, int len, uint64_t n)
{
    static const uint8_t key[32];
    uint8_t nonce[12] = {0}, tag[16];
    int l = 0;
    memcpy(nonce + 3, &n, sizeof n);   /* a counter per chunk, as STREAM's nonce */
    return EVP_EncryptInit_ex(c, NULL, NULL, key, nonce) == 1 &&
           EVP_EncryptUpdate(c, out, &l, in, len) == 1 && EVP_EncryptFinal_ex(c, out + l, &l) == 1 &&
           EVP_CIPHER_CTX_ctrl(c, EVP_CTRL_AEAD_GET_TAG, sizeof tag, tag) == 1;
}

static void *worker(void *arg)
{
    (void)arg;
    EVP_CIPHER_CTX *c = EVP_CIPHER_CTX_new();
    uint8_t *in = malloc(GROUP), *out = malloc(GROUP + 16);
    int ok = c && in && out && EVP_EncryptInit_ex(c, EVP_chacha20_poly1305(), NULL, NULL, NULL);
    for (long g; ok && (g = __atomic_fetch_add(&g_next, 1, __ATOMIC_RELAXED)) * (off_t)GROUP < g_size;) {
        off_t off = (off_t)g * GROUP;
        size_t n = g_size - off < GROUP ? (size_t)(g_size - off) : GROUP;
        ok = pread(g_fd, in, n, off) == (ssize_t)n;
        for (size_t i = 0; ok && i < n; i += CHUNK)
            ok = seal_chunk(c, out + i, in + i, (int)(n - i < CHUNK ? n - i : CHUNK),
                            (uint64_t)(off + (off_t)i) / CHUNK);
    }
    if (!ok)
        __atomic_store_n(&g_failed, 1, __ATOMIC_RELAXED);
    EVP_CIPHER_CTX_free(c);
    free(in);
    free(out);
    return NULL;
}

int main(int argc, char **argv)
{
    struct stat st;
    if (argc < 2 || (g_fd = open(argv[1], O_RDONLY)) < 0 || fstat(g_fd, &st) != 0) {
        fprintf(stderr, "usage: aead_floor FILE [THREADS]\n");
        return 2;
    }
    g_size = st.st_size;
    long threads = argc > 2 ? atol(argv[2]) : sysconf(_SC_NPROCESSORS_ONLN);
    if (threads < 1 || threads > 256) {
        fprintf(stderr, "aead_floor: THREADS must be 1..256\n");
        return 2;
    }
    pthread_t th[256];
    long started = 0;
    while (started < threads && pthread_create(&th[started], NULL, worker, NULL) == 0)
        started++;
    if (started < threads)
        g_failed = 1;
    for (long i = 0; i < started; i++)
        pthread_join(th[i], NULL);
    if (g_failed) {
        fprintf(stderr, "aead_floor: read, cipher or thread start failed\n");
        return 1;
    }
    return 0;
}
