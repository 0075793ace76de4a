"use client";
// What a page shows when loading its data failed: a plain message and a retry.
import { useEffect } from "react";

export function RouteError({ error, reset, what }: { error: Error & { digest?: string }; reset: () => void; what: string }) {
  useEffect(() => {
    console.error(error);
  }, [error]);
  return (
    <div className="card" role="alert">
      <h1>{what} could not be loaded</h1>
      <p className="muted">
        Something went wrong while reading the data. Try again; if it keeps failing, tell your administrator
        {error.digest ? (
          <>
            {" "}
            (reference <code>{error.digest}</code>)
          </>
        ) : null}
        .
      </p>
      <button type="button" className="btn btn-primary" onClick={reset}>
        Try again
      </button>
    </div>
  );
}
