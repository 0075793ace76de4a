// Empty stand-in for the `server-only` package outside Next (CLI, custom server, tests).
