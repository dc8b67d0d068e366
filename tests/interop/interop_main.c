/* test_interop_*: cross-checks pqsafe against OpenSSL 3.5 as bundled in Node 24.
 * Usage: interop_driver kem|ML-DSA|SLH-DSA. Node comes from $PQSAFE_NODE, else the
 * .deps path that scripts/setup.sh installs. A missing Node is a failure, not a skip:
 * CI installs it, and a silently skipped interop test proves nothing. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "interop.h"
#include "pqs_test.h"

static const char *node_path(void)
{
    const char *env = getenv("PQSAFE_NODE");
    return (env != NULL && env[0] != '\0') ? env : PQS_INTEROP_NODE;
}

/* "ok <node> <openssl> <raw|der>": the peer must be OpenSSL 3.5 or later. */
static int hello(interop_peer *p)
{
    interop_req_begin(p, "hello", "-");
    if (interop_req_end(p) < 3)
        return -1;
    const char *ossl = interop_ans_word(p, 2);
    int major = 0, minor = 0;
    sscanf(ossl, "%d.%d", &major, &minor);
    printf("interop peer: OpenSSL %s (Node %s), keys as %s\n", ossl, interop_ans_word(p, 1),
           interop_ans_word(p, 3));
    if (!CHECK(major > 3 || (major == 3 && minor >= 5), "peer OpenSSL %s lacks PQC (need 3.5+)", ossl))
        return -1;
    return 0;
}

int main(int argc, char **argv)
{
    interop_peer peer;
    const char *node = node_path();
    if (argc != 2 || (strcmp(argv[1], "kem") != 0 && strcmp(argv[1], "ML-DSA") != 0 &&
                      strcmp(argv[1], "SLH-DSA") != 0)) {
        fprintf(stderr, "usage: %s kem|ML-DSA|SLH-DSA\n", argv[0]);
        return 2;
    }
    if (access(node, X_OK) != 0) {
        fprintf(stderr, "FAIL: Node 24 (the OpenSSL 3.5 interop peer) not found at %s.\n"
                        "Run scripts/setup.sh to install it, or set PQSAFE_NODE.\n", node);
        return 1;
    }
    if (interop_peer_start(&peer, node, PQS_INTEROP_SCRIPT) != 0) {
        fprintf(stderr, "FAIL: cannot start %s %s\n", node, PQS_INTEROP_SCRIPT);
        return 1;
    }
    if (hello(&peer) == 0) {
        if (strcmp(argv[1], "kem") == 0)
            interop_kem(&peer);
        else
            interop_sig(&peer, argv[1]);
    }
    interop_peer_stop(&peer);
    char name[64];
    snprintf(name, sizeof name, "test_interop %s", argv[1]);
    return pqs_test_done(name);
}
