/* pqsafe inspect: the tensors of a sealed safetensors file, read through the age
 * random-access reader, so only the chunks holding the header (and, with --tensor, the
 * chunks holding that tensor) are decrypted. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "age_cli.h"
#include "cli.h"
#include "cli_util.h"
#include "core/file.h"
#include "safetensors/safetensors.h"

#define CHUNK_BYTES 65536ull

static const char *INSPECT_HELP =
    "usage: pqsafe inspect FILE.age [-i IDENTITY]... [--tensor NAME -o OUT] [--force]\n"
    "\n"
    "Lists the tensors (name, dtype, shape, byte offsets) of a sealed safetensors file by\n"
    "decrypting only the chunks that hold its header. --tensor NAME -o OUT extracts one\n"
    "tensor's raw bytes, decrypting only the chunks that hold it; OUT is written with mode\n"
    "0600 (it is plaintext), or to standard output with -o -. FILE must be a binary (not\n"
    "armored) age file; -i may be repeated; a passphrase-protected FILE needs no -i (the\n"
    "passphrase is asked for, or read from $PQSAFE_PASSPHRASE).\n"
    "\n"
    "exit status: 0 success, 1 the file does not authenticate (tampered, truncated) or no\n"
    "identity matches, 2 a usage or input error (e.g. not a safetensors file).\n";

static int read_exact(pqs_age_reader *r, uint8_t *buf, size_t len, uint64_t off)
{
    size_t got = 0;
    int rc = pqs_age_reader_pread(r, buf, len, off, &got);
    if (rc != 0 || got != len) {
        pqs_cli_error("inspect: cannot read %zu bytes at %llu: %s", len, (unsigned long long)off,
                      rc ? pqs_error_detail() : "the file is shorter than its header says");
        return rc ? PQS_EXIT_INVALID : PQS_EXIT_USAGE;
    }
    return PQS_EXIT_OK;
}

static int load_header(pqs_age_reader *r, pqs_safetensors *st, const char *file)
{
    uint8_t prefix[8];
    uint64_t size = pqs_age_reader_size(r), n;
    if (size < 8) {
        pqs_cli_error("inspect: %s: not a safetensors file: it holds %llu bytes", file,
                      (unsigned long long)size);
        return PQS_EXIT_USAGE;
    }
    int rc = read_exact(r, prefix, 8, 0);
    if (rc != 0)
        return rc;
    if (pqs_safetensors_header_len(prefix, size, &n) != 0) {
        pqs_cli_error("inspect: %s: not a safetensors file: %s", file, pqs_error_detail());
        return PQS_EXIT_USAGE;
    }
    uint8_t *hdr = malloc(n);
    rc = hdr ? read_exact(r, hdr, n, 8) : PQS_EXIT_USAGE;
    if (rc == 0 && pqs_safetensors_parse(st, hdr, n, size) != 0) {
        pqs_cli_error("inspect: %s: malformed safetensors header: %s", file, pqs_error_detail());
        rc = PQS_EXIT_USAGE;
    }
    if (hdr != NULL)
        pqs_wipe(hdr, n);   /* decrypted: names and shapes of the model's tensors */
    free(hdr);
    return rc;
}

/* A tensor name as text that cannot drive the terminal: the name comes from the file,
 * so control characters, C0 and C1 (an escape sequence could clear the screen or forge
 * rows), and the backslash are shown as \xNN. Malloc'd; NULL when out of memory. */
static char *printable(const char *name)
{
    size_t n = strlen(name);
    char *out = malloc(4 * n + 1), *p = out;   /* at worst 4 characters per byte */
    for (size_t i = 0; out != NULL && i < n; i++) {
        unsigned char c = (unsigned char)name[i], next = (unsigned char)name[i + 1];
        if (c == 0xc2 && next >= 0x80 && next <= 0x9f) {   /* U+0080..9F: C1 controls */
            p += sprintf(p, "\\xc2\\x%02x", next);
            i++;
        } else if (c < 0x20 || c == 0x7f || c == '\\') {
            p += sprintf(p, "\\x%02x", c);
        } else {
            *p++ = (char)c;
        }
    }
    if (out != NULL)
        *p = '\0';
    return out;
}

static void list(const pqs_safetensors *st, uint64_t size)
{
    printf("%-40s %-6s %-22s %14s %14s\n", "tensor", "dtype", "shape", "offset", "bytes");
    for (size_t i = 0; i < st->n_tensors; i++) {
        const pqs_tensor_info *t = &st->tensors[i];
        char shape[64] = "[";
        for (unsigned d = 0; d < t->ndim; d++) {
            char dim[24];
            snprintf(dim, sizeof dim, "%s%llu", d ? ", " : "", (unsigned long long)t->shape[d]);
            if (strlen(shape) + strlen(dim) + 2 < sizeof shape)
                strcat(shape, dim);
        }
        strcat(shape, "]");
        char *name = printable(t->name);
        printf("%-40s %-6s %-22s %14llu %14llu\n", name ? name : "?", t->dtype, shape,
               (unsigned long long)(st->data_start + t->begin), (unsigned long long)(t->end - t->begin));
        free(name);
    }
    /* The header's chunks, and the final one (authenticated at open) when it is not
     * among them. */
    uint64_t header_chunks = (st->data_start + CHUNK_BYTES - 1) / CHUNK_BYTES;
    uint64_t total = (size + CHUNK_BYTES - 1) / CHUNK_BYTES;
    uint64_t opened = header_chunks < total ? header_chunks + 1 : total;
    printf("%zu tensors; decrypted %llu of %llu chunks (the header and the final chunk)\n",
           st->n_tensors, (unsigned long long)opened, (unsigned long long)total);
}

static int extract(pqs_age_reader *r, const pqs_safetensors *st, const char *name, const char *out,
                   int force)
{
    const pqs_tensor_info *t = pqs_safetensors_find(st, name);
    if (t == NULL) {
        pqs_cli_error("inspect: no tensor named '%s'", name);
        return PQS_EXIT_USAGE;
    }
    /* Plaintext weights: 0600, as open writes its output. "-" is standard output. */
    int to_stdout = strcmp(out, "-") == 0;
    if (to_stdout && isatty(STDOUT_FILENO)) {
        pqs_cli_error("inspect: refusing to write a tensor's raw bytes to a terminal");
        return PQS_EXIT_USAGE;
    }
    pqs_atomic_file f = {.fd = STDOUT_FILENO};
    if (!to_stdout && pqs_atomic_open(&f, out, 0600, force) != 0) {
        pqs_cli_error("inspect: %s", pqs_error_detail());
        return PQS_EXIT_USAGE;
    }
    /* Pieces of 4 MiB that end on chunk boundaries of the plaintext: all but the first
     * are whole chunks, which the reader opens straight into buf over every core. */
    enum { PIECE = 4 << 20, CHUNK = 1 << 16 };
    uint8_t *buf = malloc(PIECE);
    int rc = buf ? PQS_EXIT_OK : PQS_EXIT_USAGE;
    for (uint64_t off = t->begin, next; rc == 0 && off < t->end; off = next) {
        uint64_t at = st->data_start + off;
        next = (at + PIECE) / CHUNK * CHUNK - st->data_start;
        if (next > t->end)
            next = t->end;
        size_t len = (size_t)(next - off);
        rc = read_exact(r, buf, len, at);
        if (rc == 0 && pqs_write_all(f.fd, buf, len) != 0) {
            pqs_cli_error("inspect: cannot write %s: %s", to_stdout ? "standard output" : out,
                          pqs_error_detail());
            rc = PQS_EXIT_USAGE;
        }
    }
    if (buf != NULL)
        pqs_wipe(buf, PIECE);   /* plaintext weights: not left in freed memory */
    free(buf);
    if (to_stdout) {
        if (rc == 0 && (rc = fflush(stdout) == 0 ? 0 : PQS_EXIT_USAGE) != 0)
            pqs_cli_error("inspect: cannot write standard output");
        return rc;
    }
    if (rc != 0) {
        pqs_atomic_abort(&f);
        return rc;
    }
    if (pqs_atomic_commit(&f) != 0) {
        pqs_cli_error("inspect: %s", pqs_error_detail());
        return PQS_EXIT_USAGE;
    }
    char *shown = printable(t->name);
    printf("extracted %s (%s, %llu bytes) to %s\n", shown ? shown : "?", t->dtype,
           (unsigned long long)(t->end - t->begin), out);
    free(shown);
    return PQS_EXIT_OK;
}

int pqs_cmd_inspect(int argc, char **argv)
{
    const char *file = NULL, *tensor = NULL, *out = NULL;
    pqs_age_identity **ids = NULL;
    size_t n_ids = 0;
    int force = 0, rc = PQS_EXIT_OK;
    if (pqs_cli_wants_help(argc, argv)) {
        fputs(INSPECT_HELP, stdout);
        return PQS_EXIT_OK;
    }
    for (int i = 1; i < argc && rc == 0; i++) {
        const char *a = argv[i], *v = NULL;
        int takes = !strcmp(a, "-i") || !strcmp(a, "--tensor") || !strcmp(a, "-o");
        if (takes && (v = pqs_cli_value(argc, argv, &i)) == NULL)
            rc = PQS_EXIT_USAGE;
        else if (!strcmp(a, "-i")) {
            if (age_cli_load_identities(&ids, &n_ids, v) != 0) {
                pqs_cli_error("inspect: cannot read identities from %s: %s", v, pqs_error_detail());
                rc = PQS_EXIT_USAGE;
            }
        } else if (!strcmp(a, "--tensor"))
            tensor = v;
        else if (!strcmp(a, "-o"))
            out = v;
        else if (!strcmp(a, "--force"))
            force = 1;
        else if (a[0] != '-' && file == NULL)
            file = a;
        else {
            pqs_cli_error("inspect: unexpected argument '%s' (see 'pqsafe inspect --help')", a);
            rc = PQS_EXIT_USAGE;
        }
    }
    if (rc == 0 && (file == NULL || (tensor != NULL) != (out != NULL))) {
        pqs_cli_error("inspect needs FILE.age, and --tensor NAME with -o OUT together");
        rc = PQS_EXIT_USAGE;
    }
    /* Last, as open does: a passphrase, asked for only if the file has an scrypt stanza. */
    age_cli_pass_cache pass = {0};
    pqs_age_identity **grown = rc == 0 ? realloc(ids, (n_ids + 1) * sizeof *ids) : NULL;
    if (grown != NULL)
        ids = grown;
    if (rc == 0 && (grown == NULL || pqs_age_identity_passphrase_cb(&ids[n_ids++], age_cli_pass_cb,
                                                                   &pass, 0) != 0)) {
        n_ids -= grown != NULL;
        pqs_cli_error("inspect: out of memory");
        rc = PQS_EXIT_USAGE;
    }
    pqs_age_reader *r = NULL;
    int failure = PQS_AGE_OK;
    if (rc == 0 && pqs_age_reader_open(&r, file, (const pqs_age_identity *const *)ids, n_ids, &failure) != 0) {
        if (failure == PQS_AGE_FAIL_NO_MATCH && n_ids == 1 && !age_cli_pass_asked(&pass)) {
            pqs_cli_error("inspect: %s: no identity given (-i) and the file is not "
                          "passphrase-protected", file);
            rc = PQS_EXIT_USAGE;
        } else {
            pqs_cli_error("inspect: %s: %s: %s", file, pqs_age_failure_name(failure),
                          pqs_error_detail());
            rc = age_cli_exit(PQS_E_VERIFY, failure);
        }
    }
    pqs_safetensors st = {0};
    if (rc == 0)
        rc = load_header(r, &st, file);
    if (rc == 0)
        rc = tensor ? extract(r, &st, tensor, out, force) : (list(&st, pqs_age_reader_size(r)), 0);
    pqs_safetensors_free(&st);
    if (r)
        pqs_age_reader_close(r);
    pqs_age_identities_free(ids, n_ids);
    age_cli_pass_cache_wipe(&pass);
    return rc;
}
