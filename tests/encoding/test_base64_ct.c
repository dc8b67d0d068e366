/* Constant-time check of base64 (run under valgrind memcheck, pqs_add_ct_test): PEM
 * bodies are private keys, so the bytes encoded and the characters decoded are marked
 * undefined and any branch or index on them is reported. Only the verdict (valid or
 * which fault) and where the padding starts are public (declassified in base64.c). */
#include <string.h>

#include "core/ct.h"
#include "encoding/base64.h"
#include "pqs_test.h"

int main(void)
{
    static uint8_t key[4896 + 2], back[sizeof key + 3];
    static char text[sizeof key / 3 * 4 + 8];
    /* Lengths with 0, 1 and 2 bytes past a group of 3, through the 6- and 8-wide paths. */
    for (size_t len = sizeof key - 2; len <= sizeof key; len++) {
        for (int flags = 0; flags <= (PQS_B64_PAD | PQS_B64_URLSAFE); flags++) {
            pqs_test_rand(key, len);
            PQS_CT_SECRET(key, len);
            size_t n = pqs_base64_encode(text, key, len, flags & PQS_B64_PAD), got = 0;
            PQS_CT_SECRET(text, n);
            int rc = pqs_base64_decode(back, &got, text, n, flags);
            PQS_CT_DECLASSIFY(key, len);
            PQS_CT_DECLASSIFY(back, got);
            CHECK(rc == 0 && got == len && memcmp(back, key, len) == 0, "round trip of %zu", len);
        }
    }
    /* A fault in a secret body is found without branching on it. */
    pqs_test_rand(key, 96);
    size_t n = pqs_base64_encode(text, key, 96, PQS_B64_PAD), got = 0;
    text[40] = '*';
    PQS_CT_SECRET(text, n);
    CHECK(pqs_base64_decode(back, &got, text, n, PQS_B64_PAD) != 0, "bad character refused");
    return pqs_test_done("test_base64_ct");
}
