// enroll.conf: what the installers hand to `enroll --config` (Linux packages read
// /etc/muster-agent/enroll.conf). KEY=value lines, # comments, optional quotes:
//   server=https://muster.example.gov
//   token=...            or   token_file=/root/muster-token
//   ca=/etc/ssl/private-ca.pem   proxy=http://proxy:3128   allow_http=yes
export type EnrollConf = { server?: string; token?: string; tokenFile?: string; ca?: string; proxy?: string; allowHttp?: boolean };

const KEYS: Record<string, keyof EnrollConf> = { server: "server", token: "token", token_file: "tokenFile", ca: "ca", proxy: "proxy", allow_http: "allowHttp" };

/** Parses the file; throws naming the line of anything it does not understand. */
export function parseEnrollConf(text: string): EnrollConf {
  const out: EnrollConf = {};
  text
    .replace(/^\uFEFF/, "")
    .split(/\r?\n/)
    .forEach((raw, i) => {
      const line = raw.trim();
      if (!line || line.startsWith("#")) return;
      const m = /^([a-z_]+)\s*=\s*(.*)$/i.exec(line);
      const key = m ? KEYS[m[1]!.toLowerCase()] : undefined;
      if (!m || !key) throw new Error(`line ${i + 1}: expected one of ${Object.keys(KEYS).join(", ")} as key=value`);
      const value = m[2]!.replace(/^(["'])(.*)\1$/, "$2");
      if (key === "allowHttp") out.allowHttp = /^(1|yes|true|on)$/i.test(value);
      else if (value) out[key] = value;
    });
  return out;
}
