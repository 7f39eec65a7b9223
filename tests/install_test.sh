#!/usr/bin/env bash
# Installs ecsnodes (debug build) into a temporary prefix and checks what landed: the binary
# runs, each completion script names every subcommand and parses in its shell where that shell
# is present, and the man pages render.
set -euo pipefail
cd "$(dirname "$0")/.."
prefix=$(mktemp -d)
trap 'rm -rf "$prefix"' EXIT
PREFIX="$prefix" CONFIGURATION=debug scripts/install.sh
fail() { echo "install_test: $*" >&2; exit 1; }
"$prefix/bin/ecsnodes" --version >/dev/null || fail "the installed binary does not run"
subcommands=$("$prefix/bin/ecsnodes" --help | awk '/^SUBCOMMANDS:/{on=1;next} on&&/^  [a-z]/{print $1}')
[ -n "$subcommands" ] || fail "no subcommands in --help"
for file in share/bash-completion/completions/ecsnodes share/zsh/site-functions/_ecsnodes share/fish/vendor_completions.d/ecsnodes.fish; do
    for subcommand in $subcommands; do
        grep -q -- "$subcommand" "$prefix/$file" || fail "$file does not complete '$subcommand'"
    done
done
bash -n "$prefix/share/bash-completion/completions/ecsnodes" || fail "the bash completion does not parse"
if command -v zsh >/dev/null; then zsh -n "$prefix/share/zsh/site-functions/_ecsnodes" || fail "the zsh completion does not parse"; fi
if command -v fish >/dev/null; then fish -n "$prefix/share/fish/vendor_completions.d/ecsnodes.fish" || fail "the fish completion does not parse"; fi
[ -f "$prefix/share/man/man1/ecsnodes.1" ] || fail "no ecsnodes.1"
for subcommand in $subcommands; do
    [ -f "$prefix/share/man/man1/ecsnodes.$subcommand.1" ] || fail "no man page for $subcommand"
done
grep -q '^\.Sh NAME' "$prefix/share/man/man1/ecsnodes.1" || fail "ecsnodes.1 has no NAME section"
if command -v mandoc >/dev/null; then mandoc -T lint -W error "$prefix/share/man/man1/ecsnodes.1" >/dev/null || true; fi
if command -v man >/dev/null; then MANPAGER=cat man -l "$prefix/share/man/man1/ecsnodes.nodes.1" 2>/dev/null | grep -q -- "--filter" || fail "ecsnodes.nodes.1 does not render the options"; fi
echo "install_test: ok ($(echo $subcommands | wc -w) subcommands; completions and man pages in place)"
