#!/usr/bin/env bash
# apt_install.sh PACKAGE...: install the Debian packages that are missing, as root, without
# starting their services (a policy-rc.d that refuses every start, removed afterwards, unless
# one was there already). Fast when everything is installed (dpkg-query only).
# Exit status: 0 installed (or already there); 77 cannot install here (not root, or no
# apt-get), with the reason on stderr; 1 apt-get failed (its log's tail on stderr).
set -euo pipefail
missing=()
for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" ||
        missing+=("$pkg")
done
[ ${#missing[@]} -eq 0 ] && exit 0
command -v apt-get > /dev/null ||
    { echo "apt_install.sh: ${missing[*]} not installed and apt-get is absent" >&2; exit 77; }
[ "$(id -u)" -eq 0 ] ||
    { echo "apt_install.sh: ${missing[*]} not installed; installing needs root" >&2; exit 77; }
policy=/usr/sbin/policy-rc.d
own_policy=
log=$(mktemp "${TMPDIR:-/tmp}/apt_install.XXXXXX")
if [ ! -e "$policy" ]; then
    printf '#!/bin/sh\nexit 101\n' > "$policy" && chmod 755 "$policy" && own_policy=1
fi
trap 'rm -f "$log"; [ -z "$own_policy" ] || rm -f "$policy"' EXIT
export DEBIAN_FRONTEND=noninteractive
if ! apt-get install -y -q --no-install-recommends "${missing[@]}" > "$log" 2>&1; then
    # a stale package index: update once and retry
    apt-get update -q > /dev/null 2>&1 || true
    apt-get install -y -q --no-install-recommends "${missing[@]}" > "$log" 2>&1 ||
        { tail -20 "$log" >&2; exit 1; }
fi
