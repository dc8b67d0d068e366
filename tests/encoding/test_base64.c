/* src/encoding/base64.c, the one base64 of the project (PEM keys, age headers and
 * armour, DSSE): RFC 4648 §10 vectors, round trips of every length, and a differential
 * test against a plain reference decoder written from RFC 4648 (§3.3 characters outside
 * the alphabet, §3.2 padding, §3.5 canonical encoding) on valid and mutated inputs, so
 * the word-at-a-time decoding agrees on what it accepts, what it returns and which fault
 * it names. */
#include <stdio.h>
#include <string.h>

#include "core/error.h"
#include "encoding/base64.h"
#include "pqs_test.h"

enum { REF_OK, REF_INVALID, REF_LENGTH, REF_DANGLING, REF_NONCANON };

static int ref_value(unsigned char c, int url)
{
    if (c >= 'A' && c <= 'Z')
        return c - 'A';
    if (c >= 'a' && c <= 'z')
        return c - 'a' + 26;
    if (c >= '0' && c <= '9')
        return c - '0' + 52;
    if (c == '+' || (url && c == '-'))
        return 62;
    if (c == '/' || (url && c == '_'))
        return 63;
    return -1;
}

static int ref_decode(uint8_t *out, size_t *out_len, const char *in, size_t len, int flags)
{
    int url = (flags & PQS_B64_URLSAFE) != 0;
    for (size_t i = 0; i < len; i++) {
        if (ref_value((unsigned char)in[i], url) < 0 && in[i] != '=')
            return REF_INVALID;
    }
    size_t data = len;
    if (flags & PQS_B64_PAD) {
        if (len % 4 != 0)
            return REF_LENGTH;
        while (data > 0 && len - data < 2 && in[data - 1] == '=')
            data--;
    }
    if (data % 4 == 1)
        return REF_DANGLING;
    unsigned long acc = 0;
    unsigned bits = 0;
    size_t o = 0;
    for (size_t i = 0; i < data; i++) {
        int v = ref_value((unsigned char)in[i], url);
        if (v < 0)
            return REF_INVALID;
        acc = acc << 6 | (unsigned long)v;
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out[o++] = (uint8_t)(acc >> bits);
            acc &= (1ul << bits) - 1;
        }
    }
    if (acc != 0)
        return REF_NONCANON;
    *out_len = o;
    return REF_OK;
}

static int kind_of(int rc)
{
    if (rc == PQS_OK)
        return REF_OK;
    const char *d = pqs_error_detail();
    if (strstr(d, "invalid base64 character"))
        return REF_INVALID;
    if (strstr(d, "multiple of 4"))
        return REF_LENGTH;
    if (strstr(d, "dangling"))
        return REF_DANGLING;
    if (strstr(d, "non-canonical"))
        return REF_NONCANON;
    return -1;
}

/* One input through both decoders: same verdict, same fault, same bytes. */
static int agree(const char *in, size_t len, int flags)
{
    static uint8_t got[512], want[512];
    size_t got_len = 0, want_len = 0;
    int r = ref_decode(want, &want_len, in, len, flags);
    int k = kind_of(pqs_base64_decode(got, &got_len, in, len, flags));
    if (k != r)
        return 0;
    return r != REF_OK || (got_len == want_len && memcmp(got, want, got_len) == 0);
}

static void test_rfc4648_vectors(void)
{
    static const char *const v[][2] = {{"", ""},         {"f", "Zg=="},         {"fo", "Zm8="},
                                       {"foo", "Zm9v"},  {"foob", "Zm9vYg=="},  {"fooba", "Zm9vYmE="},
                                       {"foobar", "Zm9vYmFy"}};
    for (size_t i = 0; i < sizeof v / sizeof v[0]; i++) {
        char enc[16];
        uint8_t dec[16];
        size_t n = 0, len = strlen(v[i][0]);
        CHECK(pqs_base64_encode(enc, (const uint8_t *)v[i][0], len, PQS_B64_PAD) == strlen(v[i][1]) &&
                  strcmp(enc, v[i][1]) == 0,
              "encode \"%s\": %s", v[i][0], enc);
        CHECK(pqs_base64_decode(dec, &n, v[i][1], strlen(v[i][1]), PQS_B64_PAD) == PQS_OK &&
                  n == len && memcmp(dec, v[i][0], len) == 0,
              "decode %s", v[i][1]);
    }
}

/* Every length 0..300 and every byte value, padded and not, through a word boundary. */
static void test_round_trips(void)
{
    static uint8_t in[300], back[300];
    static char enc[420];
    pqs_test_rand(in, sizeof in);
    for (size_t i = 0; i < 256; i++)
        in[i] = (uint8_t)i;
    int bad = 0;
    for (int flags = 0; flags <= PQS_B64_PAD; flags += PQS_B64_PAD) {
        for (size_t len = 0; len <= sizeof in; len++) {
            size_t n = pqs_base64_encode(enc, in, len, flags), got = 0;
            bad += n != pqs_base64_encoded_len(len, flags) || enc[n] != '\0';
            bad += pqs_base64_decode(back, &got, enc, n, flags) != PQS_OK || got != len ||
                   memcmp(back, in, len) != 0;
            bad += !agree(enc, n, flags) || !agree(enc, n, flags | PQS_B64_URLSAFE);
        }
    }
    CHECK(bad == 0, "round trips: %d bad", bad);
}

/* Valid encodings with one or two characters replaced (any byte value), and short
 * strings over the characters where the rules meet: both decoders agree on all. */
static void test_differential(void)
{
    static const char edge[] = "Az09+/-_= \n\x80\xc1\xff";
    char enc[128];
    uint8_t raw[96], pick[4];
    int bad = 0, cases = 0;
    for (int round = 0; round < 20000; round++) {
        pqs_test_rand(pick, sizeof pick);
        size_t len = pick[0] % 80;
        pqs_test_rand(raw, len);
        int flags = pick[1] & 3;
        size_t n = pqs_base64_encode(enc, raw, len, flags & PQS_B64_PAD);
        for (int m = 0; m < (pick[2] & 3) && n > 0; m++) {
            pqs_test_rand(pick, sizeof pick);
            enc[(pick[0] | pick[1] << 8) % n] = (pick[3] & 1) ? (char)pick[2]
                                                              : edge[pick[2] % (sizeof edge - 1)];
        }
        bad += !agree(enc, n, flags);
        cases++;
    }
    static const char near[] = "AQgwz09+/-_==";   /* the last bits of a group differ */
    for (int round = 0; round < 200000; round++) {
        pqs_test_rand(pick, sizeof pick);
        size_t len = pick[0] % 21;
        for (size_t i = 0; i < len; i++) {
            pqs_test_rand(pick + 1, 2);
            enc[i] = (pick[2] & 15) ? near[pick[1] % (sizeof near - 1)]
                                    : edge[pick[1] % (sizeof edge - 1)];
        }
        bad += !agree(enc, len, round & 3);
        cases++;
    }
    CHECK(bad == 0, "differential: %d of %d inputs disagree with the reference", bad, cases);
}

int main(void)
{
    test_rfc4648_vectors();
    test_round_trips();
    test_differential();
    return pqs_test_done("test_base64");
}
