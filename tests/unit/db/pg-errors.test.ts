// What `npm run admin -- migrate` says when PostgreSQL cannot be used (server/db/pg.ts): one line
// naming what failed and where (user@host:port/database), never the URL or its password.
import { describe, expect, it } from "vitest";
import { describePostgresUrl, explainPgError, PostgresError } from "~/server/db/pg";

const URL_WITH_SECRET = "postgres://muster:s3cret%40pw@db.example.gov:5433/muster?sslmode=require";
const errorWith = (code: string, message: string) => Object.assign(new Error(message), { code });

describe("PostgreSQL errors for operators", () => {
  it("names the target without the password", () => {
    expect(describePostgresUrl(URL_WITH_SECRET)).toBe("muster@db.example.gov:5433/muster");
    expect(describePostgresUrl("postgresql://db.example.gov/muster")).toBe("db.example.gov:5432/muster");
    expect(describePostgresUrl("not a url s3cret")).toBe("the database in DATABASE_URL");
  });

  it("says what failed: network, sign-in, missing database, a server error by its SQLSTATE", () => {
    const said = (err: unknown) => explainPgError(err, URL_WITH_SECRET).message;
    expect(said(errorWith("ECONNREFUSED", "connect ECONNREFUSED 10.0.0.1:5433"))).toBe(
      "cannot reach PostgreSQL at muster@db.example.gov:5433/muster: connection refused (is the server running, and are DATABASE_URL's host and port right?)",
    );
    expect(said(errorWith("ENOTFOUND", "getaddrinfo ENOTFOUND db.example.gov"))).toContain("the host name does not resolve");
    expect(said(new Error("Connection terminated due to connection timeout"))).toContain("no answer within 10 s");
    expect(said(new Error("timeout expired"))).toContain("no answer within 10 s");
    expect(said(errorWith("28P01", 'password authentication failed for user "muster"'))).toBe(
      'PostgreSQL at muster@db.example.gov:5433/muster refused the sign-in: password authentication failed for user "muster"',
    );
    expect(said(errorWith("3D000", 'database "muster" does not exist'))).toContain("create it first");
    // A statement timeout is the server speaking, not an unreachable server.
    expect(said(errorWith("57014", "canceling statement due to statement timeout"))).toBe(
      "PostgreSQL at muster@db.example.gov:5433/muster: canceling statement due to statement timeout (SQLSTATE 57014)",
    );
    expect(explainPgError(errorWith("ECONNRESET", "read ECONNRESET"), URL_WITH_SECRET)).toBeInstanceOf(PostgresError);
  });

  it("cuts the URL and the password (as written and decoded) out of any message", () => {
    for (const leak of [URL_WITH_SECRET, "s3cret%40pw", "s3cret@pw"]) {
      const message = explainPgError(new Error(`something about ${leak} went wrong`), URL_WITH_SECRET).message;
      expect(message).not.toContain("s3cret");
      expect(message).toContain("***");
    }
  });
});
