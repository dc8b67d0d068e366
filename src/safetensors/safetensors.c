/* Strict safetensors header parsing with jansson. Every number is checked before it is
 * used as an offset: the product of the shape must equal end - begin divided by the
 * element size, without overflow, and every tensor must lie inside the data section. */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "core/error.h"
#include "pqsafe/common.h"
#include "safetensors.h"

static const struct { const char *name; unsigned bytes; } g_dtypes[] = {
    {"BOOL", 1}, {"U8", 1},   {"I8", 1},   {"F8_E4M3", 1}, {"F8_E5M2", 1}, {"I16", 2},
    {"U16", 2},  {"F16", 2},  {"BF16", 2}, {"I32", 4},     {"U32", 4},     {"F32", 4},
    {"I64", 8},  {"U64", 8},  {"F64", 8},
};

unsigned pqs_safetensors_dtype_bytes(const char *dtype)
{
    for (size_t i = 0; i < sizeof g_dtypes / sizeof g_dtypes[0]; i++) {
        if (strcmp(g_dtypes[i].name, dtype) == 0)
            return g_dtypes[i].bytes;
    }
    return 0;
}

int pqs_safetensors_header_len(const uint8_t prefix[8], uint64_t file_size, uint64_t *header_len)
{
    uint64_t n = 0;
    for (int i = 7; i >= 0; i--)
        n = (n << 8) | prefix[i];
    if (file_size < 8 || n > file_size - 8)
        return pqs_error_set(PQS_E_DECODE, "safetensors header length %llu runs past the file",
                             (unsigned long long)n);
    if (n > PQS_SAFETENSORS_MAX_HEADER || n < 2)
        return pqs_error_set(PQS_E_DECODE, "safetensors header length %llu is not plausible",
                             (unsigned long long)n);
    *header_len = n;
    return PQS_OK;
}

static int read_u64(json_t *v, uint64_t *out)
{
    if (!json_is_integer(v) || json_integer_value(v) < 0)
        return -1;
    *out = (uint64_t)json_integer_value(v);
    return 0;
}

/* One "name": {"dtype", "shape", "data_offsets"} entry. */
static int parse_tensor(pqs_tensor_info *t, const char *name, json_t *obj, uint64_t data_size)
{
    json_t *dtype = json_object_get(obj, "dtype"), *shape = json_object_get(obj, "shape");
    json_t *offs = json_object_get(obj, "data_offsets");
    if (!json_is_object(obj) || !json_is_string(dtype) || !json_is_array(shape) ||
        !json_is_array(offs) || json_array_size(offs) != 2 || json_object_size(obj) != 3)
        return pqs_error_set(PQS_E_DECODE, "tensor '%s': needs exactly dtype, shape, data_offsets", name);
    unsigned elem = pqs_safetensors_dtype_bytes(json_string_value(dtype));
    if (elem == 0)
        return pqs_error_set(PQS_E_DECODE, "tensor '%s': unknown dtype '%s'", name, json_string_value(dtype));
    if (json_array_size(shape) > PQS_SAFETENSORS_MAX_DIMS)
        return pqs_error_set(PQS_E_DECODE, "tensor '%s': too many dimensions", name);
    strcpy(t->dtype, json_string_value(dtype));
    t->ndim = (unsigned)json_array_size(shape);
    uint64_t count = 1;
    for (unsigned d = 0; d < t->ndim; d++) {
        if (read_u64(json_array_get(shape, d), &t->shape[d]) != 0)
            return pqs_error_set(PQS_E_DECODE, "tensor '%s': bad shape", name);
        if (t->shape[d] != 0 && count > UINT64_MAX / t->shape[d])
            return pqs_error_set(PQS_E_DECODE, "tensor '%s': shape overflows", name);
        count *= t->shape[d];
    }
    if (read_u64(json_array_get(offs, 0), &t->begin) != 0 || read_u64(json_array_get(offs, 1), &t->end) != 0 ||
        t->begin > t->end || t->end > data_size)
        return pqs_error_set(PQS_E_DECODE, "tensor '%s': data_offsets outside the data section", name);
    if (count > UINT64_MAX / elem || count * elem != t->end - t->begin)
        return pqs_error_set(PQS_E_DECODE, "tensor '%s': shape and dtype do not match its %llu bytes",
                             name, (unsigned long long)(t->end - t->begin));
    t->name = strdup(name);
    return t->name ? PQS_OK : PQS_E_NOMEM;
}

static int by_begin(const void *a, const void *b)
{
    const pqs_tensor_info *x = a, *y = b;
    return x->begin < y->begin ? -1 : x->begin > y->begin ? 1 : (x->end > y->end) - (x->end < y->end);
}

/* Tensors may not overlap (the reference implementation also requires them contiguous). */
static int check_layout(const pqs_safetensors *st)
{
    for (size_t i = 1; i < st->n_tensors; i++) {
        if (st->tensors[i].begin < st->tensors[i - 1].end)
            return pqs_error_set(PQS_E_DECODE, "tensors '%s' and '%s' overlap", st->tensors[i - 1].name,
                                 st->tensors[i].name);
    }
    return PQS_OK;
}

int pqs_safetensors_parse(pqs_safetensors *st, const uint8_t *header, uint64_t header_len,
                          uint64_t file_size)
{
    json_error_t err;
    memset(st, 0, sizeof *st);
    if (file_size < 8 || header_len > file_size - 8)
        return pqs_error_set(PQS_E_DECODE, "safetensors header runs past the file");
    /* REJECT_DUPLICATES: two entries with one name would make lookups ambiguous. */
    json_t *root = json_loadb((const char *)header, header_len, JSON_REJECT_DUPLICATES, &err);
    if (!json_is_object(root)) {
        json_decref(root);
        return pqs_error_set(PQS_E_DECODE, "safetensors header is not a JSON object: %s", err.text);
    }
    st->header_len = header_len;
    st->data_start = 8 + header_len;
    st->tensors = calloc(json_object_size(root) + 1, sizeof *st->tensors);
    int rc = st->tensors ? PQS_OK : PQS_E_NOMEM;
    const char *name;
    json_t *v;
    json_object_foreach(root, name, v) {
        if (rc != PQS_OK)
            break;
        if (strcmp(name, "__metadata__") == 0) {
            if (!json_is_object(v))
                rc = pqs_error_set(PQS_E_DECODE, "__metadata__ must be an object");
            continue;
        }
        rc = parse_tensor(&st->tensors[st->n_tensors], name, v, file_size - st->data_start);
        if (rc == PQS_OK)
            st->n_tensors++;
    }
    json_decref(root);
    if (rc == PQS_OK) {
        qsort(st->tensors, st->n_tensors, sizeof *st->tensors, by_begin);
        rc = check_layout(st);
    }
    if (rc != PQS_OK)
        pqs_safetensors_free(st);
    return rc;
}

void pqs_safetensors_free(pqs_safetensors *st)
{
    for (size_t i = 0; st->tensors != NULL && i < st->n_tensors; i++)
        free(st->tensors[i].name);
    free(st->tensors);
    memset(st, 0, sizeof *st);
}

const pqs_tensor_info *pqs_safetensors_find(const pqs_safetensors *st, const char *name)
{
    for (size_t i = 0; i < st->n_tensors; i++) {
        if (strcmp(st->tensors[i].name, name) == 0)
            return &st->tensors[i];
    }
    return NULL;
}
