/* A synthetic model for the demo and the tests: safetensors shards of random BF16/F32
 * tensors laid out the way Hugging Face repositories are (model-0000i-of-0000n), with a
 * config.json and a tokenizer.json. Written with the same atomic file helper as outputs. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"
#include "core/file.h"
#include "demo_model.h"
#include "pqsafe/common.h"

#define TENSOR_ROWS 1024u
#define TENSOR_COLS 1024u

/* Header JSON for n_tensors tensors of rows x cols BF16 plus one F32 norm vector each,
 * padded with spaces to a multiple of 8 as the reference writer does. */
static char *shard_header(unsigned shard, unsigned n_tensors, size_t *len, size_t *data_len)
{
    size_t cap = 256 + (size_t)n_tensors * 256, n = 0;
    char *h = malloc(cap);
    uint64_t off = 0, w = (uint64_t)TENSOR_ROWS * TENSOR_COLS * 2, v = TENSOR_COLS * 4;
    if (h == NULL)
        return NULL;
    n += (size_t)snprintf(h + n, cap - n, "{\"__metadata__\":{\"format\":\"pt\"}");
    for (unsigned t = 0; t < n_tensors; t++) {
        unsigned layer = shard * n_tensors + t;
        n += (size_t)snprintf(h + n, cap - n,
                              ",\"model.layers.%u.mlp.weight\":{\"dtype\":\"BF16\",\"shape\":[%u,%u],"
                              "\"data_offsets\":[%llu,%llu]}",
                              layer, TENSOR_ROWS, TENSOR_COLS, (unsigned long long)off,
                              (unsigned long long)(off + w));
        off += w;
        n += (size_t)snprintf(h + n, cap - n,
                              ",\"model.layers.%u.norm.weight\":{\"dtype\":\"F32\",\"shape\":[%u],"
                              "\"data_offsets\":[%llu,%llu]}",
                              layer, TENSOR_COLS, (unsigned long long)off, (unsigned long long)(off + v));
        off += v;
    }
    h[n++] = '}';
    while (n % 8 != 0)
        h[n++] = ' ';
    *len = n;
    *data_len = (size_t)off;
    return h;
}

static int write_shard(const char *dir, unsigned shard, unsigned n_shards, unsigned n_tensors)
{
    char path[4096];
    size_t hlen = 0, dlen = 0;
    char *h = shard_header(shard, n_tensors, &hlen, &dlen);
    uint8_t *buf = malloc(1 << 20), prefix[8];
    int rc = h && buf ? PQS_OK : PQS_E_NOMEM;
    snprintf(path, sizeof path, "%s/model-%05u-of-%05u.safetensors", dir, shard + 1, n_shards);
    pqs_atomic_file f;
    if (rc == PQS_OK)
        rc = pqs_atomic_open(&f, path, 0644, 0);
    for (int i = 0; i < 8; i++)
        prefix[i] = (uint8_t)((uint64_t)hlen >> (8 * i));
    if (rc == PQS_OK)
        rc = pqs_write_all(f.fd, prefix, 8);
    if (rc == PQS_OK)
        rc = pqs_write_all(f.fd, (const uint8_t *)h, hlen);
    for (size_t done = 0; rc == PQS_OK && done < dlen; done += 1 << 20) {
        size_t len = dlen - done < (1u << 20) ? dlen - done : (1u << 20);
        rc = pqs_randombytes(buf, len);
        if (rc == PQS_OK)
            rc = pqs_write_all(f.fd, buf, len);
    }
    if (rc == PQS_OK)
        rc = pqs_atomic_commit(&f);
    else if (h && buf)
        pqs_atomic_abort(&f);
    free(h);
    free(buf);
    return rc;
}

static int write_text(const char *dir, const char *name, const char *text)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    return pqs_write_file_atomic(path, (const uint8_t *)text, strlen(text), 0644, 0);
}

int pqs_demo_make_model(const char *dir, unsigned size_mib)
{
    /* One tensor pair is 2 MiB + 4 KiB; shards of up to 64 MiB. */
    unsigned tensors = size_mib / 2 ? size_mib / 2 : 1, per_shard = tensors < 32 ? tensors : 32;
    unsigned n_shards = (tensors + per_shard - 1) / per_shard;
    if (mkdir(dir, 0755) != 0) {
        pqs_cli_error("cannot create %s: %s", dir, strerror(errno));
        return PQS_EXIT_USAGE;
    }
    int rc = PQS_OK;
    for (unsigned s = 0; rc == PQS_OK && s < n_shards; s++)
        rc = write_shard(dir, s, n_shards, per_shard);
    if (rc == PQS_OK)
        rc = write_text(dir, "config.json",
                        "{\n  \"architectures\": [\"DemoForCausalLM\"],\n  \"hidden_size\": 1024,\n"
                        "  \"num_hidden_layers\": 128,\n  \"torch_dtype\": \"bfloat16\"\n}\n");
    if (rc == PQS_OK)
        rc = write_text(dir, "tokenizer.json",
                        "{\"version\":\"1.0\",\"model\":{\"type\":\"BPE\",\"vocab\":{\"<s>\":0,\"</s>\":1,"
                        "\"hello\":2,\"world\":3},\"merges\":[]}}\n");
    if (rc != PQS_OK) {
        pqs_cli_error("cannot write the demo model: %s", pqs_error_detail());
        return PQS_EXIT_USAGE;
    }
    printf("wrote a synthetic model to %s: %u safetensors shards (%u MiB of BF16/F32 tensors), "
           "config.json, tokenizer.json\n", dir, n_shards, tensors * 2);
    return PQS_EXIT_OK;
}
