# Sourced by the scripts that write a generated file kept in the repository (zoo-docs.sh, schema.sh).
# finish_generated SCRIPT TARGET NEW CHECK [NOTE]: with CHECK=true, fails when TARGET differs from the freshly
# written NEW; otherwise moves NEW over TARGET and says so (NOTE in brackets).
finish_generated() {
  local script=$1 target=$2 new=$3 check=$4 note=${5:-}
  if [[ "$check" == true ]]; then
    if ! diff -q "$target" "$new" >/dev/null 2>&1; then
      echo "$script: $target is out of date; run bash scripts/$script and commit it." >&2
      return 1
    fi
    echo "$target is up to date."
  else
    chmod 644 "$new"
    mv "$new" "$target"
    echo "wrote $target${note:+ ($note)}."
  fi
}
