/* src/core/file.c: pqs_read_file reads key files, so no freed block may keep their bytes
 * (its buffer grows while it reads); its size limit; and what pqs_atomic_open does with
 * an output name that is a directory, a device, a FIFO or a symbolic link. free() and realloc() are wrapped (-Wl,--wrap) to look into
 * every block the library gives back. */
#define _GNU_SOURCE   /* memmem */
#include <dirent.h>
#include <fcntl.h>
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include "core/error.h"
#include "core/file.h"
#include "pqs_test.h"

static const char k_marker[] = "SECRET-KEY-MATERIAL/";
static int g_leaked;   /* freed blocks that still held the marker */

static void look_into(void *p)
{
    size_t n = p != NULL ? malloc_usable_size(p) : 0;
    if (n >= sizeof k_marker - 1 && memmem(p, n, k_marker, sizeof k_marker - 1) != NULL)
        g_leaked++;
}

void __real_free(void *p);
void __wrap_free(void *p)
{
    look_into(p);
    __real_free(p);
}

/* realloc may move the block and free the old one, bytes and all. */
void *__real_realloc(void *p, size_t n);
void *__wrap_realloc(void *p, size_t n)
{
    look_into(p);
    return __real_realloc(p, n);
}

static void write_marker_file(const char *path, size_t len)
{
    FILE *f = fopen(path, "wb");
    CHECK(f != NULL, "create %s", path);
    for (size_t i = 0; f != NULL && i < len; i++)
        fputc(k_marker[i % (sizeof k_marker - 1)], f);
    if (f != NULL)
        fclose(f);
}

/* Files from under one initial buffer to many growths: the content comes back whole, and
 * every buffer given up on the way was wiped. */
static void test_read_wipes_growth(const char *dir)
{
    static const size_t sizes[] = {0, 100, 4095, 4096, 4097, 20000, 100000};
    char path[512];
    snprintf(path, sizeof path, "%s/key", dir);
    for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
        write_marker_file(path, sizes[i]);
        uint8_t *buf = NULL;
        size_t len = 0;
        g_leaked = 0;
        CHECK(pqs_read_file(path, 1 << 20, &buf, &len) == PQS_OK, "read %zu bytes", sizes[i]);
        CHECK(len == sizes[i], "length %zu, expected %zu", len, sizes[i]);
        CHECK(g_leaked == 0, "%zu bytes: %d freed buffers kept the file's bytes", sizes[i],
              g_leaked);
        memset(buf, 0, len);
        free(buf);
    }
}

static void test_read_limit(const char *dir)
{
    char path[512];
    snprintf(path, sizeof path, "%s/big", dir);
    write_marker_file(path, 10000);
    uint8_t *buf = NULL;
    size_t len = 0;
    CHECK(pqs_read_file(path, 10000, &buf, &len) == PQS_OK && len == 10000, "exactly max");
    memset(buf, 0, len);
    free(buf);
    buf = NULL;
    g_leaked = 0;
    CHECK(pqs_read_file(path, 9999, &buf, &len) == PQS_E_IO && buf == NULL, "max + 1 refused");
    CHECK(strstr(pqs_error_detail(), "larger than 9999 bytes") != NULL, "detail: %s",
          pqs_error_detail());
    CHECK(g_leaked == 0, "a refused file's bytes were freed unwiped");
    snprintf(path, sizeof path, "%s/missing", dir);
    CHECK(pqs_read_file(path, 100, &buf, &len) == PQS_E_IO, "missing file");
}

static void test_atomic_refuses_directory(const char *dir)
{
    pqs_atomic_file f;
    for (int overwrite = 0; overwrite <= 1; overwrite++) {
        CHECK(pqs_atomic_open(&f, dir, 0600, overwrite) == PQS_E_IO, "directory as output");
        CHECK(strstr(pqs_error_detail(), "is a directory") != NULL, "detail: %s",
              pqs_error_detail());
    }
}

static int write_out(const char *path, int overwrite, const char *text)
{
    pqs_atomic_file f;
    int rc = pqs_atomic_open(&f, path, 0600, overwrite);
    if (rc != PQS_OK)
        return rc;
    rc = pqs_write_all(f.fd, (const uint8_t *)text, strlen(text));
    if (rc != PQS_OK) {
        pqs_atomic_abort(&f);
        return rc;
    }
    return pqs_atomic_commit(&f);
}

static void read_text(const char *path, char *buf, size_t cap)
{
    FILE *f = fopen(path, "rb");
    size_t n = f ? fread(buf, 1, cap - 1, f) : 0;
    buf[n] = 0;
    if (f != NULL)
        fclose(f);
}

/* Devices and FIFOs are written in place (a temporary file renamed over /dev/null would
 * replace the system's /dev/null); a link to a file replaces the file, the link stays. */
static void test_atomic_special_outputs(const char *dir)
{
    struct stat st;
    char dev[512], fifo[512], link[512], target[512], text[64];
    /* A private copy of /dev/null (root can make one), so a regression replaces that, not
     * the machine's. */
    snprintf(dev, sizeof dev, "%s/null", dir);
    int probe = mknod(dev, S_IFCHR | 0666, makedev(1, 3)) == 0 ? open(dev, O_WRONLY) : -1;
    if (probe >= 0) {   /* made, and usable here (not a nodev mount) */
        close(probe);
        for (int overwrite = 0; overwrite <= 1; overwrite++) {
            CHECK(write_out(dev, overwrite, "x") == PQS_OK, "write a null device");
            CHECK(stat(dev, &st) == 0 && S_ISCHR(st.st_mode), "the device is still a device");
        }
    } else {
        printf("test_core_file: no usable device node here, the FIFO case stands in\n");
    }
    snprintf(fifo, sizeof fifo, "%s/fifo", dir);
    CHECK(mkfifo(fifo, 0600) == 0, "mkfifo");
    int rd = open(fifo, O_RDONLY | O_NONBLOCK);   /* a reader, so the writer's open returns */
    CHECK(write_out(fifo, 0, "through the pipe") == PQS_OK, "write a FIFO");
    ssize_t n = rd >= 0 ? read(rd, text, sizeof text - 1) : -1;
    CHECK(n == 16 && memcmp(text, "through the pipe", 16) == 0, "the FIFO's reader got it");
    CHECK(lstat(fifo, &st) == 0 && S_ISFIFO(st.st_mode), "the FIFO is still a FIFO");
    if (rd >= 0)
        close(rd);

    snprintf(target, sizeof target, "%s/target", dir);
    snprintf(link, sizeof link, "%s/link", dir);
    CHECK(write_out(target, 0, "old") == PQS_OK && symlink("target", link) == 0, "set up");
    CHECK(write_out(link, 0, "new") == PQS_E_IO && strstr(pqs_error_detail(), "exists"),
          "a link to a file counts as that file existing");
    CHECK(write_out(link, 1, "new") == PQS_OK, "overwrite through a link");
    read_text(target, text, sizeof text);
    CHECK(strcmp(text, "new") == 0, "the target was replaced: %s", text);
    CHECK(lstat(link, &st) == 0 && S_ISLNK(st.st_mode), "the link is still a link");
    CHECK(unlink(link) == 0 && symlink("nowhere", link) == 0, "dangling link");
    CHECK(write_out(link, 1, "x") == PQS_E_IO && strstr(pqs_error_detail(), "link to nothing"),
          "a dangling link is refused: %s", pqs_error_detail());
}

static int entries(const char *dir)
{
    int n = 0;
    DIR *d = opendir(dir);
    for (struct dirent *e; d != NULL && (e = readdir(d)) != NULL;)
        n += e->d_name[0] != '.';
    if (d != NULL)
        closedir(d);
    return n;
}

/* Where the filesystem has O_TMPFILE, the output has no name until it is committed: a
 * process killed before leaves nothing. Either way abort leaves nothing, commit the file. */
static void test_atomic_unnamed(const char *dir)
{
    char sub[512], out[600], text[16];
    snprintf(sub, sizeof sub, "%s/unnamed", dir);
    snprintf(out, sizeof out, "%s/out", sub);
    CHECK(mkdir(sub, 0700) == 0, "mkdir");
    for (int overwrite = 0; overwrite <= 1; overwrite++) {
        pqs_atomic_file f;
        CHECK(pqs_atomic_open(&f, out, 0600, overwrite) == PQS_OK, "open");
        CHECK(pqs_write_all(f.fd, (const uint8_t *)"abc", 3) == PQS_OK, "write");
        CHECK(entries(sub) == (f.unnamed ? 0 : 1) + overwrite, "names before commit: %d",
              entries(sub));
        if (overwrite == 0) {
            printf("test_core_file: %s temporary files here\n", f.unnamed ? "unnamed" : "named");
            pqs_atomic_abort(&f);
            CHECK(entries(sub) == 0, "abort leaves nothing");
            CHECK(write_out(out, 0, "first") == PQS_OK, "commit");
        } else {
            CHECK(pqs_atomic_commit(&f) == PQS_OK, "commit over");
        }
    }
    read_text(out, text, sizeof text);
    CHECK(strcmp(text, "abc") == 0 && entries(sub) == 1, "the committed file: %s", text);
}

int main(void)
{
    char dir[] = "/tmp/pqs-core-file-XXXXXX";
    CHECK(mkdtemp(dir) != NULL, "mkdtemp");
    test_read_wipes_growth(dir);
    test_read_limit(dir);
    test_atomic_refuses_directory(dir);
    test_atomic_special_outputs(dir);
    test_atomic_unnamed(dir);
    char cmd[600];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    CHECK(system(cmd) == 0, "clean up");
    return pqs_test_done("test_core_file");
}
