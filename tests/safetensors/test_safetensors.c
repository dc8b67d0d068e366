/* The safetensors header parser refuses every header that could send a reader out of
 * bounds, and accepts the layouts real files have. */
#include <string.h>

#include "pqs_test.h"
#include "safetensors/safetensors.h"

/* Parse a header given as JSON text for a file whose data section has data_len bytes. */
static int parse(const char *json, uint64_t data_len, pqs_safetensors *st)
{
    uint64_t n = strlen(json);
    return pqs_safetensors_parse(st, (const uint8_t *)json, n, 8 + n + data_len);
}

static void refused(const char *json, uint64_t data_len, const char *detail)
{
    pqs_safetensors st;
    int rc = parse(json, data_len, &st);
    CHECK(rc == PQS_E_DECODE && strstr(pqs_error_detail(), detail) != NULL,
          "refused %s -> '%s' (want '%s')", json, pqs_error_detail(), detail);
}

int main(void)
{
    pqs_safetensors st;
    const char *good = "{\"__metadata__\":{\"format\":\"pt\"},"
                       "\"b\":{\"dtype\":\"BF16\",\"shape\":[2,3],\"data_offsets\":[16,28]},"
                       "\"a\":{\"dtype\":\"F32\",\"shape\":[4],\"data_offsets\":[0,16]}}";
    CHECK(parse(good, 28, &st) == 0, "good header (%s)", pqs_error_detail());
    CHECK(st.n_tensors == 2 && strcmp(st.tensors[0].name, "a") == 0 && st.tensors[1].begin == 16,
          "tensors sorted by offset");
    CHECK(pqs_safetensors_find(&st, "b") != NULL && pqs_safetensors_find(&st, "c") == NULL, "find");
    CHECK(st.data_start == 8 + strlen(good), "data start");
    pqs_safetensors_free(&st);

    refused("{\"a\":{\"dtype\":\"F32\",\"shape\":[4],\"data_offsets\":[0,16]}}", 8, "outside");
    refused("{\"a\":{\"dtype\":\"F33\",\"shape\":[4],\"data_offsets\":[0,16]}}", 16, "unknown dtype");
    refused("{\"a\":{\"dtype\":\"F32\",\"shape\":[5],\"data_offsets\":[0,16]}}", 16, "do not match");
    refused("{\"a\":{\"dtype\":\"F32\",\"shape\":[4],\"data_offsets\":[8,0]}}", 16, "outside");
    refused("{\"a\":{\"dtype\":\"F32\",\"shape\":[4294967296,4294967296,16],\"data_offsets\":[0,16]}}", 16,
            "overflows");
    refused("{\"a\":{\"dtype\":\"F32\",\"shape\":[4],\"data_offsets\":[0,16]},"
            "\"b\":{\"dtype\":\"F32\",\"shape\":[4],\"data_offsets\":[8,24]}}", 24, "overlap");
    refused("{\"a\":{\"dtype\":\"F32\",\"shape\":[4],\"data_offsets\":[0,16]},"
            "\"a\":{\"dtype\":\"F32\",\"shape\":[4],\"data_offsets\":[0,16]}}", 16, "not a JSON object");
    refused("{\"a\":{\"dtype\":\"F32\",\"shape\":[-4],\"data_offsets\":[0,16]}}", 16, "bad shape");
    refused("{\"a\":{\"dtype\":\"F32\",\"shape\":[4],\"data_offsets\":[0,16],\"x\":1}}", 16, "exactly");
    refused("[1,2]", 0, "not a JSON object");
    refused("{\"__metadata__\":3}", 0, "__metadata__");

    uint8_t prefix[8] = {0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f};
    uint64_t n;
    CHECK(pqs_safetensors_header_len(prefix, 1000, &n) == PQS_E_DECODE, "huge header length refused");
    uint8_t small[8] = {16, 0, 0, 0, 0, 0, 0, 0};
    CHECK(pqs_safetensors_header_len(small, 24, &n) == 0 && n == 16, "header length read");
    CHECK(pqs_safetensors_header_len(small, 23, &n) == PQS_E_DECODE, "header past the end refused");
    return pqs_test_done("test_safetensors");
}
