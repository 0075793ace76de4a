// The installation recipes in deploy/: the systemd unit passes `systemd-analyze verify` and its
// offline security analysis scores it as well sandboxed; the Kubernetes manifests and the
// Containerfile have the structure the README promises (one replica replaced by recreation,
// probes on /healthz and /readyz, non-root, read-only root file system, the data folder as the
// only writable volume). And the premise of all three holds for the real server: it runs as an
// unprivileged user who can write nothing but its data folder and a temporary folder.
import { execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import YAML from "yaml";
import { checkServerConfig } from "~/server/config";
import { signInHttp } from "../../support/auth";
import { tempDir } from "../../support/db";
import { exited, logRecords, sleep } from "../../support/ops";
import { freePort, ROOT } from "../../support/server";

const UNIT = path.join(ROOT, "deploy/systemd/muster.service");
const START = (JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as { scripts: { start: string } }).scripts.start;

/** `Key=value` lines of a unit file (a key may repeat). */
function directives(file: string): [string, string][] {
  return fs
    .readFileSync(file, "utf8")
    .split("\n")
    .filter((l) => /^[A-Za-z]+=/.test(l))
    .map((l) => [l.slice(0, l.indexOf("=")), l.slice(l.indexOf("=") + 1)]);
}

describe("systemd unit", () => {
  it("passes systemd-analyze verify", () => {
    const out = execFileSync("systemd-analyze", ["verify", UNIT], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
    expect(out.trim()).toBe("");
  });

  it("is sandboxed: dynamic user, read-only system but the data folder, no new privileges, private /tmp, restarted on failure", () => {
    const d = new Map(directives(UNIT));
    expect(d.get("DynamicUser")).toBe("yes");
    expect(d.get("ProtectSystem")).toBe("strict");
    expect(d.get("ReadWritePaths")).toBe("/var/lib/muster");
    expect(
      directives(UNIT)
        .filter(([k]) => k === "Environment")
        .map(([, v]) => v),
    ).toContain("DATABASE_PATH=/var/lib/muster/muster.db");
    expect(d.get("NoNewPrivileges")).toBe("yes");
    expect(d.get("PrivateTmp")).toBe("yes");
    expect(d.get("Restart")).toBe("on-failure");
    expect(d.get("CapabilityBoundingSet")).toBe("");
    // The command is the one `npm start` runs, from the installed code folder.
    expect(d.get("WorkingDirectory")).toBe("/opt/muster");
    expect(d.get("ExecStart")).toBe(START.replace(/^node /, "/usr/bin/node "));
    // Stop waits longer than the server's own shutdown timeout (25 s by default).
    expect(Number(d.get("TimeoutStopSec"))).toBeGreaterThan(25);
  });

  it("gets a low exposure score from systemd-analyze security", () => {
    const out = execFileSync("systemd-analyze", ["security", "--offline=true", UNIT], { encoding: "utf8" });
    const score = Number(/Overall exposure level for muster\.service: ([\d.]+)/.exec(out)?.[1]);
    console.log(`systemd-analyze security --offline=true: exposure ${score} (0 best, 10 worst)`);
    expect(score).toBeLessThanOrEqual(2);
  });
});

type Manifest = { kind: string; apiVersion: string; metadata: { name: string }; spec: Record<string, any> };

function manifests(file: string): Manifest[] {
  return YAML.parseAllDocuments(fs.readFileSync(path.join(ROOT, "deploy/kubernetes", file), "utf8")).map((d) => {
    expect(d.errors).toEqual([]);
    return d.toJS() as Manifest;
  });
}

/** The container's environment as the pod gets it: its `env`, and the secrets (placeholders) its README recipe creates. */
function podEnv(docs: Manifest[], secrets: Record<string, string>): Record<string, string> {
  const c = docs.find((d) => d.kind === "Deployment")!.spec.template.spec.containers[0];
  return { NODE_ENV: "production", ...Object.fromEntries(c.env.map((e: { name: string; value: string }) => [e.name, e.value])), ...secrets };
}

const SECRETS = { AUTH_SECRET: "k".repeat(44), MUSTER_ADMIN_PASSWORD: "correct horse battery staple" };

describe("every recipe's environment is one the server starts with", () => {
  it("the Kubernetes manifests (one pod on SQLite; several on PostgreSQL), the systemd unit and the container image", () => {
    const unit = Object.fromEntries(
      directives(UNIT)
        .filter(([k]) => k === "Environment")
        .map(([, v]) => [v.slice(0, v.indexOf("=")), v.slice(v.indexOf("=") + 1)]),
    );
    const image = Object.fromEntries(
      [...fs.readFileSync(path.join(ROOT, "deploy/container/Containerfile"), "utf8").matchAll(/^ {0,4}(?:ENV )?([A-Z_]+)=(\S+)/gm)].map((m) => [m[1] as string, m[2] as string]),
    );
    expect(image.DATABASE_PATH).toBe("/var/lib/muster/muster.db");
    const recipes: [string, Record<string, string>][] = [
      ["muster.yaml", podEnv(manifests("muster.yaml"), SECRETS)],
      ["muster-postgres.yaml", podEnv(manifests("muster-postgres.yaml"), { ...SECRETS, DATABASE_URL: "postgres://muster:pw@db.example.gov:5432/muster" })],
      ["muster.service", { ...unit, ...SECRETS, NEXTAUTH_URL: "https://muster.example.gov" }],
      ["Containerfile", { ...image, ...SECRETS, NEXTAUTH_URL: "https://muster.example.gov" }],
    ];
    for (const [name, env] of recipes) expect(() => checkServerConfig({ dev: false }, env), name).not.toThrow();
    // What the test would have caught: the manifest once trusted "1" (hops), which the server refuses.
    expect(() => checkServerConfig({ dev: false }, { ...recipes[0]![1], MUSTER_TRUST_PROXY: "1" })).toThrow(/a number of hops is no longer accepted/);
  });
});

describe("Kubernetes manifests", () => {
  const docs = manifests("muster.yaml");
  const byKind = (kind: string) => docs.find((d) => d.kind === kind)!;

  it("declares a volume claim, a deployment, a service and a network policy", () => {
    expect(docs.map((d) => `${d.apiVersion} ${d.kind}`)).toEqual(["v1 PersistentVolumeClaim", "apps/v1 Deployment", "v1 Service", "networking.k8s.io/v1 NetworkPolicy"]);
  });

  it("runs one non-root, read-only pod, replaced by recreation, with probes on /healthz and /readyz", () => {
    const dep = byKind("Deployment").spec;
    expect(dep.replicas).toBe(1);
    expect(dep.strategy).toEqual({ type: "Recreate" });
    const pod = dep.template.spec;
    expect(pod.securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: 10001 });
    const c = pod.containers[0];
    expect(c.securityContext).toMatchObject({ readOnlyRootFilesystem: true, allowPrivilegeEscalation: false, capabilities: { drop: ["ALL"] } });
    const ports = new Map(c.ports.map((p: { name: string; containerPort: number }) => [p.name, p.containerPort]));
    const env = new Map(c.env.map((e: { name: string; value: string }) => [e.name, e.value]));
    expect(String(ports.get("http"))).toBe(env.get("PORT"));
    expect(String(ports.get("metrics"))).toBe(env.get("MUSTER_METRICS_PORT"));
    expect(c.livenessProbe.httpGet).toEqual({ path: "/healthz", port: "http" });
    expect(c.startupProbe.httpGet).toEqual({ path: "/healthz", port: "http" });
    expect(c.readinessProbe.httpGet).toEqual({ path: "/readyz", port: "http" });
    // The database lives on the claim; /tmp is the only other writable place.
    const mounts = new Map(c.volumeMounts.map((m: { name: string; mountPath: string }) => [m.mountPath, m.name]));
    expect(path.dirname(String(env.get("DATABASE_PATH")))).toBe("/var/lib/muster");
    expect(mounts.get("/var/lib/muster")).toBe("data");
    expect(mounts.get("/tmp")).toBe("tmp");
    expect(pod.volumes.find((v: { name: string }) => v.name === "data").persistentVolumeClaim.claimName).toBe(byKind("PersistentVolumeClaim").metadata.name);
    expect(pod.terminationGracePeriodSeconds).toBeGreaterThan(Number(env.get("MUSTER_SHUTDOWN_DELAY_SECONDS")) + Number(env.get("MUSTER_SHUTDOWN_TIMEOUT_SECONDS")));
  });

  it("exposes the dashboard to the ingress and the metrics only to the monitoring namespace", () => {
    const svc = byKind("Service").spec;
    expect(svc.ports.map((p: { targetPort: string }) => p.targetPort).sort()).toEqual(["http", "metrics"]);
    const np = byKind("NetworkPolicy").spec;
    const rule = np.ingress.find((r: { ports: { port: string }[] }) => r.ports.some((p) => p.port === "metrics"));
    expect(rule.from).toEqual([{ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "monitoring" } } }]);
  });
});

describe("Kubernetes manifests for PostgreSQL", () => {
  const docs = manifests("muster-postgres.yaml");
  const byKind = (kind: string) => docs.find((d) => d.kind === kind)!;

  it("runs two or more stateless pods, updated one at a time with none down, kept through drains, spread over nodes", () => {
    expect(docs.map((d) => `${d.apiVersion} ${d.kind}`)).toEqual(["apps/v1 Deployment", "policy/v1 PodDisruptionBudget", "v1 Service", "networking.k8s.io/v1 NetworkPolicy"]);
    const dep = byKind("Deployment").spec;
    expect(dep.replicas).toBeGreaterThanOrEqual(2);
    expect(dep.strategy).toEqual({ type: "RollingUpdate", rollingUpdate: { maxUnavailable: 0, maxSurge: 1 } });
    expect(byKind("PodDisruptionBudget").spec).toEqual({ minAvailable: 1, selector: dep.selector });
    const pod = dep.template.spec;
    expect(pod.topologySpreadConstraints[0]).toMatchObject({ topologyKey: "kubernetes.io/hostname", labelSelector: dep.selector });
    // No volume claim: the data folder is the pod's own (nothing that matters is written there).
    expect(pod.volumes.map((v: { emptyDir?: unknown }) => Object.keys(v).filter((k) => k !== "name"))).toEqual([["emptyDir"], ["emptyDir"]]);
    const c = pod.containers[0];
    expect(c.envFrom).toEqual([{ secretRef: { name: "muster-secrets" } }]);
    expect(c.env.map((e: { name: string }) => e.name)).not.toContain("DATABASE_URL");
    expect(c.securityContext).toMatchObject({ readOnlyRootFilesystem: true, allowPrivilegeEscalation: false, capabilities: { drop: ["ALL"] } });
    expect(c.readinessProbe.httpGet).toEqual({ path: "/readyz", port: "http" });
    expect(c.livenessProbe.httpGet).toEqual({ path: "/healthz", port: "http" });
    // The secret the comment tells operators to create holds what several nodes need.
    const file = fs.readFileSync(path.join(ROOT, "deploy/kubernetes/muster-postgres.yaml"), "utf8");
    for (const key of ["AUTH_SECRET", "MUSTER_ADMIN_PASSWORD", "DATABASE_URL"]) expect(file).toContain(`--from-literal=${key}=`);
  });
});

describe("container recipe", () => {
  const file = fs.readFileSync(path.join(ROOT, "deploy/container/Containerfile"), "utf8");
  const instructions = file.split("\n").filter((l) => /^[A-Z]+ /.test(l));

  it("starts from the mmdebstrap base only, runs the server as a numeric non-root user, with the data folder as a volume", () => {
    expect(instructions.filter((l) => l.startsWith("FROM ")).map((l) => l.split(" ")[1])).toEqual(["${BASE}", "${BASE}"]);
    expect(file).toContain("ARG BASE=localhost/muster-base:trixie");
    expect(instructions.filter((l) => l.startsWith("USER "))).toEqual(["USER 10001:10001"]);
    expect(instructions).toContain("VOLUME /var/lib/muster");
    const entry = JSON.parse(instructions.find((l) => l.startsWith("ENTRYPOINT "))!.slice("ENTRYPOINT ".length)) as string[];
    expect(entry.join(" ")).toBe(START.replace(/^node /, "/usr/bin/node "));
    const ignored = fs.readFileSync(path.join(ROOT, "deploy/container/containerignore"), "utf8").split("\n");
    for (const p of ["node_modules", ".git", "tests/bench/.work", "data"]) expect(ignored).toContain(p);
  });
});

describe("the server under the same confinement", () => {
  it("runs as an unprivileged user who can write only its data folder and /tmp", async () => {
    const dir = tempDir("muster-confined-");
    const data = path.join(dir, "data");
    const tmp = path.join(dir, "tmp");
    fs.mkdirSync(data, { mode: 0o700 });
    fs.mkdirSync(tmp, { mode: 0o700 });
    fs.chmodSync(dir, 0o755);
    execFileSync("chown", ["65534:65534", data, tmp]);
    const port = await freePort();
    const [node, ...args] = START.split(" ");
    const proc = spawn("setpriv", ["--reuid=65534", "--regid=65534", "--clear-groups", "--no-new-privs", node === "node" ? process.execPath : node!, ...args], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH,
        NODE_ENV: "production",
        DATABASE_PATH: path.join(data, "muster.db"),
        PORT: String(port),
        HOST: "127.0.0.1",
        TMPDIR: tmp,
        HOME: data,
        MUSTER_ADMIN_PASSWORD: "confined-admin-password",
        NEXTAUTH_URL: `http://127.0.0.1:${port}`,
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    proc.stdout!.on("data", (d: Buffer) => (out += d.toString()));
    proc.stderr!.on("data", (d: Buffer) => (out += d.toString()));
    try {
      const deadline = Date.now() + 90_000;
      while (!out.includes("Muster listening")) {
        if (proc.exitCode !== null || Date.now() > deadline) throw new Error(`server did not start:\n${out}`);
        await sleep(100);
      }
      const url = `http://127.0.0.1:${port}`;
      expect((await fetch(`${url}/readyz`)).status).toBe(200);
      const admin = await signInHttp(url, "admin@muster.local", "confined-admin-password");
      expect(admin.ok).toBe(true);
      expect((await fetch(`${url}/policies`, { headers: { cookie: admin.cookie } })).status).toBe(200);
      // What it wrote is in the data folder, owned by that user and private to it.
      const written = fs.readdirSync(data).sort();
      expect(written).toEqual(expect.arrayContaining(["auth-secret", "muster.db"]));
      expect(fs.statSync(path.join(data, "auth-secret")).mode & 0o077).toBe(0);
      proc.kill("SIGTERM");
      expect(await exited(proc)).toBe(0);
      const problems = logRecords(out).filter((r) => r.level >= 40);
      expect(problems.map((r) => r.msg)).toEqual([]);
    } finally {
      proc.kill("SIGKILL");
    }
  }, 120_000);
});
