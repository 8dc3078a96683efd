#!/usr/bin/env bash
# Types the README's first-session walkthrough into the real binary in tmux at 80 columns and
# compares what the terminal shows with the README's `console` block under "A first session".
#
#   scripts/walkthrough.sh            compare; exit 1 and print a diff when they differ
#   scripts/walkthrough.sh --update   write the captures into the README instead
#   scripts/walkthrough.sh --show     print the captures
#
# The binary is target/debug/pymastery (built if missing; BIN=... to use another). The clock
# is fixed (PYMASTERY_NOW) and the home is a fresh temporary directory, so the screens are
# the same on every run. A command whose comment ends in a time, `# the next morning
# (2026-11-03 08:00)`, moves the clock there first (the comment is typed too: the shell
# ignores it). Nothing sets COLUMNS: the width is the terminal's, as measured.
set -euo pipefail

cd "$(dirname "$0")/.."
readme=README.md
bin=${BIN:-target/debug/pymastery}
[[ -x $bin ]] || cargo build --quiet
bin_dir=$(cd "$(dirname "$bin")" && pwd)

home=$(mktemp -d)
session=pymastery-walkthrough-$$
cleanup() {
    tmux kill-session -t "$session" 2>/dev/null || true
    sleep 0.2
    rm -rf "$home"
}
trap cleanup EXIT

# The commands are the `$ ` lines of the README block, in order.
block() {
    awk '/^## A first session/{s=1} s&&/^```console/{b=1;next} b&&/^```/{exit} b{print}' "$readme"
}
mapfile -t commands < <(block | sed -n 's/^\$ //p')
[[ ${#commands[@]} -gt 0 ]] || { echo "no walkthrough block in $readme" >&2; exit 1; }

tmux new-session -d -s "$session" -x 80 -y 60 \
    env -i PATH="$bin_dir:/usr/bin:/bin" HOME="$home" TERM=xterm-256color \
    PYMASTERY_HOME="$home/pymastery" PYMASTERY_NOW=2026-11-02T19:30:00Z TZ=UTC NO_COLOR=1 \
    PS1='$ ' HISTFILE=/dev/null bash --norc --noprofile
tmux set-option -t "$session" status off >/dev/null

# Waits until the pane's last non-empty line is the bare prompt.
wait_for_prompt() {
    for _ in $(seq 1 100); do
        last=$(tmux capture-pane -p -t "$session" | sed '/^[[:space:]]*$/d' | tail -n 1)
        [[ $last == '$' ]] && return 0
        sleep 0.1
    done
    echo "timed out waiting for the prompt" >&2
    return 1
}

wait_for_prompt
captures=""
for command in "${commands[@]}"; do
    if [[ $command =~ \#.*\(([0-9]{4}-[0-9]{2}-[0-9]{2})\ ([0-9]{2}:[0-9]{2})\)$ ]]; then
        tmux send-keys -t "$session" "export PYMASTERY_NOW=${BASH_REMATCH[1]}T${BASH_REMATCH[2]}:00Z" Enter
    fi
    tmux send-keys -t "$session" 'clear' Enter
    wait_for_prompt
    tmux clear-history -t "$session"
    tmux send-keys -t "$session" -l "$command"
    tmux send-keys -t "$session" Enter
    wait_for_prompt
    # The screen as the user sees it, the trailing prompt and blank lines left out.
    shown=$(tmux capture-pane -p -t "$session" | sed 's/[[:space:]]*$//' |
        sed -e :a -e '/^\n*$/{$d;N;ba' -e '}' | sed '$d')
    captures+="$shown"$'\n\n'
done
captures=${captures%$'\n'}

case ${1:-} in
--show)
    printf '%s' "$captures"
    ;;
--update)
    printf '%s' "$captures" >"$home/captures"
    python3 - "$readme" "$home/captures" <<'EOF'
import sys
path, captures = sys.argv[1], open(sys.argv[2], encoding="utf-8").read()
text = open(path, encoding="utf-8").read()
start = text.index("## A first session")
open_at = text.index("```console\n", start) + len("```console\n")
close_at = text.index("```", open_at)
open(path, "w", encoding="utf-8").write(text[:open_at] + captures + text[close_at:])
EOF
    echo "updated $readme"
    ;;
*)
    if diff -u <(block) <(printf '%s' "$captures"); then
        echo "the README walkthrough matches the binary at 80 columns (${#commands[@]} commands)"
    else
        echo "the README walkthrough differs from what the binary shows (above: - README, + tmux)" >&2
        exit 1
    fi
    ;;
esac
