/* libFuzzer target: the safetensors header parser that `pqsafe inspect` runs on the
 * decrypted header of a sealed model. The input is a whole (small) safetensors file;
 * every tensor accepted must lie inside it. */
#include <stdlib.h>

#include "safetensors/safetensors.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    uint64_t n;
    pqs_safetensors st;
    if (size < 8 || pqs_safetensors_header_len(data, size, &n) != 0)
        return 0;
    if (pqs_safetensors_parse(&st, data + 8, n, size) != 0)
        return 0;
    for (size_t i = 0; i < st.n_tensors; i++) {
        const pqs_tensor_info *t = &st.tensors[i];
        if (t->begin > t->end || st.data_start + t->end > size)
            abort();
        if (pqs_safetensors_find(&st, t->name) == NULL)
            abort();
    }
    pqs_safetensors_free(&st);
    return 0;
}
