// Preloaded by the Node entry points (custom server, admin CLI): lets modules that
// `import "server-only"` load in plain Node, where no client bundle exists to guard.
const Module = require("node:module");
const path = require("node:path");
const EMPTY = path.join(__dirname, "empty.cjs");
const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  if (request === "server-only") return EMPTY;
  return resolve.call(this, request, ...rest);
};
