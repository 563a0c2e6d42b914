#ifndef AGORA_COPENSSL_SHIM_H
#define AGORA_COPENSSL_SHIM_H
// The one C wall for OpenSSL 3. Only what Swift cannot import lives here:
// function-like macros and option constants. Prefix: CAgoraSSL_.
#include "shim_crypto.h"
#include "shim_tls.h"
#endif
