/* X25519 (RFC 7748) through OpenSSL's libcrypto, as raw 32-byte strings. */
#ifndef PQS_HYBRID_X25519_H
#define PQS_HYBRID_X25519_H

#include <stdint.h>

/* pub = X25519(priv, 9). 0 or PQS_E_INTERNAL. */
int pqs_x25519_public(uint8_t pub[32], const uint8_t priv[32]);
/* shared = X25519(priv, peer). pub: X25519(priv, 9) when the caller already has it (it
 * saves OpenSSL a scalar multiplication; it must be the right one, as it is not checked),
 * else NULL. A low-order peer point gives the all-zero string, as the RFC 7748 function
 * does (OpenSSL refuses it; protocols that do not check, like X-Wing, expect the zero
 * string; those that must refuse it test the output). 0 or PQS_E_INTERNAL. */
int pqs_x25519(uint8_t shared[32], const uint8_t priv[32], const uint8_t pub[32],
               const uint8_t peer[32]);

#endif
