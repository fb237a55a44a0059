#!/bin/bash
# `migstatctl inspect FILE` on the real JSON-stat samples: for every row of
# tests/data/jsonstat-samples/expected.tsv, the CSV row of that coordinate
# must hold that value (as the source spelled it; strings unquoted, null
# empty) and status.  Usage: inspect_samples.sh BINDIR SRCDIR
. "$(dirname "$0")/lib.sh"

SAMPLES=$SRC/tests/data/jsonstat-samples
CTL=$BIN/migstatctl
[ -x "$CTL" ] || { echo "FAIL - $CTL not built"; exit 1; }

# Compare the expected rows of one dataset (file 1) with the CSV (file 2).
# mawk-compatible: no FPAT, so quoted CSV fields are split by hand.
CHECK='
function csvsplit(line, out,    n, i, c, field, inq) {
        if (index(line, "\"") == 0)
                return split(line, out, ",")
        n = 0; field = ""; inq = 0
        for (i = 1; i <= length(line); i++) {
                c = substr(line, i, 1)
                if (inq) {
                        if (c == "\"") {
                                if (substr(line, i + 1, 1) == "\"") { field = field "\""; i++ }
                                else inq = 0
                        } else field = field c
                } else if (c == "\"") inq = 1
                else if (c == ",") { out[++n] = field; field = "" }
                else field = field c
        }
        out[++n] = field
        return n
}
function unjson(v,    s) {
        if (v == "null") return ""
        if (substr(v, 1, 1) != "\"") return v
        s = substr(v, 2, length(v) - 2)
        gsub(/\\"/, "\"", s); gsub(/\\\\/, "\\", s)
        return s
}
FNR == NR {
        split($0, e, "\t")
        want[e[2]] = unjson(e[3]); wst[e[2]] = e[4]; nexp++
        next
}
FNR == 1 {
        ndim = csvsplit($0, hdr) - 2
        if (hdr[ndim + 1] != "value" || hdr[ndim + 2] != "status") { print "bad header: " $0; bad++ }
        next
}
{
        n = csvsplit($0, f)
        if (n != ndim + 2) { print "row " FNR ": " n " fields, expected " ndim + 2; bad++; next }
        key = ""
        for (i = 1; i <= ndim; i++) key = key (i > 1 ? ";" : "") hdr[i] "=" f[i]
        rows++
        if (f[ndim + 1] != "") nonnull++
        if (key in want) {
                seen++
                # concatenation compares as strings: "4" must not equal "4.0"
                if (f[ndim + 1] "" != want[key] "" || f[ndim + 2] "" != wst[key] "") {
                        print key ": expected value \"" want[key] "\" status \"" wst[key] "\", got value \"" f[ndim + 1] "\" status \"" f[ndim + 2] "\""
                        bad++
                }
        }
}
END {
        if ("#ncells" in want) { seen++; if (rows + 0 != want["#ncells"]) { print "#ncells: expected " want["#ncells"] ", got " rows + 0; bad++ } }
        if ("#nonnull" in want) { seen++; if (nonnull + 0 != want["#nonnull"]) { print "#nonnull: expected " want["#nonnull"] ", got " nonnull + 0; bad++ } }
        if (seen != nexp) { print "only " seen + 0 " of " nexp " expected rows found in the CSV"; bad++ }
        exit bad > 0
}'

# Every dataset named in expected.tsv: plain files, "#name" of a 1.x
# bundle, "#N" of a collection (passed on as --dataset).
specs=$(awk -F'\t' 'NR > 1 && !seen[$1]++ { print $1 }' "$SAMPLES/expected.tsv")
[ -n "$specs" ] || { echo "FAIL - no rows in expected.tsv"; exit 1; }
for spec in $specs; do
        file=${spec%%#*}
        args=(inspect --kind jsonstat)
        [[ $spec == *#* ]] && args+=(--dataset "${spec#*#}")
        if ! "$CTL" "${args[@]}" "$SAMPLES/$file" > "$TMP/out.csv" 2> "$TMP/err"; then
                fail "$spec: migstatctl inspect failed: $(head -c 300 "$TMP/err")"
                continue
        fi
        awk -F'\t' -v spec="$spec" '$1 == spec' "$SAMPLES/expected.tsv" > "$TMP/exp.tsv"
        n=$(wc -l < "$TMP/exp.tsv")
        if awk "$CHECK" "$TMP/exp.tsv" "$TMP/out.csv" > "$TMP/diff"; then
                ok "$spec: $n expected rows match"
        else
                fail "$spec: $(head -n 5 "$TMP/diff" | tr '\n' ' ')"
        fi
done

quiet() { "$@" > /dev/null; }

# Every sample file at least inspects; a bundle's dataset also by position.
for path in "$SAMPLES"/*.json; do
        check "$(basename "$path") inspects" quiet "$CTL" inspect "$path"
done
check "oecd-canada.json dataset 1 by position" quiet "$CTL" inspect --dataset 1 "$SAMPLES/oecd-canada.json"
if "$CTL" inspect --dataset nope "$SAMPLES/oecd-canada.json" > /dev/null 2> "$TMP/err"; then
        fail "a missing dataset name is an error"
else
        check "a missing dataset name names the choices" grep -q "oecd, canada" "$TMP/err"
fi

finish
