#!/usr/bin/env bash
# Status command for tests/cluster/submit.sh: prints running, success or failed for a job id.
# A job whose wrapper process died without recording an end state (killed) is failed.
set -euo pipefail
jobid="$1"
dir="${CLUSTER_STATE_DIR:-$PWD/.cluster-jobs}/$jobid"
status=$(cat "$dir/status" 2>/dev/null || echo failed)
case "$status" in
    success | failed) echo "$status" ;;
    submitted) echo running ;;
    running)
        if [ -f "$dir/pid" ] && ! kill -0 "$(cat "$dir/pid")" 2>/dev/null; then
            status=$(cat "$dir/status")  # it may have finished in between
            [ "$status" = running ] && echo failed || echo "$status"
        else
            echo running
        fi
        ;;
    *) echo failed ;;
esac
