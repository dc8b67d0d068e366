/* libFuzzer target: the model-signature readers, on attacker-controlled bytes. The input
 * is read as a Sigstore bundle (and its DSSE payload as a model_signing statement) and,
 * separately, as a statement itself. A statement that parses must re-encode and parse
 * back to the same resources and root digest. */
#include <stdlib.h>
#include <string.h>

#include "modelsign/ms_int.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void statement_roundtrip(const uint8_t *data, size_t size)
{
    ms_manifest m, back;
    if (ms_statement_parse(data, size, &m) != PQS_OK)
        return;
    char *json = NULL;
    size_t len = 0;
    if (ms_statement_encode(&m, &json, &len) == PQS_OK) {
        if (ms_statement_parse((const uint8_t *)json, len, &back) != PQS_OK)
            abort();
        if (back.n_items != m.n_items || memcmp(back.root, m.root, sizeof m.root) != 0)
            abort();
        for (size_t i = 0; i < m.n_items; i++) {
            if (strcmp(back.items[i].name, m.items[i].name) != 0)
                abort();
        }
        ms_manifest_free(&back);
    }
    free(json);
    ms_manifest_free(&m);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    ms_bundle b;
    if (ms_bundle_parse(data, size, &b) == PQS_OK) {
        statement_roundtrip(b.payload, b.payload_len);
        ms_bundle_free(&b);
    }
    statement_roundtrip(data, size);
    return 0;
}
