// A minimal OpenID Connect identity provider for tests: discovery, JWKS, an authorize
// endpoint that signs in a fixed user without a prompt, and a token endpoint issuing RS256
// id_tokens. Just enough of the protocol for NextAuth's OIDC provider to complete a sign-in.
import { createHash, createSign, generateKeyPairSync, randomBytes } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";

export type IdpUser = { sub: string; email: string; name: string; emailVerified?: boolean };
/** `user` is who the provider signs in next: a test may change it between sign-ins. */
export type TestIdp = { issuer: string; clientId: string; clientSecret: string; user: IdpUser; close: () => Promise<void> };

const b64url = (v: Buffer | string) => Buffer.from(v).toString("base64url");

export async function startTestIdp(initial: IdpUser): Promise<TestIdp> {
  const idp = { user: { ...initial } };
  const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const jwk = { ...publicKey.export({ format: "jwk" }), kid: "test-key", use: "sig", alg: "RS256" };
  const clientId = "muster-test";
  const clientSecret = randomBytes(16).toString("hex");
  const codes = new Map<string, { nonce?: string; challenge?: string; redirectUri: string }>();
  let issuer = "";

  const sign = (claims: Record<string, unknown>) => {
    const head = b64url(JSON.stringify({ alg: "RS256", typ: "JWT", kid: "test-key" }));
    const body = b64url(JSON.stringify(claims));
    const sig = createSign("RSA-SHA256").update(`${head}.${body}`).sign(privateKey);
    return `${head}.${body}.${b64url(sig)}`;
  };

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? "/", issuer);
    const json = (status: number, body: unknown) => {
      res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify(body));
    };
    if (url.pathname === "/.well-known/openid-configuration") {
      return json(200, {
        issuer,
        authorization_endpoint: `${issuer}/authorize`,
        token_endpoint: `${issuer}/token`,
        jwks_uri: `${issuer}/jwks`,
        userinfo_endpoint: `${issuer}/userinfo`,
        response_types_supported: ["code"],
        subject_types_supported: ["public"],
        id_token_signing_alg_values_supported: ["RS256"],
        code_challenge_methods_supported: ["S256"],
        token_endpoint_auth_methods_supported: ["client_secret_basic", "client_secret_post"],
      });
    }
    if (url.pathname === "/jwks") return json(200, { keys: [jwk] });
    if (url.pathname === "/authorize") {
      const code = randomBytes(12).toString("hex");
      const redirectUri = url.searchParams.get("redirect_uri") ?? "";
      codes.set(code, {
        nonce: url.searchParams.get("nonce") ?? undefined,
        challenge: url.searchParams.get("code_challenge") ?? undefined,
        redirectUri,
      });
      const back = new URL(redirectUri);
      back.searchParams.set("code", code);
      back.searchParams.set("state", url.searchParams.get("state") ?? "");
      res.writeHead(302, { location: back.toString() });
      return res.end();
    }
    if (url.pathname === "/token" && req.method === "POST") {
      let raw = "";
      req.on("data", (c) => (raw += c));
      req.on("end", () => {
        const form = new URLSearchParams(raw);
        const grant = codes.get(form.get("code") ?? "");
        const verifier = form.get("code_verifier") ?? "";
        if (!grant || (grant.challenge && b64url(createHash("sha256").update(verifier).digest()) !== grant.challenge)) {
          return json(400, { error: "invalid_grant" });
        }
        codes.delete(form.get("code")!);
        const now = Math.floor(Date.now() / 1000);
        const u = idp.user;
        const verified = u.emailVerified === undefined ? {} : { email_verified: u.emailVerified };
        const idToken = sign({ iss: issuer, aud: clientId, sub: u.sub, email: u.email, ...verified, name: u.name, iat: now, exp: now + 300, ...(grant.nonce ? { nonce: grant.nonce } : {}) });
        json(200, { access_token: randomBytes(16).toString("hex"), token_type: "Bearer", expires_in: 300, id_token: idToken });
      });
      return;
    }
    if (url.pathname === "/userinfo") return json(200, idp.user);
    json(404, { error: "not_found" });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    issuer,
    clientId,
    clientSecret,
    get user() {
      return idp.user;
    },
    set user(u: IdpUser) {
      idp.user = { ...u };
    },
    close: () => new Promise((r) => server.close(() => r())),
  };
}

function keepCookies(res: Response, jar: Map<string, string>) {
  for (const c of res.headers.getSetCookie()) {
    const [pair] = c.split(";");
    const [name, ...value] = pair!.split("=");
    jar.set(name!, value.join("="));
  }
}
export const cookieHeader = (jar: Map<string, string>) => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");

/** Walks the browser's redirects through Muster (at `serverUrl`) and the identity provider. */
export async function oidcSignIn(serverUrl: string, callbackPath = "/agencies"): Promise<{ jar: Map<string, string>; finalUrl: string }> {
  const jar = new Map<string, string>();
  const csrfRes = await fetch(`${serverUrl}/api/auth/csrf`);
  keepCookies(csrfRes, jar);
  const { csrfToken } = (await csrfRes.json()) as { csrfToken: string };
  const start = await fetch(`${serverUrl}/api/auth/signin/oidc`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookieHeader(jar) },
    body: new URLSearchParams({ csrfToken, callbackUrl: `${serverUrl}${callbackPath}`, json: "true" }),
  });
  keepCookies(start, jar);
  let url = ((await start.json()) as { url: string }).url;
  for (let hop = 0; hop < 6; hop++) {
    const res = await fetch(url, { redirect: "manual", headers: url.startsWith(serverUrl) ? { cookie: cookieHeader(jar) } : {} });
    if (url.startsWith(serverUrl)) keepCookies(res, jar);
    const next = res.headers.get("location");
    if (!next) break;
    url = new URL(next, url).toString();
    if (url.startsWith(`${serverUrl}${callbackPath}`) || url.includes("/signin")) break;
  }
  return { jar, finalUrl: url };
}
