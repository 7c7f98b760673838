# The documentation's examples, run (issue 12 item 11): every ```console block of README.md
# and docs/ runs its commands and must print exactly what the page shows; every
# "<!-- checked by FILE -->" names a test that holds the figure.  The convention is in
# docs/testing.md, "Checked examples"; tests/docs/doctest.py does the work.
# Usage: tests/docs/docs.sh [PAGE...]   (default: README.md docs/*.md docs/*/*.md)
. tests/lib.sh
if [ $# -gt 0 ]; then
    pages=("$@")
else
    pages=(README.md docs/*.md docs/*/*.md)
fi
python3 tests/docs/doctest.py "$PWD" "${pages[@]}"
exit 0
