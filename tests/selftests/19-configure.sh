#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Configuration mode and configuration management: a scripted `configure`
# session (edit/up/top, set, deactivate, annotate, show | compare, commit
# check, commit comment), the hierarchical `show configuration` and
# `| display set` both loading back to the identical configuration, output
# pipes, load merge|replace terminal, rollback 1 + commit, commit confirmed
# rolled back by its timer (shortened) and kept when confirmed, 50-entry
# history rotation, a commit killed between write and rename, two
# concurrent sessions (stale candidate refused, commits serialised), and
# the boot restore after rmmod + insmod (a bad saved file fails loudly and
# applies nothing).
# shellcheck disable=SC1010,SC2317 # "then" in statements; functions called indirectly
. "$(dirname "$0")/lib.sh"

srx_load
if [ -z "${SRX_IN_NS:-}" ]; then
	ns_add "$R" || ktap_skip_all "cannot create a network namespace"
fi
ns_reexec "$R"
ktap_plan 57

WORK=$(mktemp -d)
trap '_cleanup; rm -rf "$WORK"' EXIT
# this namespace's history directory (cfgstore.h)
HIST=$SRXFLOW_STATE_DIR/netns-$(stat -L -c %i /proc/self/ns/net)
ncommits() { find "$HIST/commits" -name '*.conf' 2>/dev/null | wc -l; }
cfg() { "$SRX" configure 2>&1; }

rload >/dev/null <<-'EOF'
	set security zones security-zone trust interfaces lan0
	set security zones security-zone untrust interfaces wan0
	set security address-book global address web 192.0.2.10/32
	set security policies from-zone trust to-zone untrust policy p1 match source-address any destination-address web application junos-http then permit
	EOF

check_eq "a one-shot load is commit 0 of the history" "1" "$(ncommits)"

# --- a scripted session -----------------------------------------------------------------------------
run_cmd cfg <<-'EOF'
	edit security zones security-zone trust
	set description "inside hosts"
	set interfaces lan1
	up
	set security-zone dmz interfaces dmz0
	top
	deactivate security zones security-zone dmz
	annotate security zones security-zone trust "the LAN"
	edit security policies from-zone trust to-zone untrust
	set policy p2 match source-address any destination-address any application any then deny
	top
	show | compare
	commit check
	commit comment "zones from configure"
	exit
	EOF
check_eq "show | compare, commit check, commit" "[edit security policies from-zone trust to-zone untrust]
+    policy p2 {
+        match {
+            source-address any;
+            destination-address any;
+            application any;
+        }
+        then {
+            deny;
+        }
+    }
[edit security zones]
+    /* the LAN */
     security-zone trust { ... }
[edit security zones security-zone trust]
+    description \"inside hosts\";
[edit security zones security-zone trust interfaces]
+    lan1;
[edit security zones]
+    inactive: security-zone dmz {
+        interfaces {
+            dmz0;
+        }
+    }
configuration check succeeds
commit complete" "$_last_out"
HIER=$(rcli show configuration)
check_match "show configuration is hierarchical, starts with the last commit" \
	"^## Last commit: [0-9-]+ [0-9:]+ [A-Z]+ by root" printf '%s\n' "$HIER"
check_lines "... with the annotation and the inactive zone" "$HIER" <<-'EOF'
	security {
	        /* the LAN */
	        security-zone trust {
	            description "inside hosts";
	        inactive: security-zone dmz {
	        from-zone trust to-zone untrust {
	EOF
check_nomatch "the inactive zone is not in the kernel" "dmz" rcli show security zones
check_match "the new interface is in zone trust in the kernel" "lan1" rcli show security zones trust
SET=$(rcli show configuration '|' display set)
check_lines "| display set: set lines, then deactivate/annotate" "$SET" <<-'EOF'
	set security zones security-zone dmz interfaces dmz0
	deactivate security zones security-zone dmz
	annotate security zones security-zone trust "the LAN"
	EOF

# both forms load back to the identical configuration
printf '%s\n' "$HIER" >"$WORK/h.conf"
printf '%s\n' "$SET" >"$WORK/s.set"
run_cmd rcli load override "$WORK/s.set"
H2=$(rcli show configuration | grep -v '^## Last commit')
check_same "display set round trip" "$(grep -v '^## Last commit' "$WORK/h.conf")" "$H2"
run_cmd rcli load override "$WORK/h.conf"
check_same "hierarchical round trip" "$(grep -v '^## Last commit' "$WORK/h.conf")" \
	"$(rcli show configuration | grep -v '^## Last commit')"

# --- pipes ----------------------------------------------------------------------------------------
check_eq "| display set | match | count" "Count: 2 lines" \
	"$(rcli show configuration '|' display set '|' match dmz '|' count)"
check_eq "| except | last 1" "set security policies from-zone trust to-zone untrust policy p2 then deny" \
	"$(rcli show configuration '|' display set '|' except annotate '|' match policies '|' last 1)"
check_match "| display json" '"security-zone"' rcli show configuration '|' display json
check_eq "| compare rollback 1 (the last two loads were identical)" "" \
	"$(rcli show configuration '|' compare rollback 1)"
check_eq "show security zones | match | count (operational command)" \
	"Count: $(rcli show security zones | grep -c 'Security zone:') lines" \
	"$(rcli show security zones '|' match 'Security zone:' '|' count)"

# --- load terminal in configure mode, rollback --------------------------------------------------
run_cmd cfg <<-'EOF'
	load merge terminal
	security {
	    address-book {
	        global {
	            /* second server */
	            address web2 192.0.2.11/32;
	        }
	    }
	}
	^D
	load replace terminal
	security { zones { replace: security-zone untrust { interfaces { wan1; } } } }
	^D
	show | compare
	commit
	EOF
check_eq "load merge/replace terminal (hierarchical), compare, commit" "load complete
load complete
[edit security address-book global]
+    /* second server */
+    address web2 192.0.2.11/32;
[edit security zones security-zone untrust interfaces]
-    wan0;
+    wan1;
commit complete" "$_last_out"
run_cmd cfg <<-'EOF'
	rollback 1
	show | compare
	commit comment "back"
	EOF
check_match "rollback 1 + commit" "^load complete$" printf '%s\n' "$_last_out"
check_same "... the configuration is the previous one" "$SET" "$(rconf)"
SC=$(rcli show system commit)
check_match "show system commit: time, user, via, comment" \
	"^0   [0-9-]+ [0-9:]+ [A-Z]+ by root via cli$" printf '%s\n' "$SC"
check_lines "... with the comments" "$SC" <<-'EOF'
	    back
	    zones from configure
	EOF
check_eq "rollback ? in configure mode lists the same" "$SC" \
	"$(printf 'rollback ?\n' | cfg)"

# --- commit confirmed ---------------------------------------------------------------------------
export SRXFLOW_CONFIRM_MINUTE_SECONDS=3
before=$(rconf)
run_cmd cfg <<-'EOF'
	set security zones security-zone untrust description probe
	commit confirmed 1
	EOF
check_eq "commit confirmed 1" "commit confirmed will be automatically rolled back in 1 minutes unless confirmed
commit complete" "$_last_out"
check_match "... the change runs" "description probe" rconf
check_match "... show system commit says so" "^0   .* via cli commit confirmed, rollback in 1mins$" \
	rcli show system commit
wait_until 10 sh -c "! \"$SRX\" show configuration | grep -q probe"
check_same "not confirmed: the previous configuration is back after the timer" "$before" "$(rconf)"
check_match "... and the history records the automatic rollback" \
	"^0   .* via automatic rollback$" rcli show system commit
run_cmd cfg <<-'EOF'
	set security zones security-zone untrust description kept
	commit confirmed 1
	commit
	EOF
sleep 5
check_match "confirmed by a plain commit: kept after the timer" "description kept" rconf
unset SRXFLOW_CONFIRM_MINUTE_SECONDS

# --- two sessions --------------------------------------------------------------------------------
mkfifo "$WORK/a.in"
"$SRX" configure <"$WORK/a.in" >"$WORK/a.out" 2>&1 &
apid=$!
exec 7>"$WORK/a.in"
echo "set security address-book global address from-a 198.51.100.1/32" >&7
sleep 1
run_cmd cfg <<-'EOF'
	set security address-book global address from-b 198.51.100.2/32
	commit
	EOF
check_eq "session B commits while A edits" "commit complete" "$_last_out"
echo "commit" >&7
echo "rollback 0" >&7
echo "show | compare" >&7
exec 7>&-
wait "$apid"
check_match "session A's commit on the old configuration is refused" \
	"error: configuration changed since it was read" cat "$WORK/a.out"
check_nomatch "... and A's address is not committed" "from-a" rconf
check_match "... rollback 0 loads B's commit into A" "^load complete$" cat "$WORK/a.out"

# serialised: a commit paused inside the lock, another one waits for it
n0=$(ncommits)
SRXFLOW_TEST_PAUSE_BEFORE_RENAME=3 "$SRX" set security zones security-zone untrust description slow \
	>"$WORK/slow.out" 2>&1 &
spid=$!
wait_until 10 grep -q pausing "$WORK/slow.out"
t0=$(now_us)
rcli set security zones security-zone trust tcp-rst >/dev/null
t1=$(now_us)
wait "$spid"
check "a second commit waited for the first one's lock (>= 1.5 s)" test $((t1 - t0)) -ge 1500000
check_eq "... both are in the history" "$((n0 + 2))" "$(ncommits)"

# --- SIGKILL between write and rename ------------------------------------------------------------
last=$(find "$HIST/commits" -name '*.conf' | sort | tail -n 1)
sum=$(md5sum <"$last")
SRXFLOW_TEST_PAUSE_BEFORE_RENAME=30 "$SRX" set security zones security-zone trust description killed \
	>"$WORK/kill.out" 2>&1 &
kpid=$!
wait_until 10 grep -q pausing "$WORK/kill.out"
check "the new file is written under a temporary name" sh -c "ls -A '$HIST/commits' | grep -q '^\\.tmp-'"
kill -9 "$kpid"
wait "$kpid" 2>/dev/null
check_eq "SIGKILL before rename: the newest commit file is intact" "$last $sum" \
	"$(find "$HIST/commits" -name '*.conf' | sort | tail -n 1) $(md5sum <"$last")"
rcli delete security zones security-zone trust description >/dev/null
check_eq "the next commit removes the temporary file" "" "$(find "$HIST/commits" -name '.tmp-*')"

# --- 50-entry rotation -----------------------------------------------------------------------------
for i in $(seq 52); do
	rcli set security zones security-zone untrust description "r$i" >/dev/null
done
check_eq "the history keeps 50 commits" "50 50" \
	"$(ncommits) $(rcli show system commit | grep -c '^[0-9]')"
check_match "rollback 49 is the oldest" "^load complete$" sh -c "printf 'rollback 49\n' | \"$SRX\" configure"
check_match "rollback 50 does not exist" "expecting <0..49>" sh -c "printf 'rollback 50\n' | \"$SRX\" configure"

# --- restore after rmmod + insmod -------------------------------------------------------------------
run_cmd cfg <<-'EOF'
	deactivate security policies from-zone trust to-zone untrust policy p2
	annotate security address-book global address web "the web server"
	commit
	EOF
SAVED=$(rcli show configuration)
SAVEDSET=$(rconf)
srx_unload
srx_load
check_eq "after rmmod + insmod the kernel is empty" "" "$(rconf)"
run_cmd rcli restore
check_match "srxflow restore" "configuration restored" printf '%s\n' "$_last_out"
check_same "restore brings back exactly the saved configuration" "$SAVED" "$(rcli show configuration)"
check_same "... and as set lines" "$SAVEDSET" "$(rconf)"
check_match "... the zones are in the kernel again" "Security zone: trust" rcli show security zones trust

# a saved configuration the kernel refuses: restore fails loudly, applies nothing
newest=$(find "$HIST/commits" -name '*.conf' | sed 's|.*/||; s|\.conf||' | sort -n | tail -n 1)
bad=$(printf '%08u' $((10#$newest + 1)))
{
	echo "security { zones { security-zone z { interfaces { lan0; } } } }"
	echo "security { policies { from-zone z to-zone z { policy x { match { source-address nowhere; destination-address any; application any; } then { permit; } } } } }"
} >"$HIST/commits/$bad.conf"
srx_unload
srx_load
run_cmd rcli restore
check_eq "a bad saved configuration: restore exits 1 and says so" "1" "$_last_rc"
check_match "... loudly" "restore failed.*interfaces stay unzoned" printf '%s\n' "$_last_out"
check_eq "... and nothing was applied (interfaces unzoned)" "" "$(rconf)"
rm -f "$HIST/commits/$bad.conf"
run_cmd rcli restore
check_same "restore of the good one again" "$SAVED" "$(rcli show configuration)"

# --- interactive, through tmux -----------------------------------------------------------------------
if command -v tmux >/dev/null 2>&1 && [ -c /dev/ptmx ]; then
	TM="tmux -L srxflow19 -f /dev/null"
	pane() { $TM capture-pane -p -t cfg; }
	shows() { pane | grep -qF -- "$1"; }
	$TM new-session -d -s cfg -x 100 -y 30 "PAGER='less -FX' $SRX configure"
	wait_until 20 shows "[edit]"
	check "interactive: the [edit] banner and the prompt" shows "root@"
	$TM send-keys -t cfg "set security zo" Tab
	wait_until 10 shows "set security zones"
	check "Tab completes a keyword" shows "# set security zones"
	$TM send-keys -t cfg "security-zone " "?"
	wait_until 10 shows "Possible completions:"
	check_lines "? lists the configured names with the type" "$(pane | sed 's/ *$//')" <<-'EOF'
		Possible completions:
		  <name>
		  trust
		  untrust
	EOF
	$TM send-keys -t cfg C-u "edit security zones" Enter
	wait_until 10 shows "[edit security zones]"
	check "edit moves the banner" shows "[edit security zones]"
	$TM send-keys -t cfg "run show system commit" Enter
	wait_until 10 shows ":"
	check_nomatch "long output stops in the pager" "^49  " pane
	$TM send-keys -t cfg q
	$TM send-keys -t cfg "set security-zone trust description interactive" Enter "top" Enter "exit" Enter
	wait_until 10 shows "Exit with uncommitted changes? [yes,no] (yes)"
	check "exit asks about uncommitted changes" shows "Exit with uncommitted changes? [yes,no] (yes)"
	$TM send-keys -t cfg "yes" Enter
	wait_until 10 sh -c "! $TM has-session -t cfg"
	check_nomatch "... yes leaves without committing" "interactive" rconf
	$TM kill-server 2>/dev/null
else
	for t in banner Tab ? edit pager exit yes; do ktap_skip "interactive: $t" "no tmux or pty"; done
fi

# --- bash completion (generated from the schema) ---------------------------------------------------------
COMP=$(dirname "$0")/../../userspace/srxflow.bash-completion
comp() {
	bash -c 'source "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
		_srxflow; echo "${COMPREPLY[*]}"' _ "$COMP" "$@"
}
check_eq "bash completion: statements" "address-book alg flow forwarding-options log nat policies screen zones" \
	"$(comp srxflow set security '')"
check_eq "bash completion: enumerated values" \
	"all basic-datapath fragmentation host-traffic route session tcp-basic" \
	"$(comp srxflow set security flow traceoptions flag '')"

# --- the unit ----------------------------------------------------------------------------------------------
UNIT=$(dirname "$0")/../../systemd/srxflow.service
if command -v systemd-analyze >/dev/null 2>&1; then
	sed "s|/usr/local/sbin/srxflow|$SRX|" "$UNIT" >"$WORK/srxflow.service"
	check "systemd-analyze verify srxflow.service" systemd-analyze verify "$WORK/srxflow.service"
else
	ktap_skip "systemd-analyze verify srxflow.service" "no systemd-analyze"
fi

ktap_finish
