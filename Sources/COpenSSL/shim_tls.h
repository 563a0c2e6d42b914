#ifndef AGORA_COPENSSL_SHIM_TLS_H
#define AGORA_COPENSSL_SHIM_TLS_H
#include <openssl/ssl.h>
#endif
