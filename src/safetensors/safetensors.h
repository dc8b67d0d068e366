/* The safetensors file layout (huggingface/safetensors): an 8-byte little-endian header
 * length N, N bytes of JSON mapping tensor names to {dtype, shape, data_offsets}, then
 * the data. Parsed strictly so a hostile header cannot make a reader go out of bounds. */
#ifndef PQS_SAFETENSORS_H
#define PQS_SAFETENSORS_H

#include <stddef.h>
#include <stdint.h>

#define PQS_SAFETENSORS_MAX_HEADER (100u << 20)   /* the reference reader's limit */
#define PQS_SAFETENSORS_MAX_DIMS 16

typedef struct {
    char *name;
    char dtype[8];                          /* "F32", "BF16", ... */
    unsigned ndim;
    uint64_t shape[PQS_SAFETENSORS_MAX_DIMS];
    uint64_t begin, end;                    /* offsets from the start of the data section */
} pqs_tensor_info;

typedef struct {
    uint64_t header_len;                    /* N */
    uint64_t data_start;                    /* 8 + N: where offsets count from */
    pqs_tensor_info *tensors;               /* sorted by begin */
    size_t n_tensors;
} pqs_safetensors;

/* The header length from the first 8 bytes, checked against the file size. */
int pqs_safetensors_header_len(const uint8_t prefix[8], uint64_t file_size, uint64_t *header_len);
/* Parse the JSON header (header_len bytes) for a file of file_size bytes. Refuses unknown
 * dtypes, shapes whose byte size does not match the offsets, offsets outside the file,
 * overlapping tensors and duplicate names. PQS_E_DECODE with a detail on failure. */
int pqs_safetensors_parse(pqs_safetensors *st, const uint8_t *header, uint64_t header_len,
                          uint64_t file_size);
void pqs_safetensors_free(pqs_safetensors *st);
/* The tensor called name, or NULL. */
const pqs_tensor_info *pqs_safetensors_find(const pqs_safetensors *st, const char *name);
/* Bytes per element of a dtype, 0 when unknown. */
unsigned pqs_safetensors_dtype_bytes(const char *dtype);

#endif
