# Shared by the scripts: make sure what Agora builds and tests against is present.
# As root with apt-get, missing Debian packages are installed; otherwise the exact command is printed.

# agora_apt_install WHAT REQUIRED PACKAGE...: installs the packages, or says what to run.
# REQUIRED=1 makes a failure to install fatal (return 1); 0 only warns.
agora_apt_install() {
    local what="$1" required="$2"
    shift 2
    [ $# -eq 0 ] && return 0
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
        echo "agora: installing missing $what: $*" >&2
        DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >&2
        return
    fi
    echo "agora: missing $what: $* (install them with: sudo apt-get install $*)" >&2
    [ "$required" = 0 ]
}

# The two system libraries Agora links against, and pkg-config to find them.
agora_require_build_deps() {
    local missing=()
    command -v pkg-config >/dev/null 2>&1 || missing+=(pkg-config)
    pkg-config --exists sqlite3 2>/dev/null || missing+=(libsqlite3-dev)
    pkg-config --exists openssl 2>/dev/null || missing+=(libssl-dev)
    agora_apt_install "system packages" 1 "${missing[@]}"
}

# The real clients the tests check against (curl, openssl, sqlite3, python3 and its venv). CI installs them;
# elsewhere the tests that need one skip with a message when it is absent.
agora_install_test_clients() {
    local missing=() tool
    for tool in curl openssl sqlite3 python3; do
        command -v "$tool" >/dev/null 2>&1 || missing+=("$tool")
    done
    # scripts/check/dcat-ap makes a venv for pySHACL; Debian splits venv and ensurepip off python3.
    python3 -c 'import ensurepip, venv' >/dev/null 2>&1 || missing+=(python3-venv)
    agora_apt_install "test clients (tests that need them will skip)" 0 "${missing[@]}"
    # promtool checks /metrics; Debian ships it in the prometheus package (the server is not started
    # here: no init system runs in CI). Without recommends: its web assets and exporters are not needed.
    if ! command -v promtool >/dev/null 2>&1; then
        if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
            echo "agora: installing promtool (Debian package prometheus)" >&2
            { DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2 &&
              DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends prometheus >&2; } ||
                echo "agora: prometheus could not be installed; the /metrics check will skip" >&2
        else
            echo "agora: missing promtool (sudo apt-get install prometheus); the /metrics check will skip" >&2
        fi
    fi
}
