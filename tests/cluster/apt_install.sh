#!/usr/bin/env bash
# apt_install.sh PACKAGE...: install the Debian packages that are missing, as root, without
# starting their services (a policy-rc.d that refuses every start, removed afterwards, unless
# one was there already). Fast when everything is installed (dpkg-query only).
set -euo pipefail
missing=()
for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" ||
        missing+=("$pkg")
done
[ ${#missing[@]} -eq 0 ] && exit 0
[ "$(id -u)" -eq 0 ] || { echo "apt_install.sh: need root to install ${missing[*]}" >&2; exit 1; }
policy=/usr/sbin/policy-rc.d
own_policy=
if [ ! -e "$policy" ]; then
    printf '#!/bin/sh\nexit 101\n' > "$policy" && chmod 755 "$policy" && own_policy=1
fi
trap '[ -n "$own_policy" ] && rm -f "$policy"' EXIT
export DEBIAN_FRONTEND=noninteractive
if ! apt-get install -y -q --no-install-recommends "${missing[@]}" >/tmp/apt_install.$$.log 2>&1; then
    # a stale package index: update once and retry
    apt-get update -q >/dev/null 2>&1 || true
    apt-get install -y -q --no-install-recommends "${missing[@]}" >/tmp/apt_install.$$.log 2>&1 ||
        { tail -20 /tmp/apt_install.$$.log >&2; exit 1; }
fi
rm -f /tmp/apt_install.$$.log
