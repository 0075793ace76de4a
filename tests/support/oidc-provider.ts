// A minimal OpenID Connect identity provider for tests: discovery, JWKS, an authorize
// endpoint that signs in a fixed user without a prompt, and a token endpoint issuing RS256
// id_tokens. Just enough of the protocol for NextAuth's OIDC provider to complete a sign-in.
import { createHash, createSign, generateKeyPairSync, randomBytes } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";

export type TestIdp = { issuer: string; clientId: string; clientSecret: string; close: () => Promise<void> };

const b64url = (v: Buffer | string) => Buffer.from(v).toString("base64url");

export async function startTestIdp(user: { sub: string; email: string; name: string }): Promise<TestIdp> {
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
        const idToken = sign({ iss: issuer, aud: clientId, sub: user.sub, email: user.email, name: user.name, iat: now, exp: now + 300, ...(grant.nonce ? { nonce: grant.nonce } : {}) });
        json(200, { access_token: randomBytes(16).toString("hex"), token_type: "Bearer", expires_in: 300, id_token: idToken });
      });
      return;
    }
    if (url.pathname === "/userinfo") return json(200, user);
    json(404, { error: "not_found" });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { issuer, clientId, clientSecret, close: () => new Promise((r) => server.close(() => r())) };
}
