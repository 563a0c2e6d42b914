#ifndef AGORA_COPENSSL_SHIM_CRYPTO_H
#define AGORA_COPENSSL_SHIM_CRYPTO_H
#include <openssl/evp.h>
#include <openssl/err.h>
#include <openssl/rand.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>
#include <openssl/pem.h>
#include <openssl/ec.h>
#include <openssl/crypto.h>

static inline void CAgoraSSL_free(void *p) { OPENSSL_free(p); }
#endif
