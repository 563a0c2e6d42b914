# Shared by the scripts: make sure the two system libraries Agora links against are present.
# Installs them with apt-get when running as root; otherwise says exactly what to run.
agora_require_build_deps() {
    local missing=()
    pkg-config --exists sqlite3 2>/dev/null || missing+=(libsqlite3-dev)
    pkg-config --exists openssl 2>/dev/null || missing+=(libssl-dev)
    command -v pkg-config >/dev/null 2>&1 || missing+=(pkg-config)
    [ ${#missing[@]} -eq 0 ] && return 0
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
        echo "agora: installing missing system packages: ${missing[*]}" >&2
        DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >&2
    else
        echo "agora: missing system packages: ${missing[*]}" >&2
        echo "agora: install them with: sudo apt-get install ${missing[*]}" >&2
        return 1
    fi
}

# The real clients the tests check against (curl, openssl, sqlite3). CI installs them;
# elsewhere the tests that need one skip with a message when it is absent.
agora_install_test_clients() {
    local missing=()
    command -v curl >/dev/null 2>&1 || missing+=(curl)
    command -v openssl >/dev/null 2>&1 || missing+=(openssl)
    command -v sqlite3 >/dev/null 2>&1 || missing+=(sqlite3)
    command -v python3 >/dev/null 2>&1 || missing+=(python3)
    [ ${#missing[@]} -eq 0 ] && return 0
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
        echo "agora: installing test clients: ${missing[*]}" >&2
        DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >&2
    else
        echo "agora: test clients missing (tests that need them will skip): ${missing[*]}" >&2
    fi
}
