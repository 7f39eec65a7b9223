#!/usr/bin/env bash
# Baseline for `ecsnodes nodes --from FILE -F 'ATTR: SELECTOR' -o names`, done with jq.
#
#   bench/jq_baseline.sh FILE ATTR SELECTOR
#   bench/jq_baseline.sh examples/fleet.json ECS:Container-Image '.*spring.*'
#
# Prints the names of the nodes in FILE (Rundeck resource-json, map or array form) whose
# attribute ATTR matches SELECTOR, one per line, sorted bytewise (LC_ALL=C).
#
# Matching follows Rundeck's string matcher for one `ATTR: SELECTOR` clause:
#   * a missing, null or blank attribute never matches (not even `.*`);
#   * the trimmed SELECTOR is a regex that must match the WHOLE value (Java
#     String.matches), written here as \A(?:SELECTOR)\z; `^(?:..)$` would be wrong,
#     because Oniguruma's `$` also matches before a final newline;
#   * OR the value equals the trimmed SELECTOR (this also covers selectors that are not
#     valid regexes: Rundeck ignores the syntax error and compares);
#   * OR the value equals one of the comma-separated, untrimmed items of SELECTOR;
#   * `/REGEX/` means regex only (no equality), and an invalid regex is an error.
# ATTR aliases as in Rundeck: name -> nodename, os-family/os-arch/os-name/os-version ->
# osFamily/osArch/osName/osVersion. `tags` (the tag-set matcher) is not supported here.
# Regex dialect: jq's Oniguruma, not Java; they agree on the usual syntax.
#
# Set JQ to use another jq binary (default: jq).
set -euo pipefail

if [ "$#" -ne 3 ]; then
    echo "usage: $0 FILE ATTR SELECTOR" >&2
    exit 2
fi
file=$1
attr=$2
sel=$3
case $attr in
    name) attr=nodename ;;
    os-family) attr=osFamily ;;
    os-arch) attr=osArch ;;
    os-name) attr=osName ;;
    os-version) attr=osVersion ;;
    tags) echo "$0: the tags matcher is not supported" >&2; exit 2 ;;
esac

# Java's trim(): strip leading and trailing characters <= U+0020.
"${JQ:-jq}" -r --arg k "$attr" --arg sel "$sel" '
    def jtrim: sub("^[\\x00-\\x20]+"; "") | sub("[\\x00-\\x20]+$"; "");
    ($sel | length >= 2 and startswith("/") and endswith("/")) as $slashed
    | (if $slashed then $sel[1:-1] else $sel end | jtrim) as $pat
    | ("\\A(?:" + $pat + ")\\z") as $re
    | (try ("" | test($re) | true) catch false) as $valid
    | if $slashed and ($valid | not) then error("invalid regex: \($pat)") else . end
    | ($sel | split(",")) as $items
    | (if type == "array" then .[] | select(type == "object" and .nodename != null)
                              | {key: .nodename, value: .}
       else to_entries[] end)
    | (.value[$k] | if type == "string" then .
                    elif type == "number" or type == "boolean" then tostring
                    else null end) as $v
    | select($v != null
             and (($valid and ($v | test($re)))
                  or (($slashed | not) and $v == $pat)
                  or any($items[]; . == $v))
             and ($v | test("[^\\x00-\\x20]")))
    | (.value.nodename // .key | tostring)
' "$file" | LC_ALL=C sort
