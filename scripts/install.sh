#!/usr/bin/env bash
# Builds ecsnodes and installs it with its shell completions (bash, zsh, fish) and man pages,
# all generated from the command-line parser, under PREFIX:
#   scripts/install.sh                     PREFIX=/usr/local as root, else ~/.local
#   PREFIX=/opt/ecsnodes scripts/install.sh
#   CONFIGURATION=debug scripts/install.sh (what the tests use; release by default)
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "$(id -u)" -eq 0 ]; then default_prefix=/usr/local; else default_prefix="$HOME/.local"; fi
prefix=${PREFIX:-$default_prefix}
configuration=${CONFIGURATION:-release}
scripts/deps.sh
swift build -c "$configuration" --product ecsnodes >&2
swift build -c "$configuration" --product generate-manual >&2   # swift-argument-parser's man page tool
bin=".build/$configuration/ecsnodes"

install -d "$prefix/bin" "$prefix/share/bash-completion/completions" "$prefix/share/zsh/site-functions" \
    "$prefix/share/fish/vendor_completions.d" "$prefix/share/man/man1"
install -m 0755 "$bin" "$prefix/bin/ecsnodes"
"$bin" --generate-completion-script bash > "$prefix/share/bash-completion/completions/ecsnodes"
"$bin" --generate-completion-script zsh > "$prefix/share/zsh/site-functions/_ecsnodes"
"$bin" --generate-completion-script fish > "$prefix/share/fish/vendor_completions.d/ecsnodes.fish"
".build/$configuration/generate-manual" "$bin" --multi-page --authors "ecsnodes maintainers" \
    --output-directory "$prefix/share/man/man1" >&2
echo "installed ecsnodes under $prefix (binary, completions for bash/zsh/fish, man pages: man ecsnodes)" >&2
