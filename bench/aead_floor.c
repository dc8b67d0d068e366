/* The floor under any age engine, for bench/age_bench.sh: read a file with pread and seal
 * it with OpenSSL's ChaCha20-Poly1305 in 64 KiB chunks (one EVP init, update, final and
 * tag per chunk, as STREAM needs), 256 KiB per read, one thread per core, output
 * discarded; no header, no ordering, no output. What it reaches is what the cipher plus
 * reading the input once allow on this machine; an engine can only add to its time.
 * With --open it reads a sealed file's layout instead (chunks of 64 KiB + 16-byte tag)
 * and opens each chunk: the same work as decrypting (the tags, under a dummy key, do not
 * verify, which costs the same as when they do).
 *
 *   aead_floor [--open] FILE [THREADS]     (default: one thread per core)
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
#define TAG 16
#define CHUNKS_PER_READ 4

static int g_fd, g_open;
static off_t g_size;
static size_t g_stride;   /* input bytes per chunk */
static long g_next;       /* next group of chunks to claim */
static int g_failed;

/* One STREAM-sized AEAD call: init with the chunk's nonce, update, final, tag. */
static int chunk(EVP_CIPHER_CTX *c, uint8_t *out, uint8_t *in, size_t len, uint64_t n)
{
    static const uint8_t key[32];
    uint8_t nonce[12] = {0}, tag[TAG] = {0};
    int l = 0;
    memcpy(nonce + 3, &n, sizeof n);   /* a counter per chunk, as STREAM's nonce */
    if (!g_open)
        return EVP_EncryptInit_ex(c, NULL, NULL, key, nonce) == 1 &&
               EVP_EncryptUpdate(c, out, &l, in, (int)len) == 1 &&
               EVP_EncryptFinal_ex(c, out + l, &l) == 1 &&
               EVP_CIPHER_CTX_ctrl(c, EVP_CTRL_AEAD_GET_TAG, TAG, tag) == 1;
    if (len < TAG)
        return 1;
    int ok = EVP_DecryptInit_ex(c, NULL, NULL, key, nonce) == 1 &&
             EVP_CIPHER_CTX_ctrl(c, EVP_CTRL_AEAD_SET_TAG, TAG, in + len - TAG) == 1 &&
             EVP_DecryptUpdate(c, out, &l, in, (int)(len - TAG)) == 1;
    (void)EVP_DecryptFinal_ex(c, out + l, &l);   /* fails: the key is a dummy */
    return ok;
}

static void *worker(void *arg)
{
    (void)arg;
    size_t group = CHUNKS_PER_READ * g_stride;
    EVP_CIPHER_CTX *c = EVP_CIPHER_CTX_new();
    uint8_t *in = malloc(group), *out = malloc(group + TAG);
    const EVP_CIPHER *aead = EVP_chacha20_poly1305();
    int ok = c && in && out &&
             (g_open ? EVP_DecryptInit_ex(c, aead, NULL, NULL, NULL)
                     : EVP_EncryptInit_ex(c, aead, NULL, NULL, NULL));
    for (long g; ok && (g = __atomic_fetch_add(&g_next, 1, __ATOMIC_RELAXED)) * (off_t)group < g_size;) {
        off_t off = (off_t)g * (off_t)group;
        size_t n = g_size - off < (off_t)group ? (size_t)(g_size - off) : group;
        ok = pread(g_fd, in, n, off) == (ssize_t)n;
        for (size_t i = 0; ok && i < n; i += g_stride)
            ok = chunk(c, out + i, in + i, n - i < g_stride ? n - i : g_stride,
                       (uint64_t)g * CHUNKS_PER_READ + i / g_stride);
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
    int a = 1;
    if (a < argc && strcmp(argv[a], "--open") == 0) {
        g_open = 1;
        a++;
    }
    g_stride = g_open ? CHUNK + TAG : CHUNK;
    struct stat st;
    if (a >= argc || (g_fd = open(argv[a], O_RDONLY)) < 0 || fstat(g_fd, &st) != 0) {
        fprintf(stderr, "usage: aead_floor [--open] FILE [THREADS]\n");
        return 2;
    }
    g_size = st.st_size;
    long threads = a + 1 < argc ? atol(argv[a + 1]) : sysconf(_SC_NPROCESSORS_ONLN);
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
