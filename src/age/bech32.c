/* Bech32 (BIP 173) without its 90-character limit, as c2sp.org/age uses it for keys:
 * identities are secret, so the character mapping and the checksum run without
 * secret-dependent branches or table indices. */
#include <stdlib.h>
#include <string.h>

#include "age_impl.h"
#include "core/ct.h"
#include "core/error.h"

static const char k_charset[] = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";

/* BIP 173 "Checksum": the BCH generator polynomial, with a mask in place of the branch. */
static uint32_t polymod_step(uint32_t chk, uint8_t v)
{
    static const uint32_t gen[5] = {0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3};
    uint32_t b = chk >> 25;
    chk = ((chk & 0x1ffffff) << 5) ^ v;
    for (int i = 0; i < 5; i++)
        chk ^= gen[i] & (0u - ((b >> i) & 1));
    return chk;
}

static uint32_t hrp_polymod(const char *hrp, size_t n)
{
    uint32_t chk = 1;
    for (size_t i = 0; i < n; i++)
        chk = polymod_step(chk, (uint8_t)((unsigned char)hrp[i] >> 5));
    chk = polymod_step(chk, 0);
    for (size_t i = 0; i < n; i++)
        chk = polymod_step(chk, (uint8_t)(hrp[i] & 31));
    return chk;
}

/* All ones when lo <= c <= hi (small values), else 0, without a branch. */
static uint32_t ct_in_range(uint32_t c, uint32_t lo, uint32_t hi)
{
    return 0u - ((~((c - lo) | (hi - c)) >> 31) & 1);
}

/* The index of a lowercase character in the charset, or 0xFF; constant time in c. */
static uint8_t charset_index(uint8_t c)
{
    uint32_t r = 0xFF;
    for (uint32_t i = 0; i < 32; i++) {
        uint32_t eq = ~pqs_ct_mask_nonzero_u32((uint32_t)c ^ (uint8_t)k_charset[i]);
        r = (r & ~eq) | (i & eq);
    }
    return (uint8_t)r;
}

static char charset_char(uint8_t v, int upper)
{
    uint32_t r = 0;
    for (uint32_t i = 0; i < 32; i++) {
        uint32_t eq = ~pqs_ct_mask_nonzero_u32((uint32_t)v ^ i);
        r |= (uint8_t)k_charset[i] & eq;
    }
    /* Letters become uppercase by clearing 0x20; digits stay as they are. */
    if (upper)
        r &= ~(0x20u & ct_in_range(r, 'a', 'z'));
    return (char)r;
}

int age_bech32_encode(char **out, const char *hrp, const uint8_t *data, size_t len, int upper)
{
    size_t hlen = strlen(hrp), dlen = (len * 8 + 4) / 5;
    char *s = malloc(hlen + 1 + dlen + 6 + 1);
    uint8_t *v = malloc(dlen + 6);
    if (s == NULL || v == NULL) {
        free(s);
        free(v);
        return PQS_E_NOMEM;
    }
    /* 8-bit to 5-bit groups, zero-padded at the end (BIP 173 convertbits). */
    uint32_t acc = 0;
    unsigned bits = 0;
    size_t n = 0;
    for (size_t i = 0; i < len; i++) {
        acc = (acc << 8) | data[i];
        bits += 8;
        while (bits >= 5) {
            bits -= 5;
            v[n++] = (uint8_t)((acc >> bits) & 31);
        }
        acc &= (1u << bits) - 1;
    }
    if (bits > 0)
        v[n++] = (uint8_t)((acc << (5 - bits)) & 31);
    uint32_t chk = hrp_polymod(hrp, hlen);
    for (size_t i = 0; i < n; i++)
        chk = polymod_step(chk, v[i]);
    for (int i = 0; i < 6; i++)
        chk = polymod_step(chk, 0);
    chk ^= 1;
    for (int i = 0; i < 6; i++)
        v[n + (size_t)i] = (uint8_t)((chk >> (5 * (5 - i))) & 31);
    size_t o = 0;
    for (size_t i = 0; i < hlen; i++)
        s[o++] = upper && hrp[i] >= 'a' && hrp[i] <= 'z' ? (char)(hrp[i] - 32) : hrp[i];
    s[o++] = '1';
    for (size_t i = 0; i < n + 6; i++)
        s[o++] = charset_char(v[i], upper);
    s[o] = '\0';
    pqs_wipe(v, dlen + 6);
    free(v);
    *out = s;
    return PQS_OK;
}

static int decode_fail(const char *why, char *hrp, uint8_t *v, size_t vlen)
{
    free(hrp);
    if (v != NULL)
        pqs_wipe(v, vlen);
    free(v);
    return pqs_error_set(PQS_E_DECODE, "invalid Bech32 key: %s", why);
}

int age_bech32_decode(char **hrp_out, uint8_t **data, size_t *len, const char *s, size_t slen)
{
    int lower = 0, upper = 0;
    size_t sep = slen;
    for (size_t i = 0; i < slen; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c < 33 || c > 126)
            return decode_fail("character out of range", NULL, NULL, 0);
        lower |= c >= 'a' && c <= 'z';
        upper |= c >= 'A' && c <= 'Z';
        if (c == '1')
            sep = i;
    }
    if (lower && upper)
        return decode_fail("mixed case", NULL, NULL, 0);
    if (sep == slen || sep == 0 || slen - sep - 1 < 6)
        return decode_fail("no separator or checksum", NULL, NULL, 0);
    char *hrp = malloc(sep + 1);
    size_t vlen = slen - sep - 1;
    uint8_t *v = malloc(vlen);
    if (hrp == NULL || v == NULL) {
        free(hrp);
        free(v);
        return PQS_E_NOMEM;
    }
    for (size_t i = 0; i < sep; i++)
        hrp[i] = s[i] >= 'A' && s[i] <= 'Z' ? (char)(s[i] + 32) : s[i];
    hrp[sep] = '\0';
    uint32_t bad = 0;
    for (size_t i = 0; i < vlen; i++) {
        uint8_t c = (uint8_t)s[sep + 1 + i];
        c |= (uint8_t)(0x20u & ct_in_range(c, 'A', 'Z'));
        v[i] = charset_index(c);
        bad |= v[i] >> 5;
    }
    uint32_t chk = hrp_polymod(hrp, sep);
    for (size_t i = 0; i < vlen; i++)
        chk = polymod_step(chk, v[i] & 31);
    /* Whether the string is valid is public; only its content is secret. */
    uint32_t invalid = bad | (chk ^ 1);
    PQS_CT_DECLASSIFY(&invalid, sizeof invalid);
    if (invalid != 0)
        return decode_fail(bad ? "invalid character" : "wrong checksum", hrp, v, vlen);
    /* 5-bit groups to bytes; padding must be under 5 bits and zero (BIP 173). */
    size_t n5 = vlen - 6, nbytes = n5 * 5 / 8;
    uint8_t *d = malloc(nbytes ? nbytes : 1);
    if (d == NULL) {
        decode_fail("", hrp, v, vlen);
        return PQS_E_NOMEM;
    }
    uint32_t acc = 0, pad = 0;
    unsigned bits = 0;
    size_t o = 0;
    for (size_t i = 0; i < n5; i++) {
        acc = (acc << 5) | v[i];
        bits += 5;
        if (bits >= 8) {
            bits -= 8;
            d[o++] = (uint8_t)(acc >> bits);
            acc &= (1u << bits) - 1;
        }
    }
    pad = acc;
    PQS_CT_DECLASSIFY(&pad, sizeof pad);
    pqs_wipe(v, vlen);
    free(v);
    if (bits >= 5 || pad != 0) {
        pqs_wipe(d, nbytes);
        free(d);
        return decode_fail("non-zero padding", hrp, NULL, 0);
    }
    *hrp_out = hrp;
    *data = d;
    *len = nbytes;
    return PQS_OK;
}
