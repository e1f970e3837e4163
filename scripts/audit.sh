#!/bin/sh
# pip-audit of the pinned runtime set (issue #23's permanent suite; decision 0034).
#
# The pins are exact and complete, so pip-audit reads them as they are (--no-deps --disable-pip) and
# asks a vulnerability service about each: PyPI's per-version JSON API, then OSV. Where neither answers
# (a machine that reaches the package index but not those services) it says so plainly and fails with
# exit code 3: "not audited" is never reported as "no known vulnerability".
set -u
BIN=${BIN:-.venv/bin}
REQUIREMENTS=${REQUIREMENTS:-requirements/runtime.txt}
out=$(mktemp)
trap 'rm -f "$out"' EXIT

for service in pypi osv; do
  "$BIN/pip-audit" -r "$REQUIREMENTS" --strict --no-deps --disable-pip --progress-spinner off \
    --vulnerability-service "$service" >"$out" 2>&1
  rc=$?
  if ! grep -q -e "could not be audited" -e "ConnectionError" -e "NameResolutionError" "$out"; then
    grep -v -e "encouraged to fully hash" -e "pip-compile" "$out"
    exit $rc
  fi
  echo "pip-audit via $service: $(grep -m1 -o -e 'could not be audited.*' -e 'Failed to resolve [^(]*' "$out")" >&2
done
echo "NOT AUDITED: no vulnerability service answers from this machine (PyPI's per-version JSON API" \
  "answers 404, OSV's address does not resolve). Run 'make audit' where https://pypi.org/pypi/NAME/VERSION/json" \
  "or https://api.osv.dev is reachable." >&2
exit 3
