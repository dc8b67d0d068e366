/* Constant-time base64 (RFC 4648 §4, §5): characters are mapped with mask arithmetic,
 * eight at a time in a 64-bit word where the input allows (armored age files are
 * mostly base64, so this is their speed), one at a time for the rest. Checked under
 * valgrind with the data marked secret (tests/encoding/test_base64_ct.c). */
#include "base64.h"

#include "core/ct.h"
#include "core/error.h"
#include "pqsafe/common.h"

/* All ones when lo <= c <= hi, else 0, without a branch. */
static inline uint32_t in_range(uint32_t c, uint32_t lo, uint32_t hi)
{
    return (uint32_t)0 - (((lo - 1 - c) & (c - hi - 1)) >> 31);
}

/* The character of a 6-bit value: 'A'+v, moved into the next range of the alphabet by
 * adding each range's offset under a mask. */
static inline char b64_char(uint32_t v)
{
    uint32_t c = 'A' + v;
    c += in_range(v, 26, 63) & 6;                        /* 'a' - 'A' - 26 */
    c -= in_range(v, 52, 63) & 75;                       /* to '0' */
    c -= in_range(v, 62, 62) & 15;                       /* to '+' */
    c -= in_range(v, 63, 63) & 12;                       /* to '/' */
    return (char)c;
}

/* The 6-bit value of c, or a value with bit 8 set when c is not in the alphabet. url is
 * all ones when '-' and '_' stand for '+' and '/'. */
static inline uint32_t b64_value(uint32_t c, uint32_t url)
{
    uint32_t v = 0, ok = 0, m;
    m = in_range(c, 'A', 'Z'); v |= m & (c - 'A'); ok |= m;
    m = in_range(c, 'a', 'z'); v |= m & (c - 'a' + 26); ok |= m;
    m = in_range(c, '0', '9'); v |= m & (c - '0' + 52); ok |= m;
    m = in_range(c, '+', '+') | (in_range(c, '-', '-') & url); v |= m & 62; ok |= m;
    m = in_range(c, '/', '/') | (in_range(c, '_', '_') & url); v |= m & 63; ok |= m;
    return v | (~ok & 0x100);
}

/* Eight characters at once in a 64-bit word (SWAR), still with masks only. Each byte
 * holds one character with its top bit cleared (bytes >= 0x80 are flagged apart), so
 * adding a constant below 0x81 to every byte never carries into the next one. */
#define ONES 0x0101010101010101ull
#define HIGH 0x8080808080808080ull

/* The top bit of each byte of x (7-bit bytes) that lies in [lo, hi]. */
static inline uint64_t swar_in_range(uint64_t x, unsigned lo, unsigned hi)
{
    uint64_t ge = x + ONES * (0x80u - lo);   /* top bit set iff byte >= lo */
    uint64_t gt = x + ONES * (0x7fu - hi);   /* top bit set iff byte > hi */
    return ge & ~gt & HIGH;
}

/* Top bits to whole-byte masks. */
static inline uint64_t swar_bytes(uint64_t top)
{
    return (top - (top >> 7)) | top;
}

/* Decodes p[0..7] into out[0..5]; ORs into *bad the top bit of every byte that is not
 * in the alphabet, and into *outside those that are not '=' either. */
static inline void swar_decode8(const unsigned char *p, uint64_t url, uint8_t *out,
                                uint64_t *bad, uint64_t *outside)
{
    uint64_t raw = 0;
    for (int k = 7; k >= 0; k--)   /* little-endian, whatever the host: one load on x86 */
        raw = raw << 8 | p[k];
    uint64_t x = raw & ~HIGH, high = raw & HIGH;
    uint64_t az_up = swar_in_range(x, 'A', 'Z'), az_lo = swar_in_range(x, 'a', 'z');
    uint64_t digit = swar_in_range(x, '0', '9');
    uint64_t plus = swar_in_range(x, '+', '+'), slash = swar_in_range(x, '/', '/');
    uint64_t dash = swar_in_range(x, '-', '-') & url, under = swar_in_range(x, '_', '_') & url;
    uint64_t ok = (az_up | az_lo | digit | plus | slash | dash | under) & ~high;
    *bad |= ~ok & HIGH;
    *outside |= ~ok & ~(swar_in_range(x, '=', '=') & ~high) & HIGH;
    /* value = character + offset (mod 256), the offset chosen by the character's range */
    uint64_t off = (swar_bytes(az_up) & ONES * (uint8_t)(0 - 'A')) |
                   (swar_bytes(az_lo) & ONES * (uint8_t)(26 - 'a')) |
                   (swar_bytes(digit) & ONES * (uint8_t)(52 - '0')) |
                   (swar_bytes(plus) & ONES * (uint8_t)(62 - '+')) |
                   (swar_bytes(dash) & ONES * (uint8_t)(62 - '-')) |
                   (swar_bytes(slash) & ONES * (uint8_t)(63 - '/')) |
                   (swar_bytes(under) & ONES * (uint8_t)(63 - '_'));
    uint64_t v = ((x + (off & ~HIGH)) ^ (off & HIGH)) & (ONES * 63);
    /* Pack: pairs of 6-bit values into 12 bits, pairs of those into 24 (big-endian) */
    uint64_t t = ((v & 0x00ff00ff00ff00ffull) << 6) | ((v >> 8) & 0x00ff00ff00ff00ffull);
    uint64_t w = ((t & 0x0000ffff0000ffffull) << 12) | ((t >> 16) & 0x0000ffff0000ffffull);
    out[0] = (uint8_t)(w >> 16);
    out[1] = (uint8_t)(w >> 8);
    out[2] = (uint8_t)w;
    out[3] = (uint8_t)(w >> 48);
    out[4] = (uint8_t)(w >> 40);
    out[5] = (uint8_t)(w >> 32);
}

/* Encodes in[0..5] into out[0..7]: 6-bit values into bytes, then each value + the
 * offset of its range of the alphabet (the ranges nest: v >= 26, >= 52, >= 62, 63). */
static inline void swar_encode6(const uint8_t *in, char *out)
{
    uint64_t w = (uint64_t)in[0] << 16 | (uint64_t)in[1] << 8 | in[2] |
                 (uint64_t)in[3] << 48 | (uint64_t)in[4] << 40 | (uint64_t)in[5] << 32;
    uint64_t t = ((w >> 12) & 0x00000fff00000fffull) | ((w & 0x00000fff00000fffull) << 16);
    uint64_t v = ((t >> 6) & 0x003f003f003f003full) | ((t & 0x003f003f003f003full) << 8);
    uint64_t ge26 = swar_bytes((v + ONES * (0x80 - 26)) & HIGH);
    uint64_t ge52 = swar_bytes((v + ONES * (0x80 - 52)) & HIGH);
    uint64_t ge62 = swar_bytes((v + ONES * (0x80 - 62)) & HIGH);
    uint64_t ge63 = swar_bytes((v + ONES * (0x80 - 63)) & HIGH);
    uint64_t off = (ONES * 'A') ^ (ge26 & ONES * ('A' ^ (uint8_t)('a' - 26))) ^
                   (ge52 & ONES * ((uint8_t)('a' - 26) ^ (uint8_t)('0' - 52))) ^
                   (ge62 & ONES * ((uint8_t)('0' - 52) ^ (uint8_t)('+' - 62))) ^
                   (ge63 & ONES * ((uint8_t)('+' - 62) ^ (uint8_t)('/' - 63)));
    uint64_t c = (v + (off & ~HIGH)) ^ (off & HIGH);
    for (int k = 0; k < 8; k++)
        out[k] = (char)(c >> (8 * k));
}

size_t pqs_base64_encoded_len(size_t len, int flags)
{
    return (flags & PQS_B64_PAD) ? (len + 2) / 3 * 4 : (len * 4 + 2) / 3;
}

size_t pqs_base64_encode(char *out, const uint8_t *in, size_t len, int flags)
{
    size_t o = 0, i = 0;
    for (; i + 6 <= len; i += 6, o += 8)
        swar_encode6(in + i, out + o);
    for (; i + 3 <= len; i += 3) {
        uint32_t w = (uint32_t)in[i] << 16 | (uint32_t)in[i + 1] << 8 | in[i + 2];
        out[o] = b64_char(w >> 18);
        out[o + 1] = b64_char((w >> 12) & 63);
        out[o + 2] = b64_char((w >> 6) & 63);
        out[o + 3] = b64_char(w & 63);
        o += 4;
    }
    if (i < len) {   /* 1 or 2 bytes left: 2 or 3 characters, then the padding */
        uint32_t b1 = i + 1 < len ? in[i + 1] : 0;
        uint32_t w = (uint32_t)in[i] << 16 | b1 << 8;
        out[o++] = b64_char(w >> 18);
        out[o++] = b64_char((w >> 12) & 63);
        if (i + 1 < len)
            out[o++] = b64_char((w >> 6) & 63);
        else if (flags & PQS_B64_PAD)
            out[o++] = '=';
        if (flags & PQS_B64_PAD)
            out[o++] = '=';
    }
    out[o] = '\0';
    return o;
}

/* One pass: every character is mapped once, whole groups of 4 become 3 bytes. The
 * checks come after, in the order that names the first kind of fault: a character
 * outside the alphabet (a '=' counts as one only inside the data), then the length, then
 * the padding bits. On a fault nothing decoded is left in out. */
int pqs_base64_decode(uint8_t *out, size_t *out_len, const char *in, size_t len, int flags)
{
    const unsigned char *p = (const unsigned char *)in;
    uint32_t url = (flags & PQS_B64_URLSAFE) ? 0xffffffffu : 0;
    size_t data = len;
    if ((flags & PQS_B64_PAD) && len % 4 == 0) {
        /* Where the padding starts is public: it follows from the length of what is
         * encoded, which the length of the encoding shows to within two bytes. */
        for (uint32_t eq = 1; eq && data > 0 && len - data < 2; data -= eq) {
            eq = in_range(p[data - 1], '=', '=') & 1;
            PQS_CT_DECLASSIFY(&eq, sizeof eq);
        }
    }
    uint32_t outside = 0, bad = 0;   /* bit 8: outside the alphabet and not '='; any */
    uint64_t outside8 = 0, bad8 = 0;
    size_t o = 0, i = 0;
    /* url is a constant in each loop, so the common alphabet pays nothing for the other */
    if (url) {
        for (; i + 8 <= data; i += 8, o += 6)
            swar_decode8(p + i, ~0ull, out + o, &bad8, &outside8);
    } else {
        for (; i + 8 <= data; i += 8, o += 6)
            swar_decode8(p + i, 0, out + o, &bad8, &outside8);
    }
    outside |= (outside8 != 0) << 8;
    bad |= (bad8 != 0) << 8;
    for (; i + 4 <= data; i += 4) {
        uint32_t a = b64_value(p[i], url), b = b64_value(p[i + 1], url);
        uint32_t c = b64_value(p[i + 2], url), d = b64_value(p[i + 3], url);
        bad |= a | b | c | d;
        outside |= (a & ~in_range(p[i], '=', '=')) | (b & ~in_range(p[i + 1], '=', '=')) |
                   (c & ~in_range(p[i + 2], '=', '=')) | (d & ~in_range(p[i + 3], '=', '='));
        uint32_t w = (a & 63) << 18 | (b & 63) << 12 | (c & 63) << 6 | (d & 63);
        out[o] = (uint8_t)(w >> 16);
        out[o + 1] = (uint8_t)(w >> 8);
        out[o + 2] = (uint8_t)w;
        o += 3;
    }
    uint32_t acc = 0;
    unsigned bits = 0;
    for (; i < data; i++) {   /* at most 3 characters: 1 or 2 more bytes */
        uint32_t v = b64_value(p[i], url);
        bad |= v;
        outside |= v & ~in_range(p[i], '=', '=');
        acc = (acc << 6) | (v & 63);
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out[o++] = (uint8_t)(acc >> bits);
            acc &= (1u << bits) - 1;
        }
    }
    /* The verdict is public (it is reported); the bits that led to it are not. */
    outside &= 0x100;
    bad &= 0x100;
    uint32_t canonical = (uint32_t)(acc == 0);
    PQS_CT_DECLASSIFY(&outside, sizeof outside);
    PQS_CT_DECLASSIFY(&bad, sizeof bad);
    PQS_CT_DECLASSIFY(&canonical, sizeof canonical);
    int rc = PQS_OK;
    if (outside & 0x100)
        rc = pqs_error_set(PQS_E_DECODE, "invalid base64 character");
    else if ((flags & PQS_B64_PAD) && len % 4 != 0)
        rc = pqs_error_set(PQS_E_DECODE, "base64 length is not a multiple of 4");
    else if (data % 4 == 1)
        rc = pqs_error_set(PQS_E_DECODE, "base64 has a dangling character");
    else if (bad & 0x100)
        rc = pqs_error_set(PQS_E_DECODE, "invalid base64 character");
    /* RFC 4648 §3.5: the bits left over after the last whole byte must be zero. */
    else if (!canonical)
        rc = pqs_error_set(PQS_E_DECODE, "non-canonical base64 (non-zero padding bits)");
    if (rc != PQS_OK) {
        pqs_wipe(out, o);
        return rc;
    }
    *out_len = o;
    return PQS_OK;
}
