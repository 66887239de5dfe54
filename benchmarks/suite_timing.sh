#!/usr/bin/env bash
# The non-browser tests of an older tree (as its README ran them: one process) against the same tests in their
# new form on this tree (as the README runs them now, and in one process with -n0), alternated, wall times recorded.
#
#   git worktree add /tmp/tests-old 4890c09 && bash benchmarks/suite_timing.sh /tmp/tests-old
#
# Test files added since 4890c09 are left out of the new runs, so both sides run the tests that existed then.
set -u
old=${1:?the old tree}
new=$(cd "$(dirname "$0")/.." && pwd)
out=${2:-$new/benchmarks/out/suite-timing.txt}
mkdir -p "$(dirname "$out")"
: > "$out"
added="test_analysis test_browser_charts test_chart_pages test_curator_tool test_german_everywhere test_markup
test_routes test_source_notes test_true_dates_and_colour test_trust test_trust_pages test_worded_once"
ignore=()
for name in $added; do ignore+=("--ignore=tests/$name.py"); done
python=${PYTHON:-python}
run() {  # label dir pytest-args...
    local label=$1 dir=$2
    shift 2
    rm -rf "$dir/benchmarks/generated"
    local start end log
    log=$(mktemp)
    start=$(date +%s.%N)
    (cd "$dir" && PYTHONPATH=$dir "$python" -m pytest -m "not browser" -q -p no:cacheprovider "$@" > "$log" 2>&1)
    local rc=$?
    end=$(date +%s.%N)
    echo "$label rc=$rc wall=$(echo "$end - $start" | bc) load=$(cut -d' ' -f1-3 /proc/loadavg) $(tail -1 "$log")" >> "$out"
    rm -f "$log"
}
for round in 1 2 3; do
    run "old$round" "$old"
    run "new$round" "$new" "${ignore[@]}"
    [ "$round" -lt 3 ] && run "serial$round" "$new" "${ignore[@]}" -n0
done
cat "$out"
