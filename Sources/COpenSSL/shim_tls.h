#ifndef AGORA_COPENSSL_SHIM_TLS_H
#define AGORA_COPENSSL_SHIM_TLS_H
// TLS shims for AgoraHTTP: only macros and option constants Swift cannot import.
#include <openssl/ssl.h>
#include <openssl/err.h>
#include <openssl/x509.h>
#include <openssl/pem.h>
#include <openssl/evp.h>

/// Pins both ends of the protocol range to TLS 1.3. Returns 1 on success.
static inline int CAgoraSSL_CTX_set_tls13_only(SSL_CTX *ctx) {
    return SSL_CTX_set_min_proto_version(ctx, TLS1_3_VERSION) == 1
        && SSL_CTX_set_max_proto_version(ctx, TLS1_3_VERSION) == 1;
}

/// No renegotiation, no session tickets, no compression.
static inline void CAgoraSSL_CTX_set_hardening_options(SSL_CTX *ctx) {
    SSL_CTX_set_options(ctx, SSL_OP_NO_RENEGOTIATION | SSL_OP_NO_TICKET | SSL_OP_NO_COMPRESSION);
}

/// Partial writes with a moving buffer (non-blocking writes), and buffers released while idle.
static inline void CAgoraSSL_CTX_set_nonblocking_modes(SSL_CTX *ctx) {
    SSL_CTX_set_mode(ctx, SSL_MODE_ENABLE_PARTIAL_WRITE | SSL_MODE_ACCEPT_MOVING_WRITE_BUFFER
                          | SSL_MODE_RELEASE_BUFFERS);
}

/// Turns the session cache off on either side.
static inline void CAgoraSSL_CTX_disable_session_cache(SSL_CTX *ctx) {
    SSL_CTX_set_session_cache_mode(ctx, SSL_SESS_CACHE_OFF);
}

/// Server Name Indication for a client connection. Returns 1 on success.
static inline int CAgoraSSL_set_tlsext_host_name(SSL *ssl, const char *name) {
    return (int)SSL_set_tlsext_host_name(ssl, name);
}
#endif
