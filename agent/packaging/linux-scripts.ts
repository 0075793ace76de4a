// Maintainer scripts shared by the deb and the rpm: enroll from /etc/muster-agent/enroll.conf (or
// MUSTER_SERVER + MUSTER_TOKEN / MUSTER_TOKEN_FILE in the installer's environment) through the
// agent's own `enroll` command, which keeps an existing credential (--if-not-enrolled), then start
// the timer when systemd runs. Enrollment failing does not fail the install: the timer's runs exit 3
// ("not enrolled") until it is fixed, and the message says how.
export const LINUX = { dir: "/opt/muster-agent", exe: "/opt/muster-agent/muster-agent", state: "/var/lib/muster-agent", conf: "/etc/muster-agent/enroll.conf", timer: "muster-agent.timer" };

export const ENROLL_SNIPPET = `AGENT=${LINUX.exe}
CONF=${LINUX.conf}
install -d -m 0700 ${LINUX.state}
if [ -f "$CONF" ]; then
  "$AGENT" enroll --config "$CONF" --if-not-enrolled --state-dir ${LINUX.state} || echo "muster-agent: enrollment from $CONF failed; fix it, then run: $AGENT enroll --config $CONF" >&2
elif [ -n "\${MUSTER_SERVER:-}" ]; then
  TMPCONF=$(umask 077 && mktemp)
  { echo "server=$MUSTER_SERVER"; [ -z "\${MUSTER_TOKEN:-}" ] || echo "token=$MUSTER_TOKEN"; [ -z "\${MUSTER_TOKEN_FILE:-}" ] || echo "token_file=$MUSTER_TOKEN_FILE"; } > "$TMPCONF"
  "$AGENT" enroll --config "$TMPCONF" --if-not-enrolled --state-dir ${LINUX.state} || echo "muster-agent: enrollment with $MUSTER_SERVER failed; run $AGENT enroll --help" >&2
  rm -f "$TMPCONF"
fi`;

export const START_TIMER = `if [ -d /run/systemd/system ]; then
  systemctl daemon-reload >/dev/null 2>&1 || true
  systemctl enable --now ${LINUX.timer} >/dev/null 2>&1 || echo "muster-agent: could not start ${LINUX.timer}" >&2
fi`;

export const STOP_TIMER = `if [ -d /run/systemd/system ]; then
  systemctl disable --now ${LINUX.timer} >/dev/null 2>&1 || true
fi`;

/** Leftovers of self-updates beside the executable (not owned by the package). */
export const CLEAN_UPDATE_FILES = `rm -f ${LINUX.dir}/.muster-agent.previous ${LINUX.dir}/.muster-agent.update ${LINUX.dir}/muster-agent.failed`;

export const PURGE_STATE = `rm -rf ${LINUX.state}
rm -f ${LINUX.conf}
rmdir /etc/muster-agent 2>/dev/null || true`;
